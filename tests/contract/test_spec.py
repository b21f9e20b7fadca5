"""The spec is complete, traceable and generator-safe (issue [spec]).

These checks read openapi/ninox.yaml directly; the linters in scripts/lint-spec check the rest.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "ninox.yaml").read_text())
METHODS = {"get", "put", "post", "delete", "patch"}
ERROR_STATUSES = {"400", "401", "403", "404", "422", "429", "500", "502", "503"}

# Reference §3 rows 1–39, as (method, path template with the spec's parameter names).
P = "/teams/{teamId}/databases/{databaseId}"
T = P + "/tables/{tableId}"
R = T + "/records/{recordId}"
REFERENCE_ROWS = [
    ("get", "/teams"),
    ("get", "/teams/{teamId}"),
    ("get", "/teams/{teamId}/databases"),
    ("get", P),
    ("get", P + "/views"),
    ("get", P + "/views/{viewId}"),
    ("post", P + "/views"),
    ("get", P + "/query"),
    ("post", P + "/query"),
    ("post", P + "/exec"),
    ("get", P + "/tables"),
    ("get", T),
    ("get", T + "/views"),
    ("get", T + "/views/{viewId}/share"),
    ("post", T + "/views/{viewId}/share"),
    ("delete", T + "/views/{viewId}/share"),
    ("get", T + "/records"),
    ("get", R),
    ("post", T + "/record"),
    ("post", T + "/records"),
    ("put", R),
    ("delete", R),
    ("delete", T + "/records"),
    ("get", R + "/files"),
    ("get", R + "/files/{fileName}"),
    ("post", R + "/files"),
    ("delete", R + "/files/{fileName}"),
    ("get", R + "/files/{fileName}/metadata"),
    ("get", R + "/files/{fileName}/thumb.jpg"),
    ("get", P + "/changes"),
    ("get", T + "/changes"),
    ("get", R + "/changes"),
    ("patch", P + "/schema"),
    ("get", P + "/schema"),
    ("get", P + "/reports"),
    ("get", P + "/reports/{reportId}"),
    ("post", P + "/reports"),
    ("get", P + "/reports/{reportId}/files"),
    ("get", P + "/reports/{reportId}/files/{fileName}"),
]


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) of the spec."""
    return [
        (method, path, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


OPS = operations()
IDS = [op["operationId"] for _, _, op in OPS]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow one local $ref."""
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = SPEC
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return resolve(target)


def test_every_reference_operation_is_in_the_spec_and_nothing_else() -> None:
    present = {(method, path) for method, path, _ in OPS}
    assert present == set(REFERENCE_ROWS), {
        "missing": sorted(set(REFERENCE_ROWS) - present),
        "extra": sorted(present - set(REFERENCE_ROWS)),
    }
    assert len(OPS) == 39


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_operation_is_documented_and_traceable(method: str, path: str, op: dict[str, Any]) -> None:
    assert re.fullmatch(r"[a-z]+[A-Z][A-Za-z]+", op["operationId"]), "verbNoun operationId"
    assert op["summary"].strip()
    assert op["tags"], "tags become the generated module folders"
    description = op["description"]
    assert re.search(r"§\d+(\.\d+)?", description), "names its reference section"
    assert re.search(r"\[(2\+|1|conflict)\]|unknown", description), "names its confidence"


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_errors_are_shared_text_first_and_there_is_no_default(
    method: str, path: str, op: dict[str, Any]
) -> None:
    responses = op["responses"]
    assert "default" not in responses, "a default response disables unexpected-status checks"
    assert set(responses) >= ERROR_STATUSES, ERROR_STATUSES - set(responses)
    for status in ERROR_STATUSES:
        ref = responses[status]["$ref"]
        assert ref.startswith("#/components/responses/")
        content = list(resolve(responses[status])["content"])
        # The generator parses only the first content type: text/plain first never crashes.
        assert content[0] == "text/plain", (status, content)
        assert "application/json" in content
    assert any(s.startswith("2") for s in responses), "has a success status"


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_undocumented_operations_are_marked(method: str, path: str, op: dict[str, Any]) -> None:
    is_undocumented = path.endswith(("/schema",)) or "/reports" in path
    assert (op["tags"] == ["undocumented"]) == is_undocumented
    assert bool(op.get("x-ninox-undocumented")) == is_undocumented


def test_bearer_security_everywhere_and_password_header_on_database_operations() -> None:
    assert SPEC["security"] == [{"bearerAuth": []}]
    assert SPEC["components"]["securitySchemes"]["bearerAuth"] == {
        **SPEC["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }
    for path, item in SPEC["paths"].items():
        names = {resolve(p)["name"] for p in item.get("parameters", [])}
        assert ("nx-password" in names) == path.startswith(P), path


def test_servers_cover_public_legacy_and_private_hosts() -> None:
    urls = [s["url"] for s in SPEC["servers"]]
    assert urls == ["https://api.ninox.com/v1", "https://api.ninoxdb.de/v1", "https://{host}/v1"]


def test_timestamps_are_patterned_strings_not_rfc3339() -> None:
    ts = SPEC["components"]["schemas"]["NinoxTimestamp"]
    assert "format" not in ts
    assert re.fullmatch(ts["pattern"], "2021-09-13T18:24:26")
    assert not re.fullmatch(ts["pattern"], "2021-09-13T18:24:26Z")


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_generated_package_has_a_module_per_operation(
    method: str, path: str, op: dict[str, Any]
) -> None:
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", op["operationId"]).lower()
    module = importlib.import_module(f"ninox_api.api.{op['tags'][0]}.{snake}")
    assert callable(module.sync_detailed)
    assert callable(module.asyncio_detailed)

"""The Ninox 4 contract is complete, traceable and generator-safe (issue #15).

These checks read openapi/ninox4.yaml directly; the linters in scripts/lint-spec check the rest.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "ninox4.yaml").read_text())
METHODS = {"get", "put", "post", "delete", "patch"}
# Every operation lists these; the July document declares fewer (reference §9 item 10).
ERROR_STATUSES = {"400", "401", "403", "404", "429", "500"}
WS = "5rdco4s18swu"  # a workspace id of the documented shape
SCOPES = {"records:write", "schema:write", "schema:manage-permissions"}

W = "/api/v1/workspace/{workspaceId}"
M = W + "/modules/{moduleName}"
T = M + "/tables/{tableName}"
# Reference §3.1 rows 1–23 (the July 2026 document), as (method, path template).
JULY_ROWS = [
    ("get", W),
    ("get", W + "/modules"),
    ("post", W + "/modules"),
    ("get", M),
    ("patch", M),
    ("delete", M),
    ("get", M + "/tables"),
    ("post", M + "/tables"),
    ("get", T),
    ("patch", T),
    ("delete", T),
    ("get", T + "/fields"),
    ("post", T + "/fields"),
    ("post", T + "/fields/batch"),
    ("delete", T + "/fields/batch"),
    ("get", T + "/fields/{fieldName}"),
    ("patch", T + "/fields/{fieldName}"),
    ("delete", T + "/fields/{fieldName}"),
    ("get", T + "/records"),
    ("post", T + "/records"),
    ("patch", T + "/records"),
    ("delete", T + "/records"),
    ("post", T + "/records/import/csv"),
]
# Reference §3.2: seen in the live document after July 2026.
OBSERVED_ROWS = [
    ("get", T + "/record/{recordId}"),
    ("post", T + "/records/upsert"),
    ("get", T + "/records/changes"),
    ("get", W + "/schema/changes"),
    ("post", W + "/script/exec"),
    ("get", T + "/views"),
    ("get", W + "/views/{viewId}"),
    ("get", T + "/reports"),
    ("get", W + "/reports/{reportId}"),
    ("post", W + "/reports/{reportId}/print"),
    ("get", M + "/functions"),
]
# Names that are types or keywords in TypeScript, Java, Go, C# or Python, or shadow common ones.
RESERVED_NAMES = {
    "Record", "Object", "Error", "File", "Date", "Function", "Module", "String", "Number",
    "Boolean", "Array", "Map", "Set", "Type", "Class", "Interface", "Enum", "List", "Dict",
    "Any", "Exception", "Response", "Request", "Option", "Optional", "Field", "Table", "View",
    "Report", "Value", "Values", "Event", "Action", "Task", "Time", "Instant", "Int", "Float",
    "Byte", "Char", "Void", "Null", "None", "Self", "Package", "Import", "Range", "Iterator",
}  # fmt: skip


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) of the contract."""
    return [
        (method, path, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


OPS = operations()
IDS = [op["operationId"] for _, _, op in OPS]


def snake(operation_id: str) -> str:
    """The module name openapi-python-client gives an operationId."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow one local $ref."""
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = SPEC
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return resolve(target)


def test_contract_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"] == "3.1.0"
    validate(SPEC)


def test_every_reference_operation_is_in_the_contract_and_nothing_else() -> None:
    present = {(method, path) for method, path, _ in OPS}
    expected = set(JULY_ROWS) | set(OBSERVED_ROWS)
    assert present == expected, {
        "missing": sorted(expected - present),
        "extra": sorted(present - expected),
    }
    assert len(OPS) == 23 + 11


def test_operation_ids_are_unique_and_make_distinct_python_names() -> None:
    assert len(set(IDS)) == len(IDS)
    assert len({snake(i) for i in IDS}) == len(IDS)


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_operation_is_documented_and_traceable(method: str, path: str, op: dict[str, Any]) -> None:
    assert re.fullmatch(r"[a-z]+[A-Z][A-Za-z]+", op["operationId"]), "verbNoun operationId"
    assert op["summary"].strip()
    assert op["tags"], "tags become the generated module folders"
    assert op["tags"][0] != "observed", "the first tag names the resource folder"
    description = op["description"]
    assert re.search(r"§\d+(\.\d+)?", description), "names its reference section"
    assert re.search(r"\[(2\+|1|conflict)\]|unknown", description), "names its confidence"
    section = "§3.2" if (method, path) in OBSERVED_ROWS else "§3.1"
    assert section in description


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_observed_operations_are_marked_with_their_source(
    method: str, path: str, op: dict[str, Any]
) -> None:
    observed = (method, path) in OBSERVED_ROWS
    assert ("observed" in op["tags"]) == observed
    assert ("x-ninox-observed" in op) == observed
    if observed:
        assert op["description"].startswith("Observed.")
        assert re.search(r"W6W|DE", op["x-ninox-observed"]["source"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", op["x-ninox-observed"]["seen"])


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_bodies_and_responses_are_inline_with_schema_refs(
    method: str, path: str, op: dict[str, Any]
) -> None:
    # Several generators fail on $ref to components/responses or components/requestBodies.
    bodies = [op["requestBody"]] if "requestBody" in op else []
    for node in [*bodies, *op["responses"].values()]:
        assert "$ref" not in node
        for media in node.get("content", {}).values():
            schema = media["schema"]
            assert "$ref" in schema or schema.get("type") == "array", schema
    assert "responses" not in SPEC["components"]
    assert "requestBodies" not in SPEC["components"]


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_errors_are_text_first_and_there_is_no_default(
    method: str, path: str, op: dict[str, Any]
) -> None:
    responses = op["responses"]
    assert "default" not in responses, "a default response disables unexpected-status checks"
    assert set(responses) >= ERROR_STATUSES, ERROR_STATUSES - set(responses)
    for status, response in responses.items():
        if status.startswith("2"):
            assert list(response["content"]) == ["application/json"]
            continue
        content = response["content"]
        # The generator parses only the first content type: text/plain first never crashes, and
        # the gateway's 401 is text/plain (reference §5, §6).
        assert list(content) == ["text/plain", "application/json"], (status, list(content))
        assert content["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    successes = [s for s in responses if s.startswith("2")]
    assert len(successes) == 1
    creates = op["operationId"].startswith(("create", "add", "import"))
    assert successes[0] == ("201" if creates else "200")


def test_error_body_is_the_documented_envelope() -> None:
    schemas = SPEC["components"]["schemas"]
    assert schemas["ErrorResponse"]["required"] == ["error"]
    assert resolve(schemas["ErrorResponse"]["properties"]["error"])["properties"]["message"] == {
        "type": "string",
        "description": "Human-readable message.",
    }
    unauthorized = SPEC["paths"][W]["get"]["responses"]["401"]
    assert "Workspace orchestrator error" in unauthorized["description"]


@pytest.mark.parametrize(
    ("operation_id", "limit"),
    [
        ("addRecords", 6_000_000),
        ("updateRecords", 6_000_000),
        ("importRecordsCsv", 50_000_000),
    ],
)
def test_size_limits_answer_413(operation_id: str, limit: int) -> None:
    op = next(op for _, _, op in OPS if op["operationId"] == operation_id)
    assert op["x-ninox-max-body-bytes"] == limit
    assert "413" in op["responses"]
    assert f"{limit // 1_000_000} MB" in op["description"]


def test_409_is_declared_by_the_record_writes_that_can_break_a_unique_field() -> None:
    with_409 = {op["operationId"] for _, _, op in OPS if "409" in op["responses"]}
    assert with_409 == {"upsertRecords", "addRecords", "updateRecords", "importRecordsCsv"}


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_scopes_are_documented(method: str, path: str, op: dict[str, Any]) -> None:
    scope = op.get("x-ninox-scope")
    writes_schema = "/records" not in path and "/script/" not in path and method != "get"
    writes_records = op["operationId"] in {
        "addRecords", "updateRecords", "deleteRecords", "importRecordsCsv", "upsertRecords",
        "execScript",
    }  # fmt: skip
    if writes_records:
        assert scope == "records:write"
    elif writes_schema and op["operationId"] != "printReport":
        assert scope == "schema:write"
    else:
        assert scope is None, "reads need no named scope (reference §5)"
    if scope is not None:
        assert f"`{scope}`" in op["description"]
        assert "403" in op["responses"]
    if op.get("requestBody") and "Roles" in yaml.safe_dump(
        resolve(op["requestBody"]["content"].get("application/json", {}).get("schema", {}))
    ):
        assert "`schema:manage-permissions`" in op["description"]


def test_security_is_bearer_everywhere_and_scopes_are_listed() -> None:
    assert SPEC["security"] == [{"bearerAuth": []}]
    scheme = SPEC["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert set(scheme["x-ninox-scopes"]) == SCOPES
    assert "Insufficient API key scope" in scheme["description"]
    for _, _, op in OPS:
        assert "security" not in op, "bearer schemes have no scopes in OpenAPI; use x-ninox-scope"


def test_server_and_workspace_id() -> None:
    assert [s["url"] for s in SPEC["servers"]] == ["https://go.ninox.com"]
    param = SPEC["components"]["parameters"]["WorkspaceIdPath"]
    assert (param["name"], param["in"], param["required"]) == ("workspaceId", "path", True)
    pattern = param["schema"]["pattern"]
    assert re.fullmatch(pattern, "5rdco4s18swu")
    assert not re.fullmatch(pattern, "5rdco4s18sw")
    assert not re.fullmatch(pattern, "5RDCO4S18SWU")
    for path, item in SPEC["paths"].items():
        assert path.startswith(W)
        assert item["parameters"][0] == {"$ref": "#/components/parameters/WorkspaceIdPath"}


def test_paging_parameters_and_envelope() -> None:
    params = SPEC["components"]["parameters"]
    assert params["LimitQuery"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert params["OffsetQuery"]["schema"] == {"type": "integer", "minimum": 0}
    page_info = SPEC["components"]["schemas"]["PageInfo"]
    assert page_info["required"] == ["has_more", "limit", "offset"]
    paged = {
        op["operationId"]
        for _, _, op in OPS
        if {"$ref": "#/components/parameters/LimitQuery"} in op.get("parameters", [])
    }
    assert paged == {
        "listModules", "listTables", "listFields", "listRecords", "listRecordChanges",
        "listSchemaChanges",
    }  # fmt: skip


def test_change_feeds_take_since_and_as_of_as_z_strings() -> None:
    instant = SPEC["components"]["schemas"]["UtcInstant"]
    assert "format" not in instant, "format: date-time would be sent as +00:00, not Z"
    assert re.fullmatch(instant["pattern"], "2026-10-01T00:00:00Z")
    assert not re.fullmatch(instant["pattern"], "2026-10-01T00:00:00+00:00")
    assert SPEC["components"]["parameters"]["SinceQuery"]["required"] is True


def test_names_are_safe_in_every_generator_language() -> None:
    schemas = set(SPEC["components"]["schemas"])
    params = set(SPEC["components"]["parameters"])
    assert not schemas & RESERVED_NAMES, schemas & RESERVED_NAMES
    assert not params & schemas, "a component parameter and schema must not share a name"
    assert not params & RESERVED_NAMES


def test_record_values_stay_open_and_ids_are_strings_out_int_in() -> None:
    schemas = SPEC["components"]["schemas"]
    # multi reads back as an array although the July document says scalar (§9 item 5).
    assert schemas["RecordValues"] == {**schemas["RecordValues"], "additionalProperties": True}
    assert schemas["RecordIdText"]["type"] == "string"
    assert schemas["RecordIdInput"]["type"] == ["integer", "string"]
    for name in ("AddRowsBody", "UpdateRowsBody", "DeleteRowsBody", "CreateFieldBody"):
        assert schemas[name]["additionalProperties"] is False, name
        assert schemas[name]["properties"][schemas[name]["required"][0]]


def reachable(node: Any, seen: set[str]) -> None:
    """Collect the component schema names reachable from ``node``."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] not in seen:
            seen.add(ref.rsplit("/", 1)[1])
            reachable(resolve(node), seen)
        for value in node.values():
            reachable(value, seen)
    elif isinstance(node, list):
        for value in node:
            reachable(value, seen)


def test_answers_have_no_closed_enums() -> None:
    # A generated enum rejects a value the server adds later (toolchain-notes §3): answers
    # keep kinds, roles and change types open; enums are for request bodies only.
    answered: set[str] = set()
    for _, _, op in OPS:
        reachable(op["responses"], answered)
    assert "FieldDefinition" in answered
    for name in sorted(answered):
        assert "enum" not in yaml.safe_dump(SPEC["components"]["schemas"][name]), name


def test_every_component_is_used() -> None:
    text = (ROOT / "openapi" / "ninox4.yaml").read_text()
    for kind in ("schemas", "parameters"):
        for name in SPEC["components"][kind]:
            assert f'"#/components/{kind}/{name}"' in text, name


@pytest.mark.parametrize(("method", "path", "op"), OPS, ids=IDS)
def test_generated_package_has_a_module_per_operation(
    method: str, path: str, op: dict[str, Any]
) -> None:
    module = importlib.import_module(f"ninox4_api.api.{op['tags'][0]}.{snake(op['operationId'])}")
    assert callable(module.sync_detailed)
    assert callable(module.asyncio_detailed)


def load_regenerate() -> ModuleType:
    """scripts/regenerate.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "scripts" / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["regenerate"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_regenerating_gives_the_committed_package(tmp_path: Path) -> None:
    regenerate = load_regenerate()
    (contract,) = [c for c in regenerate.CONTRACTS if c.spec.name == "ninox4.yaml"]
    regenerate.generate(contract, tmp_path / "ninox4_api")
    assert regenerate.differences(contract.target, tmp_path / "ninox4_api") == []


def client_answering(status: int, body: bytes, content_type: str) -> Any:
    """A generated client whose every request gets one canned answer."""
    import httpx
    from ninox4_api import AuthenticatedClient

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path.startswith(f"/api/v1/workspace/{WS}/")
        return httpx.Response(status, content=body, headers={"content-type": content_type})

    client = AuthenticatedClient(base_url="https://go.ninox.com", token="k")
    client.set_httpx_client(
        httpx.Client(base_url="https://go.ninox.com", transport=httpx.MockTransport(answer))
    )
    return client


def test_generated_client_reads_multi_arrays_and_text_401() -> None:
    from ninox4_api.api.records import list_records
    from ninox4_api.models import RowsResponse

    page = (
        b'{"data":[{"id":"1","values":{"tags":["vip","new"],"n":1}}],'
        b'"page_info":{"has_more":false,"limit":100,"offset":0}}'
    )
    with client_answering(200, page, "application/json") as client:
        answer = list_records.sync_detailed(WS, "crm", "people", client=client, limit=100)
    assert isinstance(answer.parsed, RowsResponse)
    assert answer.parsed.data[0].values["tags"] == ["vip", "new"]
    assert answer.parsed.page_info.has_more is False
    with client_answering(401, b"Workspace orchestrator error", "text/plain") as client:
        answer = list_records.sync_detailed(WS, "crm", "people", client=client)
    assert answer.parsed == "Workspace orchestrator error"

"""Every operation of openapi/ninox4.yaml, sent to the emulator, answers what the contract says.

Each answer's status must be declared for its operation and its JSON body must validate against
the declared schema; the generated ``ninox4_api`` client must parse the answers into its models.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator
from ninox4_api import AuthenticatedClient
from ninox4_api.api.records import add_records, list_records
from ninox4_api.api.workspace import get_workspace
from ninox4_api.models import AddRowsBody, RecordWrite, RowsResponse, WorkspaceResponse
from ninoxkit.testing.v4 import Ninox4Emulator

from .conftest import CRM, CUSTOMERS, LOOPBACK, READ, WS, W

pytestmark = LOOPBACK

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "ninox4.yaml").read_text())
T = CRM + "/tables/companies"
SINCE = {"since": "2026-01-01T00:00:00Z"}
FIELD = {"name": "size", "labels": {"": "Size"}, "type": "number"}
CSV = {"file": ("c.csv", b"name,city\nInitech,Austin\n", "text/csv")}

# (method, path, keyword arguments for httpx, expected status), in an order that works on the
# sample workspace: reads first, then writes, deletes last.
CALLS: list[tuple[str, str, dict[str, Any], int]] = [
    ("GET", W, {}, 200),
    ("GET", W + "/modules", {"params": {"limit": 1}}, 200),
    ("GET", CRM, {}, 200),
    ("GET", CRM + "/tables", {}, 200),
    ("GET", T, {}, 200),
    ("GET", T + "/fields", {}, 200),
    ("GET", T + "/fields/name", {}, 200),
    ("GET", CUSTOMERS + "/records", {"params": {"limit": 2, "sort": "-amount"}}, 200),
    ("GET", CUSTOMERS + "/record/1", {"params": {"fields": "name"}}, 200),
    ("GET", CUSTOMERS + "/records/changes", {"params": SINCE}, 200),
    ("GET", W + "/schema/changes", {"params": SINCE}, 200),
    ("GET", CUSTOMERS + "/views", {}, 200),
    ("GET", W + "/views/v1", {}, 200),
    ("GET", CUSTOMERS + "/reports", {}, 200),
    ("GET", W + "/reports/r1", {}, 200),
    ("POST", W + "/reports/r1/print", {"json": {"rowId": 1}}, 200),
    ("GET", CRM + "/functions", {}, 200),
    ("POST", W + "/script/exec", {"json": {"moduleName": "crm", "script": "42"}}, 200),
    ("POST", W + "/modules", {"json": {"name": "hr", "labels": {"": "HR"}}}, 201),
    ("PATCH", W + "/modules/hr", {"json": {"isHidden": True}}, 200),
    ("POST", W + "/modules/hr/tables", {"json": {"name": "staff", "labels": {"": "S"}}}, 201),
    ("PATCH", W + "/modules/hr/tables/staff", {"json": {"hasHistory": True}}, 200),
    ("POST", T + "/fields", {"json": FIELD}, 201),
    ("PATCH", T + "/fields/size", {"json": {"required": True}}, 200),
    ("POST", T + "/fields/batch", {"json": [{**FIELD, "name": "rank"}]}, 201),
    ("DELETE", T + "/fields/batch", {"json": {"fieldNames": ["rank"]}}, 200),
    ("DELETE", T + "/fields/size", {}, 200),
    ("POST", CUSTOMERS + "/records", {"json": {"records": [{"name": "Zed"}]}}, 201),
    ("PATCH", CUSTOMERS + "/records", {"json": {"records": [{"id": 4, "amount": 1}]}}, 200),
    ("DELETE", CUSTOMERS + "/records", {"json": {"records": [4]}}, 200),
    (
        "POST",
        CUSTOMERS + "/records/upsert",
        {"json": {"matchField": "email", "records": [{"email": "x@example.com"}]}},
        200,
    ),
    ("POST", T + "/records/import/csv", {"files": CSV}, 201),
    ("DELETE", W + "/modules/hr/tables/staff", {}, 200),
    ("DELETE", W + "/modules/hr", {}, 200),
    # Error answers.
    ("GET", CRM + "/tables/nope", {}, 404),
    ("GET", CUSTOMERS + "/records", {"params": {"limit": 500}}, 400),
    ("POST", CUSTOMERS + "/records", {"json": {"records": [{"x": 1}]}, "headers": READ}, 403),
    ("POST", CUSTOMERS + "/records/upsert", {"json": {"matchField": "email", "records": []}}, 400),
    ("GET", W, {"headers": {"Authorization": "Bearer nope"}}, 401),
]


def operation_for(method: str, path: str) -> tuple[str, dict[str, Any]]:
    """The contract operation a concrete request path belongs to (literal segments win)."""
    matches = []
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            matches.append((template.count("{"), template, item[method.lower()]))
    assert matches, (method, path)
    _, template, op = min(matches, key=lambda m: m[0])
    return template, op


def validate(schema: dict[str, Any], body: Any) -> None:
    wrapper = {**schema, "components": SPEC["components"]}
    errors = list(Draft202012Validator(wrapper).iter_errors(body))
    assert not errors, [e.message for e in errors[:3]]


@pytest.fixture(scope="module")
def emulator() -> Any:
    with Ninox4Emulator("sample", deterministic=True) as emu:
        yield emu


def test_every_operation_answers_as_the_contract_says(emulator: Ninox4Emulator) -> None:
    seen: set[str] = set()
    headers = {"Authorization": f"Bearer {emulator.token}"}
    with httpx.Client(base_url=emulator.url, headers=headers, timeout=10) as client:
        for method, path, kwargs, expected in CALLS:
            response = client.request(method, path, **kwargs)
            assert response.status_code == expected, (method, path, response.text)
            _, op = operation_for(method, path)
            declared = op["responses"][str(expected)]
            if expected == 401:
                assert response.headers["content-type"].startswith("text/plain")
                assert "text/plain" in declared["content"]
                continue
            validate(declared["content"]["application/json"]["schema"], response.json())
            if expected < 300:
                seen.add(op["operationId"])
    every = {op["operationId"] for item in SPEC["paths"].values() for op in item.values()
             if isinstance(op, dict) and "operationId" in op}  # fmt: skip
    assert seen == every, sorted(every - seen)


def test_the_generated_client_parses_emulator_answers(emulator: Ninox4Emulator) -> None:
    emulator.reset()
    client = AuthenticatedClient(base_url=emulator.url, token=emulator.token)
    with client:
        workspace = get_workspace.sync_detailed(WS, client=client).parsed
        assert isinstance(workspace, WorkspaceResponse)
        assert [m.name for m in workspace.data.modules] == ["crm"]  # type: ignore[union-attr]
        row = RecordWrite.from_dict({"name": "Gen", "tags": ["vip"]})
        created = add_records.sync_detailed(
            WS, "crm", "customers", client=client, body=AddRowsBody(records=[row])
        )
        assert created.status_code == 201
        page = list_records.sync_detailed(
            WS, "crm", "customers", client=client, filter_=json.dumps({"name": "Gen"})
        ).parsed
        assert isinstance(page, RowsResponse)
        assert page.data[0].values["tags"] == ["vip"]
        assert page.page_info.has_more is False

"""The Ninox 4 emulator behaves as reference/ninox4-public-api.md describes the real API."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from ninoxkit.testing.v4 import MAX_RECORDS_BYTES, Ninox4Emulator, Workspace

from .conftest import CRM, CUSTOMERS, LOOPBACK, READ, RECORDS_ONLY, WS, W

pytestmark = LOOPBACK


def names(response: object) -> list[str]:
    return [item["name"] for item in response.json()["data"]]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- auth and quirks


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "x"}])
def test_missing_and_wrong_keys_get_the_same_text_401(
    anon: httpx.Client, headers: dict[str, str]
) -> None:
    response = anon.get(W, headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "Workspace orchestrator error"


def test_a_key_works_only_in_its_own_workspace(http: httpx.Client) -> None:
    assert http.get("/api/v1/workspace/otherwsp0001/modules").status_code == 401


@pytest.mark.parametrize("path", [W + "/modulez", W + "/modules/crm/tabels", "/api/v2/x"])
def test_unknown_paths_answer_200_html(anon: httpx.Client, path: str) -> None:
    response = anon.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "data" not in response.text


def test_errors_use_the_documented_envelope(http: httpx.Client) -> None:
    response = http.get(CRM + "/tables/nope")
    assert response.status_code == 404
    assert response.json() == {"error": {"message": "table-not-found: nope"}}


# ---------------------------------------------------------------- scopes


def test_writes_without_the_scope_answer_403_naming_it(anon: httpx.Client) -> None:
    response = anon.post(CUSTOMERS + "/records", headers=READ, json={"records": [{"name": "X"}]})
    assert response.status_code == 403
    assert "records:write" in response.json()["error"]["message"]
    response = anon.post(W + "/modules", headers=RECORDS_ONLY, json={"name": "hr"})
    assert response.status_code == 403
    assert "schema:write" in response.json()["error"]["message"]
    # Reads need no named scope.
    assert anon.get(CUSTOMERS + "/records", headers=READ).status_code == 200


def test_role_keys_need_manage_permissions() -> None:
    keys = [{"token": "schema-key", "scopes": ["schema:write"]}]
    fixture = {"workspace": {"id": WS}, "keys": keys, "modules": [{"name": "crm"}]}
    with (
        Ninox4Emulator(fixture) as emu,
        httpx.Client(base_url=emu.url, headers={"Authorization": "Bearer schema-key"}) as client,
    ):
        denied = client.post(W + "/modules", json={"name": "hr", "openRoles": ["admin"]})
        assert denied.status_code == 403
        assert "schema:manage-permissions" in denied.json()["error"]["message"]
        assert client.post(W + "/modules", json={"name": "hr"}).status_code == 201
        assert list(emu.workspace.modules) == ["crm", "hr"]


# ---------------------------------------------------------------- schema


def test_workspace_reads_nest_modules_tables_fields(http: httpx.Client) -> None:
    data = http.get(W).json()["data"]
    assert data["name"] == "Acme"
    (crm,) = data["modules"]
    assert "id" not in crm
    assert [t["name"] for t in crm["tables"]] == ["companies", "customers"]
    company = next(f for f in crm["tables"][1]["fields"] if f["name"] == "company")
    # The reference target reads as refTableId, is written as refTableName (§9 item 4).
    assert company["refTableId"] == "companies"
    reverse = [f for f in crm["tables"][0]["fields"] if f["type"] == "reverse"]
    assert [f["name"] for f in reverse] == ["customers_company"]


def test_module_table_field_lifecycle(http: httpx.Client) -> None:
    created = http.post(W + "/modules", json={"name": "hr", "labels": {"": "HR"}})
    assert created.status_code == 201
    assert http.post(W + "/modules", json={"name": "hr"}).status_code == 400
    table = http.post(W + "/modules/hr/tables", json={"name": "staff", "labels": {"": "Staff"}})
    assert table.status_code == 201
    assert http.post(W + "/modules/hr/tables", json={"name": "x"}).status_code == 400  # labels
    field = {"name": "level", "labels": {"": "Level"}, "type": "number"}
    assert http.post(W + "/modules/hr/tables/staff/fields", json=field).status_code == 201
    extra = {**field, "name": "rank", "colour": "red"}
    bad = http.post(W + "/modules/hr/tables/staff/fields", json=extra)
    assert bad.status_code == 400
    assert "Unrecognized key(s)" in bad.json()["error"]["message"]
    renamed = http.patch(W + "/modules/hr/tables/staff/fields/level", json={"name": "grade"})
    assert renamed.json()["data"]["name"] == "grade"
    assert (
        http.patch(W + "/modules/hr/tables/staff/fields/grade", json={"type": "string"}).status_code
        == 400
    )
    deleted = http.delete(W + "/modules/hr/tables/staff")
    assert set(deleted.json()["data"]) == {"id"}
    assert http.delete(W + "/modules/hr").status_code == 200
    assert names(http.get(W + "/modules")) == ["crm"]


def test_field_batches_are_transactional(http: httpx.Client) -> None:
    path = CRM + "/tables/companies/fields/batch"
    batch = [
        {"name": "size", "labels": {"": "Size"}, "type": "number"},
        {"name": "size", "labels": {"": "Size"}, "type": "number"},
    ]
    assert http.post(path, json=batch).status_code == 400
    before = names(http.get(CRM + "/tables/companies/fields"))
    assert "size" not in before
    assert http.post(path, json=batch[:1]).status_code == 201
    assert http.request("DELETE", path, json={"fieldNames": ["size", "nope"]}).status_code == 404
    assert "size" in names(http.get(CRM + "/tables/companies/fields"))
    # Deleting a reference deletes its reverse field on the target.
    gone = http.request(
        "DELETE", CRM + "/tables/customers/fields/batch", json={"fieldNames": ["company"]}
    )
    assert gone.status_code == 200
    assert "customers_company" not in names(http.get(CRM + "/tables/companies/fields"))


def test_references_resolve_within_the_module_only(http: httpx.Client) -> None:
    http.post(W + "/modules", json={"name": "hr"})
    field = {"name": "c", "labels": {"": "C"}, "type": "reference", "refTableName": "companies"}
    http.post(W + "/modules/hr/tables", json={"name": "staff", "labels": {"": "S"}})
    response = http.post(W + "/modules/hr/tables/staff/fields", json=field)
    assert response.status_code == 404
    assert "table-not-found" in response.json()["error"]["message"]


# ---------------------------------------------------------------- records


def test_records_page_with_has_more_and_offset(http: httpx.Client) -> None:
    first = http.get(CUSTOMERS + "/records", params={"limit": 2}).json()
    assert [r["id"] for r in first["data"]] == ["1", "2"]
    assert first["page_info"] == {"has_more": True, "limit": 2, "offset": 0}
    second = http.get(CUSTOMERS + "/records", params={"limit": 2, "offset": 2}).json()
    assert [r["id"] for r in second["data"]] == ["3"]
    assert second["page_info"]["has_more"] is False


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"limit": "x"}])
def test_bad_paging_answers_400(http: httpx.Client, params: dict[str, Any]) -> None:
    assert http.get(CUSTOMERS + "/records", params=params).status_code == 400


def test_filter_sort_and_fields(http: httpx.Client) -> None:
    leads = http.get(CUSTOMERS + "/records", params={"filter": json.dumps({"status": "Lead"})})
    assert [r["values"]["name"] for r in leads.json()["data"]] == ["Lisa", "Ann"]
    by_id = http.get(CUSTOMERS + "/records", params={"filter": '{"id": "1"}'})
    assert by_id.status_code == 404
    assert "field-not-found" in by_id.json()["error"]["message"]
    ordered = http.get(CUSTOMERS + "/records", params={"sort": "-amount", "fields": "name,tags"})
    rows = ordered.json()["data"]
    assert [r["values"]["name"] for r in rows] == ["Lisa", "Tom", "Ann"]
    assert rows[2]["values"] == {"name": "Ann", "tags": ["new", "vip"]}


def test_one_record_by_id(http: httpx.Client) -> None:
    row = http.get(CUSTOMERS + "/record/1").json()["data"]
    assert row["id"] == "1"
    assert row["values"]["company"] == "1"
    assert http.get(CUSTOMERS + "/record/99").status_code == 404


def test_create_answers_string_ids_in_order(http: httpx.Client) -> None:
    body = {"records": [{"name": "A", "amount": "42.5"}, {"name": "B", "tags": ["vip"]}]}
    response = http.post(CUSTOMERS + "/records", json=body)
    assert response.status_code == 201
    assert response.json() == {"data": {"ids": ["4", "5"]}}
    assert http.get(CUSTOMERS + "/record/4").json()["data"]["values"]["amount"] == 42.5


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"active": 1}, "boolean"),
        ({"tags": "vip"}, "array of strings"),
        ({"status": "lead"}, "no option"),
        ({"score": 3}, "read-only"),
        ({"nope": 1}, "Unrecognized key(s)"),
        ({"amount": "many"}, "number"),
    ],
)
def test_values_are_checked_by_field_type(
    http: httpx.Client, values: dict[str, Any], message: str
) -> None:
    response = http.post(CUSTOMERS + "/records", json={"records": [values]})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_update_and_delete_are_transactional(http: httpx.Client) -> None:
    bad = http.patch(CUSTOMERS + "/records", json={"records": [{"id": 1, "name": "L"}, {"id": 99}]})
    assert bad.status_code == 404
    assert http.get(CUSTOMERS + "/record/1").json()["data"]["values"]["name"] == "Lisa"
    ok = http.patch(CUSTOMERS + "/records", json={"records": [{"id": "1", "name": None}]})
    assert ok.json() == {"data": {"updatedIds": ["1"]}}
    assert http.get(CUSTOMERS + "/record/1").json()["data"]["values"]["name"] is None
    assert (
        http.request("DELETE", CUSTOMERS + "/records", json={"records": [1, 99]}).status_code == 404
    )
    assert http.get(CUSTOMERS + "/record/1").status_code == 200
    gone = http.request("DELETE", CUSTOMERS + "/records", json={"records": [1, "2"]})
    assert gone.json() == {"data": {"deletedIds": ["1", "2"]}}


def test_payload_over_6_mb_answers_413(http: httpx.Client) -> None:
    body = {"records": [{"name": "x" * (MAX_RECORDS_BYTES + 1)}]}
    response = http.post(CUSTOMERS + "/records", json=body)
    assert response.status_code == 413
    assert "6 MB" in response.json()["error"]["message"]


def test_upsert_creates_updates_and_refuses_ambiguity(http: httpx.Client, ws: Workspace) -> None:
    body = {
        "matchField": "email",
        "records": [{"email": "lisa@example.com", "amount": 1}, {"email": "neu@example.com"}],
    }
    response = http.post(CUSTOMERS + "/records/upsert", json=body)
    assert response.json() == {"data": {"createdIds": ["4"], "updatedIds": ["1"]}}
    no_key = http.post(CUSTOMERS + "/records/upsert", json={"matchField": "email", "records": [{}]})
    assert no_key.status_code == 400
    not_unique = {"matchField": "name", "records": [{"name": "Lisa"}]}
    assert http.post(CUSTOMERS + "/records/upsert", json=not_unique).status_code == 400
    # The API refuses a second record with a unique value (409), so only data that came in
    # another way (a fixture, an import) can make a match ambiguous.
    customers = ws.table("crm", "customers")
    ws.insert(customers, {**customers.records[4]})
    again = {"matchField": "email", "records": [{"email": "neu@example.com"}]}
    assert http.post(CUSTOMERS + "/records/upsert", json=again).status_code == 409


def test_csv_import_append_and_upsert(http: httpx.Client) -> None:
    new = "Name,Email,Amount\nZoe,zoe@example.com,3\nMax,max@example.com,5\n"
    appended = http.post(
        CUSTOMERS + "/records/import/csv", files={"file": ("new.csv", new.encode(), "text/csv")}
    )
    assert appended.status_code == 201
    assert appended.json()["data"] == {"rowsImported": 2, "rowsSkipped": 0, "rowsUpdated": 0}
    csv = "Name,Email,Amount\nZoe,zoe@example.com,3\nLisa,lisa@example.com,7\n"
    files = {"file": ("people.csv", csv.encode(), "text/csv")}
    mappings = json.dumps(
        [
            {"csvColumnName": "Email", "fieldName": "email", "updatePolicy": "key"},
            {"csvColumnName": "Amount", "fieldName": "amount"},
        ]
    )
    form = {"importMode": "update", "mappings": mappings}
    updated = http.post(CUSTOMERS + "/records/import/csv", files=files, data=form)
    assert updated.json()["data"] == {"rowsImported": 0, "rowsSkipped": 0, "rowsUpdated": 2}
    no_key = http.post(
        CUSTOMERS + "/records/import/csv", files=files, data={"importMode": "upsert"}
    )
    assert no_key.status_code == 400


@pytest.mark.parametrize(
    ("csv", "form"),
    [
        # A stored e-mail (the field is unique) appended again.
        ("Name,Email\nZoe,zoe@example.com\nLisa2,lisa@example.com\n", {}),
        # The same new e-mail twice in one file.
        ("Name,Email\nZoe,zoe@example.com\nZoe2,zoe@example.com\n", {}),
        # Upsert on the key creates both rows of a new key: still two records with one value.
        (
            "Name,Email\nZoe,zoe@example.com\nZoe2,zoe@example.com\n",
            {
                "importMode": "upsert",
                "mappings": json.dumps(
                    [
                        {"csvColumnName": "Email", "fieldName": "email", "updatePolicy": "key"},
                        {"csvColumnName": "Name", "fieldName": "name"},
                    ]
                ),
            },
        ),
    ],
    ids=["stored-value", "twice-in-file", "upsert-new-key-twice"],
)
def test_csv_import_refuses_a_duplicate_in_a_unique_field(
    http: httpx.Client, csv: str, form: dict[str, str]
) -> None:
    before = http.get(CUSTOMERS + "/records").json()["data"]
    files = {"file": ("dup.csv", csv.encode(), "text/csv")}
    answer = http.post(CUSTOMERS + "/records/import/csv", files=files, data=form)
    assert answer.status_code == 409
    assert "unique" in answer.json()["error"]["message"]
    assert http.get(CUSTOMERS + "/records").json()["data"] == before  # nothing imported


@pytest.mark.parametrize(
    "form",
    [
        {"delimiter": ";;"},
        {"delimiter": "\n"},
        {"quoteChar": ","},
        {"batchSize": "5"},
        {"batchSize": "x"},
        {"numberFormat": "roman"},
        {"hasHeader": "maybe"},
        {"mappings": "{}"},
        {"mappings": "[1]"},
        {"mappings": '[{"csvColumnName": ["Name"], "fieldName": "name"}]'},
    ],
)
def test_csv_import_refuses_bad_form_fields_with_400(
    http: httpx.Client, form: dict[str, str]
) -> None:
    files = {"file": ("a.csv", b"Name,Email\nZed,zed@example.com\n", "text/csv")}
    answer = http.post(CUSTOMERS + "/records/import/csv", files=files, data=form)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["message"]


# ---------------------------------------------------------------- change feeds


def test_record_changes_window_with_as_of(http: httpx.Client) -> None:
    since = "2026-01-01T00:00:00Z"
    assert http.get(CUSTOMERS + "/records/changes", params={"since": since}).json()["data"] == []
    http.post(CUSTOMERS + "/records", json={"records": [{"name": "A"}, {"name": "B"}]})
    http.request("DELETE", CUSTOMERS + "/records", json={"records": [2]})
    first = http.get(CUSTOMERS + "/records/changes", params={"since": since, "limit": 2}).json()
    assert [(c["id"], c["changeType"]) for c in first["data"]] == [
        ("4", "created"),
        ("5", "created"),
    ]
    assert first["page_info"]["has_more"] is True
    as_of = first["meta"]["asOf"]
    # A change after page 1 stays out of this poll's window.
    http.patch(CUSTOMERS + "/records", json={"records": [{"id": 1, "name": "L"}]})
    params = {"since": since, "asOf": as_of, "limit": 2, "offset": 2}
    second = http.get(CUSTOMERS + "/records/changes", params=params).json()
    assert [(c["id"], c["changeType"]) for c in second["data"]] == [("2", "deleted")]
    assert second["page_info"]["has_more"] is False
    nxt = http.get(CUSTOMERS + "/records/changes", params={"since": as_of}).json()
    assert [(c["id"], c["changeType"]) for c in nxt["data"]] == [("1", "updated")]


def test_record_changes_need_history_and_since(http: httpx.Client) -> None:
    off = http.get(
        CRM + "/tables/companies/records/changes", params={"since": "2026-01-01T00:00:00Z"}
    )
    assert off.status_code == 400
    assert "history" in off.json()["error"]["message"]
    assert http.get(CUSTOMERS + "/records/changes").status_code == 400
    plus = http.get(CUSTOMERS + "/records/changes", params={"since": "2026-01-01T00:00:00+00:00"})
    assert plus.status_code == 400


def test_schema_changes(http: httpx.Client) -> None:
    assert http.get(W + "/schema/changes").status_code == 400
    http.post(W + "/modules", json={"name": "hr"})
    page = http.get(W + "/schema/changes", params={"since": "2026-01-01T00:00:00Z"}).json()
    assert [(c["changeType"], c["entityType"]) for c in page["data"]] == [("created", "module")]
    assert set(page["meta"]) == {"asOf", "retentionCutoff"}


# ---------------------------------------------------------------- scripts, views, reports


def test_script_exec_literals_and_scope(http: httpx.Client, anon: httpx.Client) -> None:
    ok = http.post(W + "/script/exec", json={"moduleName": "crm", "script": "42"})
    assert ok.json() == {"data": 42}
    assert http.post(W + "/script/exec", json={"moduleName": "crm", "script": "null"}).json() == {
        "data": None
    }
    denied = anon.post(W + "/script/exec", headers=READ, json={"moduleName": "crm", "script": "1"})
    assert denied.status_code == 403
    assert "records:write" in denied.json()["error"]["message"]


def test_views_reports_functions(http: httpx.Client) -> None:
    assert names(http.get(CUSTOMERS + "/views")) == ["All customers", "Leads"]
    assert http.get(W + "/views/v2").json()["data"]["name"] == "Leads"
    assert http.get(W + "/views/v9").status_code == 404
    assert names(http.get(CUSTOMERS + "/reports")) == ["Customer sheet"]
    printed = http.post(W + "/reports/r1/print", json={"rowId": 1, "rowIds": [2, 3]}).json()["data"]
    assert printed["mimeType"] == "application/pdf"
    assert printed["url"].startswith("https://emulator.invalid/")
    too_many = http.post(W + "/reports/r1/print", json={"rowId": 1, "rowIds": list(range(2, 252))})
    assert too_many.status_code == 400
    functions = http.get(CRM + "/functions").json()["data"]
    assert functions[0]["moduleName"] == "crm"


def test_the_sample_loads_without_change_history(ws: Workspace) -> None:
    assert ws.schema_changes == []
    assert all(not t.changes for m in ws.modules.values() for t in m.tables.values())
    assert ws.keys["ninox4-emulator-key"] >= {"records:write", "schema:write"}


def test_the_emulator_shares_no_code_with_the_sdk() -> None:
    import ast
    from pathlib import Path

    import ninoxkit.testing.v4 as v4

    for source in Path(v4.__file__).parent.glob("*.py"):
        tree = ast.parse(source.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                # Its own modules, or the classic emulator's fault machinery (which imports no
                # SDK code either: tests/emulator/test_independence.py).
                module = node.module or ""
                shared = module in {"ninoxkit.testing._faults", "ninoxkit.testing._app",
                                    "ninoxkit.testing._server"}  # fmt: skip
                assert node.level == 1 or shared or not module.startswith("ninox"), source
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("ninox") for a in node.names), source


def test_command_line_help(capsys: pytest.CaptureFixture[str]) -> None:
    from ninoxkit.testing.v4.__main__ import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "--fixture" in capsys.readouterr().out


@pytest.mark.asyncio
async def test_in_process_through_the_asgi_transport() -> None:
    from ninoxkit.testing.v4 import DEFAULT_TOKEN, create_app, load_workspace, read_fixture

    ws = load_workspace(read_fixture("sample"), deterministic=True)
    transport = httpx.ASGITransport(app=create_app(ws))
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="https://go.ninox.com", headers=headers
    ) as http:
        response = await http.get(f"/api/v1/workspace/{ws.id}/modules")
    assert names(response) == ["crm"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (W + "/modules", {"name": "hr", "openRoles": [{}]}),
        (W + "/modules", {"name": "hr", "openRoles": ["admin", "admin"]}),
        (W + "/modules", {"name": "hr", "hideNavigation": {}}),
        (W + "/modules", {"name": "hr", "icon": {"icon": ""}}),
        (W + "/modules", {"name": "hr", "icon": {"icon": "x", "filling": True}}),
        (CRM + "/tables", {"name": "t", "labels": {"": "T"}, "hasHistory": "yes"}),
        (CUSTOMERS + "/fields", {"name": "f", "labels": {"": "F"}, "type": {}}),
        (
            CUSTOMERS + "/fields",
            {"name": "f", "labels": {"": "F"}, "type": "string", "variant": []},
        ),
        (CUSTOMERS + "/fields", {"name": "f", "labels": {"": "F"}, "type": "string", "unique": 1}),
        (
            CUSTOMERS + "/fields",
            {
                "name": "f",
                "labels": {"": "F"},
                "type": "choice",
                "options": [{"name": "a", "order": -1}],
            },
        ),
        (
            CUSTOMERS + "/fields",
            {
                "name": "f",
                "labels": {"": "F"},
                "type": "choice",
                "options": [{"name": "a", "x": 1}],
            },
        ),
    ],
)
def test_schema_bodies_of_the_wrong_json_type_are_400(
    http: httpx.Client, path: str, body: dict[str, Any]
) -> None:
    answer = http.post(path, json=body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["message"]

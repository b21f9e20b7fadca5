# Written by scripts/unasync.py from tests/unit_v4/_async/test_cassettes4.py.
# Do not edit: edit the source and re-run the script.
"""Every Ninox 4 operation through Ninox4, replayed from ``tests/cassettes/v4``.

The async tests here and their sync twin replay the same cassettes with the network blocked,
so both twins must send the same requests (method, URL, query and body are matched). Record
them again with ``scripts/record-cassettes --v4`` (against the emulator, or ``--live``).
"""

# The sync twin cannot combine `with` blocks that were `with` + `with` here.
# ruff: noqa: SIM117

from __future__ import annotations

import datetime as dt

import pytest
from ninoxkit import (
    AuthenticationError,
    BadRequestError,
    BatchWriteError,
    Ninox4,
    NotFoundError,
    PermissionDeniedError,
)

from tests.unit_v4.recording4 import Target4

pytestmark = pytest.mark.vcr
SINCE = "2026-01-01T00:00:00Z"
FIELD = {"name": "size", "labels": {"": "Size"}, "type": "number"}


def test_workspace_modules_tables_and_fields_read(target4: Target4) -> None:
    with Ninox4(**target4.options()) as ninox:
        workspace = ninox.workspace.get()
        modules = ninox.modules.list()
        module = ninox.modules.get(module="crm")
        tables = ninox.tables.list(module="crm")
        table = ninox.tables.get(module="crm", table="customers")
        fields = ninox.fields.list(module="crm", table="customers")
        email = ninox.fields.get(module="crm", table="customers", field="email")
    assert "crm" in [m["name"] for m in workspace["modules"]]
    assert "crm" in [m["name"] for m in modules]
    assert [t["name"] for t in module["tables"]] == [t["name"] for t in tables]
    assert {"companies", "customers"} <= {t["name"] for t in tables}
    assert table["hasHistory"] is True
    assert "email" in [f["name"] for f in fields]
    assert email["unique"] is True


def test_schema_writes(target4: Target4) -> None:
    with Ninox4(**target4.options()) as ninox:
        created = ninox.modules.create({"name": "hr", "labels": {"": "HR"}})
        hidden = ninox.modules.update({"isHidden": True}, module="hr")
        staff = ninox.tables.create({"name": "staff", "labels": {"": "Staff"}}, module="hr")
        tracked = ninox.tables.update({"hasHistory": True}, module="hr", table="staff")
        size = ninox.fields.create(FIELD, module="hr", table="staff")
        required = ninox.fields.update({"required": True}, module="hr", table="staff", field="size")
        batch = ninox.fields.create_many(
            [{**FIELD, "name": "rank"}, {**FIELD, "name": "grade"}], module="hr", table="staff"
        )
        gone = ninox.fields.delete_many(module="hr", table="staff", fields=["rank", "grade"])
        ninox.fields.delete(module="hr", table="staff", field="size")
        ninox.tables.delete(module="hr", table="staff")
        ninox.modules.delete(module="hr")
        with pytest.raises(NotFoundError):
            ninox.modules.get(module="hr")
    assert created["name"] == "hr"
    assert hidden["isHidden"] is True
    assert staff["name"] == "staff"
    assert tracked["hasHistory"] is True
    assert (size["name"], required["required"]) == ("size", True)
    assert [f["name"] for f in batch] == ["rank", "grade"]
    assert sorted(f["name"] for f in gone) == ["grade", "rank"]


def test_records_page_get_create_update_delete(target4: Target4) -> None:
    with Ninox4(**target4.options()) as ninox:
        ids = ninox.records.create(
            [{"name": "Zed", "tags": ["vip"]}, {"name": "Yan"}], module="crm", table="customers"
        )
        names = [
            r["values"]["name"]
            for r in ninox.records.list(module="crm", table="customers", limit=2, fields=["name"])
        ]
        zed = ninox.records.get(module="crm", table="customers", record_id=ids[0], convert=True)
        updated = ninox.records.update(
            [{"id": ids[0], "amount": 7}, {"id": ids[1], "name": "Yann"}],
            module="crm",
            table="customers",
        )
        ninox.records.delete(module="crm", table="customers", record_ids=ids)
        with pytest.raises(NotFoundError):
            ninox.records.get(module="crm", table="customers", record_id=ids[0])
        leads = [
            r["values"]["name"]
            for r in ninox.records.list(module="crm", table="customers", filter={"status": "Lead"})
        ]
    assert names[-2:] == ["Zed", "Yan"]
    assert zed["values"]["tags"] == ["vip"]
    assert sorted(updated) == sorted(ids)
    assert sorted(leads) == ["Ann", "Lisa"]


def test_upsert_and_csv_import(target4: Target4) -> None:
    rows = [{"email": "lisa@example.com", "amount": 1}, {"email": "neu@example.com"}]
    csv = b"name,email\nCsv One,one@example.com\nCsv Two,two@example.com\n"
    with Ninox4(**target4.options()) as ninox:
        upserted = ninox.records.upsert(rows, module="crm", table="customers", match_field="email")
        imported = ninox.records.import_csv(csv, module="crm", table="customers", file_name="c.csv")
    assert (len(upserted["createdIds"]), len(upserted["updatedIds"])) == (1, 1)
    assert imported["rowsImported"] == 2


def test_change_feeds(target4: Target4) -> None:
    with Ninox4(**target4.options()) as ninox:
        since = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        before = ninox.changes.records(module="crm", table="customers", since=since)
        ninox.records.create([{"name": "Feed"}], module="crm", table="customers")
        after = ninox.changes.records(module="crm", table="customers", since=before["as_of"])
        schema = ninox.changes.schema(since=SINCE)
        with pytest.raises(BadRequestError):  # companies has no history tracking
            ninox.changes.records(module="crm", table="companies", since=SINCE)
    assert [c["changeType"] for c in after["changes"]] == ["created"]
    assert schema["as_of"].endswith("Z")


def test_script_exec(target4: Target4) -> None:
    with Ninox4(**target4.options()) as ninox:
        value = ninox.scripts.exec("42", module="crm")
    assert value == 42


def test_views_reports_print_and_functions(target4: Target4) -> None:
    target4.emulator_only()
    with Ninox4(**target4.options()) as ninox:
        views = ninox.views.list(module="crm", table="customers")
        view = ninox.views.get(view_id=views[0]["id"])
        reports = ninox.reports.list(module="crm", table="customers")
        report = ninox.reports.get(report_id=reports[0]["id"])
        printed = ninox.reports.print(report_id=reports[0]["id"], record_ids=[1, 2])
        functions = ninox.functions.list(module="crm")
    assert view["id"] == views[0]["id"]
    assert report["id"] == reports[0]["id"]
    assert printed["url"].startswith("https://")
    assert [f["name"] for f in functions] == ["greet"]


def test_errors_are_typed(target4: Target4) -> None:
    with Ninox4(**target4.options(api_key="wrong-key")) as stranger:
        with pytest.raises(AuthenticationError):
            stranger.modules.list()
    with Ninox4(**target4.options()) as ninox:
        with pytest.raises(NotFoundError):
            ninox.tables.get(module="crm", table="nope")
        with pytest.raises(BatchWriteError, match="not marked unique"):
            ninox.records.upsert(
                [{"name": "x"}], module="crm", table="customers", match_field="name"
            )


def test_a_key_without_the_scope_is_403_naming_it(target4: Target4) -> None:
    target4.emulator_only()
    with Ninox4(**target4.options(api_key=target4.read_key)) as reader:
        with pytest.raises(PermissionDeniedError, match="records:write"):
            reader.scripts.exec("1", module="crm")

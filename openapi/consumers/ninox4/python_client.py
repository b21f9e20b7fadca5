"""openapi-generator ``python`` client: the scenario of common.ts, in Python (pydantic models)."""

from __future__ import annotations

import os

import ninox_client
from ninox_client.exceptions import NotFoundException, UnauthorizedException
from ninox_client.models import (
    AddRowsBody,
    DeleteRowsBody,
    RecordIdInput,
    RecordUpdate,
    UpdateRowsBody,
    UpsertRowsBody,
)

BASE_URL = os.environ["NINOX_BASE_URL"]
TOKEN = os.environ["NINOX_TOKEN"]
WS = os.environ["NINOX_WORKSPACE"]
MODULE, TABLE = "crm", "customers"
PAGE_SIZE = 2
SINCE = "2026-10-01T00:00:00Z"


def check(condition: object, what: str) -> None:
    """Fail the scenario with ``what`` unless ``condition`` holds."""
    if not condition:
        raise SystemExit(f"openapi-generator python: check failed: {what}")


def main() -> None:
    """Run the scenario."""
    config = ninox_client.Configuration(host=BASE_URL, access_token=TOKEN)
    with ninox_client.ApiClient(config) as api:
        modules = ninox_client.ModulesApi(api).list_modules(WS).data
        check(MODULE in [m.name for m in modules], "the crm module is listed")
        tables = [t.name for t in ninox_client.TablesApi(api).list_tables(WS, MODULE).data]
        check(tables == ["companies", "customers"], f"tables of crm: {tables}")
        records = ninox_client.RecordsApi(api)
        seen: list[str] = []
        offset = 0
        while True:
            page = records.list_records(WS, MODULE, TABLE, offset=offset, limit=PAGE_SIZE)
            check(page.page_info.offset == offset, f"page_info.offset for offset {offset}")
            seen += [r.id for r in page.data]
            if not page.page_info.has_more:
                break
            offset += PAGE_SIZE
            check(offset < 20, "paging ends")
        check(seen == ["1", "2", "3"], f"paged through records 1-3, got {seen}")
        zed = {"email": "zed@consumer.example", "name": "Zed", "status": "Lead"}
        created = records.add_records(WS, MODULE, TABLE, AddRowsBody(records=[zed])).data.ids
        check(created == ["4"], f"created record 4, got {created}")
        change = RecordUpdate(
            id=RecordIdInput(4), additional_properties={"amount": 7, "tags": ["vip"]}
        )
        body = UpdateRowsBody(records=[change])
        updated = records.update_records(WS, MODULE, TABLE, body).data.updated_ids
        check(updated == ["4"], f"updated record 4, got {updated}")
        values = records.get_record(WS, MODULE, TABLE, "4").data.values
        check(values["amount"] == 7 and values["name"] == "Zed", f"read back record 4: {values}")
        upsert = UpsertRowsBody(
            matchField="email",
            records=[
                {"email": "lisa@example.com", "amount": 1},
                {"email": "new@consumer.example", "name": "New"},
            ],
        )
        upserted = records.upsert_records(WS, MODULE, TABLE, upsert).data
        check(
            upserted.updated_ids == ["1"] and upserted.created_ids == ["5"],
            f"upsert updated 1 and created 5, got {upserted}",
        )
        feed = ninox_client.ChangesApi(api).list_record_changes(
            since=SINCE, workspace_id=WS, module_name=MODULE, table_name=TABLE
        )
        changes = [f"{c.change_type} {c.id}" for c in feed.data]
        expected = ["created 4", "updated 4", "updated 1", "created 5"]
        check(changes == expected, f"change feed: {changes}")
        gone = DeleteRowsBody(records=[RecordIdInput(4)])
        deleted = records.delete_records(WS, MODULE, TABLE, gone).data.deleted_ids
        check(deleted == ["4"], f"deleted record 4, got {deleted}")
        try:
            records.get_record(WS, MODULE, TABLE, "4")
        except NotFoundException:
            pass
        else:
            check(False, "get after delete answered 404")
    wrong = ninox_client.Configuration(host=BASE_URL, access_token="not-a-ninox-key")
    with ninox_client.ApiClient(wrong) as api:
        try:
            ninox_client.ModulesApi(api).list_modules(WS)
        except UnauthorizedException as exc:
            kind = (exc.headers or {}).get("Content-Type", "")
            check(kind.startswith("text/plain"), f"the 401 is text/plain, got {kind}")
            check(exc.body == "Workspace orchestrator error", f"the 401 says {exc.body!r}")
        else:
            check(False, "a wrong key answered 401")
    print(
        f"openapi-generator python: ok (modules, tables, {len(seen)} records in pages of "
        f"{PAGE_SIZE}, create, update, get, upsert, {len(changes)} changes, delete, 404, "
        "text/plain 401)"
    )


if __name__ == "__main__":
    main()

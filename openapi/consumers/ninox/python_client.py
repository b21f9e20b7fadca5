"""openapi-generator ``python`` client: the scenario of common.ts, in Python (pydantic models)."""

from __future__ import annotations

import os

import ninox_client
from ninox_client.exceptions import NotFoundException

BASE_URL = os.environ["NINOX_BASE_URL"]
TOKEN = os.environ["NINOX_TOKEN"]
PAGE_SIZE = 2
PAYLOAD = bytes(range(256)) + b"\r\n--+++\x00"


def check(condition: object, what: str) -> None:
    """Fail the scenario with ``what`` unless ``condition`` holds."""
    if not condition:
        raise SystemExit(f"openapi-generator python: check failed: {what}")


def main() -> None:
    """Run the scenario."""
    config = ninox_client.Configuration(host=BASE_URL, access_token=TOKEN)
    with ninox_client.ApiClient(config) as api:
        teams = ninox_client.TeamsApi(api).list_teams()
        team = next(t.id for t in teams if t.name == "Acme")
        dbs = ninox_client.DatabasesApi(api).list_databases(team)
        db = next(d.id for d in dbs if d.name == "CRM")
        tables = ninox_client.TablesApi(api).list_tables(team, db)
        table = next(t.id for t in tables if t.name == "Contacts")
        records = ninox_client.RecordsApi(api)
        seen: list[int] = []
        for page in range(10):
            batch = records.list_records(team, db, table, page=page, per_page=PAGE_SIZE)
            seen += [r.id for r in batch]
            if len(batch) < PAGE_SIZE:
                break
        check(seen == [1, 2, 3, 4, 5], f"paged through records 1-5, got {seen}")
        write = ninox_client.RecordWrite(fields={"First Name": "Zed", "Last Name": "Consumer"})
        (created,) = records.save_records(team, db, table, [write])
        check(created.id == 6, f"created record 6, got {created.id}")
        update = ninox_client.RecordUpdate(fields={"Email": "zed@consumer.example"})
        updated = records.update_record(team, db, table, created.id, update)
        fields = updated.fields
        check(fields.get("Email") == "zed@consumer.example", f"updated the record: {fields}")
        files = ninox_client.FilesApi(api)
        files.upload_file(team, db, table, created.id, file=("all-bytes.bin", PAYLOAD))
        back = files.download_file(team, db, table, created.id, "all-bytes.bin")
        check(bytes(back) == PAYLOAD, f"file round trip byte for byte ({len(back)} bytes back)")
        query = ninox_client.QueryRequest(query="count(select Contacts)")
        check(ninox_client.QueryApi(api).run_query(team, db, query) == 6, "query counts 6 contacts")
        changes = ninox_client.ChangesApi(api).list_table_changes(0, team, db, table)
        updates = changes.updates or {}
        check(f"{table}{created.id}" in updates, "change feed has the new record")
        records.delete_record(team, db, table, created.id)
        try:
            records.get_record(team, db, table, created.id)
        except NotFoundException:
            pass
        else:
            check(False, "get after delete answered 404")
    print(
        f"openapi-generator python: ok (teams, databases, tables, {len(seen)} records in pages of "
        f"{PAGE_SIZE}, create, update, {len(PAYLOAD)}-byte file round trip, query, changes, "
        "delete, 404)"
    )


if __name__ == "__main__":
    main()

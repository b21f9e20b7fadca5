# Written by scripts/unasync.py from tests/resources/_async/test_tables.py.
# Do not edit: edit the source and re-run the script.
"""Tables (listTables, getTable) over cassettes."""

from __future__ import annotations

from ninoxkit import Ninox

from tests.resources.recording import Session


def test_list_tables(target: Session) -> None:
    with Ninox(**target.options()) as client:
        tables = client.tables.list()
    by_name = {table.name: table for table in tables}
    assert {"Companies", "Contacts", "Deals"} <= set(by_name)
    fields = by_name["Contacts"].fields
    assert fields
    assert "Email" in [f.name for f in fields]


def test_get_table_by_caption(target: Session) -> None:
    # The caption resolves through the schema (getDatabase), then getTable fetches the table.
    with Ninox(**target.options()) as client:
        table = client.tables.get(table="Deals")
    assert table.id == "C"
    assert table.name == "Deals"

"""Tables (listTables, getTable) over cassettes."""

from __future__ import annotations

import pytest
from ninoxkit import AsyncNinox

from tests.resources.recording import Session


@pytest.mark.asyncio
async def test_list_tables(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        tables = await client.tables.list()
    by_name = {table.name: table for table in tables}
    assert {"Companies", "Contacts", "Deals"} <= set(by_name)
    fields = by_name["Contacts"].fields
    assert fields
    assert "Email" in [f.name for f in fields]


@pytest.mark.asyncio
async def test_get_table_by_caption(target: Session) -> None:
    # The caption resolves through the schema (getDatabase), then getTable fetches the table.
    async with AsyncNinox(**target.options()) as client:
        table = await client.tables.get(table="Deals")
    assert table.id == "C"
    assert table.name == "Deals"

"""Change sets (listDatabaseChanges, listTableChanges, listRecordChanges) over cassettes."""

from __future__ import annotations

import pytest
from ninoxkit import AsyncNinox

from tests.resources.recording import DEALS, Session


@pytest.mark.asyncio
async def test_changes_since_a_write(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        (deal,) = await client.records.create([{"Title": "Tracked"}], table=DEALS)
        assert isinstance(deal.sequence, int)
        before = deal.sequence
        await client.records.update_one({"Amount": 5}, record_id=deal.id, table=DEALS)
        in_db = await client.changes.since(before)
        in_table = await client.changes.since(before, table=DEALS)
        in_record = await client.changes.since(before, table=DEALS, record_id=deal.id)
        nothing = await client.changes.since(in_db.seq, table=DEALS)
    key = f"{DEALS}{deal.id}"
    for changes in (in_db, in_table, in_record):
        assert changes.seq > before
        change = changes.updates[key]
        assert (change.table_id, change.record_id) == (DEALS, deal.id)
        assert change.fields["Amount"] == 5
        assert change.sequence is not None
        assert change.sequence > before
    assert not nothing.updates
    assert not nothing.has_changes

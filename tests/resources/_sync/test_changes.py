# Written by scripts/unasync.py from tests/resources/_async/test_changes.py.
# Do not edit: edit the source and re-run the script.
"""Change sets (listDatabaseChanges, listTableChanges, listRecordChanges) over cassettes."""

from __future__ import annotations

from ninoxkit import Ninox

from tests.resources.recording import DEALS, Session


def test_changes_since_a_write(target: Session) -> None:
    with Ninox(**target.options()) as client:
        (deal,) = client.records.create([{"Title": "Tracked"}], table=DEALS)
        assert isinstance(deal.sequence, int)
        before = deal.sequence
        client.records.update_one({"Amount": 5}, record_id=deal.id, table=DEALS)
        in_db = client.changes.since(before)
        in_table = client.changes.since(before, table=DEALS)
        in_record = client.changes.since(before, table=DEALS, record_id=deal.id)
        nothing = client.changes.since(in_db.seq, table=DEALS)
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

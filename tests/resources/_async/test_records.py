"""Records (listRecords, findRecord, getRecord, saveRecords, updateRecord, deleteRecord,
deleteRecords) over cassettes: pagination, filters, batches, conversion."""

from __future__ import annotations

import datetime as dt

import pytest
from ninoxkit import AsyncNinox, NotFoundError
from ninoxkit.types import Record

from tests.resources.recording import CONTACTS, DEALS, Session


@pytest.mark.asyncio
async def test_list_three_pages(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        pager = client.records.list(table=CONTACTS, per_page=2)
        pages: list[list[Record]] = []
        async for page in pager.pages():
            pages.append(page)
    assert [len(page) for page in pages] == [2, 2, 1]
    names = [r.fields["First Name"] for page in pages for r in page]
    assert sorted(names) == ["Anna", "Lisa", "Mei", "Ravi", "Tom"]


@pytest.mark.asyncio
async def test_list_with_filters_order_and_limit(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        leads = [
            r.fields["First Name"]
            async for r in client.records.list(
                table=CONTACTS,
                filters={"Status": "Lead"},
                order="Score",
                desc=True,
                # The cassette was recorded one page of 100 at a time.
                per_page=100,
                prefetch=1,
            )
        ]
        first = await client.records.list(table=DEALS, per_page=2, limit=1).to_list()
    assert leads == ["Anna", "Tom"]
    assert len(first) == 1


@pytest.mark.asyncio
async def test_find_one_and_get_converted(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        found = await client.records.find_one({"Email": "lisa@acme.example"}, table=CONTACTS)
        assert found is not None
        record = await client.records.get(record_id=found.id, table=CONTACTS, convert=True)
        missing = await client.records.find_one({"Email": "nobody@nowhere.example"}, table=CONTACTS)
    assert record.fields["First Name"] == "Lisa"
    assert record.fields["Birthday"] == dt.date(1985, 3, 14)
    assert missing is None


@pytest.mark.asyncio
async def test_create_in_batches(target: Session) -> None:
    rows = [{"Title": f"Deal {n}", "Amount": 100 * n, "Stage": "Prospect"} for n in (1, 2, 3)]
    async with AsyncNinox(**target.options()) as client:
        # The cassette was recorded one batch and one page of 100 at a time.
        created = await client.records.create(rows, table=DEALS, batch_size=2, max_in_flight=1)
        listed = await client.records.list(
            table=DEALS, filters={"Stage": "Prospect"}, per_page=100, prefetch=1
        ).to_list()
    assert [r.fields["Title"] for r in created] == ["Deal 1", "Deal 2", "Deal 3"]
    assert len({r.id for r in created}) == 3
    assert {"Deal 1", "Deal 2", "Deal 3"} <= {r.fields["Title"] for r in listed}


@pytest.mark.asyncio
async def test_update_upsert_and_update_one(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        (deal,) = await client.records.create([{"Title": "Pilot", "Amount": 10}], table=DEALS)
        updated = await client.records.update(
            [{"id": deal.id, "fields": {"Amount": 20}}], table=DEALS
        )
        upserted = await client.records.upsert(
            [(deal.id, {"Stage": "Won"}), {"fields": {"Title": "Fresh"}}], table=DEALS
        )
        one = await client.records.update_one({"Title": "Pilot 2"}, record_id=deal.id, table=DEALS)
    assert updated[0].fields["Amount"] == 20
    assert upserted[0].id == deal.id
    assert upserted[0].fields["Stage"] == "Won"
    assert upserted[1].id != deal.id
    assert upserted[1].fields["Title"] == "Fresh"
    assert one.fields["Title"] == "Pilot 2"
    assert one.fields["Amount"] == 20


@pytest.mark.asyncio
async def test_delete_and_delete_many(target: Session) -> None:
    rows = [{"Title": name} for name in ("x", "y", "z")]
    async with AsyncNinox(**target.options()) as client:
        a, b, c = await client.records.create(rows, table=DEALS)
        await client.records.delete(record_id=a.id, table=DEALS)
        await client.records.delete_many(record_ids=[b.id, c.id], table=DEALS)
        with pytest.raises(NotFoundError) as excinfo:
            await client.records.get(record_id=b.id, table=DEALS)
    assert excinfo.value.status_code == 404

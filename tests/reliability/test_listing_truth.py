"""A listing yields every record of the table exactly once, whatever the order or the server.

Against the emulator (honest) and through :mod:`._hostile` (a server that caps ``perPage``,
repeats ids inside a page, alternates pages, reverses the order or ignores filters): the set of
ids listed is the table's, no id comes twice, and every listing ends.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ninoxkit import FilterNotAppliedError, Ninox
from ninoxkit.testing import NinoxEmulator

from tests.helpers import examples

from ._hostile import HostileTransport
from .conftest import DB, SECRET, TALLY, TEAM, async_client

TABLE = "C"  # Deals: Title, Amount, Stage, Close Date, Contact

#: Every order a listing can ask for (reference §4.9).
ORDERS: dict[str, dict[str, Any]] = {
    "default": {},
    "asc-id": {"desc": False},
    "desc-id": {"desc": True},
    "amount-asc": {"order": "Amount"},
    "amount-desc": {"order": "Amount", "desc": True},
    "title-desc": {"order": "Title", "desc": True},
    "new": {"new": True},
    "updated": {"updated": True},
}


@pytest.fixture(scope="module")
def seeded(server: NinoxEmulator) -> Iterator[tuple[NinoxEmulator, set[int]]]:
    """Deals with gaps in the ids, tied amounts and an update order unlike the id order."""
    server.reset()
    with client_for(server) as c:
        rows = [{"Title": f"deal {n:03d}", "Amount": n % 7, "Stage": "Prospect"} for n in range(60)]
        created = c.records.create(rows, table=TABLE)
        c.records.delete_many(record_ids=[r.id for r in created[5:50:6]], table=TABLE)
        c.records.update([(r.id, {"Amount": 99}) for r in reversed(created[1::9])], table=TABLE)
        ids = {r.id for r in c.records.list(table=TABLE, per_page=500)}
    assert len(ids) == 3 + 60 - 8
    yield server, ids
    server.reset()


@contextmanager
def client_for(emu: NinoxEmulator, transport: httpx.BaseTransport | None = None) -> Iterator[Ninox]:
    with (
        httpx.Client(transport=transport or httpx.HTTPTransport(), timeout=10) as http,
        Ninox(
            api_key=SECRET, base_url=emu.base_url, team_id=TEAM, database_id=DB, http_client=http
        ) as c,
    ):
        yield c


def listed(c: Ninox, **kwargs: Any) -> Counter[int]:
    pager = c.records.list(table=TABLE, **kwargs)
    ids = Counter(r.id for r in pager)
    TALLY["records_checked"] += sum(ids.values())
    return ids


@settings(max_examples=examples(40))
@given(
    order=st.sampled_from(sorted(ORDERS)),
    per_page=st.none() | st.integers(1, 60),
    prefetch=st.integers(1, 4),
)
def test_every_order_page_size_and_read_ahead_lists_each_record_once(
    seeded: tuple[NinoxEmulator, set[int]], order: str, per_page: int | None, prefetch: int
) -> None:
    emu, table = seeded
    with client_for(emu) as c:
        pager = c.records.list(table=TABLE, per_page=per_page, prefetch=prefetch, **ORDERS[order])
        ids = Counter(r.id for r in pager)
    TALLY["records_checked"] += sum(ids.values())
    assert set(ids) == table
    assert max(ids.values()) == 1
    assert pager.wasted_requests <= prefetch - 1


@settings(max_examples=examples(20))
@given(
    order=st.sampled_from(sorted(ORDERS)),
    per_page=st.none() | st.integers(1, 60),
    prefetch=st.integers(1, 4),
    limit=st.integers(1, 70),
)
def test_a_limit_with_read_ahead_yields_the_first_records_of_the_order(
    seeded: tuple[NinoxEmulator, set[int]],
    order: str,
    per_page: int | None,
    prefetch: int,
    limit: int,
) -> None:
    emu, _ = seeded
    with client_for(emu) as c:
        everything = [r.id for r in c.records.list(table=TABLE, prefetch=1, **ORDERS[order])]
        pager = c.records.list(
            table=TABLE, per_page=per_page, prefetch=prefetch, limit=limit, **ORDERS[order]
        )
        first = [r.id for r in pager]
    assert first == everything[:limit]


@settings(max_examples=examples(30))
@given(
    order=st.sampled_from(sorted(ORDERS)),
    per_page=st.integers(2, 60),
    cap=st.none() | st.integers(1, 40),
    repeat=st.booleans(),
    reverse=st.booleans(),
    prefetch=st.integers(1, 4),
)
def test_a_hostile_server_cannot_make_a_listing_lose_or_double_records(
    seeded: tuple[NinoxEmulator, set[int]],
    order: str,
    per_page: int,
    cap: int | None,
    repeat: bool,
    reverse: bool,
    prefetch: int,
) -> None:
    emu, table = seeded
    hostile = HostileTransport(cap=cap, repeat_in_page=repeat, reverse=reverse)
    with client_for(emu, hostile) as c:
        ids = listed(c, per_page=per_page, prefetch=prefetch, **ORDERS[order])
    assert set(ids) == table
    assert max(ids.values()) == 1


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_alternating_pages_end_the_listing_without_duplicates(
    seeded: tuple[NinoxEmulator, set[int]], order: str
) -> None:
    emu, table = seeded
    hostile = HostileTransport(alternate=True)
    with client_for(emu, hostile) as c:
        pager = c.records.list(table=TABLE, per_page=10, **ORDERS[order])
        ids = Counter(r.id for r in pager)
    assert max(ids.values()) == 1
    assert set(ids) <= table
    assert len(ids) == 20  # pages 0 and 1, then page "2" repeats page 0 and ends it
    assert pager.pages_fetched == 3
    assert pager.repeated_pages == 1
    assert pager.repeated_records == 10
    # Read-ahead may have asked for pages the listing then did not need (at most W - 1).
    assert pager.wasted_requests <= c.max_concurrency - 1
    assert hostile.listings == 3 + pager.wasted_requests


def test_desc_without_order_lists_all_303_records(
    seeded: tuple[NinoxEmulator, set[int]],
) -> None:
    """The reported case: ``desc=True`` alone used to stop after the first 100 records."""
    emu, _ = seeded
    with client_for(emu) as c:
        made = c.records.create([{"Name": f"c{n}"} for n in range(300)], table="A")
        try:
            ids = [r.id for r in c.records.list(table="A", desc=True)]
        finally:
            c.records.delete_many(record_ids=[r.id for r in made], table="A")
    assert len(ids) == 303
    assert ids == sorted(ids, reverse=True)


def test_a_cap_at_37_loses_nothing_and_costs_no_extra_request(
    seeded: tuple[NinoxEmulator, set[int]],
) -> None:
    emu, table = seeded
    hostile = HostileTransport(cap=37)
    with client_for(emu, hostile) as c:
        pager = c.records.list(table=TABLE, per_page=500)
        ids = [r.id for r in pager]
    assert sorted(ids) == sorted(table)
    # 55 records: 37 + 18. The short first page is confirmed by the second; the second is
    # shorter than the first, so the listing ends without a third request.
    assert pager.pages_fetched == 2 == hostile.listings


def test_a_small_table_costs_one_extra_request_to_rule_out_a_cap(
    seeded: tuple[NinoxEmulator, set[int]],
) -> None:
    emu, table = seeded
    hostile = HostileTransport()
    with client_for(emu, hostile) as c:
        pager = c.records.list(table=TABLE, per_page=500)
        assert len(list(pager)) == len(table)
    assert hostile.listings == 2  # the short page, then an empty one confirming the end


# -- filters that cannot silently lie (#20 item 4) ----------------------------------------


def test_a_server_ignoring_filters_raises_instead_of_yielding_other_records(
    seeded: tuple[NinoxEmulator, set[int]],
) -> None:
    emu, _ = seeded
    with client_for(emu, HostileTransport(ignore_filters=True)) as c:
        pager = c.records.list(table=TABLE, filters={"Stage": "Won"})
        yielded: list[int] = []
        with pytest.raises(FilterNotAppliedError, match="ignored or misread the filter") as info:
            yielded.extend(r.id for r in pager)
        assert yielded == []
        assert info.value.field == "Stage"
        assert info.value.expected == "Won"
        with pytest.raises(FilterNotAppliedError):
            c.records.find_one({"Title": "Globex pilot"}, table=TABLE)
        with pytest.raises(FilterNotAppliedError):
            c.records.list(table=TABLE, filters={"Stage": "Won"}, convert=True).to_list()


@pytest.mark.parametrize(
    ("filters", "extra"),
    [
        ({"Stage": "Won"}, {}),
        ({"C": "Won"}, {}),  # by field id
        ({"Stage": "Won"}, {"choice_style": "ids"}),  # the record answers the option id
        ({"Amount": 8000.0}, {}),  # 8000 and 8000.0 are the same number
        ({"Amount": 8000}, {"ids": True}),  # records keyed by field id
    ],
)
def test_equivalent_representations_pass_the_filter_check(
    seeded: tuple[NinoxEmulator, set[int]], filters: dict[str, Any], extra: dict[str, Any]
) -> None:
    emu, _ = seeded
    with client_for(emu) as c:
        ids = [r.id for r in c.records.list(table=TABLE, filters=filters, **extra)]
        found = c.records.find_one(filters, table=TABLE)
    assert ids == [3]
    assert found is not None
    assert found.id == 3


def test_an_honest_filtered_listing_reads_no_schema(
    seeded: tuple[NinoxEmulator, set[int]],
) -> None:
    emu, _ = seeded
    with client_for(emu) as c:
        before = len(emu.requests())
        assert [r.id for r in c.records.list(table=TABLE, filters={"Stage": "Won"})] == [3]
        paths = [e["path"] for e in emu.requests()[before:]]
    assert all(p.endswith("/tables/C/records") for p in paths)


def test_the_async_pager_lists_each_record_once_in_every_order(
    seeded: tuple[NinoxEmulator, set[int]],
) -> None:
    emu, table = seeded

    async def run() -> dict[str, Counter[int]]:
        async with async_client(emu) as c:
            out: dict[str, Counter[int]] = {}
            for name, kwargs in ORDERS.items():
                pager = c.records.list(table=TABLE, per_page=7, **kwargs)
                out[name] = Counter([r.id async for r in pager])
            return out

    for name, ids in asyncio.run(run()).items():
        assert set(ids) == table, name
        assert max(ids.values()) == 1, name

"""Read-ahead, batches in flight and ``get_many`` against the emulator: exact, and within limits.

Latency is injected at the emulator so requests overlap; nothing here asserts a time. What is
asserted: never more requests in flight than ``max_concurrency`` (counted at the transport,
across every concurrent call of one client), every record listed once in order, every written
item accounted for exactly under faults mid-window, and after an error or a cancellation no
request still running and every concurrency slot free.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing, asynccontextmanager, closing, contextmanager
from typing import Any

import anyio
import httpx
import pytest
from ninoxkit import AsyncNinox, BatchWriteError, Ninox, NinoxError
from ninoxkit.testing import NinoxEmulator

from .conftest import DB, PREFIX, SECRET, TALLY, TEAM

RECORDS = rf"^{PREFIX}/tables/B/records$"
W = 3  # max_concurrency of every client here (not the default, so the cap is what is seen)


def is_page_request(request: httpx.Request) -> bool:
    """Whether ``request`` asks for a page of table B's records."""
    return request.method == "GET" and request.url.path == f"{PREFIX}/tables/B/records"


class InFlight(httpx.BaseTransport):
    """Forwards to the emulator, counting requests in flight (the peak is what is checked)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.lock = threading.Lock()
        self.now = 0
        self.peak = 0
        self.sent = 0
        self.listed = 0  # page requests of table B

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.now += 1
            self.sent += 1
            self.listed += is_page_request(request)
            self.peak = max(self.peak, self.now)
        try:
            response = self.inner.handle_request(request)
            response.read()
            return response
        finally:
            with self.lock:
                self.now -= 1

    def close(self) -> None:
        self.inner.close()


class AsyncInFlight(httpx.AsyncBaseTransport):
    """The async twin of :class:`InFlight`."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.now = 0
        self.peak = 0
        self.listed = 0  # page requests of table B

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.now += 1
        self.listed += is_page_request(request)
        self.peak = max(self.peak, self.now)
        try:
            response = await self.inner.handle_async_request(request)
            await response.aread()
            return response
        finally:
            self.now -= 1

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture(scope="module")
def server() -> Iterator[NinoxEmulator]:
    """This module's emulator, seeded once with 260 contacts in table B."""
    emu = NinoxEmulator(fixture="crm", deterministic=True, token=SECRET).start()
    try:
        with Ninox(api_key=SECRET, base_url=emu.base_url, team_id=TEAM, database_id=DB) as c:
            c.records.create(
                [{"First Name": f"f{i}", "Last Name": "seed", "Score": i} for i in range(260)],
                table="B",
            )
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def emu(server: NinoxEmulator) -> Iterator[NinoxEmulator]:
    server.faults.clear()
    server.faults.add("latency", seconds=0.01, path="/records")
    yield server
    server.faults.clear()


@contextmanager
def sync_client(emu: NinoxEmulator, transport: httpx.BaseTransport) -> Iterator[Ninox]:
    with (
        httpx.Client(transport=transport, timeout=10) as http,
        Ninox(
            api_key=SECRET,
            base_url=emu.base_url,
            team_id=TEAM,
            database_id=DB,
            http_client=http,
            max_concurrency=W,
        ) as client,
    ):
        yield client


@asynccontextmanager
async def async_client(
    emu: NinoxEmulator, transport: httpx.AsyncBaseTransport
) -> AsyncIterator[AsyncNinox]:
    async with (
        httpx.AsyncClient(transport=transport, timeout=10) as http,
        AsyncNinox(
            api_key=SECRET,
            base_url=emu.base_url,
            team_id=TEAM,
            database_id=DB,
            http_client=http,
            max_concurrency=W,
        ) as client,
    ):
        yield client


def all_slots_free(client: Ninox) -> bool:
    limiter = client._shared.limiter
    taken = [limiter.acquire(timeout=0) for _ in range(W)]
    for ok in taken:
        if ok:
            limiter.release()
    return all(taken)


ORDERS: dict[str, dict[str, Any]] = {
    "default": {},
    "desc": {"desc": True},
    "score-desc": {"order": "Score", "desc": True},
    "new": {"new": True},
    "updated": {"updated": True},
}


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_read_ahead_lists_in_order_and_never_exceeds_max_concurrency(
    emu: NinoxEmulator, order: str
) -> None:
    transport = InFlight()
    with sync_client(emu, transport) as c:
        expected = [r.id for r in c.records.list(table="B", prefetch=1, **ORDERS[order])]
        transport.peak = 0
        pager = c.records.list(table="B", per_page=20, **ORDERS[order])
        ids = [r.id for r in pager]
        assert all_slots_free(c)
    assert ids == expected
    assert transport.peak <= W
    assert pager.wasted_requests <= W - 1
    TALLY["records_checked"] += len(ids)


def test_read_ahead_keeps_the_window_full_while_the_consumer_holds_a_page(
    emu: NinoxEmulator,
) -> None:
    # The next page is asked for before a page is handed on, not when the consumer comes back
    # for more: a slow consumer still has W requests working ahead of it, and never more.
    transport = InFlight()
    with sync_client(emu, transport) as c:
        expected = [r.id for r in c.records.list(table="B", prefetch=1)]
        transport.listed = 0
        pager = c.records.list(table="B", per_page=20)
        ids: list[int] = []
        with closing(pager.pages()) as pages:
            for handed, page in enumerate(pages, start=1):
                ids += [r.id for r in page]
                if handed == 2:
                    # The consumer holds page 1; the window fills up behind it.
                    deadline = time.monotonic() + 2
                    while transport.listed < handed + W and time.monotonic() < deadline:
                        time.sleep(0.005)
                    time.sleep(0.05)
                    assert transport.listed == handed + W
                assert transport.listed <= handed + W
    assert ids == expected
    assert pager.wasted_requests <= W - 1


def test_a_caller_reading_one_page_asks_for_two_at_most(emu: NinoxEmulator) -> None:
    # The window opens to W only once the consumer comes back for a second page.
    transport = InFlight()
    with sync_client(emu, transport) as c:
        transport.listed = 0
        with closing(c.records.list(table="B", per_page=20).pages()) as pages:
            assert len(next(pages)) == 20
            time.sleep(0.05)
            assert transport.listed == 2


def test_async_read_ahead_keeps_the_window_full_while_the_consumer_holds_a_page(
    emu: NinoxEmulator,
) -> None:
    async def run() -> tuple[list[int], list[int], int]:
        transport = AsyncInFlight()
        async with async_client(emu, transport) as c:
            expected = [r.id async for r in c.records.list(table="B", prefetch=1)]
            transport.listed = 0
            pager = c.records.list(table="B", per_page=20)
            ids: list[int] = []
            handed = 0
            async with aclosing(pager.pages()) as pages:
                async for page in pages:
                    handed += 1
                    ids += [r.id for r in page]
                    if handed == 2:
                        for _ in range(400):
                            if transport.listed >= handed + W:
                                break
                            await asyncio.sleep(0.005)
                        await asyncio.sleep(0.05)
                        assert transport.listed == handed + W
                    assert transport.listed <= handed + W
        return expected, ids, pager.wasted_requests

    expected, ids, wasted = asyncio.run(run())
    assert ids == expected
    assert wasted <= W - 1


def test_concurrent_calls_of_one_client_share_its_limit(emu: NinoxEmulator) -> None:
    transport = InFlight()
    with sync_client(emu, transport) as c:
        listed: list[list[int]] = []

        def work() -> None:
            listed.append([r.id for r in c.records.list(table="B", per_page=15)])
            c.records.get_many(record_ids=range(1, 40), table="B")

        threads = [threading.Thread(target=work) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all_slots_free(c)
    assert len(listed) == 3
    assert all(ids == listed[0] for ids in listed)
    assert transport.peak <= W


def test_batches_in_flight_never_exceed_max_concurrency_and_keep_input_order(
    emu: NinoxEmulator,
) -> None:
    transport = InFlight()
    rows = [{"First Name": f"w{i}", "Last Name": "inflight", "Score": i} for i in range(120)]
    with sync_client(emu, transport) as c:
        created = c.records.create(rows, table="B", batch_size=10)
        assert [int(r.fields["Score"]) for r in created] == list(range(120))
        stored = Counter(
            int(r.fields["Score"])
            for r in c.records.list(table="B", filters={"Last Name": "inflight"})
        )
        c.records.delete_many(record_ids=[r.id for r in created], table="B", batch_size=10)
        assert all_slots_free(c)
    assert stored == Counter(range(120))
    assert transport.peak <= W


@pytest.mark.parametrize("fault", ["reset", "500", "400"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_fault_mid_window_leaves_every_item_accounted_for(
    emu: NinoxEmulator, fault: str, seed: int
) -> None:
    tag = f"mid-{fault}-{seed}"
    rule: dict[str, Any] = (
        {"kind": "reset"}
        if fault == "reset"
        else {"kind": "status", "status": int(fault), "body": "json"}
    )
    # The (seed + 2)-th save fails: with W batches in flight, others are on the wire then.
    emu.faults.add(path=RECORDS, method="POST", every=seed + 2, max_count=1, **rule)
    rows = [{"First Name": f"m{i}", "Last Name": tag, "Score": i} for i in range(90)]
    transport = InFlight()
    with sync_client(emu, transport) as c, pytest.raises(BatchWriteError) as info:
        c.records.create(rows, table="B", batch_size=6)
    emu.faults.clear()
    err = info.value
    with sync_client(emu, InFlight()) as c:
        stored = Counter(
            int(r.fields["Score"]) for r in c.records.list(table="B", filters={"Last Name": tag})
        )
        assert all_slots_free(c)
    written = [i for i, _ in err.written]
    assert sorted([*written, *err.not_written, *err.unknown]) == list(range(90))
    assert all(stored[i] == 1 for i in written)
    assert all(stored[i] == 0 for i in err.not_written)
    assert all(stored[i] <= 1 for i in err.unknown)  # never re-sent, so never twice
    assert max(stored.values(), default=0) <= 1
    assert [r.fields["Score"] for _, r in err.written] == written
    if fault == "400":
        assert err.unknown == []
    else:
        assert len(err.unknown) == 6  # exactly the failed batch
    assert transport.peak <= W
    TALLY["faults_injected"] += 1
    TALLY["records_checked"] += 90
    TALLY["records_lost"] += sum(1 for i in written if stored[i] == 0)
    TALLY["duplicate_records"] += sum(n - 1 for n in stored.values() if n > 1)


def test_a_listing_error_mid_window_leaves_no_request_running(emu: NinoxEmulator) -> None:
    emu.faults.add("status", status=404, path="/tables/B/records$", method="GET", every=4)
    transport = InFlight()
    with sync_client(emu, transport) as c:
        with pytest.raises(NinoxError):
            list(c.records.list(table="B", per_page=10))
        assert transport.now == 0
        assert all_slots_free(c)


def test_async_read_ahead_and_batches_stay_within_max_concurrency(emu: NinoxEmulator) -> None:
    async def run() -> tuple[list[int], list[int], int]:
        transport = AsyncInFlight()
        async with async_client(emu, transport) as c:
            expected = [r.id async for r in c.records.list(table="B", prefetch=1)]
            ids = [r.id async for r in c.records.list(table="B", per_page=20)]
            rows = [{"First Name": f"a{i}", "Last Name": "async", "Score": i} for i in range(50)]
            created = await c.records.create(rows, table="B", batch_size=5)
            await c.records.delete_many(record_ids=[r.id for r in created], table="B", batch_size=5)
            got = await c.records.get_many(record_ids=list(reversed(expected[:30])), table="B")
            assert [r.id for r in got] == list(reversed(expected[:30]))
            assert [int(r.fields["Score"]) for r in created] == list(range(50))
        return expected, ids, transport.peak

    expected, ids, peak = asyncio.run(run())
    assert ids == expected
    assert peak <= W


def test_a_cancelled_async_listing_leaves_no_request_running_and_no_slot_taken(
    emu: NinoxEmulator,
) -> None:
    emu.faults.add("latency", seconds=0.2, path="/records")

    async def run() -> tuple[int, bool]:
        transport = AsyncInFlight()
        async with async_client(emu, transport) as c:
            seen: list[int] = []

            async def listing() -> None:
                async for record in c.records.list(table="B", per_page=10):
                    seen.append(record.id)

            with anyio.move_on_after(0.5):
                await listing()
            assert seen  # it was cancelled part-way, with pages in flight
            limiter = c._shared.limiter
            free = 0
            for _ in range(W):
                try:
                    limiter.acquire_nowait()
                    free += 1
                except anyio.WouldBlock:
                    break
            for _ in range(free):
                limiter.release()
            return transport.now, free == W

    now, free = asyncio.run(run())
    assert now == 0
    assert free


def test_a_server_capping_pages_silently_loses_nothing_with_read_ahead() -> None:
    emu = NinoxEmulator(fixture="crm", deterministic=True, token=SECRET, page_cap=40).start()
    try:
        with Ninox(
            api_key=SECRET, base_url=emu.base_url, team_id=TEAM, database_id=DB, max_concurrency=4
        ) as c:
            c.records.create(
                [{"First Name": f"c{i}", "Last Name": "cap", "Score": i} for i in range(230)],
                table="B",
            )
            for order in ORDERS.values():
                for prefetch in (1, 2, 4):
                    expected = [r.id for r in c.records.list(table="B", per_page=10, **order)]
                    pager = c.records.list(table="B", prefetch=prefetch, **order)
                    assert [r.id for r in pager] == expected
                    assert pager.wasted_requests <= prefetch - 1
                    TALLY["records_checked"] += len(expected)
    finally:
        emu.stop()

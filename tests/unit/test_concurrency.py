"""The concurrency limit bounds requests in flight across threads and asyncio tasks."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from ninoxkit import AsyncNinox, Ninox

from tests.unit.conftest import KEY
from tests.unit.fakeninox import DB, TEAM, FakeNinox


class InFlight:
    def __init__(self) -> None:
        self.now = 0
        self.max = 0
        self.lock = threading.Lock()

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.max = max(self.max, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


@pytest.mark.parametrize("limit", [1, 3])
def test_threads_share_the_limit(limit: int) -> None:
    meter = InFlight()

    def handler(request: httpx.Request) -> httpx.Response:
        meter.enter()
        time.sleep(0.02)
        meter.leave()
        return httpx.Response(200, json=[])

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = Ninox(api_key=KEY, http_client=http, max_concurrency=limit)
    copy = client.with_options(team_id="t")  # copies share the limiter
    with ThreadPoolExecutor(max_workers=12) as pool:
        futures = [
            pool.submit((client if i % 2 else copy).request, "GET", "/teams") for i in range(24)
        ]
        for future in futures:
            future.result()
    assert meter.max == limit
    http.close()


@pytest.mark.parametrize("limit", [1, 4])
@pytest.mark.asyncio
async def test_tasks_share_the_limit(limit: int) -> None:
    meter = InFlight()

    async def handler(request: httpx.Request) -> httpx.Response:
        meter.enter()
        await asyncio.sleep(0.01)
        meter.leave()
        return httpx.Response(200, json=[])

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AsyncNinox(api_key=KEY, http_client=http, max_concurrency=limit)
    copy = client.with_options(team_id="t")
    await asyncio.gather(*((client if i % 2 else copy).request("GET", "/teams") for i in range(24)))
    assert meter.max == limit
    await http.aclose()


def test_default_limit_is_four() -> None:
    with Ninox(api_key=KEY) as client:
        assert client.max_concurrency == 4
        assert client._shared.limiter._value == 4  # the semaphore, not just the option


def test_concurrent_first_calls_read_the_table_list_once_across_threads() -> None:
    fake = FakeNinox()
    fake.add("A", 8)

    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.005)
        return fake(request)

    client = Ninox(
        api_key="key",
        team_id=TEAM,
        database_id=DB,
        http_client=httpx.Client(transport=httpx.MockTransport(slow)),
    )
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(
            pool.map(
                lambda i: client.records.get(record_id=i, table="Kontakte/Übersicht").id,
                range(1, 9),
            )
        )
    assert got == list(range(1, 9))
    assert fake.paths().count(f"/v1/teams/{TEAM}/databases/{DB}/tables") == 1


@pytest.mark.asyncio
async def test_concurrent_first_calls_read_the_table_list_once_across_tasks() -> None:
    fake = FakeNinox()
    fake.add("A", 8)

    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.005)
        return fake(request)

    client = AsyncNinox(
        api_key="key",
        team_id=TEAM,
        database_id=DB,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(slow)),
    )
    table = client.database().table("Kontakte/Übersicht")
    got = await asyncio.gather(*(table.get(record_id=i) for i in range(1, 9)))
    assert [r.id for r in got] == list(range(1, 9))
    assert fake.paths().count(f"/v1/teams/{TEAM}/databases/{DB}/tables") == 1

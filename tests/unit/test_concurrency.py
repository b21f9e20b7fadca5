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
    assert Ninox(api_key=KEY).max_concurrency == 4

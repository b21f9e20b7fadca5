"""Fixtures for the unit tests: a clean environment, no real sleeping, scripted responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import ninoxkit._async._transport as async_transport
import ninoxkit._sync._transport as sync_transport
import pytest

#: The fake key every test uses; no test output, log or error may contain it.
KEY = "nxk-SECRET-4f9a2c"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's NINOX_* variables."""
    for name in (
        "NINOX_API_KEY",
        "NINOX_BASE_URL",
        "NINOX_TEAM_ID",
        "NINOX_DATABASE_ID",
        "NINOXKIT_LOG",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Replace the transports' sleep with a recorder and fix the jitter at its maximum."""
    recorded: list[float] = []

    def fake_sleep(seconds: float) -> None:
        recorded.append(seconds)

    async def fake_async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(sync_transport, "_sleep", fake_sleep)
    monkeypatch.setattr(async_transport, "_sleep", fake_async_sleep)
    monkeypatch.setattr(sync_transport, "_random", lambda: 0.0)
    monkeypatch.setattr(async_transport, "_random", lambda: 0.0)
    return recorded


Step = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class Script:
    """A MockTransport handler that plays a list of responses or exceptions in order."""

    def __init__(self, steps: list[Step]) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.steps:
            raise AssertionError(f"unexpected extra request {request.method} {request.url}")
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            return step
        return step(request)


@pytest.fixture
def script() -> Callable[..., Script]:
    """Build a :class:`Script` from responses/exceptions given as arguments."""
    return lambda *steps: Script(list(steps))


def ok(payload: Any = None, **kwargs: Any) -> httpx.Response:
    """A 200 JSON response."""
    return httpx.Response(200, json=[] if payload is None else payload, **kwargs)

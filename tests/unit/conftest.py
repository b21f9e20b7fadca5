"""Fixtures and helpers for the unit tests: a clean environment, no real sleeping, scripted
responses (:class:`Script`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.helpers import clear_ninox_env, record_retry_sleeps

#: The fake key every test uses; no test output, log or error may contain it.
KEY = "nxk-SECRET-4f9a2c"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's NINOX_* variables."""
    clear_ninox_env(monkeypatch)


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Replace the transports' sleep with a recorder; no jitter (each delay is the full backoff)."""
    return record_retry_sleeps(monkeypatch, no_jitter=True)


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


def ok(payload: Any = None, **kwargs: Any) -> httpx.Response:
    """A 200 JSON response."""
    return httpx.Response(200, json=[] if payload is None else payload, **kwargs)

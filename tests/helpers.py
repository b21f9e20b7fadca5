"""Helpers shared by the test packages' conftests (no fixtures here: each conftest decides)."""

from __future__ import annotations

import ninoxkit._async._transport as async_transport
import ninoxkit._sync._transport as sync_transport
import pytest

#: The fake keys the test packages hand to ninoxkit to check nothing prints or records them
#: (tests/reliability and tests/cli); the cassette scan looks for both.
RELIABILITY_SECRET = "nxk-RELIABILITY-SECRET-9f3b7c2e51"
CLI_SECRET = "nxk-live-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c2e"

#: Every environment variable ninoxkit reads; tests never see the developer's values.
NINOX_ENV = (
    "NINOX_API_KEY",
    "NINOX_BASE_URL",
    "NINOX_TEAM_ID",
    "NINOX_DATABASE_ID",
    "NINOX_DATABASE_PASSWORD",
    "NINOXKIT_LOG",
)


def clear_ninox_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every NINOX_* variable for the duration of a test."""
    for name in NINOX_ENV:
        monkeypatch.delenv(name, raising=False)


def record_retry_sleeps(monkeypatch: pytest.MonkeyPatch, *, no_jitter: bool) -> list[float]:
    """Replace both transports' retry sleep with a recorder; optionally fix the jitter at 0.

    Returns:
        The list the requested delays are appended to.
    """
    recorded: list[float] = []

    def fake_sleep(seconds: float) -> None:
        recorded.append(seconds)

    async def fake_async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(sync_transport, "_sleep", fake_sleep)
    monkeypatch.setattr(async_transport, "_sleep", fake_async_sleep)
    if no_jitter:
        monkeypatch.setattr(sync_transport, "_random", lambda: 0.0)
        monkeypatch.setattr(async_transport, "_random", lambda: 0.0)
    return recorded


#: Set from ``--skip-once`` (tests/conftest.py) before any test module is imported: the runs on
#: the other Pythons look for interpreter bugs, not for new inputs, so their property tests draw
#: fewer examples (`examples`); the main run draws them all.
FEWER_EXAMPLES = False


def examples(n: int) -> int:
    """``max_examples`` for a property test: ``n``, or a fifth of it (at least 10) under
    ``--skip-once``."""
    return max(10, n // 5) if FEWER_EXAMPLES else n

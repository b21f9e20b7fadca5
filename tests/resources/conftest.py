"""Fixtures of the cassette tests: the target, a clean state per test, no real sleeping.

Every test here is marked ``vcr`` and replays ``tests/cassettes/resources/<module>/<test>.yaml``
(shared by the async test in ``_async/`` and its sync twin in ``_sync/``). A test builds its
client from ``target.options()``, so the base URL, key, team and database come from one place:
the canonical values in replay, the emulator or the live database while recording
(:mod:`tests.resources.recording`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import clear_ninox_env, record_retry_sleeps
from tests.resources.recording import Session, Target, target_from_env

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.vcr)


@pytest.fixture(scope="session")
def _target() -> Target:
    try:
        return target_from_env()
    except ValueError as exc:
        pytest.exit(f"cassette tests: {exc}", returncode=4)


@pytest.fixture
def target(_target: Target, record_mode: str, monkeypatch: pytest.MonkeyPatch) -> Session:
    """The target of this test, reset to the fixture's data while recording."""
    if record_mode != "none" and not _target.recording:
        pytest.exit(
            "cassette tests record only through scripts/record-cassettes (NINOXKIT_RECORD unset)",
            returncode=4,
        )
    clear_ninox_env(monkeypatch)
    session = Session(_target)
    if _target.recording:
        session.reset()
    return session


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """No real waiting between retries; the requested delays are recorded instead."""
    return record_retry_sleeps(monkeypatch, no_jitter=True)


@pytest.fixture(autouse=True)
def _replays_every_interaction(vcr: Any, record_mode: str) -> Iterator[None]:
    """In replay, a test must use every recorded interaction (no twin may send fewer)."""
    yield
    if record_mode == "none":
        unplayed = [req for i, (req, _) in enumerate(vcr.data) if not vcr.play_counts[i]]
        assert vcr.all_played, (
            f"{len(vcr.data) - vcr.play_count} recorded interaction(s) were not replayed: "
            + ", ".join(f"{r.method} {r.uri}" for r in unplayed)
        )

"""Issue #9 part 3: a hung server yields APITimeoutError within the configured bound.

The emulator's ``hang`` fault sends nothing (for 60 s, ending when the client leaves). With a
0.5 s timeout and the default two retries, an idempotent call must give up after three attempts:
``elapsed < timeout * (retries + 1) + margin``. A create is not re-sent, so it must give up after
one attempt, as an ``OutcomeUnknownTimeoutError`` (also an ``APITimeoutError``). This is a
behavioural bound (the call ends, and not much later than configured), not a speed goal.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from ninoxkit import (
    APITimeoutError,
    BatchWriteError,
    Ninox,
    OutcomeUnknownTimeoutError,
)
from ninoxkit.testing import NinoxEmulator

from .conftest import PREFIX, TALLY, ClientFactory, async_client

TIMEOUT = 0.5
RETRIES = 2
MARGIN = 1.5


def _attempts(emu: NinoxEmulator, path: str) -> int:
    return sum(1 for e in emu.requests() if e["path"] == path)


def test_sync_get_times_out_after_all_retries(
    emu: NinoxEmulator, make_client: ClientFactory
) -> None:
    client: Ninox = make_client(timeout=TIMEOUT)
    emu.faults.add("hang", path=r"^/v1/teams$")
    started = time.monotonic()
    with pytest.raises(APITimeoutError) as info:
        client.teams.list()
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT * (RETRIES + 1) + MARGIN
    assert info.value.retries_taken == RETRIES
    assert not isinstance(info.value, OutcomeUnknownTimeoutError)
    assert _attempts(emu, "/v1/teams") == RETRIES + 1


def test_async_get_times_out_after_all_retries(emu: NinoxEmulator) -> None:
    emu.faults.add("hang", path=r"/records/1$")

    async def run() -> APITimeoutError:
        async with async_client(emu, timeout=TIMEOUT) as c:
            try:
                await c.records.get(1, table="B")
            except APITimeoutError as exc:
                return exc
        raise AssertionError("no timeout")

    started = time.monotonic()
    err = asyncio.run(run())
    assert time.monotonic() - started < TIMEOUT * (RETRIES + 1) + MARGIN
    assert err.retries_taken == RETRIES
    assert _attempts(emu, f"{PREFIX}/tables/B/records/1") == RETRIES + 1


def test_create_times_out_once_and_is_not_resent(
    emu: NinoxEmulator, make_client: ClientFactory
) -> None:
    client = make_client(timeout=TIMEOUT)
    emu.faults.add("hang", path=r"/tables/B/records$", method="POST")
    started = time.monotonic()
    with pytest.raises(BatchWriteError) as info:
        client.records.create([{"Last Name": "hung"}], table="B")
    assert time.monotonic() - started < TIMEOUT + MARGIN
    error = info.value.error
    assert isinstance(error, OutcomeUnknownTimeoutError)
    assert error.outcome_unknown
    assert error.retries_taken == 0
    assert (info.value.written, info.value.not_written, info.value.unknown) == ([], [], [0])
    assert _attempts(emu, f"{PREFIX}/tables/B/records") == 1
    emu.faults.clear()
    assert list(client.records.list(table="B", filters={"Last Name": "hung"})) == []
    TALLY["records_checked"] += 1


def test_one_hung_attempt_is_retried_and_the_retry_answers(
    emu: NinoxEmulator, make_client: ClientFactory, sleeps: list[float]
) -> None:
    """One hung attempt inside the budget is survived: it times out, the second attempt answers."""
    client = make_client(timeout=TIMEOUT)
    rule = emu.faults.add("hang", path=r"^/v1/teams$", max_count=1)
    started = time.monotonic()
    assert [t.id for t in client.teams.list()] == ["AcmeTeam4mPLY6DMs"]
    elapsed = time.monotonic() - started
    assert TIMEOUT <= elapsed < TIMEOUT + MARGIN  # the first attempt did wait out its timeout
    assert rule.fired == 1
    assert _attempts(emu, "/v1/teams") == 2
    assert len(sleeps) == 1  # one retry delay between the two attempts
    TALLY["operations_survived"] += 1

"""BatchPlan: the buckets of a BatchWriteError are exact for every kind of failure."""

from __future__ import annotations

import socket

import httpx
import pytest
from ninoxkit import BatchWriteError, Ninox, NinoxError, NotFoundError
from ninoxkit._batch import BatchPlan


def test_an_unexpected_exception_makes_the_failed_batch_unknown() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(5)), 2)
    first, second, _ = plan.batches()
    plan.done(first, ["a", "b"])
    err = plan.failure(second, RuntimeError("odd"), verb="written")
    assert isinstance(err, BatchWriteError)
    assert (err.written, err.unknown, err.not_written) == ([(0, "a"), (1, "b")], [2, 3], [4])
    assert isinstance(err.error, NinoxError)
    assert isinstance(err.error.__cause__, RuntimeError)
    assert "items 2-3 may or may not have been written" in str(err)


def test_a_checked_split_puts_each_item_in_its_bucket() -> None:
    plan: BatchPlan[None] = BatchPlan(list(range(6)), 3)
    first, second = plan.batches()
    plan.done(first, [None] * 3)
    gone = NotFoundError("gone", response=httpx.Response(404))
    err = plan.failure(second, gone, verb="deleted", split=([3], [5], [4]))
    assert [i for i, _ in err.written] == [0, 1, 2, 3]
    assert err.not_written == [5]
    assert err.unknown == [4]
    assert "of items 3-5, 1 were deleted, 1 were not and 1 may or may not have been" in str(err)


def test_unreadable_keeps_every_written_record() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(3)), 2)
    a, b = plan.batches()
    plan.done(a, ["x", "y"])
    plan.done(b, ["z"])
    err = plan.unreadable(OverflowError("too big"), verb="written")
    assert err.written == [(0, "x"), (1, "y"), (2, "z")]
    assert (err.not_written, err.unknown) == ([], [])


@pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])
def test_a_create_that_never_reached_a_server_is_not_written() -> None:
    """Connection refused on every attempt: nothing left the machine, so the batch is in
    ``not_written`` (the transport's verdict ``applied=False``), not ``unknown``."""
    with socket.socket() as sock:  # a port that nothing listens on once this block ends
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    rows = [{"Name": str(i)} for i in range(3)]
    with (
        Ninox(
            api_key="k", base_url=f"http://127.0.0.1:{port}/v1", team_id="t", database_id="d"
        ) as client,
        pytest.raises(BatchWriteError) as info,
    ):
        client.records.create(rows, table="A", batch_size=2, convert=False)
    err = info.value
    assert (err.written, err.unknown, err.not_written) == ([], [], [0, 1, 2])
    assert err.error is not None
    assert err.error.applied is False

"""The transport decides once, per attempt, whether a request may have reached Ninox, and carries
that verdict on the error (``applied`` / ``may_have_been_applied``); batch writes, deletes and
downloads read it instead of re-deriving it from the error's class or its retry count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from ninoxkit import (
    APIConnectionError,
    BatchWriteError,
    InternalServerError,
    Ninox,
    NotFoundError,
)
from ninoxkit._exceptions import is_server_error
from ninoxkit._retry import FailureKind, attempt_applied, is_retryable_status

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, **kwargs: object) -> Ninox:
    return Ninox(
        api_key="k",
        team_id="t",
        database_id="d",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        **kwargs,  # type: ignore[arg-type]
    )


def _steps(*steps: BaseException | httpx.Response) -> tuple[Handler, list[httpx.Request]]:
    """A handler that answers (or raises) ``steps`` in order, the last one for ever after."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        step = steps[min(len(sent), len(steps)) - 1]
        if isinstance(step, BaseException):
            raise step
        return step

    return handler, sent


# -- batch writes -------------------------------------------------------------------------------


def test_a_create_refused_on_every_attempt_is_not_written() -> None:
    handler, sent = _steps(httpx.ConnectError("connection refused"))
    rows = [{"Name": str(i)} for i in range(3)]
    # One batch at a time, so the second is never sent once the first has failed (with batches
    # in flight together it may have left already: sent would be 3 or 6 depending on timing).
    with _client(handler) as client, pytest.raises(BatchWriteError) as info:
        client.records.create(rows, table="A", batch_size=2, convert=False, max_in_flight=1)
    err = info.value
    assert (err.written, err.unknown, err.not_written) == ([], [], [0, 1, 2])
    assert isinstance(err.error, APIConnectionError)
    assert err.error.may_have_been_applied is False
    assert len(sent) == 3  # never sent, so retried like any request: 1 + max_retries


def test_creates_refused_while_in_flight_together_are_all_not_written() -> None:
    handler, sent = _steps(httpx.ConnectError("connection refused"))
    rows = [{"Name": str(i)} for i in range(3)]
    with _client(handler) as client, pytest.raises(BatchWriteError) as info:
        client.records.create(rows, table="A", batch_size=2, convert=False)
    err = info.value
    assert (err.written, err.unknown, err.not_written) == ([], [], [0, 1, 2])
    assert len(sent) in (3, 6)  # the second batch refused 3 times too, or never sent


def test_a_create_whose_answer_timed_out_is_unknown() -> None:
    handler, sent = _steps(httpx.ReadTimeout("no answer"))
    with _client(handler) as client, pytest.raises(BatchWriteError) as info:
        client.records.create([{"Name": "a"}, {"Name": "b"}], table="A", convert=False)
    err = info.value
    assert (err.written, err.unknown, err.not_written) == ([], [0, 1], [])
    assert isinstance(err.error, APIConnectionError)
    assert err.error.may_have_been_applied is True
    assert len(sent) == 1  # may have landed: a create is not re-sent


def test_a_refused_attempt_does_not_clear_the_doubt_a_later_one_leaves() -> None:
    handler, _ = _steps(httpx.ConnectError("refused"), httpx.ReadTimeout("no answer"))
    with _client(handler) as client, pytest.raises(BatchWriteError) as info:
        client.records.create([{"Name": "a"}], table="A", convert=False)
    assert (info.value.unknown, info.value.not_written) == ([0], [])


def test_a_5xx_to_a_create_is_unknown_and_a_4xx_not_written() -> None:
    for status, bucket in ((500, "unknown"), (599, "unknown"), (499, "not_written")):
        handler, _ = _steps(httpx.Response(status, json={"message": "x"}))
        with _client(handler) as client, pytest.raises(BatchWriteError) as info:
            client.records.create([{"Name": "a"}], table="A", convert=False)
        assert getattr(info.value, bucket) == [0], status


# -- deletes ------------------------------------------------------------------------------------


def test_a_404_after_refused_attempts_is_raised_not_taken_for_success() -> None:
    """Before: any retry made a 404 count as "the first attempt deleted it", also when the
    first attempt never left the machine, so deleting a missing record reported success."""
    handler, sent = _steps(httpx.ConnectError("refused"), httpx.Response(404, json={}))
    with _client(handler) as client, pytest.raises(NotFoundError) as info:
        client.records.delete(record_id=7, table="A")
    assert len(sent) == 2
    assert info.value.may_have_been_applied is False


def test_a_404_after_a_429_is_raised() -> None:
    busy = httpx.Response(429, headers={"Retry-After": "0"}, json={"message": "slow down"})
    handler, _ = _steps(busy, httpx.Response(404, json={}))
    with _client(handler) as client, pytest.raises(NotFoundError):
        client.records.delete(record_id=7, table="A")


def test_a_404_after_a_lost_answer_means_the_delete_happened() -> None:
    handler, sent = _steps(httpx.ReadTimeout("lost"), httpx.Response(404, json={}))
    with _client(handler) as client:
        client.records.delete(record_id=7, table="A")  # no error: the record is gone
    assert len(sent) == 2


def test_a_file_delete_reads_the_same_verdict() -> None:
    handler, _ = _steps(httpx.ConnectError("refused"), httpx.Response(404, json={}))
    with _client(handler) as client, pytest.raises(NotFoundError):
        client.files.delete(record_id=7, file_name="a.txt", table="A")
    handler, _ = _steps(httpx.ReadError("reset"), httpx.Response(404, json={}))
    with _client(handler) as client:
        client.files.delete(record_id=7, file_name="a.txt", table="A")


def test_delete_many_after_refused_attempts_reports_the_batch_not_deleted_unchecked() -> None:
    handler, sent = _steps(httpx.ConnectError("refused"), httpx.Response(404, json={}))
    with _client(handler) as client, pytest.raises(BatchWriteError) as info:
        client.records.delete_many(record_ids=[1, 2], table="A")
    assert (info.value.written, info.value.not_written, info.value.unknown) == ([], [0, 1], [])
    assert [r.method for r in sent] == ["DELETE", "DELETE"]  # no record looked up


# -- downloads: the transport's retry, not a loop of their own ---------------------------------


def _body_breaking(times: int, content: bytes = b"hello world") -> tuple[Handler, list[int]]:
    """200 answers whose body breaks off after one byte, ``times`` times, then whole ones."""
    sent: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(1)
        if len(sent) > times:
            return httpx.Response(200, content=content)

        class Broken(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                yield content[:1]
                raise httpx.ReadError("reset mid-body", request=request)

        return httpx.Response(200, stream=Broken())

    return handler, sent


@pytest.mark.parametrize("to_path", [False, True])
def test_a_download_whose_body_breaks_off_starts_over(tmp_path: Path, to_path: bool) -> None:
    handler, sent = _body_breaking(2)
    target = tmp_path / "out.txt"
    with _client(handler) as client:
        got = client.files.download(
            record_id=1, file_name="a.txt", table="A", to=target if to_path else None
        )
    data = target.read_bytes() if to_path else got
    assert data == b"hello world"  # the broken attempts' first bytes are not kept
    assert len(sent) == 3
    assert [p.name for p in tmp_path.iterdir()] == (["out.txt"] if to_path else [])


def test_a_download_gives_up_after_max_retries() -> None:
    handler, sent = _body_breaking(10)
    with _client(handler, max_retries=1) as client, pytest.raises(APIConnectionError) as info:
        client.files.download(record_id=1, file_name="a.txt", table="A")
    assert "broke off" in str(info.value)
    assert info.value.retries_taken == 1
    assert len(sent) == 2


def test_iter_bytes_is_not_restarted_once_chunks_reached_the_caller() -> None:
    handler, sent = _body_breaking(1)
    got: list[bytes] = []

    def consume(client: Ninox) -> None:
        for chunk in client.files.iter_bytes(
            record_id=1, file_name="a.txt", table="A", chunk_size=1
        ):
            got.append(chunk)

    with _client(handler) as client, pytest.raises(APIConnectionError, match="broke off"):
        consume(client)
    assert got == [b"h"]
    assert len(sent) == 1


# -- the one decision per concern ---------------------------------------------------------------


def test_the_5xx_boundary_is_decided_in_one_place() -> None:
    assert [s for s in (499, 500, 520, 599, 600) if is_server_error(s)] == [500, 520, 599]
    assert [s for s in (407, 408, 429, 499, 500, 599, 600) if is_retryable_status(s)] == [
        408,
        429,
        500,
        599,
    ]
    assert isinstance(InternalServerError("x", response=httpx.Response(599)), InternalServerError)


def test_the_verdict_of_one_attempt() -> None:
    assert attempt_applied(kind=FailureKind.NOT_SENT) is False
    for kind in (FailureKind.TIMEOUT, FailureKind.MAYBE_SENT, FailureKind.FATAL):
        assert attempt_applied(kind=kind) is None
    got = {s: attempt_applied(status_code=s) for s in (200, 299, 301, 404, 499, 500, 599)}
    assert got == {200: True, 299: True, 301: False, 404: False, 499: False, 500: None, 599: None}
    with pytest.raises(TypeError):
        attempt_applied()

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
    APIConnectionError,
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
                await c.records.get(record_id=1, table="B")
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


# --------------------------------------------------------------------------------------
# Issue #13 items 10-12: a total deadline per call, a bounded buffered body, and streamed
# downloads that hold their concurrency slot, against a raw socket server on 127.0.0.1.
# --------------------------------------------------------------------------------------

import io  # noqa: E402  (this half of the module has its own server)
import socket  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import httpx  # noqa: E402
from ninoxkit import AsyncNinox, Ninox4, ResponseTooLargeError  # noqa: E402

from .conftest import SECRET  # noqa: E402

#: No connection of the raw server lives longer than this, whatever the client does.
SERVER_LIMIT = 8.0


class RawServer:
    """HTTP/1.1 on 127.0.0.1, one behaviour for every connection, each bounded in time.

    ``behave(conn, ends)`` writes the answer (after the request head was read) and must return
    by ``ends`` (``time.monotonic()``); the server counts requests in flight at once.
    """

    def __init__(self, behave: Callable[[socket.socket, float], None]) -> None:
        self.behave = behave
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.base_url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/v1"
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.requests = 0
        self.sent = 0
        self.threads: list[threading.Thread] = []
        self.acceptor = threading.Thread(target=self._accept, daemon=True)
        self.acceptor.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        ends = time.monotonic() + SERVER_LIMIT
        conn.settimeout(0.5)
        try:
            while not self.stopped.is_set() and time.monotonic() < ends:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    head += chunk
                with self.lock:
                    self.requests += 1
                    self.in_flight += 1
                    self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    self.behave(conn, ends)
                finally:
                    with self.lock:
                        self.in_flight -= 1
        except OSError:  # the client went away: that is how most of these answers end
            pass
        finally:
            conn.close()

    def send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        with self.lock:
            self.sent += len(data)

    def stop(self) -> None:
        self.stopped.set()
        self.sock.close()
        self.acceptor.join(2)
        for thread in self.threads:
            thread.join(SERVER_LIMIT + 1)


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[socket.socket, float], None]], RawServer]]:
    servers: list[RawServer] = []

    def start(behave: Callable[[socket.socket, float], None]) -> RawServer:
        server = RawServer(behave)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def _head(length: int | None = None) -> bytes:
    size = f"Content-Length: {length}\r\n" if length is not None else "Connection: close\r\n"
    return f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{size}\r\n".encode()


DRIP_TIMEOUT = 0.3
DEADLINE = 1.2


def _drip(server: RawServer) -> Callable[[socket.socket, float], None]:
    def behave(conn: socket.socket, ends: float) -> None:
        server.send(conn, _head(100_000))
        while time.monotonic() < ends:  # one byte every 0.1 s: no read ever waits 0.3 s
            server.send(conn, b" ")
            time.sleep(0.1)

    return behave


def _drip_server(start: Callable[..., RawServer]) -> RawServer:
    holder: list[RawServer] = []
    server = start(lambda conn, ends: _drip(holder[0])(conn, ends))
    holder.append(server)
    return server


def test_sync_a_dripping_server_ends_at_the_deadline(raw_server: Callable[..., RawServer]) -> None:
    server = _drip_server(raw_server)
    client = Ninox(
        api_key=SECRET, base_url=server.base_url, timeout=DRIP_TIMEOUT, deadline=DEADLINE
    )
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match="deadline") as info:
        client.request("GET", "/teams")
    elapsed = time.monotonic() - started
    client.close()
    assert DEADLINE - 0.1 <= elapsed < DEADLINE + MARGIN
    assert info.value.retries_taken == 0  # the deadline was used up: no time for a retry
    assert server.requests == 1


def test_async_a_dripping_server_ends_at_the_deadline(
    raw_server: Callable[..., RawServer],
) -> None:
    server = _drip_server(raw_server)

    async def run() -> APITimeoutError:
        async with AsyncNinox(
            api_key=SECRET, base_url=server.base_url, timeout=DRIP_TIMEOUT, deadline=DEADLINE
        ) as client:
            try:
                await client.teams.list()
            except APITimeoutError as exc:
                return exc
        raise AssertionError("no timeout")

    started = time.monotonic()
    error = asyncio.run(run())
    assert DEADLINE - 0.1 <= time.monotonic() - started < DEADLINE + MARGIN
    assert "deadline" in str(error)


def test_the_deadline_includes_retries(raw_server: Callable[..., RawServer]) -> None:
    """A hung server, read timeout 0.5 s, five retries allowed: the 1.2 s deadline ends it."""

    def hang(conn: socket.socket, ends: float) -> None:
        while time.monotonic() < ends:  # answer nothing until the client hangs up
            try:
                if not conn.recv(1):
                    return
            except TimeoutError:
                continue

    server = raw_server(hang)
    client = Ninox(api_key=SECRET, base_url=server.base_url, timeout=0.5, max_retries=5)
    fast = client.with_options(deadline=DEADLINE)
    started = time.monotonic()
    with pytest.raises(APITimeoutError) as info:
        fast.request("GET", "/teams")
    elapsed = time.monotonic() - started
    client.close()
    assert elapsed < DEADLINE + MARGIN
    assert info.value.retries_taken < 5  # ended by the deadline, not by the retry budget
    assert fast.deadline == DEADLINE
    assert client.deadline == 300.0  # the default


MIB = 1024 * 1024


def _endless(server: RawServer, cap: int) -> Callable[[socket.socket, float], None]:
    def behave(conn: socket.socket, ends: float) -> None:
        server.send(conn, _head(None))
        block = b" " * (256 * 1024)
        while time.monotonic() < ends and server.sent < cap:
            server.send(conn, block)

    return behave


@pytest.mark.parametrize(("limit", "cap"), [(4 * MIB, 200 * MIB), (None, 300 * MIB)])
def test_an_endless_body_is_cut_off_at_max_response_size(
    raw_server: Callable[..., RawServer], limit: int | None, cap: int
) -> None:
    holder: list[RawServer] = []
    server = raw_server(lambda conn, ends: _endless(holder[0], cap)(conn, ends))
    holder.append(server)
    options = {} if limit is None else {"max_response_size": limit}
    client = Ninox(api_key=SECRET, base_url=server.base_url, **options)
    expected = limit or 64 * MIB  # the default
    with pytest.raises(ResponseTooLargeError) as info:
        client.request("GET", "/teams")
    client.close()
    assert info.value.limit == expected
    assert info.value.body is None
    # Reading stopped at the limit: what the server got rid of is the limit plus what the
    # sockets buffer on the way, far below the whole body.
    assert server.sent < expected + 32 * MIB
    assert server.requests == 1


CHUNKS = 5


def _slow_download(server: RawServer) -> Callable[[socket.socket, float], None]:
    def behave(conn: socket.socket, ends: float) -> None:
        server.send(conn, _head(CHUNKS * 1000))
        for _ in range(CHUNKS):  # the body takes ~0.25 s to arrive
            if time.monotonic() > ends:
                return
            time.sleep(0.05)
            server.send(conn, b"x" * 1000)

    return behave


def _download_server(start: Callable[..., RawServer]) -> RawServer:
    holder: list[RawServer] = []
    server = start(lambda conn, ends: _slow_download(holder[0])(conn, ends))
    holder.append(server)
    return server


def test_sync_downloads_hold_their_slot_until_the_body_is_read(
    raw_server: Callable[..., RawServer],
) -> None:
    server = _download_server(raw_server)
    client = Ninox(
        api_key=SECRET, base_url=server.base_url, team_id="t", database_id="d", max_concurrency=4
    )
    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(
            pool.map(
                lambda i: client.files.download(record_id=1, file_name=f"f{i}", table="A"), range(8)
            )
        )
    client.close()
    assert bodies == [b"x" * CHUNKS * 1000] * 8
    assert server.requests == 8
    assert server.max_in_flight <= 4


def test_async_downloads_hold_their_slot_until_the_body_is_read(
    raw_server: Callable[..., RawServer],
) -> None:
    server = _download_server(raw_server)

    async def run() -> list[bytes | object]:
        async with AsyncNinox(
            api_key=SECRET,
            base_url=server.base_url,
            team_id="t",
            database_id="d",
            max_concurrency=4,
        ) as client:
            return await asyncio.gather(
                *(
                    client.files.download(record_id=1, file_name=f"f{i}", table="A")
                    for i in range(8)
                )
            )

    bodies = asyncio.run(run())
    assert bodies == [b"x" * CHUNKS * 1000] * 8
    assert server.requests == 8
    assert server.max_in_flight <= 4


def test_an_abandoned_download_gives_its_slot_back(raw_server: Callable[..., RawServer]) -> None:
    server = _download_server(raw_server)
    # With one slot, a leaked slot would block the second download; the deadline (also on
    # the wait for a slot) turns that into an APITimeoutError instead of a hung test.
    client = Ninox(
        api_key=SECRET,
        base_url=server.base_url,
        team_id="t",
        database_id="d",
        max_concurrency=1,
        deadline=3.0,
    )
    for i in range(3):
        chunks = client.files.iter_bytes(record_id=1, file_name=f"f{i}", table="A", chunk_size=100)
        assert next(chunks) == b"x" * 100
        chunks.close()
    assert client.files.download(record_id=1, file_name="last", table="A") == b"x" * CHUNKS * 1000
    client.close()


def _stalled_body(conn: socket.socket, ends: float) -> None:
    """Headers and 3 of 1000 bytes at once, then nothing until the client hangs up."""
    conn.sendall(_head(1000) + b"abc")
    while time.monotonic() < ends:
        try:
            if not conn.recv(1):
                return
        except TimeoutError:
            continue


STREAM_DEADLINE = 0.5


def test_sync_a_streamed_body_reads_with_the_deadlines_cut_timeout(
    raw_server: Callable[..., RawServer],
) -> None:
    """The read timeout is 30 s, the deadline 0.5 s: a download whose body stalls right after
    its headers ends after about 0.5 s (the attempt's read timeout, cut to what was left of
    the deadline), not after the client's 30 s."""
    server = raw_server(_stalled_body)
    client = Ninox(
        api_key=SECRET,
        base_url=server.base_url,
        team_id="t",
        database_id="d",
        timeout=30,
        max_retries=0,
        deadline=STREAM_DEADLINE,
    )
    started = time.monotonic()
    with pytest.raises(APIConnectionError, match="broke off"):
        b"".join(client.files.iter_bytes(record_id=1, file_name="f", table="A", chunk_size=1))
    elapsed = time.monotonic() - started
    client.close()
    assert elapsed < STREAM_DEADLINE + MARGIN


def test_async_a_streamed_body_reads_with_the_deadlines_cut_timeout(
    raw_server: Callable[..., RawServer],
) -> None:
    server = raw_server(_stalled_body)

    async def run() -> None:
        async with AsyncNinox(
            api_key=SECRET,
            base_url=server.base_url,
            team_id="t",
            database_id="d",
            timeout=30,
            max_retries=0,
            deadline=STREAM_DEADLINE,
        ) as client:
            async for _ in client.files.iter_bytes(
                record_id=1, file_name="f", table="A", chunk_size=1
            ):
                pass

    started = time.monotonic()
    with pytest.raises(APIConnectionError, match="broke off"):
        asyncio.run(run())
    assert time.monotonic() - started < STREAM_DEADLINE + MARGIN


def _slow_answer(conn: socket.socket, ends: float) -> None:
    """Take the request (a small upload fits the socket buffers), then answer after 3 s, unless
    the client hangs up first (as it does at its deadline: the server then ends at once)."""
    answer_at = min(time.monotonic() + 3.0, ends)
    while (left := answer_at - time.monotonic()) > 0:
        conn.settimeout(left)
        try:
            if not conn.recv(65536):
                return
        except TimeoutError:
            break
    body = b'{"name": "a.txt"}'
    conn.sendall(_head(len(body)) + body)


#: Long enough that connecting fits in it on a loaded machine (at 0.4 s a starved CI run timed
#: out connecting, which is a different error), well short of the answer's 3 s.
UPLOAD_DEADLINE = 1.0


def test_sync_the_deadline_covers_the_wait_for_an_uploads_answer(
    raw_server: Callable[..., RawServer],
) -> None:
    """Uploads used to have no deadline at all: a server that took the file and never
    answered kept the call waiting for the read timeout, retries and slot waits unbounded."""
    server = raw_server(_slow_answer)
    client = Ninox(
        api_key=SECRET,
        base_url=server.base_url,
        team_id="t",
        database_id="d",
        timeout=5,
        deadline=UPLOAD_DEADLINE,
    )
    started = time.monotonic()
    with pytest.raises(OutcomeUnknownTimeoutError) as info:
        client.files.upload(b"content", record_id=1, file_name="a.txt", table="A")
    elapsed = time.monotonic() - started
    client.close()
    assert elapsed < UPLOAD_DEADLINE + MARGIN
    assert info.value.applied is None  # the file went out; whether it was stored is unknown
    assert server.requests == 1  # an upload is never re-sent


def test_async_the_deadline_covers_the_wait_for_an_uploads_answer(
    raw_server: Callable[..., RawServer],
) -> None:
    server = raw_server(_slow_answer)

    async def run() -> None:
        async with AsyncNinox(
            api_key=SECRET,
            base_url=server.base_url,
            team_id="t",
            database_id="d",
            timeout=5,
            deadline=UPLOAD_DEADLINE,
        ) as client:
            await client.files.upload(b"content", record_id=1, file_name="a.txt", table="A")

    started = time.monotonic()
    with pytest.raises(OutcomeUnknownTimeoutError):
        asyncio.run(run())
    assert time.monotonic() - started < UPLOAD_DEADLINE + MARGIN
    assert server.requests == 1


def test_the_deadline_covers_the_wait_for_a_ninox4_csv_imports_answer(
    raw_server: Callable[..., RawServer],
) -> None:
    """The Ninox 4 CSV import was sent with no deadline at all: a server that took the file
    and never answered held the call for the read timeout, and retries and the wait for a slot
    were unbounded. Like a classic upload, only sending the body pauses the clock."""
    server = raw_server(_slow_answer)
    base_url = server.base_url.removesuffix("/v1")
    client = Ninox4(
        api_key=SECRET,
        workspace_id="5rdco4s18swu",
        base_url=base_url,
        timeout=5,
        deadline=UPLOAD_DEADLINE,
    )
    started = time.monotonic()
    with pytest.raises(OutcomeUnknownTimeoutError) as info:
        client.records.import_csv(module="crm", table="customers", file=b"name\nAda\n")
    elapsed = time.monotonic() - started
    client.close()
    assert elapsed < UPLOAD_DEADLINE + MARGIN
    assert info.value.applied is None  # the file went out; whether it was imported is unknown
    assert server.requests == 1  # an import is never re-sent


class _SlowSource(io.RawIOBase):
    """A binary source that takes 0.1 s per read (a slow disk or pipe): 6 reads of 64 KiB."""

    name = "big.bin"
    mode = "rb"

    def __init__(self) -> None:
        self.left = 6

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        time.sleep(0.1)
        if not self.left:
            return b""
        self.left -= 1
        return b"x" * (size if 0 < size <= 65536 else 65536)


def test_the_sending_of_an_upload_body_does_not_count_against_the_deadline() -> None:
    """The body takes ~0.7 s to send, the deadline is 0.3 s: the upload still goes through,
    since how long the body takes is set by the file and the line, not by Ninox."""
    received: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        received.append(len(request.read()))
        return httpx.Response(200, json={"name": "big.bin"})

    with (
        httpx.Client(transport=httpx.MockTransport(answer)) as http,
        Ninox(api_key=SECRET, http_client=http, team_id="t", database_id="d", deadline=0.3) as c,
    ):
        assert c.files.upload(_SlowSource(), record_id=1, table="A") == {"name": "big.bin"}
    assert received[0] > 6 * 65536  # the whole file went out (and the multipart framing)


def test_the_deadline_covers_an_uploads_wait_for_a_concurrency_slot() -> None:
    """One slot, held by an open download for 3 s; an upload with a 0.3 s deadline must give
    up waiting for it instead of waiting as long as the download stays open."""

    class Open(httpx.SyncByteStream):  # a download whose body stays open until closed
        def __iter__(self) -> Iterator[bytes]:
            yield b"x"
            yield b"y"

    def stream_answer(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, stream=Open())
        return httpx.Response(200, json={"name": "a.txt"})

    with (
        httpx.Client(transport=httpx.MockTransport(stream_answer)) as http,
        Ninox(
            api_key=SECRET,
            http_client=http,
            team_id="t",
            database_id="d",
            max_concurrency=1,
            deadline=0.3,
        ) as c,
    ):
        chunks = c.files.iter_bytes(record_id=1, file_name="f", table="A", chunk_size=1)
        assert next(chunks) == b"x"  # the download holds the only slot
        releaser = threading.Timer(3.0, chunks.close)
        releaser.start()
        try:
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match="slot"):
                c.files.upload(b"content", record_id=1, file_name="a.txt", table="A")
            assert time.monotonic() - started < 2.0
        finally:
            releaser.cancel()
            chunks.close()
        # The slot is free again: the same upload now goes through.
        assert c.files.upload(b"content", record_id=1, file_name="a.txt", table="A") == {
            "name": "a.txt"
        }


def test_the_deadline_ends_a_slow_answer() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.4)
        return httpx.Response(200, json={"name": "a.txt"})

    with (
        httpx.Client(transport=httpx.MockTransport(slow)) as http,
        Ninox(api_key=SECRET, http_client=http, team_id="t", database_id="d", deadline=0.2) as c,
        pytest.raises(APITimeoutError, match="deadline"),
    ):
        c.request("GET", "/teams")

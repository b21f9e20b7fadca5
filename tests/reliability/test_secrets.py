"""Issue #9 part 5: the API key appears in no log line, repr, str or traceback.

(Cassettes are scanned for it, and for every other credential, by
``tests/contract/test_cassettes.py::test_no_secrets_in_cassette``.)

With DEBUG logging on the ``ninoxkit`` logger (caplog here; ``NINOXKIT_LOG=debug`` through the
import-time setup in a subprocess below), every scenario — a success and each error class: 401,
404, 422, 429, 5xx, timeout, connection reset, outcome unknown, validation — is run, and the key
is searched in every log record, in ``str``/``repr`` of the error, its ``__dict__`` and its whole
chain as ``traceback.format_exception`` renders it, and in ``repr`` of the client.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from ninoxkit import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BatchWriteError,
    ConfigurationError,
    FieldValueError,
    InternalServerError,
    Ninox,
    NinoxError,
    NotFoundError,
    RateLimitError,
    UnprocessableEntityError,
)
from ninoxkit.testing import NinoxEmulator

from .conftest import DB, SECRET, TALLY, TEAM, ClientFactory

REPO = Path(__file__).resolve().parents[2]


def leaks(text: str, secret: str = SECRET) -> int:
    TALLY["secret_checks"] += 1
    return text.count(secret)


def scenarios(emu: NinoxEmulator, make: ClientFactory) -> dict[str, tuple[type, Callable[[], Any]]]:
    c = make()
    fast = make(timeout=0.3, max_retries=0)

    def fault(**rule: Any) -> None:
        emu.faults.clear()
        emu.faults.add(**rule)

    def run(setup: Callable[[], None], call: Callable[[], Any]) -> Callable[[], Any]:
        def go() -> Any:
            setup()
            try:
                return call()
            finally:
                emu.faults.clear()

        return go

    none: Callable[[], None] = lambda: None  # noqa: E731
    return {
        "success": (type(None), run(none, lambda: (c.teams.list(), None)[1])),
        "401": (AuthenticationError, run(none, lambda: make(api_key=SECRET + "x").teams.list())),
        "404": (NotFoundError, run(none, lambda: c.records.get(record_id=999, table="B"))),
        "422": (
            UnprocessableEntityError,
            run(none, lambda: c.records.update_one({"Score": "high"}, record_id=1, table="B")),
        ),
        "429": (
            RateLimitError,
            run(lambda: fault(kind="status", status=429, retry_after=0), c.teams.list),
        ),
        "5xx": (InternalServerError, run(lambda: fault(kind="status", status=502), c.teams.list)),
        "timeout": (
            APITimeoutError,
            run(lambda: fault(kind="hang", seconds=5), fast.teams.list),
        ),
        "reset": (APIConnectionError, run(lambda: fault(kind="reset"), c.teams.list)),
        "outcome-unknown": (
            BatchWriteError,
            run(
                lambda: fault(kind="reset", method="POST"),
                lambda: c.records.create([{"Last Name": "x"}], table="B"),
            ),
        ),
        "validation": (
            FieldValueError,
            run(none, lambda: c.records.create([{"Score": math.nan}], table="B")),
        ),
    }


NAMES = [
    "success",
    "401",
    "404",
    "422",
    "429",
    "5xx",
    "timeout",
    "reset",
    "outcome-unknown",
    "validation",
]


@pytest.mark.parametrize("name", NAMES)
def test_no_secret_in_logs_errors_or_reprs(
    name: str, emu: NinoxEmulator, make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    expected, call = scenarios(emu, make_client)[name]
    caplog.set_level(logging.DEBUG, logger="ninoxkit")
    error: BaseException | None = None
    try:
        call()
    except NinoxError as exc:
        error = exc
    if expected is type(None):
        assert error is None
    else:
        assert isinstance(error, expected), repr(error)
    texts = [caplog.text, *(r.getMessage() for r in caplog.records)]
    if name != "validation":
        assert any("Request:" in r.getMessage() for r in caplog.records)  # DEBUG was on
        assert any("[redacted]" in r.getMessage() for r in caplog.records)
    if error is not None:
        texts += [
            str(error),
            repr(error),
            repr(vars(error)),
            "".join(traceback.format_exception(error)),
        ]
        inner = getattr(error, "error", None)
        if inner is not None:
            texts += [str(inner), repr(inner), repr(vars(inner))]
        # Safe to send across processes: the pickle holds no key and loads back the same.
        data = pickle.dumps(error)
        texts.append(data.decode("latin-1"))
        back = pickle.loads(data)
        assert (type(back), str(back)) == (type(error), str(error))
        for part in (error, inner):
            request = getattr(part, "request", None)
            if request is not None:
                texts.append(repr(request.headers.raw))
    client = make_client()
    texts += [repr(client), str(client), repr(client.options)]
    leaked = sum(leaks(t) for t in texts)
    TALLY["secrets_leaked"] += leaked
    assert leaked == 0


_CHILD = textwrap.dedent(
    """
    import sys, traceback, math
    from ninoxkit import Ninox, NinoxError
    base, team, db = sys.argv[1:4]
    c = Ninox(base_url=base, team_id=team, database_id=db, max_retries=1, timeout=0.3)
    print(repr(c), repr(c.options))
    print(c.teams.list())
    for call in (
        lambda: c.records.get(record_id=999, table="B"),
        lambda: c.request("GET", "/teams", headers={"X-Probe": "1"}),
        lambda: c.records.create([{"Score": math.nan}], table="B"),
        lambda: Ninox(api_key="wrong", base_url=base).teams.list(),
    ):
        try:
            call()
        except NinoxError as exc:
            traceback.print_exception(exc)
    """
)


def test_env_debug_logging_in_a_subprocess_leaks_nothing(emu: NinoxEmulator) -> None:
    """``NINOXKIT_LOG=debug`` configures the handler at import; its output holds no key."""
    emu.faults.add("status", status=503, path=r"^/v1/teams$", every=2)
    env = {**os.environ, "NINOXKIT_LOG": "debug", "NINOX_API_KEY": SECRET}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO / "overlay"), str(REPO / "generated"), env.get("PYTHONPATH", "")]
    )
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, emu.base_url, TEAM, DB],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "ninoxkit DEBUG] Request: GET" in out.stderr
    assert "NotFoundError" in out.stderr
    leaked = leaks(out.stdout) + leaks(out.stderr)
    TALLY["secrets_leaked"] += leaked
    assert leaked == 0


@pytest.mark.parametrize(
    "bad",
    [
        SECRET + " ",
        " " + SECRET,
        SECRET + "\n",
        SECRET + "\t",
        SECRET + "\x00",
        SECRET + "é",
        SECRET[:5] + "\x0b" + SECRET[5:],
        SECRET[:5] + "\x0c" + SECRET[5:],
        SECRET + "\ud800",
    ],
    ids=repr,
)
def test_a_key_that_no_header_can_carry_is_refused_without_showing_it(
    bad: str, emu: NinoxEmulator
) -> None:
    """Such a key used to be accepted; the first request then failed inside httpx with an error
    whose message, repr and traceback held the whole key."""
    for kwargs in ({"api_key": bad}, {"api_key": SECRET, "database_password": bad}):
        try:
            client = Ninox(base_url=emu.base_url, team_id=TEAM, database_id=DB, **kwargs)
        except ConfigurationError as exc:
            error: BaseException = exc
        else:  # accepted: what does the first request show?
            try:
                client.teams.list()
            except NinoxError as exc:
                error = exc
            else:
                raise AssertionError("a key with an illegal character went through")
        assert isinstance(error, ConfigurationError), repr(error)
        assert "not valid" in str(error)
        shown = str(error) + repr(error) + "".join(traceback.format_exception(error))
        leaked = leaks(shown) + leaks(shown, SECRET[:12])
        TALLY["secrets_leaked"] += leaked
        assert leaked == 0


# -- review h12 #2: nothing reachable from an error holds the key or the password -----------

_KEY = "nxk-CHAIN-KEY-91f3"
_PASSWORD = "pw-CHAIN-SECRET"


def _chain(error: BaseException) -> list[BaseException]:
    """The error and everything reachable through ``__cause__``/``__context__``."""
    found: list[BaseException] = []
    todo: list[BaseException | None] = [error]
    while todo:
        node = todo.pop()
        if node is None or any(node is seen for seen in found):
            continue
        found.append(node)
        todo += [node.__cause__, node.__context__]
    return found


def _texts_of(error: BaseException) -> list[str]:
    texts = ["".join(traceback.format_exception(error)), pickle.dumps(error).decode("latin-1")]
    for node in _chain(error):
        texts += [str(node), repr(node), repr(vars(node))]
        request = getattr(node, "_request", None) or getattr(node, "request", None)
        if isinstance(request, httpx.Request):
            texts += [repr(request.headers.raw), repr(request.headers)]
    return texts


def _broken_body(request: httpx.Request) -> httpx.Response:
    class Broken(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b"x"
            raise httpx.ReadError("reset mid-body", request=request)

    return httpx.Response(200, stream=Broken(), request=request)


def _raiser(exc_type: type[httpx.TransportError]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type("failed", request=request)

    return handler


@pytest.mark.parametrize(
    ("handler", "call"),
    [
        (_raiser(httpx.ReadError), lambda c: c.teams.list()),
        (_raiser(httpx.ConnectError), lambda c: c.teams.list()),
        (_raiser(httpx.ReadTimeout), lambda c: c.teams.list()),
        (_raiser(httpx.ReadError), lambda c: c.scripts.exec("1")),
        (_raiser(httpx.ReadError), lambda c: c.request("GET", "/teams")),
        (_broken_body, lambda c: c.files.download(record_id=1, file_name="a.txt", table="A")),
    ],
    ids=["read", "connect", "timeout", "exec", "request", "download-body"],
)
def test_no_secret_anywhere_in_the_cause_chain(handler: Any, call: Any) -> None:
    client = Ninox(
        api_key=_KEY,
        database_password=_PASSWORD,
        team_id="t",
        database_id="d",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    with pytest.raises(NinoxError) as caught:
        call(client)
    assert len(_chain(caught.value)) >= 2  # the httpx exception is chained and was checked
    for text in _texts_of(caught.value):
        assert _KEY not in text
        assert _PASSWORD not in text


# -- short secrets: a key or password under 4 characters was not cut out at all ---------------


@pytest.mark.parametrize(
    ("key", "password"), [("k", "pw"), ("ab1", "p"), ("key", "secret pw"), ("x-y", "1234")]
)
def test_a_short_key_or_password_echoed_by_the_server_is_cut_out(key: str, password: str) -> None:
    """A proxy echoes both credentials into its answer; none of them may reach the error,
    however short they are, and the rest of the message stays readable."""

    def echo(request: httpx.Request) -> httpx.Response:
        text = f"token {key} refused; nx-password was {password}. Ninoxkit keeps working"
        return httpx.Response(401, json={"message": text}, request=request)

    with (
        Ninox(
            api_key=key,
            database_password=password,
            max_retries=0,
            http_client=httpx.Client(transport=httpx.MockTransport(echo)),
        ) as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.teams.list()
    error = caught.value
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)
    assert "token [redacted] refused; nx-password was [redacted]. Ninoxkit keeps working" in str(
        error
    )
    body = (error.body or b"").decode()
    shown = [str(error), repr(error), body, pickle.dumps(error).decode("latin-1")]
    for text in shown:
        TALLY["secret_checks"] += 1
        for secret in (key, password):
            assert f" {secret} " not in text
            assert f" {secret}." not in text
    assert "[redacted]" in body

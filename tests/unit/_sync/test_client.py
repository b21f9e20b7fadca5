# Written by scripts/unasync.py from tests/unit/_async/test_client.py.
# Do not edit: edit the source and re-run the script.
"""Client behaviour over httpx.MockTransport (async source; tests/unit/_sync is its twin)."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from ninox_api.api.query import exec_script
from ninox_api.api.records import get_record, save_records
from ninox_api.api.teams import list_teams
from ninox_api.models.query_request import QueryRequest
from ninoxkit import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InternalServerError,
    InvalidArgumentError,
    Ninox,
    NotFoundError,
    OutcomeUnknownError,
    OutcomeUnknownTimeoutError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    RedirectError,
    ResponseTooLargeError,
    UnprocessableEntityError,
)

from tests.unit.conftest import KEY, Script, ok
from tests.unit.fakeninox import DB, TEAM, FakeNinox


def make(handler: Any, **kwargs: Any) -> Ninox:
    kwargs.setdefault("api_key", KEY)
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return Ninox(http_client=http, **kwargs)


def all_text(exc: BaseException) -> str:
    """Everything a user could see of an error: str, repr and the formatted chain."""
    parts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    cause = exc.__cause__ or exc.__context__
    while cause is not None:
        parts += [str(cause), repr(cause)]
        cause = cause.__cause__ or cause.__context__
    return "\n".join(parts)


# -- happy path, auth, the generated seam ------------------------------------------------
def test_call_runs_generated_operation_with_bearer_auth() -> None:
    script = Script([ok([{"id": "t1", "name": "Team"}])])
    client = make(script)
    response = client._run_operation(list_teams.sync_detailed)
    assert response.status_code == 200
    assert [team.id for team in response.parsed or []] == ["t1"]
    sent = script.requests[0]
    assert str(sent.url) == "https://api.ninox.com/v1/teams"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.headers["user-agent"].startswith("ninoxkit/")


def test_request_escape_hatch_returns_response_with_retries_taken() -> None:
    script = Script([httpx.Response(503), ok({"a": 1})])
    client = make(script)
    response = client.request("GET", "/teams", params={"x": "1"})
    assert response.json() == {"a": 1}
    assert response.extensions["ninoxkit.retries_taken"] == 1
    assert script.requests[1].url.params["x"] == "1"


@pytest.mark.parametrize(
    "params",
    [
        {"x": "1"},
        {"filters": '{"fields":{"Name":"a&b=c #d+e/f%g?"}}', "perPage": 500, "page": 0},
        {"choiceStyle": "ids", "ids": True, "new": False, "q": "Zürich 東京 ~*'()"},
        {"empty": "", "none": None, "many": ["a", "b c"]},
    ],
)
def test_query_parameters_are_encoded_as_httpx_encodes_them(params: dict[str, Any]) -> None:
    script = Script([ok({})])
    client = make(script)
    client.request("GET", "/teams", params=params)
    expected = httpx.Request("GET", "https://api.ninox.com/v1/teams", params=params).url
    assert script.requests[0].url == expected
    assert str(script.requests[0].url) == str(expected)


def test_a_query_in_the_path_with_params_is_left_to_httpx() -> None:
    # httpx lets ``params`` replace a query already in the URL; the fast path must not append
    # a second "?" instead.
    script = Script([ok({})])
    make(script).request("GET", "/teams?x=1", params={"y": "2"})
    expected = httpx.Request("GET", "https://api.ninox.com/v1/teams?x=1", params={"y": "2"}).url
    assert script.requests[0].url == expected
    assert str(script.requests[0].url).count("?") == 1


def test_caller_headers_replace_ours_case_insensitively_but_never_the_credentials() -> None:
    script = Script([ok({})])
    client = make(script, database_password="pw")
    client.request(
        "GET",
        "/teams",
        headers={"user-agent": "mine", "authorization": "Bearer other", "NX-Password": "x"},
    )
    sent = script.requests[0].headers
    assert sent.get_list("user-agent") == ["mine"]
    assert sent.get_list("authorization") == [f"Bearer {KEY}"]
    assert sent.get_list("nx-password") == ["pw"]


def test_database_password_reaches_every_call_path(monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script([ok([]), ok({}), ok([])])
    client = make(script, database_password="pw", team_id="t", database_id="d")
    client.tables.list()  # a generated operation
    client.request("GET", "/teams/t/databases/d/tables")  # the escape hatch
    monkeypatch.setenv("NINOX_DATABASE_PASSWORD", "from-env")
    make(script, team_id="t", database_id="d").tables.list()
    assert [r.headers.get("nx-password") for r in script.requests] == ["pw", "pw", "from-env"]


def test_users_client_default_params_are_kept() -> None:
    script = Script([ok({}), ok({})])
    http = httpx.Client(transport=httpx.MockTransport(script), params={"tenant": "t 1"})
    client = Ninox(api_key=KEY, http_client=http)
    client.request("GET", "/teams", params={"x": "1"})
    client.request("GET", "/teams")
    assert dict(script.requests[0].url.params) == {"tenant": "t 1", "x": "1"}
    assert dict(script.requests[1].url.params) == {"tenant": "t 1"}


def test_request_refuses_absolute_url() -> None:
    client = make(Script([]))
    with pytest.raises(ConfigurationError, match="relative"):
        client.request("GET", "https://evil.example/steal")
    with pytest.raises(ConfigurationError):
        client.request("GET", "//evil.example/steal")


# -- every status to its class -----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (405, APIStatusError),
        (409, ConflictError),
        (410, APIStatusError),
        (418, APIStatusError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (504, InternalServerError),
        (520, InternalServerError),
        (599, InternalServerError),
    ],
)
def test_status_maps_to_class(status: int, cls: type[APIStatusError]) -> None:
    client = make(Script([httpx.Response(status, text="nope")]), max_retries=0)
    with pytest.raises(cls) as info:
        client._run_operation(list_teams.sync_detailed)
    assert type(info.value) is cls
    assert info.value.status_code == status
    assert info.value.body == b"nope"
    assert f"GET https://api.ninox.com/v1/teams -> {status}" in str(info.value)


def test_non_standard_status_never_reaches_generated_code() -> None:
    # HTTPStatus(599) raises ValueError inside generated _build_response (toolchain-notes §3).
    client = make(Script([httpx.Response(599, text="")]), max_retries=0)
    with pytest.raises(InternalServerError) as info:
        client._run_operation(get_record.sync_detailed, "t", "d", "A", 1)
    assert info.value.__cause__ is None


# -- error bodies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b'{"message": "Table not found"}', "application/json", "Table not found"),
        (b'{"error": {"message": "bad filter"}}', "application/json", "bad filter"),
        (b'{"error": "quota"}', "application/json", "quota"),
        (b"Record not found", "text/plain", "Record not found"),
        (
            b"<html><head><title>404 Not Found</title></head><body>x</body></html>",
            "text/html",
            "404 Not Found",
        ),
        (
            b"<html><body><h1>Bad</h1><p>gateway   oops</p></body></html>",
            "text/html",
            "Bad gateway oops",
        ),
        (b"", None, "Not Found"),
        (b'{"message": ', "application/json", '{"message":'),
    ],
)
def test_error_message_from_any_body(body: bytes, content_type: str | None, expected: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    client = make(Script([httpx.Response(404, content=body, headers=headers)]))
    with pytest.raises(NotFoundError) as info:
        client._run_operation(list_teams.sync_detailed)
    assert info.value.message == expected
    assert "<" not in str(info.value)
    assert "\n" not in str(info.value)


# -- retries -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 520])
def test_idempotent_retries_then_succeeds(status: int, sleeps: list[float]) -> None:
    script = Script([httpx.Response(status), httpx.Response(status), ok()])
    client = make(script)
    response = client._run_operation(list_teams.sync_detailed)
    assert response.status_code == 200
    assert len(script.requests) == 3
    assert sleeps == [0.5, 1.0]


def test_retries_exhausted_raise_with_retries_taken(sleeps: list[float]) -> None:
    client = make(Script([httpx.Response(503)] * 3))
    with pytest.raises(InternalServerError) as info:
        client._run_operation(list_teams.sync_detailed)
    assert info.value.retries_taken == 2
    assert "after 2 retries" in str(info.value)
    assert len(sleeps) == 2


def test_per_call_and_per_client_max_retries(sleeps: list[float]) -> None:
    client = make(Script([httpx.Response(503)] * 7), max_retries=4)
    with pytest.raises(InternalServerError) as info:
        client._run_operation(list_teams.sync_detailed, max_retries=1)
    assert info.value.retries_taken == 1
    with pytest.raises(InternalServerError) as info:
        client._run_operation(list_teams.sync_detailed)
    assert info.value.retries_taken == 4
    assert len(sleeps) == 1 + 4


@pytest.mark.parametrize("bad", [-1, True, 1.5, "2"])
def test_a_bad_per_call_max_retries_is_refused_before_sending(bad: Any) -> None:
    script = Script([ok([])])
    client = make(script)
    with pytest.raises(ConfigurationError, match="max_retries"):
        client.request("GET", "/teams", max_retries=bad)
    with pytest.raises(ConfigurationError, match="max_retries"):
        client._run_operation(list_teams.sync_detailed, max_retries=bad)
    assert script.requests == []


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"Retry-After": "0"}, 0.5),  # 0 means "use backoff"
        ({"Retry-After": "soon"}, 0.5),  # unreadable: backoff
    ],
)
def test_retry_after_honoured(
    headers: dict[str, str], expected: float, sleeps: list[float]
) -> None:
    client = make(Script([httpx.Response(429, headers=headers), ok()]))
    client._run_operation(list_teams.sync_detailed)
    assert sleeps == [expected]


def test_retry_after_http_date(sleeps: list[float]) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    client = make(Script([httpx.Response(503, headers={"Retry-After": when}), ok()]))
    client._run_operation(list_teams.sync_detailed)
    assert len(sleeps) == 1
    assert 15 < sleeps[0] <= 20


@pytest.mark.parametrize("value", ["3600", "61"])
def test_retry_after_over_cap_raises_rate_limit(value: str, sleeps: list[float]) -> None:
    client = make(Script([httpx.Response(429, headers={"Retry-After": value})]))
    with pytest.raises(RateLimitError) as info:
        client._run_operation(list_teams.sync_detailed)
    assert info.value.retry_after == float(value)
    assert "not retried" in str(info.value)
    assert sleeps == []


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_not_retried(status: int, sleeps: list[float]) -> None:
    script = Script([httpx.Response(status)])
    client = make(script)
    with pytest.raises(APIStatusError):
        client._run_operation(list_teams.sync_detailed)
    assert len(script.requests) == 1
    assert sleeps == []


@pytest.mark.parametrize("status", [408, 429, 500, 503])
def test_non_idempotent_post_is_never_resent_on_status(status: int, sleeps: list[float]) -> None:
    script = Script([httpx.Response(status)])
    client = make(script)
    with pytest.raises(APIStatusError) as info:
        client._run_operation(exec_script.sync_detailed, "t", "d", body=QueryRequest(query="1"))
    assert len(script.requests) == 1
    assert sleeps == []
    assert info.value.outcome_unknown is (status >= 500)
    if status >= 500:
        assert "may or may not have been applied" in str(info.value)


def test_post_marked_idempotent_is_retried(sleeps: list[float]) -> None:
    script = Script([httpx.Response(503), ok([{"id": 1, "fields": {}}])])
    client = make(script)
    response = client._run_operation(
        save_records.sync_detailed, "t", "d", "A", body=[], idempotent=True
    )
    assert response.status_code == 200
    assert len(script.requests) == 2


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow connect"),
        httpx.PoolTimeout("pool"),
    ],
)
def test_never_sent_failures_are_retried_for_any_method(
    exc: Exception, sleeps: list[float]
) -> None:
    script = Script([exc, ok(1)])
    client = make(script)
    client._run_operation(exec_script.sync_detailed, "t", "d", body=QueryRequest(query="1"))
    assert len(script.requests) == 2
    assert sleeps == [0.5]


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ReadTimeout("read"), OutcomeUnknownTimeoutError),
        (httpx.WriteTimeout("write"), OutcomeUnknownTimeoutError),
        (httpx.RemoteProtocolError("server disconnected"), OutcomeUnknownError),
        (httpx.ReadError("reset"), OutcomeUnknownError),
    ],
)
def test_maybe_sent_create_is_not_resent_and_outcome_unknown(
    exc: Exception, cls: type[Exception], sleeps: list[float]
) -> None:
    script = Script([exc])
    client = make(script)
    with pytest.raises(cls) as info:
        client._run_operation(exec_script.sync_detailed, "t", "d", body=QueryRequest(query="1"))
    assert len(script.requests) == 1
    assert sleeps == []
    assert info.value.__cause__ is exc
    assert "outcome is unknown" in str(info.value)
    if isinstance(exc, httpx.TimeoutException):
        assert isinstance(info.value, APITimeoutError)


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ReadTimeout("read"), APITimeoutError),
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.RemoteProtocolError("server disconnected"), APIConnectionError),
    ],
)
def test_transport_failures_exhaust_retries(
    exc: Exception, cls: type[Exception], sleeps: list[float]
) -> None:
    client = make(Script([exc, exc, exc]))
    with pytest.raises(cls) as info:
        client._run_operation(list_teams.sync_detailed)
    assert not isinstance(info.value, OutcomeUnknownError)
    assert info.value.__cause__ is exc
    assert info.value.retries_taken == 2  # type: ignore[attr-defined]
    assert sleeps == [0.5, 1.0]


def test_read_timeout_is_api_timeout_error() -> None:
    client = make(Script([httpx.ReadTimeout("timed out")]), max_retries=0)
    with pytest.raises(APITimeoutError, match="timed out"):
        client.request("GET", "/teams")


def test_per_call_timeout_reaches_the_request() -> None:
    script = Script([ok(), ok()])
    client = make(script, timeout=5)
    client._run_operation(list_teams.sync_detailed, timeout=httpx.Timeout(1.0, connect=0.5))
    client._run_operation(list_teams.sync_detailed)
    assert script.requests[0].extensions["timeout"]["read"] == 1.0
    assert script.requests[0].extensions["timeout"]["connect"] == 0.5
    assert script.requests[1].extensions["timeout"]["read"] == 5.0


def test_default_timeout_is_finite() -> None:
    script = Script([ok()])
    client = make(script)
    client._run_operation(list_teams.sync_detailed)
    timeout = script.requests[0].extensions["timeout"]
    assert timeout == {"connect": 10.0, "read": 60.0, "write": 60.0, "pool": 60.0}


# -- bodies that do not fit --------------------------------------------------------------


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, content=b"<html>maintenance</html>"),
        httpx.Response(200, json=[{"name": "no id"}]),
        httpx.Response(200, json={"not": "a list"}),
    ],
)
def test_bad_2xx_body_is_validation_error(response: httpx.Response) -> None:
    client = make(Script([response]))
    with pytest.raises(APIResponseValidationError) as info:
        client._run_operation(list_teams.sync_detailed)
    assert info.value.status_code == 200
    assert info.value.body == response.content


# -- security ----------------------------------------------------------------------------
def test_http_to_https_redirect_names_https_url() -> None:
    redirect = httpx.Response(301, headers={"Location": "https://api.ninox.com/v1/teams"})
    script = Script([redirect])
    client = make(script, base_url="http://api.ninox.com/v1", allow_insecure_http=True)
    with pytest.raises(RedirectError) as info:
        client._run_operation(list_teams.sync_detailed)
    assert "base_url='https://api.ninox.com/v1'" in str(info.value)
    assert info.value.location == "https://api.ninox.com/v1/teams"
    assert len(script.requests) == 1


@pytest.mark.parametrize(
    "location", ["https://evil.example/v1/teams", "http://api.ninox.com/v1/teams", "/elsewhere"]
)
def test_redirects_are_never_followed(location: str) -> None:
    script = Script([httpx.Response(302, headers={"Location": location}), ok([])])
    # Even a user's client that follows redirects must not carry the key elsewhere.
    http = httpx.Client(transport=httpx.MockTransport(script), follow_redirects=True)
    client = Ninox(api_key=KEY, http_client=http)
    with pytest.raises(RedirectError, match=r"does not follow redirects") as info:
        client.request("GET", "/teams")
    assert len(script.requests) == 1
    # Already on https: no advice to switch base_url to what it already is.
    assert "Use base_url" not in str(info.value)


def test_key_never_in_repr_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="ninoxkit")
    client = make(
        Script([httpx.Response(401, json={"message": "bad key"}), httpx.ReadTimeout("t")])
    )
    with pytest.raises(AuthenticationError) as first:
        client._run_operation(list_teams.sync_detailed)
    with pytest.raises(APITimeoutError) as second:
        client._run_operation(list_teams.sync_detailed, max_retries=0)
    texts = [
        repr(client),
        str(client),
        repr(client.options),
        repr(client._generated),
        repr(client._sender),
        all_text(first.value),
        all_text(second.value),
        caplog.text,
    ]
    assert "Authorization" in caplog.text or "authorization" in caplog.text
    for text in texts:
        assert KEY not in text


# -- configuration on the facade ---------------------------------------------------------
def test_missing_key_says_where_keys_come_from() -> None:
    with pytest.raises(ConfigurationError, match="Integrations") as info:
        Ninox()
    assert "NINOX_API_KEY" in str(info.value)


def test_env_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NINOX_API_KEY", "env-key")
    monkeypatch.setenv("NINOX_BASE_URL", "https://acme.ninox.com/v1/")
    monkeypatch.setenv("NINOX_TEAM_ID", "env-team")
    monkeypatch.setenv("NINOX_DATABASE_ID", "env-db")
    script = Script([ok(), ok()])
    client = make(script, api_key=None)
    assert client.base_url == "https://acme.ninox.com/v1"
    assert (client.team_id, client.database_id) == ("env-team", "env-db")
    client._run_operation(list_teams.sync_detailed)
    assert script.requests[0].headers["authorization"] == "Bearer env-key"
    explicit = make(
        script, api_key="arg-key", team_id="arg-team", base_url="https://x.ninox.com/v1"
    )
    assert explicit.team_id == "arg-team"
    assert explicit.base_url == "https://x.ninox.com/v1"
    explicit._run_operation(list_teams.sync_detailed)
    assert script.requests[1].headers["authorization"] == "Bearer arg-key"
    assert script.requests[1].url.host == "x.ninox.com"


def test_with_options_copies_and_shares_pool() -> None:
    script = Script([ok(), ok()])
    client = make(script, max_retries=1)
    db = client.with_options(team_id="t1", database_id="d1", api_key="other", timeout=3)
    assert (db.team_id, db.database_id, db.max_retries) == ("t1", "d1", 1)
    assert client.team_id is None
    assert db._shared is client._shared
    db._run_operation(list_teams.sync_detailed)
    assert script.requests[0].headers["authorization"] == "Bearer other"
    assert script.requests[0].extensions["timeout"]["read"] == 3.0
    assert db._team_id(None) == "t1"
    assert db._team_id("t2") == "t2"
    with pytest.raises(ConfigurationError, match="NINOX_TEAM_ID"):
        client._team_id(None)
    with pytest.raises(ConfigurationError, match="empty"):
        db._database_id("  ")
    with pytest.raises(ConfigurationError):
        client.with_options(base_url="http://api.ninox.com/v1")


def test_plain_http_refused_except_loopback() -> None:
    with pytest.raises(ConfigurationError, match=r"https://api\.ninox\.com/v1"):
        make(Script([]), base_url="http://api.ninox.com/v1")
    for url in ("http://127.0.0.1:8080/v1", "http://localhost/v1", "http://[::1]:9/v1"):
        assert make(Script([]), base_url=url).base_url == url


def test_context_manager_closes_own_pool_not_users_client() -> None:
    with Ninox(api_key=KEY) as client:
        assert not client.is_closed
    assert client.is_closed
    with pytest.raises(APIConnectionError, match="closed"):
        client.request("GET", "/teams")
    http = httpx.Client(transport=httpx.MockTransport(Script([])))
    with Ninox(api_key=KEY, http_client=http) as client:
        pass
    assert not http.is_closed
    with pytest.raises(APIConnectionError, match="closed"):
        client.request("GET", "/teams")
    http.close()


def test_users_http_client_keeps_auth_retry_and_errors(sleeps: list[float]) -> None:
    script = Script([httpx.Response(502), httpx.Response(404, text="gone")])
    seen: list[str] = []

    def hook(request: httpx.Request) -> None:
        seen.append(request.headers.get("authorization", ""))

    http = httpx.Client(
        transport=httpx.MockTransport(script),
        event_hooks={"request": [hook]},
        follow_redirects=True,
    )
    client = Ninox(api_key=KEY, http_client=http)
    with pytest.raises(NotFoundError) as info:
        client._run_operation(list_teams.sync_detailed)
    assert info.value.retries_taken == 1
    assert seen == [f"Bearer {KEY}"] * 2
    http.close()


# -- issue #13: typed errors for bad input, bounded bodies, quota, secrets in errors -----
@pytest.mark.parametrize(
    "path",
    [
        "/../teams",
        "../teams",
        "/teams/%2e%2e/x",
        "/teams/%2E%2e",
        "./teams",
        "/a/./b",
        "/a/%2e/",
        "/teams/..%2f..%2fx",
        "/a/%5c..%5cb",
    ],
)
def test_request_refuses_dot_segments_that_would_leave_v1(path: str) -> None:
    script = Script([])
    client = make(script)
    with pytest.raises(InvalidArgumentError, match="segment"):
        client.request("GET", path)
    assert script.requests == []


@pytest.mark.parametrize("size", [0, -1, True, 1.5, "64", None])
def test_iter_bytes_refuses_a_chunk_size_that_is_no_positive_int(size: Any) -> None:
    script = Script([])
    client = make(script, team_id="t", database_id="d")
    with pytest.raises(InvalidArgumentError, match="chunk_size"):
        for _ in client.files.iter_bytes(
            record_id=1, file_name="a.txt", table="A", chunk_size=size
        ):
            pass
    assert script.requests == []


def test_iter_bytes_with_a_small_chunk_size_yields_the_content() -> None:
    client = make(
        Script([httpx.Response(200, content=b"0123456789")]), team_id="t", database_id="d"
    )
    chunks = [
        c for c in client.files.iter_bytes(record_id=1, file_name="a.txt", table="A", chunk_size=3)
    ]
    assert chunks == [b"012", b"345", b"678", b"9"]


MIB = 1024 * 1024


def _endless(sent: list[int], chunk: int = 64 * 1024, cap: int = 16 * MIB) -> Any:
    """A body that goes on (up to ``cap``, so a broken limit cannot run away); counts bytes."""

    def chunks() -> Iterator[bytes]:
        while sent[0] < cap:
            sent[0] += chunk
            yield b"x" * chunk

    return chunks()


@pytest.mark.parametrize("status", [200, 500])
def test_a_huge_body_is_cut_off_at_max_response_size(status: int) -> None:
    sent = [0]
    script = Script([lambda _request: httpx.Response(status, content=_endless(sent))])
    client = make(script, max_response_size=MIB)
    with pytest.raises(ResponseTooLargeError, match="max_response_size") as info:
        client.request("GET", "/teams")
    assert info.value.limit == MIB
    assert info.value.status_code == status
    assert MIB <= sent[0] <= MIB + 128 * 1024  # reading stopped at the limit
    assert len(script.requests) == 1  # not retried: the same body would come again


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    script = Script([httpx.Response(200, content=b"[" + b" " * 2000 + b"]")])
    client = make(script, max_response_size=1000)
    with pytest.raises(ResponseTooLargeError):
        client.request("GET", "/teams")
    # Within the limit, nothing changes.
    ok_script = Script([httpx.Response(200, content=b"[" + b" " * 900 + b"]")])
    assert (make(ok_script, max_response_size=1000).request("GET", "/teams")).json() == []


QUOTA_BODY = {"message": "API call quota exceeded"}


def test_an_exhausted_quota_is_quota_exceeded_and_never_retried(sleeps: list[float]) -> None:
    # The emulator's quota mode answers exactly this: 429, this body, no Retry-After.
    script = Script([httpx.Response(429, json=QUOTA_BODY)] * 3)
    client = make(script, max_retries=2)
    with pytest.raises(QuotaExceededError) as info:
        client.request("GET", "/teams")
    assert "monthly API-call quota of this Ninox plan is exhausted" in str(info.value)
    assert "API call quota exceeded" in str(info.value)
    assert info.value.status_code == 429
    assert len(script.requests) == 1
    assert sleeps == []


def test_a_quota_answer_with_retry_after_is_an_ordinary_bounded_rate_limit(
    sleeps: list[float],
) -> None:
    script = Script([httpx.Response(429, json=QUOTA_BODY, headers={"Retry-After": "1"})] * 3)
    client = make(script, max_retries=2)
    with pytest.raises(RateLimitError) as info:
        client.request("GET", "/teams")
    assert not isinstance(info.value, QuotaExceededError)
    assert info.value.retries_taken == 2
    assert sleeps == [1.0, 1.0]


def test_errors_from_the_transport_mask_credentials_and_pickle(sleeps: list[float]) -> None:
    import pickle

    def echo(request: httpx.Request) -> httpx.Response:
        # A proxy that echoes the request headers into its error page.
        return httpx.Response(404, text=f"not found; you sent {dict(request.headers)}")

    client = make(Script([echo]), database_password="db-pass-77")
    with pytest.raises(NotFoundError) as info:
        client.request("GET", "/teams/x")
    error = info.value
    assert error.request is not None
    assert error.request.headers["nx-password"] == "[redacted]"
    assert KEY not in error.request.headers["authorization"]
    for text in (str(error), repr(error), all_text(error), error.response.text):
        assert KEY not in text
        assert "db-pass-77" not in text
    data = pickle.dumps(error)
    assert KEY.encode() not in data
    assert b"db-pass-77" not in data
    assert str(pickle.loads(data)) == str(error)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.databases.list(team_id=5),
        lambda c: c.tables.list(team_id="t", database_id=7),
        lambda c: c.teams.get(team_id=["t"]),
        lambda c: c.records.get(record_id=1, table="A", team_id="t\ud800", database_id="d"),
        lambda c: c.scripts.query("1 + \ud800", team_id="t", database_id="d"),
        lambda c: c.request("GET", "/teams/\udcff"),
        lambda c: c.request("GET", "/teams", headers={"X-Name": "é\ud800"}),
        lambda c: c.request("GET", 5),
        lambda c: c.request(None, "/teams"),
    ],
)
def test_bad_arguments_give_a_typed_error_before_sending(call: Any) -> None:
    script = Script([])
    client = make(script)
    with pytest.raises(InvalidArgumentError):
        call(client)
    assert script.requests == []


def test_waiting_for_a_concurrency_slot_ends_at_the_deadline() -> None:
    # stream=: a body still to be read (content= is read at once and holds no connection).
    script = Script([httpx.Response(200, stream=httpx.ByteStream(b"x" * 1000))])
    client = make(script, team_id="t", database_id="d", max_concurrency=1)
    chunks = client.files.iter_bytes(record_id=1, file_name="a.txt", table="A", chunk_size=100)
    for first in chunks:  # the download holds the only slot while it is open
        assert first == b"x" * 100
        break
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match="no concurrency slot"):
        client.with_options(deadline=0.3).request("GET", "/teams")
    assert 0.25 <= time.monotonic() - started < 1.5
    assert len(script.requests) == 1  # the second request was never sent
    chunks.close()


def test_a_retry_that_would_end_after_the_deadline_is_not_made(sleeps: list[float]) -> None:
    script = Script([httpx.Response(503, headers={"Retry-After": "30"})] * 3)
    client = make(script, deadline=5)
    with pytest.raises(InternalServerError, match="deadline") as info:
        client.request("GET", "/teams")
    assert info.value.retries_taken == 0
    assert len(script.requests) == 1
    assert sleeps == []
    # Without the deadline in the way, the same answers are retried as usual.
    script = Script([httpx.Response(503, headers={"Retry-After": "30"}), ok([])])
    assert (make(script, deadline=None).request("GET", "/teams")).json() == []
    assert sleeps == [30.0]


# -- review h12 #4: a download into memory is bounded like every buffered answer -------------
def test_a_download_into_memory_stops_at_max_response_size(tmp_path: Path) -> None:
    fake = FakeNinox()
    fake.add("A", 1)
    big = b"x" * 5000
    fake.files[("A", 1, "big.bin")] = big
    http = httpx.Client(transport=httpx.MockTransport(fake))
    client = Ninox(
        api_key="key",  # the key FakeNinox accepts
        team_id=TEAM,
        database_id=DB,
        http_client=http,
        max_response_size=1000,
        max_concurrency=1,
    )
    with pytest.raises(ResponseTooLargeError) as caught:
        client.files.download(record_id=1, file_name="big.bin", table="A")
    assert caught.value.applied is False
    assert "max_response_size=1000" in str(caught.value)
    # Streaming keeps no limit, and the refused download gave its one slot back.
    written = client.files.download(
        record_id=1, file_name="big.bin", table="A", to=tmp_path / "big.bin"
    )
    assert isinstance(written, Path)
    assert written.read_bytes() == big
    assert (
        b"".join([c for c in client.files.iter_bytes(record_id=1, file_name="big.bin", table="A")])
        == big
    )

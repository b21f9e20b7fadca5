"""The error tree, the status table and message extraction (pure)."""

from __future__ import annotations

from typing import Any

import httpx
import ninoxkit
import pytest
from ninoxkit._exceptions import (
    STATUS_ERRORS,
    error_class_for,
    extract_message,
    make_status_error,
    safe_url,
)


def test_tree() -> None:
    assert issubclass(ninoxkit.ConfigurationError, ninoxkit.NinoxError)
    assert issubclass(ninoxkit.ConfigurationError, ValueError)
    assert issubclass(ninoxkit.APITimeoutError, ninoxkit.APIConnectionError)
    assert issubclass(ninoxkit.OutcomeUnknownTimeoutError, ninoxkit.APITimeoutError)
    assert issubclass(ninoxkit.OutcomeUnknownTimeoutError, ninoxkit.OutcomeUnknownError)
    assert issubclass(ninoxkit.RateLimitError, ninoxkit.APIStatusError)
    assert issubclass(ninoxkit.APIStatusError, ninoxkit.APIError)
    assert issubclass(ninoxkit.APIResponseValidationError, ninoxkit.APIError)
    for cls in STATUS_ERRORS.values():
        assert cls.__name__ in (ninoxkit._exceptions.__doc__ or "")


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (301, "RedirectError"),
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (413, "APIStatusError"),
        (500, "InternalServerError"),
        (521, "InternalServerError"),
        (599, "InternalServerError"),
        (600, "APIStatusError"),
        (199, "APIStatusError"),
    ],
)
def test_error_class_for(status: int, name: str) -> None:
    assert error_class_for(status).__name__ == name


@pytest.mark.parametrize(
    ("body", "ctype", "expected"),
    [
        (b"", None, ""),
        (b"   \n", "text/plain", ""),
        (b'{"message":"Field not found: Nme"}', "application/json", "Field not found: Nme"),
        (b'{"error":{"message":"nested"}}', None, "nested"),
        (b'{"errors":[{"message":"first"}]}', None, "first"),
        (b'"just a string"', "application/json", "just a string"),
        (b'{"code": 7}', "application/json", '{"code": 7}'),
        (b"plain\n  text", "text/plain", "plain text"),
        (
            b"<!DOCTYPE html><html><head><style>p{}</style><script>x()</script></head>"
            b"<body><h1>502 Bad Gateway</h1><p>cloudflare &amp; co</p></body></html>",
            "text/html",
            "502 Bad Gateway cloudflare & co",
        ),
        (b"\xff\xfe broken utf8", "text/plain", "\ufffd\ufffd broken utf8"),
    ],
)
def test_extract_message(body: bytes, ctype: str | None, expected: str) -> None:
    assert extract_message(body, ctype) == expected


def test_long_messages_are_shortened() -> None:
    message = extract_message(b"x" * 5000, "text/plain")
    assert len(message) <= 300
    assert message.endswith("…")


def test_str_is_one_line_with_method_url_status() -> None:
    request = httpx.Request("PUT", "https://api.ninox.com/v1/teams/t/databases/d")
    response = httpx.Response(422, json={"message": "bad\nvalue"}, request=request)
    error = make_status_error(request, response, retries_taken=1)
    assert str(error) == (
        "PUT https://api.ninox.com/v1/teams/t/databases/d -> 422 Unprocessable Entity: "
        "bad value (after 1 retry)"
    )
    assert repr(error).startswith("UnprocessableEntityError(")


def test_rate_limit_error_carries_retry_after() -> None:
    request = httpx.Request("GET", "https://api.ninox.com/v1/teams")
    response = httpx.Response(429, headers={"Retry-After": "12"}, request=request)
    error = make_status_error(request, response)
    assert isinstance(error, ninoxkit.RateLimitError)
    assert error.retry_after == 12.0


def test_safe_url_drops_userinfo() -> None:
    assert safe_url("https://user:pw@host/v1") == "https://host/v1"


# -- secrets and pickling (issue #13 item 8) ---------------------------------------------

KEY = "nxk-PICKLE-KEY-5e1d"
PASSWORD = "db pass-7c3a"


def _all_subclasses(cls: type) -> list[type]:
    found: list[type] = []
    for sub in cls.__subclasses__():
        found += [sub, *_all_subclasses(sub)]
    return list(dict.fromkeys(found))


def _sent_request() -> httpx.Request:
    return httpx.Request(
        "POST",
        "https://api.ninox.com/v1/teams/t/databases/d/query",
        headers={"Authorization": f"Bearer {KEY}", "nx-password": PASSWORD},
        json={"query": f"echo {KEY}"},
    )


def _echoing_response(request: httpx.Request, status: int = 400) -> httpx.Response:
    # A proxy that echoes the credentials into its error page.
    body = f'{{"message": "bad token {KEY} / {PASSWORD}"}}'
    return httpx.Response(status, content=body.encode(), request=request)


def _build(cls: type[ninoxkit.NinoxError]) -> ninoxkit.NinoxError:
    """One instance of any class of the tree, built the way ninoxkit builds it."""
    request = _sent_request()
    message = f"failed with {KEY}"
    if issubclass(cls, ninoxkit.QuotaExceededError):
        status = 403 if issubclass(cls, ninoxkit.PermissionDeniedError) else 402
        status = 429 if issubclass(cls, ninoxkit.RateLimitError) else status
        body = f'{{"message": "API call quota exceeded for {KEY} / {PASSWORD}"}}'
        return make_status_error(request, httpx.Response(status, content=body.encode()))
    if issubclass(cls, ninoxkit.APIStatusError):
        status = cls.status or {
            "RedirectError": 302,
            "InternalServerError": 502,
            "QuotaExceededError": 402,
        }.get(cls.__name__, 418)
        return make_status_error(request, _echoing_response(request, status))
    if issubclass(cls, ninoxkit.APIResponseValidationError):
        response = _echoing_response(request, 200)
        return cls(message, status_code=200, response=response, request=request, body=b"x")
    if issubclass(cls, ninoxkit.ResponseTooLargeError):
        return cls(message, limit=10, status_code=200, request=request)
    if issubclass(cls, ninoxkit.APIError):
        return cls(message, request=request)
    if issubclass(cls, ninoxkit.BatchWriteError):
        inner = make_status_error(request, _echoing_response(request))
        return cls("batch failed", written=[(0, None)], not_written=[1], unknown=[], error=inner)
    if issubclass(cls, ninoxkit.UnknownNameError):
        return cls("no table named 'x'", candidates=["X"])
    return cls("bad argument")


ERROR_CLASSES = [ninoxkit.NinoxError, *_all_subclasses(ninoxkit.NinoxError)]


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_pickles_without_the_key_and_back(cls: type[ninoxkit.NinoxError]) -> None:
    import pickle
    import traceback

    error = _build(cls)
    assert type(error) is cls or cls is ninoxkit.APIStatusError
    data = pickle.dumps(error)
    assert KEY.encode() not in data
    assert PASSWORD.encode() not in data
    back = pickle.loads(data)
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert repr(back) == repr(error)
    shown = "\n".join(
        [str(error), repr(error), repr(vars(error)), "".join(traceback.format_exception(error))]
    )
    assert KEY not in shown
    assert PASSWORD not in shown
    for name in ("request", "response"):
        value = getattr(back, name, None)
        if isinstance(value, (httpx.Request, httpx.Response)):
            headers = value.headers if isinstance(value, httpx.Request) else value.request.headers
            assert KEY not in str(headers.raw)
            assert PASSWORD not in str(headers.raw)


def test_a_status_error_masks_the_password_header_and_the_echoed_body() -> None:
    request = _sent_request()
    error = make_status_error(request, _echoing_response(request))
    assert error.request is not None
    assert error.request.headers["nx-password"] == "[redacted]"
    assert KEY not in error.request.headers["authorization"]
    assert error.response.request.headers["nx-password"] == "[redacted]"
    assert KEY not in str(error)
    assert PASSWORD not in str(error)
    assert error.body is not None
    assert KEY.encode() not in error.body
    assert KEY not in error.response.text
    assert "[redacted]" in error.message
    assert error.request.content == b'{"query":"echo [redacted]"}'
    # What was really sent is unchanged: the error works on a copy.
    assert request.headers["nx-password"] == PASSWORD


# -- the monthly API-call quota (issue #20 item 8) --------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "headers", "expected"),
    [
        (429, {"message": "API call quota exceeded"}, {}, "QuotaExceededError"),
        (429, {"message": "API call quota exceeded"}, {"Retry-After": "5"}, "RateLimitError"),
        (429, {"message": "Rate limit exceeded"}, {}, "RateLimitError"),
        (429, {"message": "Too many requests"}, {}, "RateLimitError"),
        (
            403,
            {"message": "Monthly API call limit reached for your plan"},
            {},
            "QuotaExceededError",
        ),
        (403, {"message": "quota of API requests used up"}, {}, "QuotaExceededError"),
        (403, {"message": "No access to this database"}, {}, "PermissionDeniedError"),
        (402, {"message": "Payment required"}, {}, "QuotaExceededError"),
        (402, None, {}, "QuotaExceededError"),
        # Review h12 #3: a quota or a plan limit that is not about API calls is not the quota.
        (
            403,
            {"message": "Your plan allows at most 5 databases: limit reached"},
            {},
            "PermissionDeniedError",
        ),
        (403, {"message": "Storage quota exceeded"}, {}, "PermissionDeniedError"),
        (429, {"message": "Rate limit of your plan reached"}, {}, "RateLimitError"),
    ],
)
def test_quota_exhausted_is_its_own_error(
    status: int, body: Any, headers: dict[str, str], expected: str
) -> None:
    request = httpx.Request("GET", "https://api.ninox.com/v1/teams")
    response = httpx.Response(status, json=body, headers=headers, request=request)
    error = make_status_error(request, response)
    assert isinstance(error, getattr(ninoxkit, expected))
    quota = isinstance(error, ninoxkit.QuotaExceededError)
    assert quota == (expected == "QuotaExceededError")
    if quota:
        assert "the server's message suggests the monthly API-call quota" in str(error)
    # A quota error stays the class of its status, so `except PermissionDeniedError` works.
    assert isinstance(error, ninoxkit._exceptions.error_class_for(status))


def test_the_quota_error_of_a_429_is_a_rate_limit_error_with_retry_after() -> None:
    request = httpx.Request("GET", "https://api.ninox.com/v1/teams")
    response = httpx.Response(429, json={"message": "API call quota exceeded"}, request=request)
    error = make_status_error(request, response)
    assert isinstance(error, ninoxkit.QuotaExceededError)
    assert isinstance(error, ninoxkit.RateLimitError)
    assert error.retry_after is None
    assert error.applied is False


def test_the_tree_in_the_docstring_names_every_public_error() -> None:
    tree = ninoxkit._exceptions.__doc__ or ""
    public = [c for c in ERROR_CLASSES if not c.__name__.startswith("_")]
    assert [c.__name__ for c in public if c.__name__ not in tree] == []
    assert issubclass(ninoxkit.QuotaExceededError, ninoxkit.APIStatusError)
    assert issubclass(ninoxkit.ResponseTooLargeError, ninoxkit.APIError)
    assert issubclass(ninoxkit.EventLoopError, RuntimeError)


# -- review h12 #1: every APIError carries the transport's verdict in ``applied`` -------------


def _client_answering(handler: Any, **options: Any) -> ninoxkit.Ninox:
    return ninoxkit.Ninox(
        api_key="k" * 20,
        team_id="t",
        database_id="d",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        **options,
    )


def _records_answer(request: httpx.Request) -> httpx.Response:
    import json

    items = json.loads(request.content)
    records = [{"id": i + 1, "fields": {"Name": "x" * 2000}} for i, _ in enumerate(items)]
    return httpx.Response(200, json=records)


def test_a_too_large_2xx_answer_to_a_write_says_it_was_applied() -> None:
    client = _client_answering(_records_answer, max_response_size=1000)
    with pytest.raises(ninoxkit.BatchWriteError) as caught:
        client.records.create([{"A": 1}], table="A")
    # Ninox took the batch: it is never reported "not written" (a retry would duplicate it).
    assert (caught.value.not_written, caught.value.unknown) == ([], [0])
    error = caught.value.error
    assert isinstance(error, ninoxkit.ResponseTooLargeError)
    assert isinstance(error, ninoxkit.OutcomeUnknownError)
    assert error.applied is True
    assert "the write was applied" in str(error)


def test_a_too_large_2xx_answer_to_exec_says_it_was_applied() -> None:
    client = _client_answering(
        lambda _request: httpx.Response(200, json="x" * 5000), max_response_size=1000
    )
    with pytest.raises(ninoxkit.OutcomeUnknownError) as caught:
        client.scripts.exec("1")
    assert isinstance(caught.value, ninoxkit.ResponseTooLargeError)
    assert caught.value.applied is True


def test_a_too_large_answer_to_a_read_is_not_an_outcome_unknown_error() -> None:
    client = _client_answering(
        lambda _request: httpx.Response(200, json="x" * 5000), max_response_size=1000
    )
    with pytest.raises(ninoxkit.ResponseTooLargeError) as caught:
        client.request("GET", "/teams")
    assert not isinstance(caught.value, ninoxkit.OutcomeUnknownError)
    assert caught.value.applied is True


def _raising(exc_type: type[httpx.TransportError]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type("failed", request=request)

    return handler


@pytest.mark.parametrize(
    ("handler", "method", "applied"),
    [
        (_raising(httpx.ConnectError), "POST", False),
        (_raising(httpx.ConnectTimeout), "GET", False),
        (_raising(httpx.ReadError), "POST", None),
        (_raising(httpx.ReadError), "GET", None),
        (_raising(httpx.ReadTimeout), "POST", None),
        (lambda _request: httpx.Response(502), "POST", None),
        (lambda _request: httpx.Response(404), "POST", False),
        (lambda _request: httpx.Response(400), "GET", False),
        (lambda _request: httpx.Response(302, headers={"location": "/x"}), "GET", False),
        (lambda _request: httpx.Response(200, content=b"{"), "GET", True),
    ],
    ids=[
        "connect",
        "connect-timeout",
        "read",
        "read-get",
        "timeout",
        "502",
        "404",
        "400",
        "302",
        "bad-json",
    ],
)
def test_every_error_carries_the_transports_verdict(
    handler: Any, method: str, applied: bool | None
) -> None:
    client = _client_answering(handler, max_retries=0)
    # A 2xx answer is only an error when it does not parse: a typed call, not the raw one.
    call = client.teams.list if applied is True else lambda: client.request(method, "/teams")
    with pytest.raises(ninoxkit.APIError) as caught:
        call()
    assert caught.value.applied is applied


def test_a_refusal_after_a_lost_answer_leaves_the_outcome_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ninoxkit._sync._transport as transport

    monkeypatch.setattr(transport, "_sleep", lambda _seconds: None)
    answers = iter([httpx.Response(503), httpx.Response(404)])
    client = _client_answering(lambda _request: next(answers), max_retries=1)
    with pytest.raises(ninoxkit.NotFoundError) as caught:
        client.request("PUT", "/teams")
    # The first attempt may have been applied; the second attempt's 404 does not undo that.
    assert caught.value.applied is None


def test_a_closed_client_refuses_before_sending() -> None:
    client = _client_answering(lambda _request: httpx.Response(200, json=[]))
    client.close()
    with pytest.raises(ninoxkit.APIConnectionError) as caught:
        client.teams.list()
    assert caught.value.applied is False


def test_an_error_built_without_a_verdict_is_unknown_and_pickles_its_verdict() -> None:
    import pickle

    error = ninoxkit.APIConnectionError("x")
    assert error.applied is None
    assert pickle.loads(pickle.dumps(ninoxkit.APIError("x", applied=False))).applied is False


@pytest.mark.parametrize(("method", "status"), [("HEAD", 200), ("GET", 204), ("GET", 304)], ids=str)
def test_a_bodiless_answer_is_not_refused_for_its_content_length(method: str, status: int) -> None:
    # Review h12 (low): Content-Length on HEAD/204/304 describes a body that never follows.
    client = _client_answering(
        lambda _request: httpx.Response(status, headers={"content-length": str(100 * 2**20)})
    )
    if status == 304:
        with pytest.raises(ninoxkit.RedirectError):
            client.request(method, "/teams")
    else:
        assert client.request(method, "/teams").status_code == status

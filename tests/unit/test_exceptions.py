"""The error tree, the status table and message extraction (pure)."""

from __future__ import annotations

from typing import Any

import httpx
import ninoxkit
import ninoxkit.nx
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
    # Argument errors, the NX ones too, are NinoxErrors that stay ValueErrors (#19 item 4).
    assert issubclass(ninoxkit.InvalidArgumentError, ninoxkit.NinoxError)
    assert issubclass(ninoxkit.InvalidArgumentError, ValueError)
    assert issubclass(ninoxkit.nx.NXError, ninoxkit.InvalidArgumentError)
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


# -- what each error shows, pinned where mutation testing found it loose (./scripts/mutation) ---

URL = "https://api.ninox.com/v1/teams"


def status_error(status: int, **kwargs: Any) -> ninoxkit.APIStatusError:
    request = httpx.Request("GET", URL)
    options = {
        k: kwargs.pop(k) for k in ("retries_taken", "outcome_unknown", "note") if k in kwargs
    }
    return make_status_error(request, httpx.Response(status, request=request, **kwargs), **options)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"detail": "d"}', "d"),
        (b'{"msg": "m"}', "m"),
        (b'{"error_description": "e"}', "e"),
        (b'{"errors": [{"message": "first"}, {"message": "second"}]}', "first"),
        (b'{"errors": "oops"}', '{"errors": "oops"}'),  # not a list of errors: the JSON itself
        (b'{"errors": []}', '{"errors": []}'),
        ('{"other": "Grüße"}'.encode(), '{"other": "Grüße"}'),  # as text, not \\u escapes
    ],
)
def test_every_message_key_is_read(body: bytes, expected: str) -> None:
    assert extract_message(body, "application/json") == expected


@pytest.mark.parametrize(
    ("body", "ctype", "expected"),
    [
        (b"  message: x  ", "application/json", "message: x"),  # says JSON, is not
        (b"x <b>bold</b>", "text/html", "x bold"),  # HTML by its type, not its first character
        (b"<p>tagged</p>", None, "tagged"),
        (b"<title> </title><p>body text</p>", "text/html", "body text"),  # an empty title
        (b"<html><title>A &amp; B</title></html>", None, "A & B"),
        (b"<title>T</title><p>body</p>", None, "T"),  # the title, not the whole page
        (b"x <b>bold</b>", "TEXT/HTML", "x bold"),
        (b"x <b>y</b>", "text/plain", "x <b>y</b>"),
        (b"1.0e2", "application/json", "100.0"),
        (b"1.0e2", "APPLICATION/JSON", "100.0"),
        (b'{ "message": "m"}', None, "m"),
        (b'["list"]', "TEXT/PLAIN", '["list"]'),
        (b"a\xffb", None, "a\ufffdb"),
    ],
)
def test_messages_by_content_type(body: bytes, ctype: str | None, expected: str) -> None:
    assert extract_message(body, ctype) == expected


def test_a_message_of_exactly_the_limit_is_kept_whole_and_a_longer_one_cut_at_a_word() -> None:
    assert extract_message(b"x" * 300) == "x" * 300
    cut = extract_message(b"a" * 298 + b" " + b"b" * 10)
    assert cut == "a" * 298 + "…"
    assert len(extract_message(b"y" * 301)) == 300


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (300, "RedirectError"),
        (399, "RedirectError"),
        (400, "BadRequestError"),
        (299, "APIStatusError"),
    ],
)
def test_redirect_family_bounds(status: int, name: str) -> None:
    assert error_class_for(status).__name__ == name


def test_a_redirect_error_names_the_absolute_location() -> None:
    error = status_error(302, headers={"Location": "/v2/elsewhere"})
    assert isinstance(error, ninoxkit.RedirectError)
    assert error.location == "https://api.ninox.com/v2/elsewhere"
    assert status_error(302).location is None


def test_the_message_comes_from_the_body_by_its_content_type() -> None:
    error = status_error(400, content=b"x <b>y</b>", headers={"Content-Type": "text/html"})
    assert error.message == "x y"


@pytest.mark.parametrize(
    ("status", "kwargs", "text"),
    [
        (599, {}, f"GET {URL} -> 599: no message"),
        (404, {"text": "Not Found"}, f"GET {URL} -> 404 Not Found"),
        (400, {"text": "bad", "note": "see docs"}, f"GET {URL} -> 400 Bad Request: bad (see docs)"),
        (
            500,
            {"outcome_unknown": True},
            f"GET {URL} -> 500 Internal Server Error; the request was not re-sent and may or "
            "may not have been applied",
        ),
        (503, {"retries_taken": 2}, f"GET {URL} -> 503 Service Unavailable (after 2 retries)"),
    ],
)
def test_str_of_status_errors(status: int, kwargs: dict[str, Any], text: str) -> None:
    assert str(status_error(status, **kwargs)) == text


@pytest.mark.parametrize(
    ("status", "outcome_unknown", "applied"),
    [(500, False, None), (499, False, False), (404, True, None), (501, False, None)],
)
def test_the_default_verdict_of_a_status_error(
    status: int, outcome_unknown: bool, applied: bool | None
) -> None:
    error = status_error(status, outcome_unknown=outcome_unknown)
    assert error.applied is applied
    assert error.outcome_unknown is outcome_unknown


def test_the_quota_message_keeps_the_servers_words_or_the_reason() -> None:
    said = status_error(402, json={"message": "pay up"})
    assert said.message.endswith("(server said: pay up)")
    silent = status_error(402)
    assert silent.message.endswith("(server said: Payment Required)")


@pytest.mark.parametrize("header", ["Retry-After", "retry-after-ms"])
def test_a_429_that_says_when_to_retry_is_no_quota_error(header: str) -> None:
    error = status_error(429, json={"message": "API call quota exceeded"}, headers={header: "5"})
    assert type(error) is ninoxkit.RateLimitError


def test_retry_after_in_milliseconds_and_as_a_date() -> None:
    from ninoxkit._exceptions import parse_retry_after

    assert parse_retry_after(httpx.Headers({"retry-after-ms": "1500"})) == 1.5
    assert parse_retry_after(httpx.Headers({"retry-after-ms": "x", "retry-after": "3"})) == 3.0
    for date in ("Wed, 21 Oct 2099 07:28:00 GMT", "Wed, 21 Oct 2099 07:28:00 -0000"):
        seconds = parse_retry_after(httpx.Headers({"retry-after": date}))
        assert seconds is not None
        assert 2_000_000_000 < seconds < 2_400_000_000  # some 73 years ahead, in seconds
    assert parse_retry_after(httpx.Headers({"retry-after": "soon"})) is None


def test_an_error_without_a_request_shows_only_its_message() -> None:
    error = ninoxkit.APIError("boom")
    assert (str(error), error.method, error.url, error.request, error.body) == (
        "boom",
        "",
        "",
        None,
        None,
    )
    assert repr(ninoxkit.APIError("boom", retries_taken=2)) == "APIError('boom (after 2 retries)')"
    assert (error.retries_taken, error.outcome_unknown, error.args) == (0, False, ("boom",))


def test_str_of_a_status_error_without_a_request_starts_with_its_status() -> None:
    assert str(ninoxkit.APIStatusError("m", response=httpx.Response(418))) == "418 I'm a teapot: m"


def test_a_status_error_built_by_hand_has_the_documented_defaults() -> None:
    error = ninoxkit.APIStatusError("m", response=httpx.Response(418))
    assert (error.retries_taken, error.outcome_unknown, error.applied) == (0, False, False)
    assert error.status_code == 418


def test_the_attributes_each_error_documents() -> None:
    from ninoxkit._exceptions import FilterNotAppliedError, ResponseTooLargeError

    validation = ninoxkit.APIResponseValidationError("bad", status_code=201)
    assert (validation.status_code, validation.response, validation.applied) == (201, None, True)
    kept = ninoxkit.APIResponseValidationError(
        "bad", status_code=200, response=httpx.Response(200, text="x")
    )
    assert kept.response is not None
    assert kept.response.text == "x"
    mismatch = FilterNotAppliedError("f", record_id=3, field="A", expected=1, actual=2)
    assert (mismatch.record_id, mismatch.field, mismatch.expected, mismatch.actual) == (
        3,
        "A",
        1,
        2,
    )
    assert (mismatch.status_code, FilterNotAppliedError("f").field) == (200, "")
    assert ninoxkit.OutcomeUnknownError("lost").outcome_unknown is True
    large = ResponseTooLargeError("big", limit=5, status_code=206)
    assert (large.limit, large.status_code, str(large)) == (5, 206, "big")
    unknown = ninoxkit.UnknownNameError("no such table", candidates=["Contacts"])
    assert (str(unknown), unknown.candidates) == ("no such table", ["Contacts"])
    assert ninoxkit.UnknownNameError("x").candidates == []
    cause = ninoxkit.APIError("inner")
    batch = ninoxkit.BatchWriteError(
        "half", written=[(0, None)], not_written=[1], unknown=[2], error=cause
    )
    assert (str(batch), batch.written, batch.not_written, batch.unknown, batch.error) == (
        "half",
        [(0, None)],
        [1],
        [2],
        cause,
    )


def echoing_error(headers: dict[str, str], body: bytes) -> ninoxkit.APIStatusError:
    request = httpx.Request("GET", URL, headers=headers)
    return make_status_error(request, httpx.Response(400, content=body, request=request))


def test_each_credential_is_cut_out_even_when_others_are_missing() -> None:
    error = echoing_error({"nx-password": "pw-secret", "x-trace": "t1"}, b"you sent pw-secret")
    assert error.message == "you sent [redacted]"
    assert error.request is not None
    assert error.request.headers["nx-password"] == "[redacted]"
    assert error.request.headers["x-trace"] == "t1"  # other headers are kept as sent


@pytest.mark.parametrize(
    ("authorization", "body", "message"),
    [
        ("Basic abcd", b"token abcd", "token [redacted]"),  # four characters are enough
        ("Bearer abcdefgh", b"got Bearer abcdefgh", "got [redacted]"),  # cut out whole
        ("Bearer ab cd ef", b"got ab cd ef", "got [redacted]"),
        ("Bearer abc", b"abc", "[redacted]"),  # a short key is cut out where it stands alone
        ("Bearer abc", b"xabcx", "xabcx"),  # but not out of a longer word
    ],
)
def test_the_bearer_token_is_cut_out_of_the_message(
    authorization: str, body: bytes, message: str
) -> None:
    assert echoing_error({"Authorization": authorization}, body).message == message


def test_the_kept_response_is_decoded_and_keeps_plain_values_only() -> None:
    import gzip

    request = httpx.Request("GET", URL)
    response = httpx.Response(
        500,
        headers={"Content-Encoding": "gzip", "X-Request-Id": "r1"},
        content=gzip.compress(b"server trouble"),
        request=request,
        extensions={"http_version": b"HTTP/1.1", "network_stream": object()},
    )
    error = make_status_error(request, response)
    assert error.response.status_code == 500
    assert error.response.content == b"server trouble"
    assert "content-encoding" not in error.response.headers
    assert error.response.headers["x-request-id"] == "r1"
    assert error.response.extensions == {"http_version": b"HTTP/1.1"}


def test_an_unread_streamed_response_is_kept_without_its_body() -> None:
    response = httpx.Response(200, stream=httpx.ByteStream(b"unread"))
    error = ninoxkit.APIResponseValidationError("bad", status_code=200, response=response)
    assert error.response is not None
    assert error.response.content == b""


def test_safe_url_drops_a_user_name_alone() -> None:
    assert safe_url("https://user@host/v1") == "https://host/v1"
    assert safe_url(httpx.URL("https://u:p@host/v1")) == "https://host/v1"


def test_the_httpx_errors_behind_an_error_carry_the_masked_request() -> None:
    from ninoxkit._exceptions import mask_cause

    request = httpx.Request("GET", URL, headers={"Authorization": "Bearer k-12345678"})
    first = httpx.ConnectError("refused", request=request)
    second = httpx.ReadError("reset", request=request)
    outer = RuntimeError("wrapper")
    outer.__cause__ = second
    second.__context__ = first
    first.__context__ = outer  # a cycle: the walk still ends
    error = ninoxkit.APIConnectionError("down", request=request)
    mask_cause(outer, error)
    for exc in (first, second):
        assert exc.request is error.request
        assert exc.request.headers["authorization"] == "[redacted]"
    plain = httpx.ConnectError("refused", request=request)
    mask_cause(plain, ninoxkit.ConfigurationError("no key"))
    with pytest.raises(RuntimeError):
        _ = plain.request  # no request is kept at all


def test_an_error_with_a_request_names_method_and_url() -> None:
    error = ninoxkit.APIError("boom", request=httpx.Request("DELETE", URL))
    assert str(error) == f"DELETE {URL}: boom"


def test_a_streamed_upload_is_left_out_of_the_kept_request() -> None:
    def chunks() -> Any:
        yield b"secret file"

    request = httpx.Request(
        "POST", URL, headers={"Authorization": "Bearer k-12345678"}, content=chunks()
    )
    error = ninoxkit.APIConnectionError("down", request=request)
    assert error.request is not None
    assert error.request.content == b""
    assert error.request.headers["authorization"] == "[redacted]"

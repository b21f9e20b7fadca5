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
        (403, {"message": "No access to this database"}, {}, "PermissionDeniedError"),
        (402, {"message": "Payment required"}, {}, "QuotaExceededError"),
        (402, None, {}, "QuotaExceededError"),
    ],
)
def test_quota_exhausted_is_its_own_error(
    status: int, body: Any, headers: dict[str, str], expected: str
) -> None:
    request = httpx.Request("GET", "https://api.ninox.com/v1/teams")
    response = httpx.Response(status, json=body, headers=headers, request=request)
    error = make_status_error(request, response)
    assert type(error).__name__ == expected
    if expected == "QuotaExceededError":
        assert "monthly API-call quota of this Ninox plan is exhausted" in str(error)


def test_the_tree_in_the_docstring_names_every_public_error() -> None:
    tree = ninoxkit._exceptions.__doc__ or ""
    public = [c for c in ERROR_CLASSES if not c.__name__.startswith("_")]
    assert [c.__name__ for c in public if c.__name__ not in tree] == []
    assert issubclass(ninoxkit.QuotaExceededError, ninoxkit.APIStatusError)
    assert issubclass(ninoxkit.ResponseTooLargeError, ninoxkit.APIError)
    assert issubclass(ninoxkit.EventLoopError, RuntimeError)

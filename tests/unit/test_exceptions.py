"""The error tree, the status table and message extraction (pure)."""

from __future__ import annotations

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

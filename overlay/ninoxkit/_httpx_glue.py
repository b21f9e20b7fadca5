"""Glue around httpx: the one mapping of httpx exceptions to ninoxkit errors, and the pieces
that make httpx cheaper for ninoxkit's traffic (a cookie jar, a plain-http pool, a response
without its reference cycle).

Shared by both twins and both APIs (classic and Ninox 4). The classes here subclass httpx's
and, where noted, touch a private attribute of it (``_cookies``, ``_pool``): each says why.
"""

from __future__ import annotations

import threading
from types import EllipsisType
from typing import Any, NoReturn

import httpx

from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    InvalidArgumentError,
    OutcomeUnknownError,
    OutcomeUnknownTimeoutError,
    _BodyInterruptedError,
    mask_cause,
    safe_url,
)

__all__ = [
    "AsyncLeanCookieClient",
    "AsyncPlainHTTPTransport",
    "LeanCookieClient",
    "PlainHTTPTransport",
    "async_plain_http_transport",
    "plain_http_transport",
    "raise_from_httpx",
    "unbind_stream",
]


def raise_from_httpx(
    exc: BaseException,
    request: httpx.Request | None,
    *,
    retries_taken: int = 0,
    outcome_unknown: bool = False,
    applied: bool | EllipsisType | None = ...,
    broke_off: bool = False,
    note: str = "",
) -> NoReturn:
    """Raise the ninoxkit error for an exception httpx (or building a request) raised.

    The one place, for both twins and both APIs, where an httpx exception becomes a ninoxkit
    error: the transport's failed attempts, what escapes a call (:func:`ninoxkit._pipeline.
    in_call`) and a streamed body that breaks off. The httpx exception is the ``__cause__``,
    its request masked (:func:`~ninoxkit._exceptions.mask_cause`).

    Args:
        exc: What was raised: an ``httpx.HTTPError`` or ``httpx.StreamError``, or a
            ``UnicodeEncodeError`` from building the request.
        request: The request it was raised for, or ``None``.
        retries_taken: Re-sends made before.
        outcome_unknown: The request may have reached Ninox and is not safe to repeat.
        applied: The transport's verdict for the error (``...``: the class's default).
        broke_off: A streamed 2xx body broke off after its head arrived.
        note: A sentence appended to the message (why it was not retried).

    Raises:
        InvalidArgumentError: A text argument with no UTF-8 form (a lone surrogate).
        ConfigurationError: An invalid URL or an unsupported scheme.
        APIConnectionError: Any other failure (:class:`APITimeoutError` for a timeout,
            :class:`OutcomeUnknownError` when ``outcome_unknown``).
    """
    if isinstance(exc, UnicodeEncodeError):
        # A lone surrogate (or a non-ASCII header) in an id, name, script, filter or value: it
        # has no UTF-8 form, so it cannot be sent; encoding happens while the request is built.
        bad = ascii(exc.object[exc.start : exc.end][:80])
        raise InvalidArgumentError(
            f"a text argument cannot be sent: {bad} at position {exc.start} cannot be encoded "
            f"as {exc.encoding} ({exc.reason}); lone surrogates have no UTF-8 form"
        ) from None
    name = type(exc).__name__
    detail = str(exc) or name
    error: ConfigurationError | APIConnectionError
    if isinstance(exc, httpx.InvalidURL):
        error = ConfigurationError(f"Invalid request URL: {exc}")
    elif isinstance(exc, httpx.UnsupportedProtocol):
        where = f" for {request.method} {safe_url(request.url)}" if request is not None else ""
        error = ConfigurationError(f"Unsupported URL{where}: {detail}")
    else:
        timed_out = isinstance(exc, httpx.TimeoutException)
        common: dict[str, Any] = {
            "request": request,
            "retries_taken": retries_taken,
            "applied": applied,
        }
        if broke_off:
            error = _BodyInterruptedError(f"the download broke off: {name}: {exc}", **common)
        elif outcome_unknown:
            cls = OutcomeUnknownTimeoutError if timed_out else OutcomeUnknownError
            error = cls(
                f"{name} ({detail}) after the request may have reached Ninox; it was "
                "not re-sent because it is not safe to repeat, so the outcome is unknown. Check "
                "whether the change happened before trying again",
                **common,
            )
        elif timed_out:
            error = APITimeoutError(f"timed out ({name}: {detail})", **common)
        else:
            error = APIConnectionError(f"connection failed ({name}: {detail})", **common)
        if note:
            error.message += f"; {note}"
    mask_cause(exc, error)
    raise error from exc


class _LeanCookies(httpx.Cookies):
    """A cookie jar that skips httpx's per-response parse when no cookie was set.

    httpx hands every response to ``http.cookiejar`` (building a ``urllib`` request from the URL
    first), a measurable cost even when there is no ``Set-Cookie`` header, which Ninox's answers
    normally lack. Skipping exactly those responses changes nothing: the jar would stay the same.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


class _LeanCookiesMixin:
    """Keeps the client's cookie jar a :class:`_LeanCookies`, from the constructor's
    ``cookies=`` on (httpx stores that in ``_cookies`` directly) and through the setter."""

    _cookies: httpx.Cookies

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cookies = _LeanCookies(self._cookies)

    @property
    def cookies(self) -> httpx.Cookies:
        return self._cookies

    @cookies.setter
    def cookies(self, cookies: httpx._types.CookieTypes) -> None:
        self._cookies = _LeanCookies(cookies)


class LeanCookieClient(_LeanCookiesMixin, httpx.Client):
    """``httpx.Client`` whose cookie handling costs nothing on responses that set none."""


class AsyncLeanCookieClient(_LeanCookiesMixin, httpx.AsyncClient):
    """``httpx.AsyncClient`` whose cookie handling costs nothing on responses that set none."""


class _PlainPool:
    """What the plain-http transports share: httpcore's pool without an SSL context.

    ``httpx.HTTPTransport`` builds an ``ssl.SSLContext`` when it is created, loading the CA
    bundle (a few milliseconds, most of what building a client costs), even when every request
    goes to ``http://127.0.0.1`` (the emulator, a local proxy). For a plain-http base URL the
    client gets this transport instead: the same httpcore pool (the idiom of replacing
    ``_pool``, as SSRF-guarding transports do), with no SSL context. An https request (a
    ``with_options(base_url="https://...")`` copy shares the pool) goes to httpx's own
    transport, built on first use, so TLS is configured exactly as httpx would.
    """

    @staticmethod
    def pool_options(limits: httpx.Limits) -> dict[str, Any]:
        return {
            "ssl_context": None,  # httpcore makes one only if an https connection is opened
            "max_connections": limits.max_connections,
            "max_keepalive_connections": limits.max_keepalive_connections,
            "keepalive_expiry": limits.keepalive_expiry,
        }


class PlainHTTPTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` for a plain-http base URL, without an SSL context (see
    :class:`_PlainPool`); the sync twin of :class:`AsyncPlainHTTPTransport`."""

    def __init__(self, *, limits: httpx.Limits) -> None:
        import httpcore

        # No super().__init__(): that is what builds the SSL context.
        self._pool = httpcore.ConnectionPool(**_PlainPool.pool_options(limits))
        self._limits = limits
        self._tls: httpx.HTTPTransport | None = None
        self._tls_lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``: plain http through the pool, anything else through httpx's own."""
        if request.url.scheme == "http":
            return super().handle_request(request)
        with self._tls_lock:
            if self._tls is None:
                self._tls = httpx.HTTPTransport(limits=self._limits)
        return self._tls.handle_request(request)

    def close(self) -> None:
        """Close the pool (and httpx's transport, if an https request built it)."""
        super().close()
        if self._tls is not None:
            self._tls.close()


class AsyncPlainHTTPTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` for a plain-http base URL, without an SSL context (see
    :class:`_PlainPool`)."""

    def __init__(self, *, limits: httpx.Limits) -> None:
        import httpcore

        # No super().__init__(): that is what builds the SSL context.
        self._pool = httpcore.AsyncConnectionPool(**_PlainPool.pool_options(limits))
        self._limits = limits
        self._tls: httpx.AsyncHTTPTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``: plain http through the pool, anything else through httpx's own."""
        if request.url.scheme == "http":
            return await super().handle_async_request(request)
        if self._tls is None:  # no await in between: one task builds it
            self._tls = httpx.AsyncHTTPTransport(limits=self._limits)
        return await self._tls.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the pool (and httpx's transport, if an https request built it)."""
        await super().aclose()
        if self._tls is not None:
            await self._tls.aclose()


def plain_http_transport(base_url: str, limits: httpx.Limits) -> dict[str, Any]:
    """``transport=`` for a client whose base URL is plain http (else nothing), sync twin."""
    if not base_url.startswith("http://"):
        return {}
    return {"transport": PlainHTTPTransport(limits=limits)}


def async_plain_http_transport(base_url: str, limits: httpx.Limits) -> dict[str, Any]:
    """``transport=`` for a client whose base URL is plain http (else nothing)."""
    if not base_url.startswith("http://"):
        return {}
    return {"transport": AsyncPlainHTTPTransport(limits=limits)}


def unbind_stream(response: httpx.Response) -> None:
    """Break the reference cycle httpx 0.28 puts every response in, once it is closed.

    httpx wraps each body in a stream that points back at its response (encode/httpx#3733), so
    a response, with its body, outlives the last reference to it until a cyclic garbage
    collection happens to run: a listing kept several pages' bodies alive that way. Once the
    response is closed its stream is never read again, so a plain stream over the same bytes
    replaces it.
    """
    if not response.is_closed:
        return
    try:
        body = response.content
    except httpx.ResponseNotRead:  # a streamed download closed early: nothing will read it
        body = b""
    response.stream = httpx.ByteStream(body)

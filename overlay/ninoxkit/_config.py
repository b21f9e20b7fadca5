"""Client options, their resolution from arguments and environment, and per-call options.

Pure code: nothing here does I/O apart from reading ``os.environ`` once per client.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import attrs
import httpx

from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_DATABASE_ID,
    ENV_DATABASE_PASSWORD,
    ENV_TEAM_ID,
    LEGACY_BASE_URL,
)
from ._exceptions import APIConnectionError, ConfigurationError, NinoxError

__all__ = [
    "CURRENT_CALL",
    "AsyncLeanCookieClient",
    "CallState",
    "ClientOptions",
    "LeanCookieClient",
    "TimeoutTypes",
    "is_loopback_host",
    "legacy_cloud_url",
    "normalize_base_url",
    "on_premises_url",
    "private_cloud_url",
    "resolve_options",
    "to_timeout",
    "unbind_stream",
]

#: What ``timeout=`` accepts: seconds for every phase, an ``httpx.Timeout``, or ``None`` (no limit).
TimeoutTypes = float | int | httpx.Timeout | None

_MISSING_KEY = (
    "No Ninox API key. Pass api_key=... or set the NINOX_API_KEY environment variable. "
    "Create a key in the Ninox web app: open a team, then Integrations -> Generate."
)
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", re.IGNORECASE)


def to_timeout(value: TimeoutTypes) -> httpx.Timeout:
    """Turn a ``timeout=`` argument into an :class:`httpx.Timeout`.

    Args:
        value: Seconds (applies to connect, read, write and pool), an ``httpx.Timeout``, or
            ``None`` for no limit at all (not recommended: a hung connection then hangs forever).

    Returns:
        The timeout object.

    Raises:
        ConfigurationError: For a negative number or an unsupported type.
    """
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return httpx.Timeout(None)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigurationError(
            f"timeout must be seconds >= 0, an httpx.Timeout or None: {value!r}"
        )
    return httpx.Timeout(float(value))


def is_loopback_host(host: str) -> bool:
    """Return whether ``host`` is this machine (127.0.0.0/8, ::1 or ``localhost``)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_base_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """Check a base URL and drop trailing slashes.

    Args:
        url: e.g. ``https://api.ninox.com/v1``.
        allow_insecure_http: Accept ``http://`` to a non-loopback host (the key then travels
            unencrypted; only for a trusted network).

    Returns:
        The URL without trailing ``/``.

    Raises:
        ConfigurationError: Not an absolute http(s) URL, user info in it, or plain http to a
            remote host without ``allow_insecure_http=True``.
    """
    text = url.strip()
    try:
        parsed = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"Invalid base_url {text!r}: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(
            f"base_url must be an absolute https:// URL such as {DEFAULT_BASE_URL!r}, got {text!r}"
        )
    if parsed.userinfo:
        raise ConfigurationError("base_url must not contain a user name or password")
    if parsed.query or parsed.fragment:
        raise ConfigurationError(f"base_url must not have a query or fragment: {text!r}")
    if parsed.scheme == "http" and not allow_insecure_http and not is_loopback_host(parsed.host):
        https = str(parsed.copy_with(scheme="https")).rstrip("/")
        raise ConfigurationError(
            f"Refusing plain http base_url {text!r}: the API key would travel unencrypted. "
            f"Use {https!r}, or pass allow_insecure_http=True for a trusted network."
        )
    return str(parsed).rstrip("/")


def legacy_cloud_url() -> str:
    """Return the older public Ninox host, ``https://api.ninoxdb.de/v1``."""
    return LEGACY_BASE_URL


def private_cloud_url(name: str, *, legacy_domain: bool = False) -> str:
    """Return the API base URL of a Ninox private cloud.

    Args:
        name: The private cloud's name, the first label of its host (``acme`` for
            ``acme.ninox.com``).
        legacy_domain: Use the older ``{name}.ninoxdb.de`` host.

    Returns:
        ``https://{name}.ninox.com/v1`` (or ``https://{name}.ninoxdb.de/v1``).

    Raises:
        ConfigurationError: ``name`` is not a single DNS label.

    Example:
        >>> private_cloud_url("acme")
        'https://acme.ninox.com/v1'
    """
    if not _LABEL.match(name):
        raise ConfigurationError(
            f"private cloud name must be a single host label like 'acme', got {name!r}"
        )
    domain = "ninoxdb.de" if legacy_domain else "ninox.com"
    return f"https://{name.lower()}.{domain}/v1"


def on_premises_url(url: str) -> str:
    """Return the API base URL of an on-premises Ninox server.

    Args:
        url: The server's address, e.g. ``https://ninox.example.org`` (``/v1`` is appended if
            missing).

    Returns:
        e.g. ``https://ninox.example.org/v1``.

    Example:
        >>> on_premises_url("https://ninox.example.org/")
        'https://ninox.example.org/v1'
    """
    base = url.strip().rstrip("/")
    return base if base.endswith("/v1") else f"{base}/v1"


def _check_id(name: str, value: str | None) -> None:
    if value is not None and not value.strip():
        raise ConfigurationError(f"{name} must not be empty")


@attrs.frozen(kw_only=True)
class ClientOptions:
    """Every setting of a client, resolved and validated; copies via ``attrs.evolve``.

    Attributes:
        api_key: The Ninox API key (never shown in ``repr``).
        base_url: API root without trailing slash.
        timeout: Default timeout of every request.
        max_retries: Default retries per request.
        max_concurrency: Most requests in flight at once per client (shared by copies).
        team_id: Default team id for calls that need one.
        database_id: Default database id for calls that need one.
        allow_insecure_http: Permit ``http://`` to non-loopback hosts.
        database_password: Password of password-protected databases, sent as the
            ``nx-password`` header on database calls (never shown in ``repr``).
    """

    api_key: str = attrs.field(repr=False)
    base_url: str = DEFAULT_BASE_URL
    timeout: httpx.Timeout = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    team_id: str | None = None
    database_id: str | None = None
    allow_insecure_http: bool = False
    database_password: str | None = attrs.field(default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.api_key or not self.api_key.strip():
            raise ConfigurationError(_MISSING_KEY)
        if any(ch in self.api_key for ch in "\r\n"):
            raise ConfigurationError("api_key must not contain line breaks")
        normalize_base_url(self.base_url, allow_insecure_http=self.allow_insecure_http)
        check_max_retries(self.max_retries)
        if isinstance(self.max_concurrency, bool) or self.max_concurrency < 1:
            raise ConfigurationError(f"max_concurrency must be >= 1, got {self.max_concurrency!r}")
        _check_id("team_id", self.team_id)
        _check_id("database_id", self.database_id)


def resolve_options(
    *,
    api_key: str | None,
    base_url: str | None,
    timeout: TimeoutTypes,
    max_retries: int,
    max_concurrency: int,
    team_id: str | None,
    database_id: str | None,
    allow_insecure_http: bool,
    database_password: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> ClientOptions:
    """Resolve each setting: explicit argument, then environment variable, then default.

    Args:
        api_key: Argument value or ``None`` (then ``NINOX_API_KEY``).
        base_url: Argument value or ``None`` (then ``NINOX_BASE_URL``, then the public cloud).
        timeout: See :func:`to_timeout`.
        max_retries: Retries per request.
        max_concurrency: Requests in flight at once.
        team_id: Argument value or ``None`` (then ``NINOX_TEAM_ID``).
        database_id: Argument value or ``None`` (then ``NINOX_DATABASE_ID``).
        allow_insecure_http: See :func:`normalize_base_url`.
        database_password: Argument value or ``None`` (then ``NINOX_DATABASE_PASSWORD``).
        environ: The environment to read (default ``os.environ``); for tests.

    Returns:
        Validated options.

    Raises:
        ConfigurationError: Missing key or an invalid value; the message says how to fix it.
    """
    env = os.environ if environ is None else environ

    def pick(value: str | None, var: str) -> str | None:
        if value is not None:
            return value
        from_env = env.get(var)
        return from_env if from_env else None

    url = pick(base_url, ENV_BASE_URL) or DEFAULT_BASE_URL
    return ClientOptions(
        api_key=pick(api_key, ENV_API_KEY) or "",
        base_url=normalize_base_url(url, allow_insecure_http=allow_insecure_http),
        timeout=to_timeout(timeout),
        max_retries=max_retries,
        max_concurrency=max_concurrency,
        team_id=pick(team_id, ENV_TEAM_ID),
        database_id=pick(database_id, ENV_DATABASE_ID),
        allow_insecure_http=allow_insecure_http,
        database_password=pick(database_password, ENV_DATABASE_PASSWORD),
    )


@attrs.define(kw_only=True)
class CallState:
    """Options for one logical call, and what the transport learned while making it.

    ``_call``/``request`` put one in :data:`CURRENT_CALL`; the retry transport reads the options
    and writes the results. A ContextVar is used because generated operations build the request
    themselves and offer no way to pass extra options; a ContextVar follows the call through
    ``await`` (same task) and stays private to each thread and task.

    Attributes:
        idempotent: Whether the call is safe to repeat; ``None``: decide by HTTP method.
        max_retries: Override of the client's ``max_retries``, or ``None``.
        timeout: Override of the client's timeout, or ``None``.
        retries_taken: Set by the transport.
        request: The last request sent, set by the transport.
        response: The final response, set by the transport.
        stream: Leave a 2xx body unread for the caller to stream (downloads); the concurrency
            slot is released once the headers are in.
    """

    idempotent: bool | None = None
    max_retries: int | None = attrs.field(
        default=None, validator=lambda _self, _attr, value: check_max_retries(value, or_none=True)
    )
    timeout: httpx.Timeout | None = None
    retries_taken: int = 0
    request: httpx.Request | None = None
    response: httpx.Response | None = None
    stream: bool = False


def check_max_retries(value: object, *, or_none: bool = False) -> None:
    """Refuse a retry count that is not an int ≥ 0 (per client or per call).

    Raises:
        ConfigurationError: naming the bad value.
    """
    if value is None and or_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"max_retries must be an int >= 0, got {value!r}")


#: The options of the call in progress in this thread or task (``None`` outside ``_call``).
CURRENT_CALL: ContextVar[CallState | None] = ContextVar("ninoxkit_call", default=None)


@contextmanager
def in_call(state: CallState) -> Iterator[CallState]:
    """Run one logical call with ``state`` in :data:`CURRENT_CALL`; map what httpx raises.

    The one place (for both twins) where an httpx exception that escaped the transport becomes
    a ninoxkit error: an invalid URL is a :class:`ConfigurationError`, any other transport
    failure an :class:`APIConnectionError`; ninoxkit's own errors pass through.
    """
    token = CURRENT_CALL.set(state)
    try:
        yield state
    except NinoxError:
        raise
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"Invalid request URL: {exc}") from exc
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise APIConnectionError(f"{type(exc).__name__}: {exc}", request=state.request) from exc
    finally:
        CURRENT_CALL.reset(token)


class _LeanCookies(httpx.Cookies):
    """A cookie jar that skips httpx's per-response parse when no cookie was set.

    httpx hands every response to ``http.cookiejar`` (building a ``urllib`` request from the URL
    first), about 15 µs each even when there is no ``Set-Cookie`` header, which Ninox's answers
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

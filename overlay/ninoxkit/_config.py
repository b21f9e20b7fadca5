"""Client options and their resolution from arguments and the environment.

Pure code: nothing here does I/O apart from reading ``os.environ`` once per client. What else
used to live here has a module of its own: the per-call options and the channel they travel
through (:mod:`ninoxkit._pipeline`, which draws the call path), the glue around httpx (error
mapping, the lean cookie jar, the plain-http pool: :mod:`ninoxkit._httpx_glue`) and what differs
between the twins at run time (loop guard, slots, discovery: :mod:`ninoxkit._runtime`).
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Mapping

import attrs
import httpx

from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_DATABASE_ID,
    ENV_DATABASE_PASSWORD,
    ENV_TEAM_ID,
    LEGACY_BASE_URL,
)
from ._exceptions import ConfigurationError, InvalidArgumentError
from ._validate import check_id

__all__ = [
    "ClientOptions",
    "TimeoutTypes",
    "base_url_hint",
    "check_deadline",
    "check_max_response_size",
    "check_max_retries",
    "classic_base_url",
    "is_loopback_host",
    "legacy_cloud_url",
    "normalize_base_url",
    "on_premises_url",
    "private_cloud_url",
    "resolve_options",
    "to_timeout",
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
        for phase, seconds in value.as_dict().items():
            if seconds is not None and not _is_seconds(seconds):
                raise ConfigurationError(
                    f"timeout {phase} must be finite seconds >= 0 or None, got {seconds!r}"
                )
        return value
    if value is None:
        return httpx.Timeout(None)
    if not _is_seconds(value):
        raise ConfigurationError(
            f"timeout must be finite seconds >= 0, an httpx.Timeout or None: {value!r}"
        )
    return httpx.Timeout(float(value))


def _is_seconds(value: object) -> bool:
    """A finite number ≥ 0 that is not a bool (``nan``/``inf`` are refused: use ``None``)."""
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(value)
        and value >= 0
    )


def check_deadline(value: object) -> float | None:
    """Return ``deadline=`` as seconds (``None``: no overall deadline); raise otherwise.

    Raises:
        ConfigurationError: not a finite number > 0 or ``None``.
    """
    if value is None:
        return None
    if not _is_seconds(value) or value == 0:
        raise ConfigurationError(f"deadline must be finite seconds > 0 or None, got {value!r}")
    return float(value)  # type: ignore[arg-type]  # _is_seconds checked it is a number


def check_max_response_size(value: object) -> int:
    """Return ``max_response_size=`` (bytes, an int ≥ 1); raise otherwise.

    Raises:
        ConfigurationError: not an int ≥ 1.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_response_size must be an int >= 1 (bytes), got {value!r}")
    return value


def is_loopback_host(host: str) -> bool:
    """Return whether ``host`` cannot leave this machine: 127.0.0.0/8, ::1 or ``localhost``.

    Only literal loopback addresses and the one name ``localhost`` count. RFC 6761 §6.3 lets
    resolvers answer ``*.localhost`` with loopback but does not require it: a hosts file, a DNS
    server or an HTTP proxy may send ``api.localhost`` to another machine, so plain http to it
    needs ``allow_insecure_http=True`` like any remote host.
    """
    host = host.strip("[]").lower()
    if host == "localhost":
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


def classic_base_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """Check the base URL of the classic API; a bare host gets the API root ``/v1``.

    Every form of the classic API's root is ``https://{host}[:{port}]/v1`` (public cloud,
    private cloud and on-premises alike, reference §1), so ``https://api.ninox.com`` or
    ``https://ninox.example.org:8443/`` means that host's ``/v1``; without it every request
    would be answered 404. A URL with another path is kept as given (a proxy may mount the API
    elsewhere); a 404 answer then says that the path does not end in ``/v1``.

    Args:
        url: e.g. ``https://api.ninox.com/v1`` or ``https://api.ninox.com``.
        allow_insecure_http: See :func:`normalize_base_url`.

    Returns:
        The URL without trailing ``/``, ending in ``/v1`` when it had no path.

    Raises:
        ConfigurationError: As :func:`normalize_base_url`.
    """
    normalized = normalize_base_url(url, allow_insecure_http=allow_insecure_http)
    if httpx.URL(normalized).path in ("", "/"):
        return f"{normalized}/v1"
    return normalized


def base_url_hint(base_url: str) -> str:
    """A hint for a 404 answer when ``base_url``'s path does not end in ``/v1`` (else "")."""
    path = httpx.URL(base_url).path.rstrip("/")
    if path.endswith("/v1"):
        return ""
    root = str(httpx.URL(base_url).copy_with(path="/v1", query=None, fragment=None))
    return (
        f"base_url {base_url!r} does not end in /v1, where the Ninox API lives on every "
        f"server (public and private cloud, on-premises): try base_url={root!r}"
    )


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


def _check_id(name: str, value: object) -> None:
    """A default id is checked like an id of a call, but as a setting."""
    if value is None:
        return
    try:
        check_id(name, value)
    except InvalidArgumentError as exc:
        raise ConfigurationError(str(exc)) from None


#: A credential must be a legal header value: visible ASCII (RFC 9110 §5.5); a key is one token
#: (no spaces, RFC 6750 §2.1), a password may have inner spaces.
_KEY_CHAR = re.compile(r"[\x21-\x7e]")
_PASSWORD_CHAR = re.compile(r"[\x20-\x7e]")


def _check_credential(name: str, value: str, char: re.Pattern[str], what: str) -> None:
    """Refuse a credential that is not a legal header value; the message never contains it."""
    bad = next(((i, c) for i, c in enumerate(value) if not char.fullmatch(c)), None)
    if value.strip() != value:
        where = "leading or trailing whitespace"
    elif bad is not None:
        where = f"character {bad[0] + 1} of {len(value)} is {_char_name(bad[1])}"
    else:
        return
    raise ConfigurationError(
        f"{name} is not valid: {where}; {what} (the value is not shown). Copy it again "
        "without surrounding spaces or line breaks."
    )


def _char_name(ch: str) -> str:
    if ch == " ":
        return "a space"
    if ord(ch) < 0x20 or ord(ch) == 0x7F:
        return f"a control character (U+{ord(ch):04X})"
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return "a lone surrogate"
    return "a non-ASCII character"


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
        deadline: Wall-clock seconds one HTTP request (one page, one batch) may take,
            retries and their waits included (``None``: no limit); default 300 s.
        max_response_size: Largest answer read into memory, in bytes; default 64 MiB.
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
    deadline: float | None = DEFAULT_DEADLINE
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.api_key, str):
            raise ConfigurationError(f"api_key must be a string, got {type(self.api_key).__name__}")
        if not self.api_key or not self.api_key.strip():
            raise ConfigurationError(_MISSING_KEY)
        # A key the header cannot carry would fail on the first request, inside httpx, with
        # an error that shows the whole key; refuse it here without showing it.
        _check_credential("api_key", self.api_key, _KEY_CHAR, "a Ninox API key is visible ASCII")
        if self.database_password is not None:
            if not isinstance(self.database_password, str):
                raise ConfigurationError(
                    "database_password must be a string, got "
                    f"{type(self.database_password).__name__}"
                )
            _check_credential(
                "database_password",
                self.database_password,
                _PASSWORD_CHAR,
                "a password sent as the nx-password header must be visible ASCII "
                "(inner spaces allowed)",
            )
        if not isinstance(self.base_url, str):
            raise ConfigurationError(
                f"base_url must be a string, got {type(self.base_url).__name__}"
            )
        normalize_base_url(self.base_url, allow_insecure_http=self.allow_insecure_http)
        to_timeout(self.timeout)
        check_max_retries(self.max_retries)
        if (
            isinstance(self.max_concurrency, bool)
            or not isinstance(self.max_concurrency, int)
            or self.max_concurrency < 1
        ):
            raise ConfigurationError(
                f"max_concurrency must be an int >= 1, got {self.max_concurrency!r}"
            )
        if not isinstance(self.allow_insecure_http, bool):
            raise ConfigurationError(
                f"allow_insecure_http must be True or False, got {self.allow_insecure_http!r}"
            )
        check_deadline(self.deadline)
        check_max_response_size(self.max_response_size)
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
    deadline: float | None = DEFAULT_DEADLINE,
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    environ: Mapping[str, str] | None = None,
) -> ClientOptions:
    """Resolve each setting: explicit argument, then environment variable, then default.

    Args:
        api_key: Argument value or ``None`` (then ``NINOX_API_KEY``).
        base_url: Argument value or ``None`` (then ``NINOX_BASE_URL``, then the public cloud);
            a bare host gets ``/v1`` (see :func:`classic_base_url`).
        timeout: See :func:`to_timeout`.
        max_retries: Retries per request.
        max_concurrency: Requests in flight at once.
        team_id: Argument value or ``None`` (then ``NINOX_TEAM_ID``).
        database_id: Argument value or ``None`` (then ``NINOX_DATABASE_ID``).
        allow_insecure_http: See :func:`normalize_base_url`.
        database_password: Argument value or ``None`` (then ``NINOX_DATABASE_PASSWORD``).
        deadline: Seconds one HTTP request may take, retries included (``None``: no limit).
        max_response_size: Largest answer read into memory, in bytes.
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
    if not isinstance(url, str):
        raise ConfigurationError(f"base_url must be a string, got {type(url).__name__}")
    if not isinstance(allow_insecure_http, bool):
        raise ConfigurationError(
            f"allow_insecure_http must be True or False, got {allow_insecure_http!r}"
        )
    return ClientOptions(
        api_key=pick(api_key, ENV_API_KEY) or "",
        base_url=classic_base_url(url, allow_insecure_http=allow_insecure_http),
        timeout=to_timeout(timeout),
        max_retries=max_retries,
        max_concurrency=max_concurrency,
        team_id=pick(team_id, ENV_TEAM_ID),
        database_id=pick(database_id, ENV_DATABASE_ID),
        allow_insecure_http=allow_insecure_http,
        database_password=pick(database_password, ENV_DATABASE_PASSWORD),
        deadline=check_deadline(deadline),
        max_response_size=check_max_response_size(max_response_size),
    )


def check_max_retries(value: object, *, or_none: bool = False) -> None:
    """Refuse a retry count that is not an int ≥ 0 (per client or per call).

    Raises:
        ConfigurationError: naming the bad value.
    """
    if value is None and or_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"max_retries must be an int >= 0, got {value!r}")

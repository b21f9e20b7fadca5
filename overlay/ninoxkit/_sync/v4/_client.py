# Written by scripts/unasync.py from overlay/ninoxkit/_async/v4/_client.py.
# Do not edit: edit the source and re-run the script.
"""The sync Ninox 4 facade, :class:`Ninox4`, written by ``scripts/unasync.py`` from ``_async``.

Ninox 4 workspaces (``go.ninox.com``) have their own API (reference ninox4-public-api.md §1):
other paths, other keys, other record shapes. Ninox's guidance is not to mix the two, so this
facade is separate from :class:`~ninoxkit.Ninox` and only ever sends the paths of
``openapi/ninox4.yaml`` (the generated ``ninox4_api`` request descriptions), all under
``/api/v1/workspace/{workspace_id}``. What it shares with the classic facade is the machinery:
the pool and concurrency limit (``_Shared``), the one-pipeline sender, the retry transport
(Retry-After, deadline, ``max_response_size``), redaction, logging and the error tree.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import attrs
import httpx

from ninoxkit._config import (
    ClientOptions,
    TimeoutTypes,
    check_deadline,
    check_max_response_size,
    normalize_base_url,
    to_timeout,
)
from ninoxkit._constants import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from ninoxkit._exceptions import ConfigurationError, InvalidArgumentError
from ninoxkit._httpx_glue import LeanCookieClient
from ninoxkit._pipeline import CallState, in_call
from ninoxkit._retry import RetryPolicy
from ninoxkit._sync._client import _Sender, _Shared
from ninoxkit._sync._transport import NinoxTransport
from ninoxkit._types import NOT_GIVEN, NotGiven
from ninoxkit._validate import check_relative_path
from ninoxkit._version import __version__

if TYPE_CHECKING:
    from ninoxkit._sync.v4.changes import Changes4
    from ninoxkit._sync.v4.extras import Functions4, Reports4, Scripts4, Views4
    from ninoxkit._sync.v4.records import Records4
    from ninoxkit._sync.v4.schema import Fields4, Modules4, Tables4, Workspace4

__all__ = ["NINOX4_DEFAULT_BASE_URL", "Ninox4"]

#: Where Ninox 4 workspaces are served (reference ninox4 §2).
NINOX4_DEFAULT_BASE_URL = "https://go.ninox.com"
ENV_API_KEY = "NINOX4_API_KEY"
ENV_WORKSPACE_ID = "NINOX4_WORKSPACE_ID"
ENV_BASE_URL = "NINOX4_BASE_URL"

#: A workspace id is exactly 12 lower-case letters and digits (reference ninox4 §2).
_WORKSPACE_ID = re.compile(r"[a-z0-9]{12}")
#: Hosts of the classic API; a Ninox 4 key must not go there (reference ninox4 §1).
_CLASSIC_HOSTS = ("api.ninox.com", "api.ninoxdb.de")
_MISSING_KEY = (
    "No Ninox 4 API key. Pass api_key=... or set the NINOX4_API_KEY environment variable. "
    "Create one in the workspace: Settings -> WORKSPACE -> API & integrations -> Create API key."
)


def check_workspace_id(value: object) -> str:
    """Return ``value`` if it is a Ninox 4 workspace id (``^[a-z0-9]{12}$``).

    Raises:
        ConfigurationError: anything else, saying where the id is found.
    """
    if not isinstance(value, str) or not _WORKSPACE_ID.fullmatch(value):
        raise ConfigurationError(
            f"workspace_id must be 12 lower-case letters and digits (the second segment of "
            f"https://go.ninox.com/<organization>/<workspace>/...), got {value!r}"
        )
    return value


def _pick(value: Any, env: Mapping[str, str], var: str) -> Any:
    if value is not None:
        return value
    return env.get(var) or None


class Ninox4:
    """Client for the Ninox 4 Public API of one workspace.

    Each setting comes from the argument, else the environment variable, else the default.

    Args:
        api_key: Workspace API key; default ``NINOX4_API_KEY``.
        workspace_id: The workspace (12 characters ``[a-z0-9]``); default
            ``NINOX4_WORKSPACE_ID``.
        base_url: Host; default ``NINOX4_BASE_URL``, else ``https://go.ninox.com``.
        timeout: Seconds or ``httpx.Timeout``; default connect 10 s, read/write/pool 60 s.
        max_retries: Re-sends of a failed idempotent request; default 2.
        max_concurrency: Requests in flight at once (shared by ``with_options`` copies).
        http_client: Your own ``httpx.Client``; you close it.
        allow_insecure_http: Permit ``http://`` to a host that is not this machine.
        deadline: Wall-clock seconds one call may take in all, retries included.
        max_response_size: Largest answer read into memory, in bytes.

    Raises:
        ConfigurationError: No key, a bad workspace id, a classic API host, or a bad setting.

    Example:
        >>> with Ninox4(workspace_id="5rdco4s18swu") as ninox:  # doctest: +SKIP
        ...     modules = ninox.modules.list()
    """

    _options: ClientOptions
    _shared: _Shared
    _workspace_id: str

    def __init__(
        self,
        *,
        api_key: str | None = None,
        workspace_id: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        http_client: httpx.Client | None = None,
        allow_insecure_http: bool = False,
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        env = os.environ
        key = _pick(api_key, env, ENV_API_KEY)
        if key is None or (isinstance(key, str) and not key.strip()):
            raise ConfigurationError(_MISSING_KEY)
        workspace = _pick(workspace_id, env, ENV_WORKSPACE_ID)
        if workspace is None:
            raise ConfigurationError(
                "workspace_id is required: pass workspace_id=... or set NINOX4_WORKSPACE_ID"
            )
        url = _pick(base_url, env, ENV_BASE_URL) or NINOX4_DEFAULT_BASE_URL
        options = ClientOptions(
            api_key=key,
            base_url=_check_base_url(url, allow_insecure_http),
            timeout=to_timeout(timeout),
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            allow_insecure_http=allow_insecure_http,
            deadline=check_deadline(deadline),
            max_response_size=check_max_response_size(max_response_size),
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise ConfigurationError(
                f"http_client must be an httpx.Client, got {type(http_client).__name__}"
            )
        inner = http_client or LeanCookieClient(
            timeout=options.timeout,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=max(10, options.max_concurrency * 2)),
        )
        shared = _Shared(
            inner=inner,
            limiter=threading.Semaphore(options.max_concurrency),
            owns_inner=http_client is None,
        )
        self._setup(options, check_workspace_id(workspace), shared)

    def _setup(self, options: ClientOptions, workspace_id: str, shared: _Shared) -> None:
        self._options = options
        self._workspace_id = workspace_id
        self._shared = shared
        transport = NinoxTransport(
            shared.inner,
            policy=RetryPolicy(max_retries=options.max_retries),
            limiter=shared.limiter,
            base_url=options.base_url,
            is_closed=lambda: shared.closed,
            deadline=options.deadline,
            max_response_size=options.max_response_size,
        )
        self._sender = _Sender(
            shared.inner,
            transport,
            base_url=options.base_url,
            headers={"User-Agent": f"ninoxkit/{__version__}"},
            credentials={"Authorization": f"Bearer {options.api_key}"},
            timeout=options.timeout,
            loop_guard=shared.loop_guard,
        )

    # -- configuration -------------------------------------------------------------------

    @property
    def options(self) -> ClientOptions:
        """The resolved settings (the key is hidden in its repr)."""
        return self._options

    @property
    def base_url(self) -> str:
        """The host, e.g. ``https://go.ninox.com``."""
        return self._options.base_url

    @property
    def workspace_id(self) -> str:
        """The workspace every call goes to."""
        return self._workspace_id

    def with_options(
        self,
        *,
        api_key: str | None = None,
        workspace_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_size: int | None = None,
    ) -> Self:
        """Return a copy with some settings changed, sharing connections and the limit.

        Args:
            api_key: New key.
            workspace_id: New workspace (validated).
            timeout: New default timeout.
            max_retries: New default retries.
            deadline: New overall deadline per call (``None``: no limit).
            max_response_size: New largest buffered answer, in bytes.

        Returns:
            The new client.
        """
        changes: dict[str, Any] = {}
        if api_key is not None:
            changes["api_key"] = api_key
        if not isinstance(timeout, NotGiven):
            changes["timeout"] = to_timeout(timeout)
        if max_retries is not None:
            changes["max_retries"] = max_retries
        if not isinstance(deadline, NotGiven):
            changes["deadline"] = deadline
        if max_response_size is not None:
            changes["max_response_size"] = max_response_size
        workspace = self._workspace_id if workspace_id is None else workspace_id
        copy = object.__new__(type(self))
        copy._setup(
            attrs.evolve(self._options, **changes), check_workspace_id(workspace), self._shared
        )
        return copy

    def __repr__(self) -> str:
        options = self.__dict__.get("_options")
        if options is None:
            return f"<{type(self).__name__} (not initialised)>"
        return (
            f"{type(self).__name__}(base_url={options.base_url!r}, "
            f"workspace_id={self._workspace_id!r})"
        )

    # -- resources -----------------------------------------------------------------------

    @functools.cached_property
    def workspace(self) -> Workspace4:
        """The workspace itself: ``get`` (modules with tables and fields)."""
        from ninoxkit._sync.v4.schema import Workspace4

        return Workspace4(self)

    @functools.cached_property
    def modules(self) -> Modules4:
        """Modules: ``list``, ``get``, ``create``, ``update``, ``delete``."""
        from ninoxkit._sync.v4.schema import Modules4

        return Modules4(self)

    @functools.cached_property
    def tables(self) -> Tables4:
        """Tables of a module: ``list``, ``get``, ``create``, ``update``, ``delete``."""
        from ninoxkit._sync.v4.schema import Tables4

        return Tables4(self)

    @functools.cached_property
    def fields(self) -> Fields4:
        """Fields of a table: ``list``, ``get``, ``create``, ``create_many``, ``update``,
        ``delete``, ``delete_many``."""
        from ninoxkit._sync.v4.schema import Fields4

        return Fields4(self)

    @functools.cached_property
    def records(self) -> Records4:
        """Records: ``list`` (auto-paging), ``get``, ``create``, ``update``, ``delete``,
        ``upsert``, ``import_csv``."""
        from ninoxkit._sync.v4.records import Records4

        return Records4(self)

    @functools.cached_property
    def changes(self) -> Changes4:
        """Change feeds: ``records``, ``schema`` and the polling ``watch_records`` /
        ``watch_schema``."""
        from ninoxkit._sync.v4.changes import Changes4

        return Changes4(self)

    @functools.cached_property
    def scripts(self) -> Scripts4:
        """``exec`` (runs with writes; never re-sent)."""
        from ninoxkit._sync.v4.extras import Scripts4

        return Scripts4(self)

    @functools.cached_property
    def views(self) -> Views4:
        """Views: ``list``, ``get``."""
        from ninoxkit._sync.v4.extras import Views4

        return Views4(self)

    @functools.cached_property
    def reports(self) -> Reports4:
        """Reports: ``list``, ``get``, ``print``."""
        from ninoxkit._sync.v4.extras import Reports4

        return Reports4(self)

    @functools.cached_property
    def functions(self) -> Functions4:
        """Global functions of a module: ``list``."""
        from ninoxkit._sync.v4.extras import Functions4

        return Functions4(self)

    # -- lifetime ------------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        """Whether the shared connection pool has been closed."""
        shared = self.__dict__.get("_shared")
        return shared is None or shared.closed or shared.inner.is_closed

    def close(self) -> None:
        """Close the connection pool (a client you passed as ``http_client`` stays open)."""
        if "_shared" not in self.__dict__:
            return
        self._shared.closed = True
        if self._shared.owns_inner and not self._shared.inner.is_closed:
            self._shared.inner.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- seams for resources -------------------------------------------------------------

    def _send(
        self,
        kwargs: Mapping[str, Any],
        *,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> httpx.Response:
        """Send a generated request description (``op.request_kwargs(...)``); 2xx or raise.

        The generated ``*_detailed`` functions are not used: ``HTTPStatus(code)`` raises on a
        non-standard status (toolchain-notes §3), the generated row model types values too
        narrowly (reference ninox4 §9 item 5), and a 200 HTML page must be caught (§9 item 1).
        """
        state = CallState(idempotent=idempotent, max_retries=max_retries, deadline=deadline)
        with in_call(state):
            return self._sender.request(**kwargs)

    # -- escape hatch --------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        # An HTTP timeout that httpx enforces per request, not a cancel scope.
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """Send a request the SDK has no method for, under this workspace.

        Args:
            method: HTTP method, e.g. ``"GET"``.
            path: Path relative to ``/api/v1/workspace/{workspace_id}``, e.g. ``"/modules"``.
            params: Query parameters.
            json: A JSON body.
            idempotent: Whether it is safe to re-send; default by method.
            max_retries: Override for this call.
            timeout: Override for this call.

        Returns:
            The 2xx ``httpx.Response``, body read (an HTML page is returned as it is).

        Raises:
            InvalidArgumentError: a bad method, or a path that leaves the workspace.
            APIStatusError: A non-2xx answer.
        """
        if not isinstance(method, str) or not method.isascii() or not method.isalpha():
            raise InvalidArgumentError(
                f"method must be an HTTP method such as 'GET', got {method!r}"
            )
        check_relative_path(path)
        if httpx.URL(path).is_absolute_url or path.startswith("//"):
            raise InvalidArgumentError(f"request() takes a path under the workspace, not {path!r}")
        state = CallState(
            idempotent=idempotent,
            max_retries=max_retries,
            timeout=None if isinstance(timeout, NotGiven) else to_timeout(timeout),
        )
        root = f"/api/v1/workspace/{self._workspace_id}"
        with in_call(state):
            return self._sender.request(
                method,
                root + (path if path.startswith("/") else f"/{path}"),
                params=params,
                json=json,
            )


def _check_base_url(url: object, allow_insecure_http: bool) -> str:
    if not isinstance(url, str):
        raise ConfigurationError(f"base_url must be a string, got {type(url).__name__}")
    normalized = normalize_base_url(url, allow_insecure_http=allow_insecure_http)
    parsed = httpx.URL(normalized)
    if parsed.host in _CLASSIC_HOSTS or parsed.host.endswith((".ninoxdb.de",)):
        # Reference ninox4 §1: the two generations' hosts, keys and paths do not mix.
        raise ConfigurationError(
            f"{url} is a classic Ninox API host; Ninox4 talks to Ninox 4 workspaces "
            "(https://go.ninox.com). Use ninoxkit.Ninox for the classic API."
        )
    if parsed.path not in ("", "/"):
        # Every generated path already starts with /api/v1/workspace/... (reference ninox4 §2).
        raise ConfigurationError(
            f"base_url is the host only (e.g. https://go.ninox.com), got {url!r}"
        )
    return normalized

# Written by scripts/unasync.py from overlay/ninoxkit/_async/_client.py.
# Do not edit: edit the source and re-run the script.
"""The sync facade, :class:`Ninox`, written by ``scripts/unasync.py`` from ``_async``.

The path of a call through it is drawn once, in :mod:`ninoxkit._pipeline`. Seams for resources
(``ninoxkit/_sync/resources/<tag>.py``):

* :meth:`Ninox._run_operation` runs one generated ``sync_detailed`` operation with
  per-call options and returns its ``Response`` (always 2xx; everything else is raised as a
  typed error).
* :meth:`Ninox._send` sends a generated request description and returns the unparsed 2xx
  response; :meth:`Ninox._send_streamed` does the same with the body left unread.
* :meth:`Ninox._team_id` / :meth:`Ninox._database_id` resolve a per-call id against the
  client default and fail with a helpful :class:`~ninoxkit.ConfigurationError`.
* :class:`~ninoxkit._sync._resource.APIResource` wraps both for a resource class; attach a
  resource to the facade as a ``functools.cached_property`` that imports its module lazily.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

import attrs
import httpx
from ninox_api.client import AuthenticatedClient
from ninox_api.errors import UnexpectedStatus
from ninox_api.types import Response

from ninoxkit._config import (
    ClientOptions,
    TimeoutTypes,
    classic_base_url,
    resolve_options,
    to_timeout,
)
from ninoxkit._constants import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from ninoxkit._exceptions import (
    ConfigurationError,
    InvalidArgumentError,
    validation_error,
)
from ninoxkit._httpx_glue import (
    LeanCookieClient,
    plain_http_transport,
    raise_from_httpx,
    unbind_stream,
)
from ninoxkit._pipeline import CallState, in_call
from ninoxkit._retry import RetryPolicy
from ninoxkit._runtime import Discovery, LoopGuard
from ninoxkit._schema import Schema
from ninoxkit._sync._transport import NinoxTransport
from ninoxkit._types import NOT_GIVEN, NotGiven, Operation
from ninoxkit._validate import check_relative_path
from ninoxkit._version import __version__

if TYPE_CHECKING:
    from ninoxkit._sync._handles import Database
    from ninoxkit._sync.resources.changes import Changes
    from ninoxkit._sync.resources.databases import Databases
    from ninoxkit._sync.resources.files import Files
    from ninoxkit._sync.resources.records import Records
    from ninoxkit._sync.resources.scripts import Scripts
    from ninoxkit._sync.resources.tables import Tables
    from ninoxkit._sync.resources.teams import Teams
    from ninoxkit._sync.resources.undocumented import Undocumented
    from ninoxkit._sync.resources.views import Views

__all__ = ["Ninox"]

_T = TypeVar("_T")

# Errors generated parsing code raises on a body that does not fit the spec
# (toolchain-notes.md §3: KeyError, TypeError, ValueError incl. JSONDecodeError).
#: What parsing a 2xx answer can raise; RecursionError: JSON nested deeper than Python's stack.
_PARSE_ERRORS = (KeyError, ValueError, TypeError, AttributeError, IndexError, RecursionError)


@attrs.define
class _Shared:
    """What every copy made by ``with_options`` shares: the pool and the concurrency limit."""

    inner: httpx.Client
    limiter: threading.Semaphore
    owns_inner: bool
    #: The event loop the pool and the limiter belong to (async twin only).
    loop_guard: LoopGuard = attrs.field(factory=LoopGuard)
    #: Tables and fields per (base_url, team_id, database_id), read once for name resolution.
    schemas: dict[tuple[str, str, str], Schema] = attrs.field(factory=dict)
    #: Held while the table list is read, so concurrent first calls read it once.
    schema_lock: threading.Lock = attrs.field(factory=threading.Lock)
    closed: bool = False


class _Sender:
    """What every request is sent through: one httpx pipeline instead of two.

    Generated code calls ``get_httpx_client().request(**kwargs)``. Routing that through a
    full ``httpx.Client`` whose transport then calls the inner client's ``send`` runs two
    client pipelines (auth flow, redirect loop, cookies, response wrapping) per request, most
    of the SDK's per-call overhead (scripts/bench ``overhead_get_ratio``). This object builds
    the request on the inner client (so a user's client keeps its default headers, cookies and
    proxies) and hands it straight to the ninoxkit transport, which does retries, limits and
    error mapping.
    """

    def __init__(
        self,
        inner: httpx.Client,
        transport: NinoxTransport,
        *,
        base_url: str,
        headers: Mapping[str, str],
        credentials: Mapping[str, str],
        timeout: httpx.Timeout,
        loop_guard: LoopGuard,
    ) -> None:
        self._inner = inner
        self._transport = transport
        self._loop_guard = loop_guard
        self._base_url = base_url
        self._headers = headers
        self._credentials = credentials
        self._timeout = timeout

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r})"

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Any = None,
        json: Any = None,
        content: Any = None,
        data: Any = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Build and send one request (the subset of ``httpx.Client.request`` that the
        generated code, :meth:`Ninox.request` and the streaming seam use)."""
        self._loop_guard.check()
        # Case-insensitive, so a caller's "user-agent" replaces ours instead of adding a second
        # one; the credentials are set last, so they are always the client's own.
        merged = httpx.Headers(self._headers)
        if headers:
            merged.update(headers)
        merged.update(self._credentials)
        url = self._base_url + url
        if not params:
            params = None  # generated code passes {}; httpx would re-parse the URL to add none
        elif not self._inner.params and "?" not in url:
            # httpx parses a URL twice when ``params`` is given (the URL, then a copy with the
            # query); one parse of the finished URL builds the same request for less. (A query
            # already in the URL or on the user's client is left to httpx to merge.)
            url = f"{url}?{httpx.QueryParams(params)}"
            params = None
        request = self._inner.build_request(
            method,
            url,
            params=params,
            json=json,
            content=content,
            data=data,
            files=files,
            headers=merged,
            timeout=self._timeout,
        )
        return self._transport.handle_request(request)


class Ninox:
    """Client for the Ninox REST API.

    Each setting comes from the argument, else the environment variable, else the default.

    Args:
        api_key: API key; default ``NINOX_API_KEY``. Create one in the Ninox web app:
            Integrations -> Generate.
        base_url: API root; default ``NINOX_BASE_URL``, else ``https://api.ninox.com/v1``. A
            bare host (``https://ninox.example.org``) means its ``/v1``.
            See :func:`ninoxkit.private_cloud_url`, :func:`ninoxkit.on_premises_url` and
            :data:`ninoxkit.LEGACY_BASE_URL`.
        timeout: Seconds or ``httpx.Timeout``; default connect 10 s, read/write/pool 60 s.
        max_retries: Re-sends of a failed idempotent request; default 2.
        max_concurrency: Requests in flight at once, shared by all tasks and all
            ``with_options`` copies; default 4 (Ninox asks clients not to flood it).
        team_id: Default team id; default ``NINOX_TEAM_ID``.
        database_id: Default database id; default ``NINOX_DATABASE_ID``.
        http_client: Your own ``httpx.Client`` (proxies, custom transport, certificates).
            ninoxkit still adds the key, retries and maps errors; you close your client.
        allow_insecure_http: Permit ``http://`` to a host that is not this machine.
        database_password: Password of password-protected databases (``nx-password`` header);
            default ``NINOX_DATABASE_PASSWORD``.
        deadline: Wall-clock seconds one HTTP request may take: one page of a listing or
            one batch of a write, not a whole multi-page or multi-batch method call (``None``:
            no limit); default 300 s. It covers the wait for a concurrency slot, every attempt
            and the waits between retries. httpx's ``timeout`` bounds each network operation;
            this also ends a request whose server sends a byte now and then. Not counted: a
            streamed download's content after its headers, and the sending of an upload's
            body (each write bounded by the write timeout).
        max_response_size: Largest answer read into memory, in bytes; default 64 MiB. A bigger
            one raises :class:`~ninoxkit.ResponseTooLargeError` (downloads are streamed and
            have no limit).

    Raises:
        ConfigurationError: No key, or an invalid setting (e.g. plain http to a remote host,
            a negative ``max_retries``, an ``http_client`` that is not an
            ``httpx.Client``); nothing is sent.

    Example:
        >>> with Ninox(team_id="t1", database_id="db1") as ninox:  # doctest: +SKIP
        ...     response = ninox.request("GET", "/teams")
    """

    _options: ClientOptions
    _shared: _Shared
    _generated: AuthenticatedClient

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        team_id: str | None = None,
        database_id: str | None = None,
        http_client: httpx.Client | None = None,
        allow_insecure_http: bool = False,
        database_password: str | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        options = resolve_options(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            team_id=team_id,
            database_id=database_id,
            allow_insecure_http=allow_insecure_http,
            database_password=database_password,
            deadline=deadline,
            max_response_size=max_response_size,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise ConfigurationError(
                f"http_client must be an httpx.Client, got {type(http_client).__name__}"
            )
        limits = httpx.Limits(max_connections=max(10, options.max_concurrency * 2))
        inner = http_client or LeanCookieClient(
            timeout=options.timeout,
            follow_redirects=False,
            limits=limits,
            # A plain-http base URL (the emulator, a local proxy) needs no SSL context.
            **plain_http_transport(options.base_url, limits),
        )
        shared = _Shared(
            inner=inner,
            limiter=threading.Semaphore(options.max_concurrency),
            owns_inner=http_client is None,
        )
        self._setup(options, shared)

    def _setup(self, options: ClientOptions, shared: _Shared) -> None:
        self._options = options
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
        # The generated client never sees the key: it only sends through the sender, which
        # adds the header. (The generated client's repr would otherwise print the token.)
        sender = _Sender(
            shared.inner,
            transport,
            base_url=options.base_url,
            headers={"User-Agent": f"ninoxkit/{__version__}"},
            # Every request carries the database password when one is set (it only matters to
            # database paths); no call site has to remember it.
            credentials={
                "Authorization": f"Bearer {options.api_key}",
                **({"nx-password": options.database_password} if options.database_password else {}),
            },
            timeout=options.timeout,
            loop_guard=shared.loop_guard,
        )
        self._sender = sender
        self._generated = AuthenticatedClient(
            base_url=options.base_url, token="", raise_on_unexpected_status=False
        )
        # Duck-typed: the generated code only ever calls ``request(**kwargs)`` on it.
        self._generated.set_httpx_client(cast(httpx.Client, sender))

    # -- configuration -------------------------------------------------------------------

    @property
    def options(self) -> ClientOptions:
        """The resolved settings (a frozen object; the key is hidden in its repr)."""
        return self._options

    @property
    def base_url(self) -> str:
        """The API root, e.g. ``https://api.ninox.com/v1``."""
        return self._options.base_url

    @property
    def team_id(self) -> str | None:
        """The default team id, or ``None``."""
        return self._options.team_id

    @property
    def database_id(self) -> str | None:
        """The default database id, or ``None``."""
        return self._options.database_id

    @property
    def timeout(self) -> httpx.Timeout:
        """The default timeout of each request."""
        return self._options.timeout

    @property
    def max_retries(self) -> int:
        """The default number of retries per request."""
        return self._options.max_retries

    @property
    def max_concurrency(self) -> int:
        """The most requests in flight at once (shared by all copies of this client)."""
        return self._options.max_concurrency

    @property
    def deadline(self) -> float | None:
        """Wall-clock seconds per HTTP request (one page, one batch), retries included."""
        return self._options.deadline

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        team_id: str | None = None,
        database_id: str | None = None,
        database_password: str | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_size: int | None = None,
    ) -> Self:
        """Return a copy with some settings changed, sharing connections and the limit.

        Closing any copy closes the shared connection pool (as in openai-python).

        Args:
            api_key: New key.
            base_url: New API root (validated like the constructor's).
            timeout: New default timeout (``None``: no limit).
            max_retries: New default retries.
            team_id: New default team id.
            database_id: New default database id.
            database_password: New database password.
            deadline: New deadline per HTTP request, retries included (``None``: no limit).
            max_response_size: New largest buffered answer, in bytes.

        Returns:
            The new client.

        Example:
            >>> db = ninox.with_options(team_id="t1", database_id="db1")  # doctest: +SKIP
        """
        changes: dict[str, Any] = {}
        if api_key is not None:
            changes["api_key"] = api_key
        if base_url is not None:
            changes["base_url"] = classic_base_url(
                base_url, allow_insecure_http=self._options.allow_insecure_http
            )
        if not isinstance(timeout, NotGiven):
            changes["timeout"] = to_timeout(timeout)
        if max_retries is not None:
            changes["max_retries"] = max_retries
        if team_id is not None:
            changes["team_id"] = team_id
        if database_id is not None:
            changes["database_id"] = database_id
        if database_password is not None:
            changes["database_password"] = database_password
        if not isinstance(deadline, NotGiven):
            changes["deadline"] = deadline
        if max_response_size is not None:
            changes["max_response_size"] = max_response_size
        copy = object.__new__(type(self))
        copy._setup(attrs.evolve(self._options, **changes), self._shared)
        return copy

    def __repr__(self) -> str:
        # Also for a client whose constructor failed half-way (no options yet): a repr that
        # raises would hide the constructor's own error in a debugger or a log.
        options = self.__dict__.get("_options")
        if options is None:
            return f"<{type(self).__name__} (not initialised)>"
        return (
            f"{type(self).__name__}(base_url={options.base_url!r}, team_id={options.team_id!r}, "
            f"database_id={options.database_id!r})"
        )

    # -- resources -----------------------------------------------------------------------

    @functools.cached_property
    def teams(self) -> Teams:
        """Teams (workspaces): ``list``, ``get``."""
        from ninoxkit._sync.resources.teams import Teams

        return Teams(self)

    @functools.cached_property
    def databases(self) -> Databases:
        """Databases of a team: ``list``, ``get``, ``schema``."""
        from ninoxkit._sync.resources.databases import Databases

        return Databases(self)

    @functools.cached_property
    def tables(self) -> Tables:
        """Tables of a database: ``list``, ``get``."""
        from ninoxkit._sync.resources.tables import Tables

        return Tables(self)

    @functools.cached_property
    def views(self) -> Views:
        """Views and view shares: ``list``, ``get``, ``update``, ``get_share``, ``share``,
        ``unshare``."""
        from ninoxkit._sync.resources.views import Views

        return Views(self)

    @functools.cached_property
    def records(self) -> Records:
        """Records: ``list`` (auto-paging), ``get``, ``find_one``, ``create``, ``update``,
        ``upsert``, ``update_one``, ``delete``, ``delete_many``."""
        from ninoxkit._sync.resources.records import Records

        return Records(self)

    @functools.cached_property
    def files(self) -> Files:
        """Attachments: ``list``, ``upload``, ``download``, ``iter_bytes``, ``delete``,
        ``metadata``, ``thumbnail``."""
        from ninoxkit._sync.resources.files import Files

        return Files(self)

    @functools.cached_property
    def scripts(self) -> Scripts:
        """NX scripts: ``query`` (read-only) and ``exec`` (writes)."""
        from ninoxkit._sync.resources.scripts import Scripts

        return Scripts(self)

    @functools.cached_property
    def changes(self) -> Changes:
        """Change sets: ``since`` and the polling ``watch``."""
        from ninoxkit._sync.resources.changes import Changes

        return Changes(self)

    @functools.cached_property
    def undocumented(self) -> Undocumented:
        """Operations Ninox does not document (raw schema, print reports)."""
        from ninoxkit._sync.resources.undocumented import Undocumented

        return Undocumented(self)

    def database(self, *, team_id: str | None = None, database_id: str | None = None) -> Database:
        """A handle on one database (default: the client's ids).

        With both ids known (passed, or client defaults) this sends nothing. An id that is
        neither is looked up as :meth:`discover_database` does (the only team, then the only
        database, the key reaches) where this method can send: the sync client looks it up
        here; in the async client this method is not awaited, so it raises a
        :class:`~ninoxkit.ConfigurationError` that points to ``discover_database()``.

        Args:
            team_id: The team's id; default: the client's ``team_id``.
            database_id: The database's id; default: the client's ``database_id``.

        Returns:
            The database handle (``.table(...)``, ``.schema()``, ``.query(...)``).

        Raises:
            ConfigurationError: an id is missing and cannot be looked up here, or the key
                reaches no or several teams (databases); the message lists them.

        Example:
            >>> db = ninox.database(team_id="t1", database_id="db1")  # doctest: +SKIP
            >>> contacts = db.table("Contacts")  # doctest: +SKIP
        """
        from ninoxkit._sync._handles import Database

        team = team_id if team_id is not None else self._options.team_id
        database = database_id if database_id is not None else self._options.database_id
        if team is None or database is None:
            # The one difference between the twins (see ninoxkit._runtime.Discovery).
            return cast("Database", Discovery.database(self, team_id=team, database_id=database))
        return Database(
            self, team_id=self._team_id(team_id), database_id=self._database_id(database_id)
        )

    def discover_database(
        self, *, team_id: str | None = None, database_id: str | None = None
    ) -> Database:
        """A handle on a database, looking up the ids that are neither passed nor defaults.

        A missing team id becomes the only team the key reaches (``listTeams``), a missing
        database id the only database of that team (``listDatabases``); the CLI picks them
        the same way. An id that is passed or set as the client's default is used as it is.

        Args:
            team_id: Team id; default: the client's, else the only team the key reaches.
            database_id: Database id; default: the client's, else the team's only database.

        Returns:
            The handle; its client has both ids as defaults.

        Raises:
            ConfigurationError: The key reaches no team (database) or more than one; the
                message lists them with their names (up to 10), and how to pass the id.

        Example:
            >>> db = ninox.discover_database()  # doctest: +SKIP
        """
        team = team_id if team_id is not None else self._options.team_id
        if team is None:
            teams = self.teams.list()
            team = _only("team", "team_id", "NINOX_TEAM_ID", [(t.id, t.name) for t in teams])
        database = database_id if database_id is not None else self._options.database_id
        if database is None:
            found = self.databases.list(team_id=team)
            database = _only(
                "database",
                "database_id",
                "NINOX_DATABASE_ID",
                [(d.id, d.name) for d in found],
                where=f" in team {team}",
            )
        return self.database(team_id=team, database_id=database)

    def _schema_for(self, team_id: str, database_id: str, *, refresh: bool = False) -> Schema:
        """The tables and fields of a database, read once through ``listTables`` and cached."""
        key = (self._options.base_url, team_id, database_id)
        cached = self._shared.schemas.get(key)
        if cached is not None and not refresh:
            return cached
        with self._shared.schema_lock:
            cached = self._shared.schemas.get(key)
            if cached is None or refresh:
                tables = self.tables.list(team_id=team_id, database_id=database_id)
                cached = Schema.from_tables(t.to_dict() for t in tables)
                self._shared.schemas[key] = cached
        return cached

    # -- lifetime ------------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        """Whether the shared connection pool has been closed."""
        shared = self.__dict__.get("_shared")
        return shared is None or shared.closed or shared.inner.is_closed

    def close(self) -> None:
        """Close the connection pool (shared with ``with_options`` copies).

        A client you passed as ``http_client`` is left open: you created it, you close it.
        """
        # The sender holds no connections, so only the shared inner client needs closing;
        # the transport then refuses further requests.
        if "_shared" not in self.__dict__:  # the constructor failed: nothing was opened
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

    def _team_id(self, team_id: str | None) -> str:
        """Return ``team_id`` or the client default; raise a helpful error if neither is set."""
        return _require("team_id", team_id, self._options.team_id, "NINOX_TEAM_ID")

    def _database_id(self, database_id: str | None) -> str:
        """Return ``database_id`` or the client default, like :meth:`_team_id`."""
        return _require("database_id", database_id, self._options.database_id, "NINOX_DATABASE_ID")

    def _run_operation(
        self,
        op: Operation[_T],
        *args: Any,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        # An HTTP timeout that httpx enforces per request, not a cancel scope.
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        **kwargs: Any,
    ) -> Response[_T]:
        """Run one generated ``sync_detailed`` operation with per-call options.

        The options reach the transport through a ContextVar
        (:data:`ninoxkit._pipeline.CURRENT_CALL`) because generated functions accept no extra
        arguments.

        Args:
            op: e.g. ``ninox_api.api.records.get_record.sync_detailed``.
            *args: Its positional arguments (path ids in path order).
            idempotent: Whether the call is safe to re-send after it may have reached the
                server. ``None``: by HTTP method (GET/PUT/DELETE yes, POST/PATCH no). Pass
                ``True`` for read-only POSTs (``query``, record lookup, saves where every item
                has an id) and ``False`` for anything that could duplicate data.
            max_retries: Override of the client's ``max_retries`` for this call.
            timeout: Override of the client's timeout for this call.
            deadline: Override of the client's deadline for this call.
            **kwargs: Its keyword arguments (query parameters, ``body=``); ``client`` is added.

        Returns:
            The generated ``Response`` of a 2xx answer.

        Raises:
            APIStatusError: A non-2xx answer (subclass per status).
            APIConnectionError: No answer (``APITimeoutError``, ``OutcomeUnknownError``).
            APIResponseValidationError: A 2xx body the generated models cannot parse.

        Example:
            >>> from ninox_api.api.records import get_record  # doctest: +SKIP
            >>> response = self._client._run_operation(  # doctest: +SKIP
            ...     get_record.sync_detailed, team_id, database_id, table, record_id
            ... )
            >>> record = response.parsed  # doctest: +SKIP
        """
        state = CallState(
            idempotent=idempotent,
            max_retries=max_retries,
            timeout=None if isinstance(timeout, NotGiven) else to_timeout(timeout),
            deadline=deadline,
        )
        with in_call(state):
            try:
                return op(*args, client=self._generated, **kwargs)
            except (UnexpectedStatus, *_PARSE_ERRORS) as exc:
                if state.response is None:
                    raise  # raised while building the request: a caller bug, not a server answer
                response = state.response
                raise validation_error(
                    f"{type(exc).__name__}: {exc}; the raw body is in .body",
                    response,
                    request=state.request,
                    retries_taken=state.retries_taken,
                ) from exc

    def _send(
        self,
        kwargs: Mapping[str, Any],
        *,
        idempotent: bool | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        exempt_body: bool = False,
        read_body: Callable[[httpx.Response], Any] | None = None,
    ) -> httpx.Response:
        """Send a generated request description (``op.request_kwargs(...)``); return the 2xx
        response unparsed.

        For hot paths that parse the body themselves (the records pager, see ``_models``).
        Retries, limits and error mapping are those of :meth:`_run_operation`; ``deadline``
        overrides the client's; ``exempt_body`` stops the deadline's clock while the request
        body is sent (uploads: their length depends on the file; see
        ``CallState.exempt_body``); ``read_body`` reads a streamed body whole within the
        transport's retries (downloads; see ``CallState.read_body``), the response it is
        given is closed afterwards.
        """
        state = CallState(
            idempotent=idempotent,
            deadline=deadline,
            exempt_body=exempt_body,
            stream=read_body is not None,
            read_body=read_body,
        )
        with in_call(state):
            return self._sender.request(**kwargs)

    @contextmanager
    def _send_streamed(self, kwargs: Mapping[str, Any]) -> Iterator[httpx.Response]:
        """Send a generated request description (``op.request_kwargs(...)``) and stream the body.

        Used where the generated code would buffer the whole body (downloads). Auth, retries
        (until the headers arrive) and error mapping are the same as for
        :meth:`_run_operation`.
        """
        with in_call(CallState(stream=True)) as state:
            # The transport leaves a streamed 2xx body unread (see CallState.stream).
            response = self._sender.request(**kwargs)
        try:
            yield response
        except (httpx.HTTPError, httpx.StreamError) as exc:
            raise_from_httpx(exc, state.request, retries_taken=state.retries_taken, broke_off=True)
        finally:
            response.close()
            unbind_stream(response)

    # -- escape hatch --------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: bytes | str | None = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        # An HTTP timeout that httpx enforces per request, not a cancel scope.
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
    ) -> httpx.Response:
        """Send a request the SDK has no method for, with the same key, retries and errors.

        Args:
            method: HTTP method, e.g. ``"GET"``.
            path: Path relative to the base URL, e.g. ``"/teams"``; absolute URLs are refused
                so the key only goes to the configured host.
            params: Query parameters.
            json: A JSON body.
            content: A raw body.
            files: Multipart files (as ``httpx`` takes them).
            data: Multipart or form fields.
            headers: Extra headers (``Authorization`` and ``nx-password`` are always ninoxkit's).
            idempotent: See :meth:`_run_operation`; default by method.
            max_retries: Override for this call.
            timeout: Override for this call.
            deadline: Override of the overall deadline for this call (``None``: no limit).

        Returns:
            The 2xx ``httpx.Response``, body read. ``response.extensions
            ["ninoxkit.retries_taken"]`` says how many retries it took.

        Raises:
            ConfigurationError: ``path`` is an absolute URL.
            InvalidArgumentError: ``path`` has a ``.``/``..`` segment (also percent-encoded),
                which would leave the base URL, or a character that cannot be sent.
            APIStatusError: A non-2xx answer (subclass per status).
            APIConnectionError: No answer.
        """
        if not isinstance(method, str) or not method.isascii() or not method.isalpha():
            raise InvalidArgumentError(
                f"method must be an HTTP method such as 'GET', got {method!r}"
            )
        check_relative_path(path)
        target = httpx.URL(path)
        if target.is_absolute_url or path.startswith("//"):
            raise ConfigurationError(
                f"request() takes a path relative to base_url ({self.base_url}), not {path!r}"
            )
        state = CallState(
            idempotent=idempotent,
            max_retries=max_retries,
            timeout=None if isinstance(timeout, NotGiven) else to_timeout(timeout),
            deadline=deadline,
        )
        with in_call(state):
            return self._sender.request(
                method,
                path if path.startswith("/") else f"/{path}",
                params=params,
                json=json,
                content=content,
                files=files,
                data=data,
                headers=headers,
            )


def _require(name: str, value: str | None, default: str | None, env: str) -> str:
    chosen = value if value is not None else default
    if chosen is not None and not isinstance(chosen, str):
        raise InvalidArgumentError(f"{name} must be a string, got {type(chosen).__name__}")
    if chosen is None:
        raise ConfigurationError(
            f"{name} is required: pass {name}=..., set {env}, or use "
            f"client.with_options({name}=...)"
        )
    if not chosen.strip():
        raise ConfigurationError(f"{name} must not be empty")
    return chosen


def _only(what: str, name: str, env: str, found: list[tuple[str, str]], *, where: str = "") -> str:
    """The one id in ``found`` ((id, name) pairs); else a ConfigurationError listing them."""
    if len(found) == 1:
        return found[0][0]
    listed = ", ".join(f"{i} ({n})" for i, n in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    reach = (
        f"reaches {len(found)} {what}s{where}: {listed}{more}"
        if found
        else f"reaches no {what}{where}"
    )
    raise ConfigurationError(
        f"{name} is required: the API key {reach}; pass {name}=..., set {env}, or use "
        f"client.with_options({name}=...)"
    )

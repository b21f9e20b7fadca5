"""ninoxkit: the Python SDK for the Ninox REST API.

Start with :class:`Ninox` (or :class:`AsyncNinox`, the same API with ``await``)::

    from ninoxkit import Ninox

    with Ninox() as ninox:                       # key from NINOX_API_KEY
        for team in ninox.teams.list():
            print(team.id, team.name)
        contacts = ninox.database(team_id="…", database_id="…").table("Contacts")
        for record in contacts.list(filters={"Status": "Lead"}):
            print(record.id, record.fields["Name"])
        contacts.create([{"Name": "Lisa"}, {"Name": "Tom"}])  # batched

Resource namespaces: ``teams``, ``databases``, ``tables``, ``views``, ``records``, ``files``,
``scripts`` (``query``/``exec``), ``changes`` and ``undocumented``. Generated models (``Record``,
``Table``, …) are re-exported from :mod:`ninoxkit.types`; NX quoting lives in :mod:`ninoxkit.nx`.

Ninox 4 workspaces (``go.ninox.com``) have their own API and their own facade,
:class:`Ninox4` / :class:`AsyncNinox4` (``NINOX4_API_KEY``, ``NINOX4_WORKSPACE_ID``); the two
APIs do not mix.

Logging: set ``NINOXKIT_LOG=info`` (or ``debug``) to see requests on stderr; keys are redacted.
"""

# Lazy (PEP 562): ``import ninoxkit`` loads nothing but this file and the version, so the
# command line's ``--help`` and tools that only need one submodule do not pay for httpx, the
# generated client and both facades. Each name is imported on first access and then cached in
# the module's globals; type checkers and IDEs read the TYPE_CHECKING imports below.
import importlib as _importlib
import os as _os
import typing as _typing

from ._version import __version__

if _typing.TYPE_CHECKING:
    from ._async._client import AsyncNinox
    from ._async._handles import AsyncDatabase, AsyncTable
    from ._async.resources.changes import AsyncChanges
    from ._async.resources.databases import AsyncDatabases
    from ._async.resources.files import AsyncFiles
    from ._async.resources.records import AsyncRecordPager, AsyncRecords
    from ._async.resources.scripts import AsyncScripts
    from ._async.resources.tables import AsyncTables
    from ._async.resources.teams import AsyncTeams
    from ._async.resources.undocumented import AsyncUndocumented
    from ._async.resources.views import AsyncViews
    from ._async.v4._client import NINOX4_DEFAULT_BASE_URL, AsyncNinox4
    from ._async.v4.changes import AsyncChanges4
    from ._async.v4.extras import AsyncFunctions4, AsyncReports4, AsyncScripts4, AsyncViews4
    from ._async.v4.records import AsyncRecords4
    from ._async.v4.schema import AsyncFields4, AsyncModules4, AsyncTables4, AsyncWorkspace4
    from ._changeset import ChangeBatch, RecordChange, RecordKey
    from ._config import ClientOptions, legacy_cloud_url, on_premises_url, private_cloud_url
    from ._constants import (
        DEFAULT_BASE_URL,
        DEFAULT_DEADLINE,
        DEFAULT_MAX_CONCURRENCY,
        DEFAULT_MAX_RESPONSE_SIZE,
        DEFAULT_MAX_RETRIES,
        DEFAULT_TIMEOUT,
        LEGACY_BASE_URL,
    )
    from ._exceptions import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        BatchWriteError,
        ConfigurationError,
        ConflictError,
        EventLoopError,
        FilterNotAppliedError,
        InternalServerError,
        InvalidArgumentError,
        NinoxError,
        NotFoundError,
        OutcomeUnknownError,
        OutcomeUnknownTimeoutError,
        PermissionDeniedError,
        QuotaExceededError,
        RateLimitError,
        RedirectError,
        ResponseTooLargeError,
        UnexpectedHTMLError,
        UnknownNameError,
        UnprocessableEntityError,
    )
    from ._schema import FieldInfo, Schema, TableInfo
    from ._sync._client import Ninox
    from ._sync._handles import Database, Table
    from ._sync.resources.changes import Changes
    from ._sync.resources.databases import Databases
    from ._sync.resources.files import Files
    from ._sync.resources.records import RecordPager, Records
    from ._sync.resources.scripts import Scripts
    from ._sync.resources.tables import Tables
    from ._sync.resources.teams import Teams
    from ._sync.resources.undocumented import Undocumented
    from ._sync.resources.views import Views
    from ._sync.v4._client import Ninox4
    from ._sync.v4.changes import Changes4
    from ._sync.v4.extras import Functions4, Reports4, Scripts4, Views4
    from ._sync.v4.records import Records4
    from ._sync.v4.schema import Fields4, Modules4, Tables4, Workspace4
    from ._values import Appointment, FieldValueError, Location, format_timestamp, parse_timestamp

#: Where each public name lives (the module, relative to this package).
_EXPORTS: dict[str, str] = {
    "DEFAULT_BASE_URL": "._constants",
    "DEFAULT_DEADLINE": "._constants",
    "DEFAULT_MAX_CONCURRENCY": "._constants",
    "DEFAULT_MAX_RESPONSE_SIZE": "._constants",
    "DEFAULT_MAX_RETRIES": "._constants",
    "DEFAULT_TIMEOUT": "._constants",
    "LEGACY_BASE_URL": "._constants",
    "NINOX4_DEFAULT_BASE_URL": "._async.v4._client",
    "APIConnectionError": "._exceptions",
    "APIError": "._exceptions",
    "APIResponseValidationError": "._exceptions",
    "APIStatusError": "._exceptions",
    "APITimeoutError": "._exceptions",
    "Appointment": "._values",
    "AsyncChanges": "._async.resources.changes",
    "AsyncChanges4": "._async.v4.changes",
    "AsyncDatabase": "._async._handles",
    "AsyncDatabases": "._async.resources.databases",
    "AsyncFields4": "._async.v4.schema",
    "AsyncFiles": "._async.resources.files",
    "AsyncFunctions4": "._async.v4.extras",
    "AsyncModules4": "._async.v4.schema",
    "AsyncNinox": "._async._client",
    "AsyncNinox4": "._async.v4._client",
    "AsyncRecordPager": "._async.resources.records",
    "AsyncRecords": "._async.resources.records",
    "AsyncRecords4": "._async.v4.records",
    "AsyncReports4": "._async.v4.extras",
    "AsyncScripts": "._async.resources.scripts",
    "AsyncScripts4": "._async.v4.extras",
    "AsyncTable": "._async._handles",
    "AsyncTables": "._async.resources.tables",
    "AsyncTables4": "._async.v4.schema",
    "AsyncTeams": "._async.resources.teams",
    "AsyncUndocumented": "._async.resources.undocumented",
    "AsyncViews": "._async.resources.views",
    "AsyncViews4": "._async.v4.extras",
    "AsyncWorkspace4": "._async.v4.schema",
    "AuthenticationError": "._exceptions",
    "BadRequestError": "._exceptions",
    "BatchWriteError": "._exceptions",
    "ChangeBatch": "._changeset",
    "Changes": "._sync.resources.changes",
    "Changes4": "._sync.v4.changes",
    "ClientOptions": "._config",
    "ConfigurationError": "._exceptions",
    "ConflictError": "._exceptions",
    "Database": "._sync._handles",
    "Databases": "._sync.resources.databases",
    "EventLoopError": "._exceptions",
    "FieldInfo": "._schema",
    "FieldValueError": "._values",
    "Fields4": "._sync.v4.schema",
    "Files": "._sync.resources.files",
    "FilterNotAppliedError": "._exceptions",
    "Functions4": "._sync.v4.extras",
    "InternalServerError": "._exceptions",
    "InvalidArgumentError": "._exceptions",
    "Location": "._values",
    "Modules4": "._sync.v4.schema",
    "Ninox": "._sync._client",
    "Ninox4": "._sync.v4._client",
    "NinoxError": "._exceptions",
    "NotFoundError": "._exceptions",
    "OutcomeUnknownError": "._exceptions",
    "OutcomeUnknownTimeoutError": "._exceptions",
    "PermissionDeniedError": "._exceptions",
    "QuotaExceededError": "._exceptions",
    "RateLimitError": "._exceptions",
    "RecordChange": "._changeset",
    "RecordKey": "._changeset",
    "RecordPager": "._sync.resources.records",
    "Records": "._sync.resources.records",
    "Records4": "._sync.v4.records",
    "RedirectError": "._exceptions",
    "Reports4": "._sync.v4.extras",
    "ResponseTooLargeError": "._exceptions",
    "Schema": "._schema",
    "Scripts": "._sync.resources.scripts",
    "Scripts4": "._sync.v4.extras",
    "Table": "._sync._handles",
    "TableInfo": "._schema",
    "Tables": "._sync.resources.tables",
    "Tables4": "._sync.v4.schema",
    "Teams": "._sync.resources.teams",
    "Undocumented": "._sync.resources.undocumented",
    "UnexpectedHTMLError": "._exceptions",
    "UnknownNameError": "._exceptions",
    "UnprocessableEntityError": "._exceptions",
    "Views": "._sync.resources.views",
    "Views4": "._sync.v4.extras",
    "Workspace4": "._sync.v4.schema",
    "format_timestamp": "._values",
    "legacy_cloud_url": "._config",
    "on_premises_url": "._config",
    "parse_timestamp": "._values",
    "private_cloud_url": "._config",
}

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "LEGACY_BASE_URL",
    "NINOX4_DEFAULT_BASE_URL",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Appointment",
    "AsyncChanges",
    "AsyncChanges4",
    "AsyncDatabase",
    "AsyncDatabases",
    "AsyncFields4",
    "AsyncFiles",
    "AsyncFunctions4",
    "AsyncModules4",
    "AsyncNinox",
    "AsyncNinox4",
    "AsyncRecordPager",
    "AsyncRecords",
    "AsyncRecords4",
    "AsyncReports4",
    "AsyncScripts",
    "AsyncScripts4",
    "AsyncTable",
    "AsyncTables",
    "AsyncTables4",
    "AsyncTeams",
    "AsyncUndocumented",
    "AsyncViews",
    "AsyncViews4",
    "AsyncWorkspace4",
    "AuthenticationError",
    "BadRequestError",
    "BatchWriteError",
    "ChangeBatch",
    "Changes",
    "Changes4",
    "ClientOptions",
    "ConfigurationError",
    "ConflictError",
    "Database",
    "Databases",
    "EventLoopError",
    "FieldInfo",
    "FieldValueError",
    "Fields4",
    "Files",
    "FilterNotAppliedError",
    "Functions4",
    "InternalServerError",
    "InvalidArgumentError",
    "Location",
    "Modules4",
    "Ninox",
    "Ninox4",
    "NinoxError",
    "NotFoundError",
    "OutcomeUnknownError",
    "OutcomeUnknownTimeoutError",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "RecordChange",
    "RecordKey",
    "RecordPager",
    "Records",
    "Records4",
    "RedirectError",
    "Reports4",
    "ResponseTooLargeError",
    "Schema",
    "Scripts",
    "Scripts4",
    "Table",
    "TableInfo",
    "Tables",
    "Tables4",
    "Teams",
    "Undocumented",
    "UnexpectedHTMLError",
    "UnknownNameError",
    "UnprocessableEntityError",
    "Views",
    "Views4",
    "Workspace4",
    "__version__",
    "format_timestamp",
    "legacy_cloud_url",
    "on_premises_url",
    "parse_timestamp",
    "private_cloud_url",
]


if not _typing.TYPE_CHECKING:  # a type checker sees the imports above, and flags unknown names

    def __getattr__(name: str) -> _typing.Any:
        """Import a public name on first access (PEP 562) and cache it in the module."""
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(module, __name__), name)
        if isinstance(value, type) or callable(value):
            # Show public names as ninoxkit.X in reprs and tracebacks, as httpx does.
            try:
                value.__module__ = __name__
            except (AttributeError, TypeError):  # pragma: no cover - builtins refuse
                pass
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    """The public names too, before they are first imported (``dir()``, completion)."""
    return sorted(set(globals()) | set(__all__))


# Logging: the redacting filter is attached when ``ninoxkit._logging`` is imported, which
# everything that logs does first; the opt-in stderr handler is set up here, on import, only
# when ``NINOXKIT_LOG`` asks for it (then importing the logging module costs nothing extra).
if _os.environ.get("NINOXKIT_LOG", "").strip():  # _constants.ENV_LOG (that module loads httpx)
    from ._logging import setup_logging as _setup_logging

    _setup_logging()

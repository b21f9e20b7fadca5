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
    from ._async.resources.records import AsyncRecordPager
    from ._async.v4._client import NINOX4_DEFAULT_BASE_URL, AsyncNinox4
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
    from ._sync.resources.records import RecordPager
    from ._sync.v4._client import Ninox4
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
    "AsyncDatabase": "._async._handles",
    "AsyncNinox": "._async._client",
    "AsyncNinox4": "._async.v4._client",
    "AsyncRecordPager": "._async.resources.records",
    "AsyncTable": "._async._handles",
    "AuthenticationError": "._exceptions",
    "BadRequestError": "._exceptions",
    "BatchWriteError": "._exceptions",
    "ChangeBatch": "._changeset",
    "ClientOptions": "._config",
    "ConfigurationError": "._exceptions",
    "ConflictError": "._exceptions",
    "Database": "._sync._handles",
    "EventLoopError": "._exceptions",
    "FieldInfo": "._schema",
    "FieldValueError": "._values",
    "FilterNotAppliedError": "._exceptions",
    "InternalServerError": "._exceptions",
    "InvalidArgumentError": "._exceptions",
    "Location": "._values",
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
    "RedirectError": "._exceptions",
    "ResponseTooLargeError": "._exceptions",
    "Schema": "._schema",
    "Table": "._sync._handles",
    "TableInfo": "._schema",
    "UnexpectedHTMLError": "._exceptions",
    "UnknownNameError": "._exceptions",
    "UnprocessableEntityError": "._exceptions",
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
    "AsyncDatabase",
    "AsyncNinox",
    "AsyncNinox4",
    "AsyncRecordPager",
    "AsyncTable",
    "AuthenticationError",
    "BadRequestError",
    "BatchWriteError",
    "ChangeBatch",
    "ClientOptions",
    "ConfigurationError",
    "ConflictError",
    "Database",
    "EventLoopError",
    "FieldInfo",
    "FieldValueError",
    "FilterNotAppliedError",
    "InternalServerError",
    "InvalidArgumentError",
    "Location",
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
    "RedirectError",
    "ResponseTooLargeError",
    "Schema",
    "Table",
    "TableInfo",
    "UnexpectedHTMLError",
    "UnknownNameError",
    "UnprocessableEntityError",
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

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
from ._logging import setup_logging as _setup_logging
from ._schema import FieldInfo, Schema, TableInfo
from ._sync._client import Ninox
from ._sync._handles import Database, Table
from ._sync.resources.records import RecordPager
from ._sync.v4._client import Ninox4
from ._values import Appointment, FieldValueError, Location, format_timestamp, parse_timestamp
from ._version import __version__

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

_setup_logging()

# Show public names as ninoxkit.X in reprs and tracebacks, as httpx does.
for _name in __all__:
    if not _name.startswith("__") and not _name.isupper():
        _obj = globals()[_name]
        if hasattr(_obj, "__module__"):
            try:
                _obj.__module__ = "ninoxkit"
            except (AttributeError, TypeError):  # pragma: no cover - builtins refuse
                pass
del _name, _obj

"""ninoxkit: the Python SDK for the Ninox REST API.

Start with :class:`Ninox` (or :class:`AsyncNinox`)::

    from ninoxkit import Ninox

    with Ninox() as ninox:              # key from NINOX_API_KEY
        teams = ninox.request("GET", "/teams").json()

Logging: set ``NINOXKIT_LOG=info`` (or ``debug``) to see requests on stderr; keys are redacted.
"""

from ._async._client import AsyncNinox
from ._config import ClientOptions, legacy_cloud_url, on_premises_url, private_cloud_url
from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONCURRENCY,
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
    ConfigurationError,
    ConflictError,
    InternalServerError,
    NinoxError,
    NotFoundError,
    OutcomeUnknownError,
    OutcomeUnknownTimeoutError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    UnprocessableEntityError,
)
from ._logging import setup_logging as _setup_logging
from ._sync._client import Ninox
from ._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "LEGACY_BASE_URL",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncNinox",
    "AuthenticationError",
    "BadRequestError",
    "ClientOptions",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "Ninox",
    "NinoxError",
    "NotFoundError",
    "OutcomeUnknownError",
    "OutcomeUnknownTimeoutError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "UnprocessableEntityError",
    "__version__",
    "legacy_cloud_url",
    "on_premises_url",
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

"""The ``ninoxkit`` logger, its opt-in handler and the redaction of secrets.

Nothing is configured on import unless ``NINOXKIT_LOG=info|debug`` is set; then one
``StreamHandler`` is attached to the ``ninoxkit`` logger (never ``logging.basicConfig``).
Every record logged through ``ninoxkit`` passes :class:`RedactingFilter`, so an
``Authorization`` value cannot appear even if a message contains one by mistake.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping

from ._constants import ENV_LOG

__all__ = ["SENSITIVE_HEADERS", "RedactingFilter", "logger", "redact_headers", "setup_logging"]

logger = logging.getLogger("ninoxkit")

#: Request headers whose values are never logged.
SENSITIVE_HEADERS = frozenset({"authorization", "nx-password", "cookie", "proxy-authorization"})

_SECRET = re.compile(
    r"(?i)\b(authorization|nx-password|proxy-authorization)(['\"]?\s*[:=]\s*['\"]?)"
    r"(bearer\s+|basic\s+)?[^\s'\",}]+"
)
_BEARER = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+")


def redact(text: str) -> str:
    """Replace header-style secrets and bearer tokens in ``text`` with ``[redacted]``."""
    text = _SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) or ''}[redacted]", text)
    return _BEARER.sub("Bearer [redacted]", text)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Return a copy of ``headers`` with sensitive values replaced by ``[redacted]``."""
    return {k: ("[redacted]" if k.lower() in SENSITIVE_HEADERS else v) for k, v in headers.items()}


class RedactingFilter(logging.Filter):
    """Scrub secrets from log records of the ``ninoxkit`` logger (defence in depth)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message, redact it and keep the record."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed format string: leave it alone
            return True
        record.msg = redact(message)
        record.args = None
        return True


# On the logger from the start: whatever logs through it has imported this module first.
logger.addFilter(RedactingFilter())


def setup_logging(environ: Mapping[str, str] | None = None) -> None:
    """Attach a handler to the ``ninoxkit`` logger if ``NINOXKIT_LOG`` asks for it.

    Args:
        environ: The environment to read (default ``os.environ``).
    """
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    level_name = (os.environ if environ is None else environ).get(ENV_LOG, "").strip().lower()
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(level_name)
    if level is None:
        return
    logger.setLevel(level)
    if not any(getattr(h, "_ninoxkit", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        handler._ninoxkit = True  # type: ignore[attr-defined]  # marks our own handler
        logger.addHandler(handler)

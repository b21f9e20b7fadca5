"""Clock and id helpers shared by the store and the fault injector."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading

from ._when import WhenError, format_instant, parse_instant

__all__ = ["Clock", "column_id", "derived_id"]

_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


class Clock:
    """UTC wall clock, optionally frozen or stepping one second per write.

    Ninox timestamps are UTC without a zone suffix (reference §7.1), so this clock works with
    naive datetimes that are understood as UTC.

    Args:
        start: ISO timestamp to start from; ``None`` means the real clock.
        step: seconds the clock advances on every write when ``start`` is given (0 = frozen).
    """

    def __init__(self, start: str | None = None, step: float = 1.0) -> None:
        self._lock = threading.Lock()
        self._start = start
        self._step = step
        self._now = _parse_start(start) if start is not None else None
        self._mark: dt.datetime | None = None

    def reset(self) -> None:
        """Go back to the start time, or to the :meth:`mark` (no-op for the real clock)."""
        with self._lock:
            if self._mark is not None:
                self._now = self._mark
            else:
                self._now = _parse_start(self._start) if self._start is not None else None

    def mark(self) -> None:
        """Make the current time the point :meth:`reset` returns to (after loading a fixture)."""
        with self._lock:
            self._mark = self._now

    def advance_to(self, value: dt.datetime) -> None:
        """Move a fixed clock forward to ``value`` (never backwards), e.g. after a restore."""
        with self._lock:
            if self._now is not None and value > self._now:
                self._now = value

    def tick(self) -> dt.datetime:
        """Advance by one step (fixed clocks only) and return the time of the write."""
        with self._lock:
            if self._now is not None:
                self._now = self._now + dt.timedelta(seconds=self._step)
                return self._now
        return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _parse_start(start: str) -> dt.datetime:
    # Zone-less means UTC, a Z or offset is honoured (reference §7.1; _when).
    try:
        return parse_instant(start).replace(microsecond=0)
    except WhenError:
        raise ValueError(f"clock start is not an ISO timestamp: {start!r}") from None


def format_ts(value: dt.datetime) -> str:
    """Format a timestamp the Ninox way: ``YYYY-MM-DDThh:mm:ss``, no zone (reference §7.1)."""
    if value.tzinfo is None:
        # The stored form (naive UTC): the C formatter writes the same text, several times
        # faster; every record of a listing page has two timestamps.
        return value.isoformat(timespec="seconds")
    return format_instant(value.replace(microsecond=0))


def epoch_ms(value: dt.datetime) -> int:
    """Milliseconds since the epoch for a naive UTC datetime (FileMeta ``modifiedDate``)."""
    return int(value.replace(tzinfo=dt.UTC).timestamp() * 1000)


def column_id(index: int) -> str:
    """Return the Ninox-style id for a 0-based index: ``A`` … ``Z``, ``AA`` … (reference §7.2)."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def column_index(ident: str) -> int:
    """Inverse of :func:`column_id`; -1 if ``ident`` is not such an id."""
    if not ident or not ident.isascii() or not ident.isalpha() or not ident.isupper():
        return -1
    n = 0
    for ch in ident:
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n - 1


def derived_id(seed: str, length: int, *, lower: bool = False) -> str:
    """A predictable opaque id derived from ``seed`` (team ids: 17 chars, db ids: 12 lowercase).

    Ids are opaque strings for Ninox (reference §7.2); deriving them from a hash keeps every run of
    the same fixture byte-identical.
    """
    alphabet = _ALNUM[:26] + _ALNUM[52:] if lower else _ALNUM
    digest = hashlib.sha256(seed.encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:length])

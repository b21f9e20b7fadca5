"""Date and time values as the emulator reads and writes them, written from the reference alone.

The emulator is an independent oracle: nothing here comes from the SDK (``ninoxkit._values``).

Reference §7.1/§7.3 and the integrator's reading of them (issue #20 item 7):

- Ninox keeps a date-time as an instant. The only zone the API documents is UTC (record
  ``createdAt``/``modifiedAt``, [2+]); D-TFR's "local ISO, no zone" for datetime fields is read
  as the ISO *local-date-time format* (no zone designator). So a datetime is rendered as UTC
  ``YYYY-MM-DDThh:mm:ss`` with ``.SSS`` only when the milliseconds are not zero, no suffix.
- On write every plausible variant is accepted: that form (also with a space instead of ``T``,
  without seconds, with up to 6 fraction digits), a trailing ``Z`` or a numeric offset
  (``+02:00``, ``+0200``, ``+02``; converted to UTC) and epoch milliseconds as a JSON number
  (the form Ninox 4 documents, §10).
- date: ``YYYY-MM-DD``; the docs.ninox.com copy types dates as numbers (§7.3 [conflict]), so
  epoch milliseconds are accepted too, and a whole timestamp (its UTC date).
- time: ``hh:mm:ss`` (``h`` may be one digit, seconds and ``.SSS`` optional); a number is
  milliseconds since midnight. Rendered ``hh:mm:ss[.SSS]``.
- timeinterval: ``h:mm:ss.SSS`` (fraction optional, sign allowed); a number is milliseconds.
  Rendered ``h:mm:ss.SSS`` as in the reference example ``"123:25:16.123"``.
- appointment: ``"<start> - <end>"``; the Ninox 4 half-open form ``[start,end)`` is accepted.

Nothing here depends on the machine's local time zone: every conversion names UTC.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

__all__ = [
    "WhenError",
    "format_instant",
    "normalise_when",
    "parse_instant",
]

_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1)
# [0-9], not \d: \d (like str.isdigit() and int()) also matches other scripts' digits, e.g.
# Arabic-Indic "٢٠٢٤-٠١-٠١", which no Ninox date format has.
_INSTANT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{1,2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?"
    r"\s*(Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?")
_INTERVAL = re.compile(r"([+-])?([0-9]{1,9}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]{1,9}))?")
_MAX_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z: beyond it no ISO form exists


class WhenError(ValueError):
    """A value that is no date, time, datetime, interval or appointment."""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not math.isfinite(value):
        raise WhenError("not a finite number")
    return value


def _fraction_us(frac: str | None) -> int:
    # Keep milliseconds only: Ninox values carry at most .SSS (§7.3 examples).
    return int((frac or "0")[:3].ljust(3, "0")) * 1000


def _from_ms(ms: float) -> dt.datetime:
    if not -62_135_596_800_000 <= ms <= _MAX_MS:
        raise WhenError("milliseconds out of range")
    return _EPOCH + dt.timedelta(milliseconds=round(ms))


def parse_instant(value: Any) -> dt.datetime:
    """Read a datetime value as a naive UTC ``datetime`` (milliseconds precision).

    Raises:
        WhenError: for anything that is no datetime.
    """
    ms = _number(value)
    if ms is not None:
        return _from_ms(ms)
    if not isinstance(value, str):
        raise WhenError("a datetime is text or epoch milliseconds")
    match = _INSTANT.fullmatch(value.strip())
    if match is None:
        raise WhenError("not an ISO date-time")
    y, mo, d, h, mi, s, frac, zone = match.groups()
    try:
        local = dt.datetime(
            int(y), int(mo), int(d), int(h), int(mi), int(s or 0), _fraction_us(frac)
        )
        if zone is None or zone in ("Z", "z"):
            return local
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        if offset >= dt.timedelta(hours=24):
            raise WhenError("offset out of range")
        return local - sign * offset
    except (ValueError, OverflowError) as exc:
        raise WhenError(str(exc)) from None


def format_instant(value: dt.datetime) -> str:
    """``YYYY-MM-DDThh:mm:ss`` (``.SSS`` when the milliseconds are not 0), UTC, no suffix."""
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{_clock(value.time())}"
    return text


def _clock(value: dt.time) -> str:
    text = f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    ms = value.microsecond // 1000
    return f"{text}.{ms:03d}" if ms else text


def _date(value: Any) -> str:
    ms = _number(value)
    if ms is not None:
        return _from_ms(ms).date().isoformat()
    if not isinstance(value, str):
        raise WhenError("a date is text or epoch milliseconds")
    text = value.strip()
    match = _DATE.fullmatch(text)
    if match is None:
        return parse_instant(text).date().isoformat()
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError as exc:
        raise WhenError(str(exc)) from None


def _time(value: Any) -> str:
    ms = _number(value)
    if ms is not None:
        if not 0 <= ms < 86_400_000:
            raise WhenError("a time is between 0 and 24 hours")
        return _clock((_EPOCH + dt.timedelta(milliseconds=round(ms))).time())
    if not isinstance(value, str):
        raise WhenError("a time is text or milliseconds since midnight")
    match = _TIME.fullmatch(value.strip())
    if match is None:
        raise WhenError("not a time hh:mm:ss")
    h, mi, s, frac = match.groups()
    try:
        return _clock(dt.time(int(h), int(mi), int(s or 0), _fraction_us(frac)))
    except ValueError as exc:
        raise WhenError(str(exc)) from None


def _interval(value: Any) -> str:
    ms = _number(value)
    if ms is None:
        if not isinstance(value, str):
            raise WhenError("a time interval is text or milliseconds")
        match = _INTERVAL.fullmatch(value.strip())
        if match is None:
            raise WhenError("not a time interval h:mm:ss.SSS")
        sign, h, mi, s, frac = match.groups()
        if int(mi) > 59 or int(s) > 59:
            raise WhenError("minutes and seconds are below 60")
        ms = (int(h) * 3600 + int(mi) * 60 + int(s)) * 1000 + _fraction_us(frac) // 1000
        ms = -ms if sign == "-" else ms
    total = round(ms)
    if abs(total) > _MAX_MS:
        raise WhenError("time interval out of range")
    neg, total = total < 0, abs(total)
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{'-' if neg else ''}{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _appointment(value: Any) -> str:
    if not isinstance(value, str):
        raise WhenError("an appointment is text '<start> - <end>'")
    text = value.strip()
    if text.startswith("[") and text.endswith(")"):
        parts = text[1:-1].split(",")  # Ninox 4's half-open range (peers §0)
    else:
        parts = re.split(r"\s+-\s+", text)
    if len(parts) != 2:
        raise WhenError("an appointment is '<start> - <end>'")
    start, end = parse_instant(parts[0]), parse_instant(parts[1])
    return f"{format_instant(start)} - {format_instant(end)}"


_NORMALISE = {
    "date": _date,
    "time": _time,
    "timestamp": lambda v: format_instant(parse_instant(v)),
    "timeinterval": _interval,
    "appointment": _appointment,
}


def normalise_when(base: str, value: Any) -> str:
    """Check a value for a date/time field type and return the canonical text stored.

    Args:
        base: ``date``, ``time``, ``timestamp``, ``timeinterval`` or ``appointment``.
        value: the JSON value written.

    Raises:
        WhenError: the value does not fit the type.
    """
    try:
        return _NORMALISE[base](value)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, WhenError):
            raise
        raise WhenError(str(exc)) from None

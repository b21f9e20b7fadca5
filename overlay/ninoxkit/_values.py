"""Field values: Ninox JSON ↔ Python, by field type (no I/O; shared by both twins).

Conversion is opt-in (``convert=True`` on record reads, or :func:`encode_fields` for writes);
raw JSON stays available. Decoding is tolerant of every form Ninox has been seen to send
(reference §7.3 and §11); encoding writes the best-supported form and checks values before
anything is sent.

=================  ===================================  ======================================
Ninox type         JSON (best supported, §7.3)          Python
=================  ===================================  ======================================
text, email, url,  string                               ``str``
phone, html
number             number                               ``int`` / ``float``
boolean            boolean                              ``bool``
date               ``"YYYY-MM-DD"`` (a number, ms        ``datetime.date``
                   since the epoch, is also read: §11)
timestamp,         ``"YYYY-MM-DDThh:mm:ss[.fff]"`` UTC,  aware ``datetime.datetime`` in UTC
datetime           no zone (offsets and ms numbers read)
time               ``"hh:mm:ss"`` (``hh:mm`` read)      ``datetime.time``
timeinterval       ``"h:mm:ss.SSS"`` (ms numbers read)   ``datetime.timedelta``
appointment        ``"<start> - <end>"`` (the Ninox 4   :class:`Appointment`
                   form ``[start,end)`` is read too)
location           ``"address <lat,lon>"``              :class:`Location`
choice             caption (option id with               ``str`` caption
                   ``choiceStyle=ids``)
multi              array of captions (ids, or a comma   ``list[str]`` captions
                   string, read)
ref (link)         the linked record's id, a number     ``int`` record id; written from an
                   (§13; ``"6"``/``"A6"`` read)          ``int``, a ``Record`` or ``"6"``
rev (reverse link) record ids                           ``list[int]``; not writable
fn (formula)       not returned by record routes (§13)  read with ``Table.formula_values``;
                                                        not writable
empty              ``""``, absent or ``null``           ``None``; writing ``None`` clears
=================  ===================================  ======================================

Date and time, decided once for the whole SDK: the only zone the API documents is UTC (record
metadata, §7.1 [2+]); the value table's "local ISO, no zone" for datetime fields (§7.3) is read
as the ISO *local-date-time format* (no designator), not as "some local zone". So:

- a datetime value ``YYYY-MM-DDThh:mm:ss[.fff]`` without a suffix means **UTC**; ``Z`` and
  offsets (``+05:30``, ``+0530``) are honoured; numbers are epoch milliseconds;
- ``convert=True`` gives aware UTC datetimes, for datetime fields and for record and change-set
  metadata alike;
- an aware datetime is written converted to UTC, without a suffix;
- a **naive** datetime is refused with :class:`FieldValueError`: its zone is unknown, and
  guessing (UTC or the machine's zone) would silently shift the stored instant by hours. Write
  ``value.replace(tzinfo=datetime.UTC)`` for a UTC wall time, or ``value.astimezone()`` for the
  machine's local time. The machine's local time zone is never consulted.

Every refusal is a :class:`FieldValueError` (an :class:`~ninoxkit.InvalidArgumentError`, so a
``ValueError``): impossible dates (month 13, year 0), instants outside years 1-9999 in UTC,
non-finite numbers, numbers beyond a double's range, values nested deeper than
:data:`MAX_NESTING` or containing themselves, and sets whose items cannot be ordered.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import reprlib
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple, NoReturn

from ninox_api.models import TableRecord as Record

from ._exceptions import InvalidArgumentError
from .nx import record_ref

__all__ = [
    "Appointment",
    "FieldValueError",
    "Location",
    "decode_fields",
    "decode_value",
    "encode_fields",
    "encode_value",
    "format_timestamp",
    "parse_timestamp",
]

UTC = _dt.UTC
#: Exact types ``encode_value`` passes through unchanged when the field type is unknown.
_PLAIN_JSON = frozenset({str, int, bool})
#: ``_PLAIN_JSON`` and ``None``, and the one key type: ``encode_fields``'s fast path.
_PLAIN_OR_NONE = _PLAIN_JSON | {type(None)}
_PLAIN_KEYS = frozenset({str})
#: Types whose values have a fixed text form (§7.3): text given for them is checked.
_WHEN_TYPES = frozenset({"date", "timestamp", "datetime", "time", "timeinterval", "appointment"})
_TEXT_TYPES = {"string", "text", "html", "email", "phone", "link", "url", "color", "icon"}
# ASCII digits only: ``\d`` alone would also take other scripts' digits, which Ninox never sends.
_TS = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?", re.ASCII
)
_INTERVAL = re.compile(r"(-)?(\d{1,15}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d{1,400}", re.ASCII)
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_DAY_MS = 86_400_000
#: How deep a value sent as JSON may nest (Ninox field values are flat; this bounds the check's
#: recursion far below Python's limit and refuses a list that contains itself).
MAX_NESTING = 64
#: Ninox numbers are IEEE doubles: integers beyond 2**53 lose digits, beyond ~1.8e308 overflow.
_MAX_EXACT_INT = 2**53
_MAX_FLOAT_INT = int(sys.float_info.max)
_LOCATION = re.compile(r"(.*?)\s*<\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*>\s*")


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 4, 120, 120


def _show(value: Any) -> str:
    """A bounded repr for messages: the plain ``repr`` of a value nested 60,000 levels deep
    raises RecursionError, and of a 1 MB text floods the message."""
    return _REPR.repr(value)


class FieldValueError(InvalidArgumentError):
    """A field value cannot be converted (raised before any request is sent)."""


class Appointment(NamedTuple):
    """An appointment field value: a start and an end (aware UTC datetimes)."""

    start: _dt.datetime
    end: _dt.datetime


class Location(NamedTuple):
    """A location field value: an address and coordinates."""

    address: str
    latitude: float | None = None
    longitude: float | None = None


def parse_timestamp(value: str | float) -> _dt.datetime:
    """Read a Ninox timestamp as an aware UTC datetime.

    Ninox sends UTC wall-clock time without a zone suffix (reference §7.1); an explicit ``Z`` or
    offset (``+05:30`` or ``+0530``) is honoured, and a number is taken as milliseconds since
    the epoch (§11).

    Args:
        value: The timestamp as Ninox answers it: ``"2024-05-01T09:30:00"`` (UTC), with
            ``Z`` or an offset, or milliseconds since the epoch (``int``/``float``).

    Returns:
        The instant as an aware datetime in UTC.

    Raises:
        FieldValueError: if the value is no timestamp, or names no representable instant
            (month 13, year 0, an offset that moves it past year 9999, 1e20 ms).
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch_ms(value)
    if isinstance(value, str):
        match = _TS.fullmatch(value.strip())
        if match:
            date, time, zone = match.groups()
            try:
                parsed = _dt.datetime.fromisoformat(f"{date}T{time}{_normal_zone(zone)}")
                return parsed.astimezone(UTC)
            except (ValueError, OverflowError):
                raise FieldValueError(f"not a valid Ninox timestamp: {_show(value)}") from None
    raise FieldValueError(f"not a Ninox timestamp: {_show(value)}")


def _from_epoch_ms(value: float) -> _dt.datetime:
    """Milliseconds since the epoch as an aware UTC datetime, by arithmetic (no OS call, so no
    local-time rules and no platform limits; NaN and out-of-range values are refused)."""
    try:
        if math.isfinite(value):
            return _EPOCH + _dt.timedelta(milliseconds=value)
    except OverflowError:
        pass
    raise FieldValueError(f"{_show(value)} ms since the epoch is no representable timestamp")


def _normal_zone(zone: str | None) -> str:
    if zone is None or zone == "Z":
        return "+00:00"
    return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"


def format_timestamp(value: _dt.datetime) -> str:
    """Write an aware datetime as Ninox's zone-less UTC timestamp.

    Args:
        value: An aware datetime (any zone; converted to UTC).

    Returns:
        ``"YYYY-MM-DDTHH:MM:SS"`` in UTC, with ``.mmm`` milliseconds when ``value`` has a
        fraction of a second (microseconds below a millisecond are dropped).

    Raises:
        FieldValueError: for a naive datetime: Ninox stores UTC, and guessing the zone of a naive
            value would silently shift it by hours.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise FieldValueError(
            f"naive datetime {value.isoformat()} is ambiguous; pass an aware one "
            "(e.g. value.replace(tzinfo=datetime.UTC))"
        )
    try:
        utc = value.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        raise FieldValueError(f"{value.isoformat()} is outside the years 1-9999 in UTC") from None
    spec = "milliseconds" if utc.microsecond else "seconds"
    return utc.isoformat(timespec=spec)


def _decode_date(value: Any) -> _dt.date:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # docs.ninox.com types dates as numbers (§7.3 [conflict]): ms since the epoch.
        return _from_epoch_ms(value).date()
    if isinstance(value, str):
        # YYYY-MM-DD, or a whole timestamp (its UTC date); never a date with trailing text.
        text = value.strip()
        try:
            return _dt.date.fromisoformat(text) if len(text) == 10 else parse_timestamp(text).date()
        except (ValueError, FieldValueError):
            pass
    raise FieldValueError(f"not a Ninox date: {_show(value)}")


def _decode_time(value: Any) -> _dt.time:
    if isinstance(value, str):
        try:
            return _dt.time.fromisoformat(value.strip())
        except ValueError:
            pass
    # Milliseconds since midnight: only a value within one day is a time of day.
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < _DAY_MS:
        return (_dt.datetime.min + _dt.timedelta(milliseconds=value)).time()
    raise FieldValueError(f"not a Ninox time: {_show(value)}")


def _decode_interval(value: Any) -> _dt.timedelta:
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if math.isfinite(value):
                return _dt.timedelta(milliseconds=value)
        elif isinstance(value, str):
            match = _INTERVAL.fullmatch(value.strip())
            if match:
                sign, hours, minutes, seconds, frac = match.groups()
                micro = int((frac or "0").ljust(6, "0"))
                delta = _dt.timedelta(
                    hours=int(hours),
                    minutes=int(minutes),
                    seconds=int(seconds),
                    microseconds=micro,
                )
                return -delta if sign else delta
    except OverflowError:  # beyond timedelta's ±999,999,999 days
        pass
    raise FieldValueError(f"not a Ninox time interval: {_show(value)}")


def _encode_interval(value: _dt.timedelta) -> str:
    total_ms = round(value.total_seconds() * 1000)
    sign = "-" if total_ms < 0 else ""
    total_ms = abs(total_ms)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{sign}{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _decode_appointment(value: Any) -> Appointment:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[") and text.endswith(")"):
            # Ninox 4 writes appointments as a half-open range (peers.md §3 item 10).
            parts = text[1:-1].split(",")
        else:
            parts = re.split(r"\s+-\s+", text)
        if len(parts) == 2:
            return Appointment(parse_timestamp(parts[0].strip()), parse_timestamp(parts[1].strip()))
    raise FieldValueError(f"not a Ninox appointment: {_show(value)}")


def _decode_location(value: Any) -> Location:
    if isinstance(value, str):
        match = _LOCATION.fullmatch(value)
        if match:
            return Location(match.group(1), float(match.group(2)), float(match.group(3)))
        return Location(value.strip())
    raise FieldValueError(f"not a Ninox location: {_show(value)}")


def _caption(value: Any, choices: Mapping[str, str] | None) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FieldValueError(f"not a choice (a caption or an option id): {_show(value)}")
    key = str(value)
    if choices and key in choices:
        return choices[key]
    return key


def _decode_number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise FieldValueError(f"not a number: {_show(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):  # Python's json reads NaN and Infinity; Ninox has neither
            raise FieldValueError(f"not a finite number: {_show(value)}")
        return value
    if isinstance(value, str):
        text = value.strip()
        if _INTEGER.fullmatch(text):
            return int(text)  # exact: float() would lose digits beyond 2**53
        try:
            number = float(text)
        except ValueError:
            pass
        else:
            if math.isfinite(number):
                return number
    raise FieldValueError(f"not a finite number: {_show(value)}")


def _decode_link(value: Any) -> int:
    """A link's value: the linked record's id (§13, link fields). Also read: the id as text and
    the NX reference form ``"A6"`` (§4.6)."""
    if type(value) is int and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 16 and int(text) > 0:
            return int(text)
        ref = record_ref(text)
        if ref is not None:
            return ref[1]
    raise FieldValueError(f"not a record id of a link: {_show(value)}")


def decode_value(value: Any, field_type: str, choices: Mapping[str, str] | None = None) -> Any:
    """Turn one JSON field value into its Python form.

    Args:
        value: the value as Ninox sent it.
        field_type: the field's type (``Field.type`` / schema ``base``).
        choices: option id → caption, for choice and multi fields.

    Returns:
        The Python value, ``None`` for an empty field, or the value unchanged for types with no
        conversion (formulas, files, users: their JSON form is not documented, §7.3). A link
        (``ref``) is the linked record's id, an ``int``; a reverse link (``rev``) a list of them.

    Raises:
        FieldValueError: if the value does not fit the type.
    """
    if value is None or value == "":
        return None
    kind = field_type.lower()
    if kind in _TEXT_TYPES:
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # a number where text was expected: its digits
        raise FieldValueError(f"not text: {_show(value)}")
    if kind == "number":
        return _decode_number(value)
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        # Seen as 0/1 and as text in other clients' data; anything else is no boolean.
        if type(value) is int and value in (0, 1):
            return value == 1
        if value in ("true", "false"):
            return value == "true"
        raise FieldValueError(f"not a boolean: {_show(value)}")
    if kind == "ref":
        return _decode_link(value)
    if kind == "rev":
        items = value if isinstance(value, list) else [value]
        return [_decode_link(item) for item in items]
    if kind == "date":
        return _decode_date(value)
    if kind in ("timestamp", "datetime"):
        return parse_timestamp(value)
    if kind == "time":
        return _decode_time(value)
    if kind == "timeinterval":
        return _decode_interval(value)
    if kind == "appointment":
        return _decode_appointment(value)
    if kind == "location":
        return _decode_location(value)
    if kind == "choice":
        return _caption(value, choices)
    if kind == "multi":
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            items = [items]
        return [
            _caption(item.strip() if isinstance(item, str) else item, choices) for item in items
        ]
    return value


def _check_json(value: Any, where: str, depth: int = 0, path: frozenset[int] = frozenset()) -> None:
    """Refuse values JSON cannot carry faithfully (NaN, infinities, arbitrary objects), values
    nested deeper than :data:`MAX_NESTING`, and containers that contain themselves."""
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FieldValueError(
                f"{where}: {_show(value)} cannot be sent (JSON has no NaN or infinity)"
            )
        return
    if isinstance(value, Mapping | list | tuple):
        if id(value) in path:
            raise FieldValueError(f"{where}: the value contains itself and cannot be sent")
        if depth >= MAX_NESTING:
            raise FieldValueError(
                f"{where}: the value is nested more than {MAX_NESTING} levels deep"
            )
        inner = path | {id(value)}
        if isinstance(value, Mapping):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise FieldValueError(f"{where}: keys must be strings, got {key!r}")
                _check_json(item, where, depth + 1, inner)
        else:
            for item in value:
                _check_json(item, where, depth + 1, inner)
        return
    raise FieldValueError(
        f"{where}: a {type(value).__name__} cannot be sent as JSON; pass str, int, float, bool, "
        "None, list or dict (or a date/datetime/time/timedelta with the field's type known)"
    )


def _number_from_decimal(value: Decimal, where: str) -> int | float:
    """A Decimal as the double Ninox stores (exact int when it is a whole number that fits)."""
    if not value.is_finite():
        raise FieldValueError(f"{where}: {_show(value)} cannot be sent")
    # Checked on the exponent first: int(Decimal("1e999999999")) would build a billion digits.
    if value.is_zero():
        return 0
    if value.adjusted() > 308:
        raise FieldValueError(f"{where}: {_show(value)} is beyond the range of a Ninox number")
    if value == value.to_integral_value() and abs(value) <= _MAX_EXACT_INT:
        return int(value)
    number = float(value)
    if not math.isfinite(number):
        raise FieldValueError(f"{where}: {_show(value)} is beyond the range of a Ninox number")
    if number == 0.0:
        raise FieldValueError(
            f"{where}: {_show(value)} is too small for a Ninox number (it would be 0)"
        )
    return number


def encode_value(
    value: Any,
    field_type: str | None,
    choices: Mapping[str, str] | None = None,
    *,
    where: str = "value",
) -> Any:
    """Turn one Python value into the JSON Ninox expects for a field of ``field_type``.

    ``None`` clears the field. With ``field_type=None`` (schema unknown) Python date/time values
    are still written in Ninox's forms and everything else must already be plain JSON.

    Args:
        value: the Python value to write.
        field_type: the field's type (``Field.type`` / schema ``base``), or ``None`` when the
            schema is unknown.
        choices: option id → caption, for choice and multi fields.
        where: how error messages name the value (``encode_fields`` passes ``field 'Name'``).

    Returns:
        The value as JSON (``None`` to clear the field).

    Raises:
        FieldValueError: if the value cannot be written for that type.
    """
    kind = field_type.lower() if field_type else ""
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = _number_from_decimal(value, where)
    if kind in _WHEN_TYPES:
        value = _when_from_text(value, kind, where)
        if value is None:  # the empty text clears the field
            return None
    return _BY_KIND.get(kind, _encode_any)(value, choices, where)


def _when_from_text(value: Any, kind: str, where: str) -> Any:
    """Text for a date/time field must read as one (it is then written in Ninox's own form); a
    number is refused, since its unit would be a guess."""
    if isinstance(value, str):
        try:
            return decode_value(value, kind)
        except FieldValueError as exc:
            raise FieldValueError(f"{where}: {exc}") from None
    if isinstance(value, int | float):
        raise FieldValueError(
            f"{where}: {kind} field needs a Python date/time value or its text, got {_show(value)}"
        )
    return value


def _encode_any(value: Any, _choices: Mapping[str, str] | None, where: str) -> Any:
    """A field type with no checks of its own, or an unknown one (``_BY_KIND``'s default)."""
    return _encode_plain(value, where)


def _encode_plain(value: Any, where: str) -> Any:
    """Python date, time, appointment and location values in Ninox's forms, anything else as
    plain JSON."""
    if isinstance(value, Appointment):
        return _encode_pair(value, where)
    if isinstance(value, Location):
        if value.latitude is None or value.longitude is None:
            return value.address
        return f"{value.address} <{value.latitude},{value.longitude}>"
    if isinstance(value, _dt.datetime):
        return format_timestamp(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.time):
        return value.isoformat("milliseconds" if value.microsecond else "seconds")
    if isinstance(value, _dt.timedelta):
        return _encode_interval(value)
    return _encode_json(value, where)


def _encode_json(value: Any, where: str) -> Any:
    """A value sent as it is, once checked to be JSON (a set is sent sorted, a tuple as a list)."""
    if isinstance(value, set | frozenset):
        try:
            value = sorted(value)  # a set has no order; sorted, the same set is sent the same way
        except TypeError:
            raise FieldValueError(
                f"{where}: a set of mixed types has no order to send it in; pass a list"
            ) from None
    _check_json(value, where)
    return list(value) if isinstance(value, tuple) else value


def _encode_number(value: Any, _choices: Mapping[str, str] | None, where: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldValueError(f"{where}: number field needs an int or float, got {_show(value)}")
    if isinstance(value, int) and abs(value) > _MAX_FLOAT_INT:
        raise FieldValueError(f"{where}: {value} is beyond the range of a Ninox number")
    _check_json(value, where)  # NaN and infinities
    return value


def _encode_boolean(value: Any, _choices: Mapping[str, str] | None, where: str) -> Any:
    if not isinstance(value, bool):
        raise FieldValueError(f"{where}: boolean field needs True or False, got {_show(value)}")
    return value


def _encode_text(value: Any, _choices: Mapping[str, str] | None, where: str) -> Any:
    if not isinstance(value, str):
        raise FieldValueError(f"{where}: text field needs a str, got {type(value).__name__}")
    return value


def _encode_link(value: Any, _choices: Mapping[str, str] | None, where: str) -> int:
    """A link is written as the linked record's id: an int, a Record, or the id as text."""
    rid: Any = value
    if isinstance(value, Record):
        rid = value.id
    elif isinstance(value, str):
        text = value.strip()
        rid = int(text) if text.isascii() and text.isdigit() and len(text) <= 16 else None
    if type(rid) is int and 0 < rid <= _MAX_EXACT_INT:
        return rid
    raise FieldValueError(
        f"{where}: a link needs a record id (a positive int, a Record or the id as text), "
        f"got {_show(value)}"
    )


def _refuse_reverse_link(_value: Any, _choices: Mapping[str, str] | None, where: str) -> NoReturn:
    raise FieldValueError(
        f"{where}: cannot be written: a reverse link is set through the link field of the other "
        "table"
    )


def _refuse_formula(_value: Any, _choices: Mapping[str, str] | None, where: str) -> NoReturn:
    raise FieldValueError(f"{where}: cannot be written: a formula field is computed by Ninox")


def _encode_date_field(value: Any, _choices: Mapping[str, str] | None, where: str) -> Any:
    if isinstance(value, _dt.datetime):
        raise FieldValueError(f"{where}: date field needs a date, got a datetime")
    return _encode_plain(value, where)


def _encode_instant_field(value: Any, _choices: Mapping[str, str] | None, where: str) -> Any:
    """A timestamp or datetime field."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        raise FieldValueError(f"{where}: timestamp field needs an aware datetime, got a date")
    return _encode_plain(value, where)


def _encode_time_field(value: Any, _choices: Mapping[str, str] | None, where: str) -> Any:
    if isinstance(value, _dt.datetime):
        return value.time().isoformat("seconds")
    return _encode_plain(value, where)


def _encode_appointment_field(value: Any, _choices: Mapping[str, str] | None, where: str) -> str:
    if not _is_pair(value):  # an Appointment is a pair too
        raise FieldValueError(
            f"{where}: appointment field needs a (start, end) pair, got {_show(value)}"
        )
    return _encode_pair(value, where)


def _encode_choice_field(value: Any, choices: Mapping[str, str] | None, where: str) -> Any:
    if not choices or isinstance(value, _PYTHON_TYPED):
        return _encode_plain(value, where)
    return _choice_caption(value, choices, where)


def _encode_multi_field(value: Any, choices: Mapping[str, str] | None, where: str) -> Any:
    if not choices or isinstance(value, _PYTHON_TYPED):
        return _encode_plain(value, where)
    items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    return [_choice_caption(item, choices, where) for item in items]


#: Python values ``_encode_plain`` writes in a Ninox form of their own (before choices are read).
_PYTHON_TYPED = (Appointment, Location, _dt.date, _dt.time, _dt.timedelta)
#: Field type → its encoder; a type not named here (or unknown) is written by ``_encode_any``.
_BY_KIND: dict[str, Callable[[Any, Mapping[str, str] | None, str], Any]] = {
    **dict.fromkeys(_TEXT_TYPES, _encode_text),
    "number": _encode_number,
    "boolean": _encode_boolean,
    "ref": _encode_link,
    "rev": _refuse_reverse_link,
    "fn": _refuse_formula,
    "date": _encode_date_field,
    "timestamp": _encode_instant_field,
    "datetime": _encode_instant_field,
    "time": _encode_time_field,
    "appointment": _encode_appointment_field,
    "choice": _encode_choice_field,
    "multi": _encode_multi_field,
}


def _encode_pair(value: Any, where: str) -> str:
    start, end = value
    return f"{_encode_when(start, where)} - {_encode_when(end, where)}"


def _is_pair(value: Any) -> bool:
    return isinstance(value, tuple | list) and len(value) == 2


def _encode_when(value: Any, where: str) -> str:
    if isinstance(value, _dt.datetime):
        return format_timestamp(value)
    raise FieldValueError(f"{where}: appointment needs two aware datetimes, got {_show(value)}")


def _choice_caption(value: Any, choices: Mapping[str, str], where: str) -> str:
    """Accept a caption or an option id; write the caption (Ninox's documented form, §7.3)."""
    if isinstance(value, str) and value in choices.values():
        return value
    if str(value) in choices:
        return choices[str(value)]
    options = ", ".join(repr(c) for c in choices.values())
    raise FieldValueError(f"{where}: {_show(value)} is not an option; options are {options}")


def encode_fields(
    fields: Mapping[str, Any],
    types: Mapping[str, str] | None = None,
    choices: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """Encode a record's ``fields`` mapping, checking every value before anything is sent.

    Args:
        fields: field name (or id) → Python value.
        types: field name → Ninox type, when the schema is known.
        choices: field name → (option id → caption), for choice fields.

    Raises:
        FieldValueError: naming the first field whose value cannot be written.
    """
    if (
        not types
        and type(fields) is dict
        and _PLAIN_KEYS.issuperset(map(type, fields))
        and "" not in fields
        and _PLAIN_OR_NONE.issuperset(map(type, fields.values()))
    ):
        # Schema unknown, every name a non-empty str and every value plain JSON: exactly what
        # the loop below returns, checked in C (a bulk write encodes every record).
        return dict(fields)
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if not isinstance(key, str) or not key:
            raise FieldValueError(f"field names must be non-empty strings, got {key!r}")
        if not types and (value is None or type(value) in _PLAIN_JSON):
            # Schema unknown and already plain JSON: what encode_value would return, without
            # its checks (a bulk write encodes every cell; see scripts/bench bulk_write_10k).
            out[key] = value
            continue
        kind = types.get(key) if types else None
        opts = choices.get(key) if choices else None
        out[key] = encode_value(value, kind, opts, where=f"field {key!r}")
    return out


def decode_fields(
    fields: Mapping[str, Any],
    types: Mapping[str, str],
    choices: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """Decode a record's ``fields`` mapping by the schema's types (unknown fields pass through)."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        kind = types.get(key)
        out[key] = decode_value(value, kind, (choices or {}).get(key)) if kind else value
    return out

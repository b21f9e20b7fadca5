# Written by scripts/unasync.py from overlay/ninoxkit/_async/v4/_values.py.
# Do not edit: edit the source and re-run the script.
"""Ninox 4 record values (reference ninox4 §7.3) and write chunking; no I/O.

Written as pure functions so both twins behave alike (unasync copies this module; it holds no
class a user compares across twins). Writes send fields flat; reads wrap them in ``values``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ninoxkit._exceptions import InvalidArgumentError
from ninoxkit._values import FieldValueError

__all__ = [
    "MAX_CHUNK_BYTES",
    "chunks",
    "decode_values",
    "encode_value",
    "encode_values",
    "to_record_id",
]

#: Records POST/PATCH accept at most 6 MB (reference ninox4 §8); a margin for the envelope.
MAX_CHUNK_BYTES = 6_000_000 - 4_096


def to_record_id(value: object, where: str = "record id") -> int:
    """A record id as the integer writes take (ids are read as strings, reference ninox4 §2).

    Raises:
        InvalidArgumentError: not a positive integer ≤ 2**53-1 (nor its decimal string).
    """
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 2**53 - 1:
        raise InvalidArgumentError(f"{where} must be a positive integer, got {value!r}")
    return value


def _utc(value: dt.datetime, field: str) -> str:
    if value.tzinfo is None:
        raise FieldValueError(
            f"field {field!r}: a naive datetime has no time zone; pass an aware one "
            "(e.g. datetime.now(timezone.utc))"
        )
    text = value.astimezone(dt.UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def encode_value(field: str, value: Any) -> Any:
    """One Python value as Ninox 4 takes it (``convert=True``).

    ``None`` clears; datetimes become UTC ISO 8601 with ``Z``; dates ``YYYY-MM-DD``; times
    ``HH:MM[:SS]``; sets, tuples and lists (multi-choice) become arrays of strings; everything
    else JSON already carries is sent as it is.

    Raises:
        FieldValueError: a value with no Ninox 4 form (naive datetime, NaN, an object).
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise FieldValueError(f"field {field!r}: {value!r} is not a finite number")
        return value
    if isinstance(value, dt.datetime):
        return _utc(value, field)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in items):
            raise FieldValueError(f"field {field!r}: a multi-choice value is a list of strings")
        return [str(v) for v in items]
    raise FieldValueError(
        f"field {field!r}: {type(value).__name__} has no Ninox 4 form (strings, numbers, "
        "booleans, dates, datetimes, lists of strings or None)"
    )


def encode_values(fields: Mapping[str, Any], *, convert: bool) -> dict[str, Any]:
    """The flat field mapping of one record write."""
    if not isinstance(fields, Mapping):
        raise InvalidArgumentError(f"a record is a mapping of field -> value, got {fields!r}")
    for key in fields:
        if not isinstance(key, str) or not key:
            raise InvalidArgumentError(f"field names are non-empty strings, got {key!r}")
    if not convert:
        return dict(fields)
    return {k: encode_value(k, v) for k, v in fields.items()}


def _parse_timestamp(text: str) -> dt.datetime | str:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text


def decode_values(values: Mapping[str, Any], types: Mapping[str, str]) -> dict[str, Any]:
    """Read values as Python types by field type: ``date`` → ``date``, ``timestamp`` →
    aware ``datetime``, ``multi``/``dmulti`` → ``list`` (a scalar is wrapped, §9 item 5).
    Values that do not parse are left as Ninox sent them."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        kind = types.get(name)
        if isinstance(value, str) and kind == "date":
            try:
                out[name] = dt.date.fromisoformat(value[:10])
            except ValueError:
                out[name] = value
        elif isinstance(value, str) and kind == "timestamp":
            out[name] = _parse_timestamp(value)
        elif kind in ("multi", "dmulti") and value is not None and not isinstance(value, list):
            out[name] = [value]
        else:
            out[name] = value
    return out


def chunks(
    items: Sequence[Any], *, max_items: int, max_bytes: int = MAX_CHUNK_BYTES
) -> Iterator[range]:
    """Index ranges of consecutive items whose JSON fits ``max_bytes`` and ``max_items``.

    Raises:
        InvalidArgumentError: one item alone is larger than ``max_bytes`` (checked before any
            chunk is yielded, so nothing is sent).
    """
    sizes = [len(json.dumps(i, separators=(",", ":"), default=str).encode()) + 1 for i in items]
    for index, size in enumerate(sizes):
        if size > max_bytes:
            raise InvalidArgumentError(
                f"item {index} is {size} bytes of JSON; Ninox 4 takes at most {max_bytes} "
                "per request (reference ninox4 §8)"
            )
    start, used = 0, 0
    for index, size in enumerate(sizes):
        if index > start and (used + size > max_bytes or index - start >= max_items):
            yield range(start, index)
            start, used = index, 0
        used += size
    if start < len(sizes):
        yield range(start, len(sizes))


def as_list(records: Iterable[Any], what: str) -> list[Any]:
    """``records`` as a list, refusing a single mapping or string passed by mistake."""
    if isinstance(records, Mapping | str | bytes):
        raise InvalidArgumentError(f"{what} takes an iterable of records, not one")
    return list(records)

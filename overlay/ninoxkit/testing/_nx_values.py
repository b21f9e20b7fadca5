"""NX values and the rules every part of the NX subset shares (see :mod:`._nx`).

What a value is while a script runs: ``None``, ``bool``, ``int``/``float``, ``str`` (dates and
times as ISO text), lists, and :class:`RecordRef`; how values compare, print as text, sort and
turn into JSON; and the bounds that keep a short script from taking the time or the memory.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Any

from ._errors import ApiError
from ._when import format_instant

__all__ = [
    "MAX_DEPTH",
    "MAX_ITEMS",
    "MAX_TEXT",
    "NXError",
    "RecordRef",
    "construct_when",
    "equal",
    "fsum",
    "interval_ms",
    "json_key",
    "number",
    "order_key",
    "text_of",
    "to_json",
]

MAX_DEPTH = 40  # bounded well below Python's recursion limit

#: Bounds on values built while a script runs, so a short script cannot take the memory:
#: a text of at most this many characters, a list of at most this many items (nested counted).
MAX_TEXT = 1_000_000
MAX_ITEMS = 1_000_000


class NXError(ApiError):
    """A script that cannot be run: syntax outside the subset, unknown names, type errors."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


@dataclass(frozen=True)
class RecordRef:
    """A record reference; JSON form ``"<tableId><recordId>"`` (reference §7.2)."""

    table: str
    id: int

    def __str__(self) -> str:
        return f"{self.table}{self.id}"


def order_key(value: Any) -> tuple[int, Any]:
    """How ``order by`` ranks one record's key: numbers (and booleans, false first), then text
    by code point, empty last; the listing's ``order`` parameter ranks the same way."""
    if value is None:
        return (2, 0)
    if isinstance(value, RecordRef):
        return (0, value.id)
    if isinstance(value, bool | int | float):
        return (0, int(value) if isinstance(value, bool) else value)
    if isinstance(value, str):
        return (1, value)
    raise NXError("'order by' needs one value per record, not a list")


def number(value: int | float) -> int | float:
    """Keep numbers within what JSON carries: ints beyond 2**53 become floats, no inf/nan."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        try:
            value = float(value)
        except OverflowError:
            raise NXError("number out of range") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise NXError("number out of range")
    return value


def fsum(nums: list[Any]) -> int | float:
    if not any(isinstance(v, float) for v in nums):
        total: int = sum(nums)
        return total
    try:
        return math.fsum(nums)
    except OverflowError:  # fsum raises where sum() would give inf
        raise NXError("number out of range") from None


def json_key(value: Any) -> Any:
    """A hashable stand-in for an NX value (``unique``); lists by their JSON form."""
    if isinstance(value, list):
        return ("list", repr(value))
    if isinstance(value, bool):
        return ("bool", value)
    return value


WHEN_ARITY = {"date": (3, 3), "datetime": (6, 7), "time": (3, 4)}


def construct_when(name: str, args: list[Any]) -> str:
    low, high = WHEN_ARITY[name]
    if not low <= len(args) <= high or not all(
        isinstance(a, int) and not isinstance(a, bool) for a in args
    ):
        raise NXError(f"{name}() takes {low} to {high} whole numbers")
    if name == "date":
        try:
            return _dt.date(*args).isoformat()
        except (ValueError, OverflowError) as exc:
            raise NXError(f"{name}(): {exc}") from None
    whole, ms = (args[:-1], args[-1]) if len(args) == high else (args, 0)
    if not 0 <= ms <= 999:
        raise NXError(f"{name}(): milliseconds must be between 0 and 999")
    try:
        # The form stored values have (_when): milliseconds only when set.
        if name == "time":
            h, m, s = whole
            return format_instant(_dt.datetime(2000, 1, 1, h, m, s, ms * 1000))[11:]
        y, mo, d, h, m, s = whole
        return format_instant(_dt.datetime(y, mo, d, h, m, s, ms * 1000))
    except (ValueError, OverflowError) as exc:
        raise NXError(f"{name}(): {exc}") from None


def interval_ms(text: str) -> int:
    """Milliseconds of a stored time interval ``[-]h:mm:ss.SSS`` (the form ``_when`` stores)."""
    sign = -1 if text.startswith("-") else 1
    clock, _, fraction = text.lstrip("-").partition(".")
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    millis = int(fraction.ljust(3, "0")[:3]) if fraction else 0
    return sign * (((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(text_of(v) for v in value)
    return str(value)


def equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    # A link compares with a number by the linked id (`where Company = 1`): a link's value is
    # that record's id (reference §13); emulator choice for mixed comparisons.
    if isinstance(left, RecordRef) and isinstance(right, (int, float)):
        return bool(left.id == right)
    if isinstance(right, RecordRef) and isinstance(left, (int, float)):
        return bool(right.id == left)
    return bool(left == right)


def to_json(value: Any) -> Any:
    """Convert an NX value to JSON: records to ``"A6"``, whole floats to ints."""
    if isinstance(value, RecordRef):
        return str(value)
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value

"""The NX functions of the subset, one small function each, looked up by name (see :mod:`._nx`).

Each entry of :data:`FUNCTIONS` takes the evaluator (for its bounded ``text`` and ``charge``)
and the already evaluated arguments. The parser accepts exactly these names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from ._nx_values import NXError, RecordRef, construct_when, equal, fsum, json_key, number

if TYPE_CHECKING:
    from ._nx_eval import Evaluator

__all__ = ["FUNCTIONS"]

Function = Callable[["Evaluator", list[Any]], Any]


def _one(name: str, args: list[Any]) -> Any:
    if len(args) != 1:
        raise NXError(f"{name}() takes exactly one argument")
    return args[0]


def _as_list(arg: Any) -> list[Any]:
    """An aggregate's argument as a list: a single value is a list of one, null of none."""
    if isinstance(arg, list):
        return arg
    return [] if arg is None else [arg]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _when(name: str) -> Function:
    def build(_ev: Evaluator, args: list[Any]) -> Any:
        return construct_when(name, args)

    return build


def _concat(ev: Evaluator, args: list[Any]) -> Any:
    if len(args) != 1 or not isinstance(args[0], list):
        raise NXError("concat(list) takes one list")
    return ev.text(", ".join(ev.text(v) for v in args[0] if v is not None))


def _contains(ev: Evaluator, args: list[Any]) -> Any:
    if len(args) != 2:
        raise NXError("contains() takes two arguments")
    haystack, needle = args
    if isinstance(haystack, list):
        ev.charge(len(haystack))
        return any(equal(item, needle) for item in haystack)
    return ev.text(needle) in ev.text(haystack)


def _text(ev: Evaluator, args: list[Any]) -> Any:
    return ev.text(_one("text", args))


def _url(name: str) -> Function:
    def code(ev: Evaluator, args: list[Any]) -> Any:
        arg = _one(name, args)
        if not isinstance(arg, str):
            raise NXError(f"{name}() needs text")
        try:
            coded = quote(arg, safe="") if name == "urlEncode" else unquote(arg, errors="strict")
            return ev.text(coded)
        except (UnicodeDecodeError, UnicodeEncodeError):
            raise NXError("urlDecode(): the text is not valid percent-encoded UTF-8") from None

    return code


def _timeinterval(_ev: Evaluator, args: list[Any]) -> Any:
    arg = _one("timeinterval", args)
    if not _is_number(arg):
        raise NXError("timeinterval() needs a number of milliseconds")
    return arg


def _number(ev: Evaluator, args: list[Any]) -> Any:
    arg = _one("number", args)
    if _is_number(arg):
        return arg
    if isinstance(arg, RecordRef):
        return arg.id
    try:
        text = ev.text(arg).strip()
        return number(float(text) if any(c in text for c in ".eEnN") else int(text))
    except (ValueError, NXError):
        return None


def _length(ev: Evaluator, args: list[Any]) -> Any:
    arg = _one("length", args)
    if isinstance(arg, (str, list)):
        return len(arg)
    return 0 if arg is None else len(ev.text(arg))


def _count(name: str) -> Function:
    def count(_ev: Evaluator, args: list[Any]) -> Any:
        arg = _one(name, args)
        if not isinstance(arg, list):
            return 0 if arg is None else 1
        return len([v for v in arg if v is not None])

    return count


def _first(_ev: Evaluator, args: list[Any]) -> Any:
    items = _as_list(_one("first", args))
    return items[0] if items else None


def _last(_ev: Evaluator, args: list[Any]) -> Any:
    items = _as_list(_one("last", args))
    return items[-1] if items else None


def _unique(ev: Evaluator, args: list[Any]) -> Any:
    items = _as_list(_one("unique", args))
    ev.charge(len(items))
    seen: list[Any] = []
    keys: set[Any] = set()
    for v in items:
        if v is None:
            continue
        key = json_key(v)
        if key not in keys:
            keys.add(key)
            seen.append(v)
    return seen


def _numbers(ev: Evaluator, name: str, args: list[Any]) -> list[Any]:
    """The non-null items of an aggregate's argument, which must all be numbers."""
    nums = [v for v in _as_list(_one(name, args)) if v is not None]
    if not all(_is_number(v) for v in nums):
        raise NXError(f"{name}() needs numbers")
    ev.charge(len(nums))
    return nums


def _sum(ev: Evaluator, args: list[Any]) -> Any:
    return number(fsum(_numbers(ev, "sum", args)))


def _extreme(name: str) -> Function:
    pick = min if name == "min" else max

    def extreme(ev: Evaluator, args: list[Any]) -> Any:
        items = [v for v in _as_list(_one(name, args)) if v is not None]
        if items and all(isinstance(v, str) for v in items):
            return pick(items)  # texts (ISO dates among them) compare as text
        nums = _numbers(ev, name, args)
        return pick(nums) if nums else None

    return extreme


def _avg(ev: Evaluator, args: list[Any]) -> Any:
    nums = _numbers(ev, "avg", args)
    return number(fsum(nums) / len(nums)) if nums else None


FUNCTIONS: dict[str, Function] = {
    "first": _first,
    "last": _last,
    "count": _count("count"),
    "cnt": _count("cnt"),
    "sum": _sum,
    "min": _extreme("min"),
    "max": _extreme("max"),
    "avg": _avg,
    "text": _text,
    "number": _number,
    "length": _length,
    "concat": _concat,
    "unique": _unique,
    "urlEncode": _url("urlEncode"),
    "urlDecode": _url("urlDecode"),
    "date": _when("date"),
    "datetime": _when("datetime"),
    "time": _when("time"),
    "timeinterval": _timeinterval,
    "contains": _contains,
}

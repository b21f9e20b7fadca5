"""Field values as the emulator checks, stores and renders them (reference §7.3, :mod:`._store`).

:func:`coerce_value` checks a value written to a field and returns its stored form, one small
coercer per field type; :func:`render_value` gives the JSON form the record routes send.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from ._errors import ApiError
from ._store_model import COMPUTED, MAX_ID, Field
from ._when import WhenError, normalise_when

__all__ = ["STYLED", "coerce_value", "record_id_value", "render_value", "sort_key"]

_TEXTUAL = frozenset(
    {"string", "html", "link", "email", "phone", "location", "color", "icon", "user", "file"}
)
#: Types whose values are text in a fixed form (reference §7.3), checked by ``_when``.
_WHEN = frozenset({"date", "time", "timestamp", "timeinterval", "appointment"})


class _Invalid(Exception):
    """A value that does not fit its field; :func:`coerce_value` turns it into the 422."""


def coerce_value(fld: Field, value: Any) -> Any:
    """Check and normalise a value written to ``fld``; raise 422 when it does not fit.

    JSON types follow reference §7.3 (and §10/§13 for what the classic docs leave out); ``null``
    clears a field. Date and time text is read and stored by :mod:`._when` (the emulator's own
    reading of the reference; it shares no code with the SDK). Where sources conflict, every
    documented variant is accepted.
    """
    if value is None:
        return None
    base = fld.base
    if base in COMPUTED:
        what = "a formula" if base == "fn" else "a reverse link"
        raise ApiError(422, f"field {fld.caption!r} is {what} and cannot be written")
    coerce = _coercer(base, value)
    try:
        if coerce is None:
            raise _Invalid
        return coerce(fld, value)
    except _Invalid:
        raise ApiError(
            422, f"invalid value for field {fld.caption!r} ({base}): {_short(value)}"
        ) from None


def _coercer(base: str, value: Any) -> Callable[[Field, Any], Any] | None:
    if base in _TEXTUAL:
        return _text
    if base in _WHEN and not (isinstance(value, str) and not value.strip()):
        return _when
    return _COERCERS.get(base)


def _text(_fld: Field, value: Any) -> Any:
    if not isinstance(value, str):
        raise _Invalid
    return value


def _number(_fld: Field, value: Any) -> Any:
    if isinstance(value, bool):
        raise _Invalid
    if isinstance(value, str):
        value = _number_text(value)
    if isinstance(value, int):
        # Checked before math.isfinite, which raises OverflowError on a huge int.
        if abs(value) > MAX_ID:
            try:
                value = float(value)
            except OverflowError:
                raise _Invalid from None
    elif not isinstance(value, float) or not math.isfinite(value):
        raise _Invalid
    return value


def _number_text(value: str) -> int | float:
    # A numeric string is accepted (Ninox 4 documents it, §10); ASCII digits only (int() and
    # float() also take other scripts' digits, which no client means).
    text = value.strip()
    if not text.isascii():
        raise _Invalid
    try:
        return float(text) if any(c in text for c in ".eEnN") else int(text)
    except ValueError:
        raise _Invalid from None


def _boolean(_fld: Field, value: Any) -> Any:
    if not isinstance(value, bool):
        raise _Invalid
    return value


def _link(_fld: Field, value: Any) -> Any:
    # A link's value is the linked record's id, a number (reference §13); a digit string is
    # tolerated like string record ids (§13, ninoxjs).
    if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise _Invalid
    return value


def _choice(fld: Field, value: Any) -> Any:
    oid = fld.option_id(value)
    if oid is None:
        raise _Invalid
    return oid


def _multi(fld: Field, value: Any) -> Any:
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        oid = _choice(fld, item)
        if oid not in out:
            out.append(oid)
    return out


def _when(fld: Field, value: Any) -> Any:
    try:
        return normalise_when(fld.base, value)
    except WhenError:
        raise _Invalid from None


_COERCERS: dict[str, Callable[[Field, Any], Any]] = {
    "number": _number,
    "boolean": _boolean,
    "ref": _link,
    "choice": _choice,
    "multi": _multi,
}


def record_id_value(value: Any) -> int | None:
    """A record id written as a JSON number or a digit string (``"id": "1"``, ninoxjs, §13)."""
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 20:
            return None
        value = int(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


#: The field types whose JSON form :func:`render_value` changes; other values are sent as stored.
STYLED = frozenset({"choice", "multi"})


def render_value(fld: Field, stored: Any, choice_ids: bool) -> Any:
    """Turn a stored value into its JSON form; choices by caption or option id (``choiceStyle``)."""
    if fld.base == "choice" and isinstance(stored, str):
        return stored if choice_ids else fld.values.get(stored, stored)
    if fld.base == "multi" and isinstance(stored, list):
        return list(stored) if choice_ids else [fld.values.get(o, o) for o in stored]
    return stored


def sort_key(value: Any) -> tuple[int, Any]:
    """How the listing's ``order`` ranks stored values: numbers and booleans, text, lists, empty."""
    # Mixed types never compare in Python; rank by type so a sort cannot raise.
    if value is None:
        return (3, 0)
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, list):
        return (2, json.dumps(value))
    return (1, str(value))

"""Composable NX conditions that compile to ``select … where …`` (no I/O; shared by both twins).

::

    from ninoxkit.nx import F

    cond = (F("Score") > 50) & F("Status").in_(["Lead", "Customer"]) & ~F("VIP").is_empty()
    compile_select("Contacts", cond, order="Last Name")
    # (select 'Contacts' where (('Score' > 50) and (('Status' = "Lead") or …) and …))
    #   order by 'Last Name'

Every value goes through :func:`ninoxkit.nx.quote` and every field or table name through
:func:`ninoxkit.nx.name`, so no data can change the script (see :mod:`ninoxkit.nx`). Conditions
are values: combine them with ``&``, ``|`` and ``~`` (Python's ``and``/``or``/``not`` cannot be
overloaded, so using a condition as a ``bool`` raises :class:`TypeError` instead of silently
dropping half of it; so does a chained comparison such as ``1 < F("x") < 5``, use
:meth:`F.between`).

:meth:`Condition.matches` evaluates a condition in Python over a record's field values (as Ninox
sends them, or decoded), with the semantics the NX subset of ``ninoxkit.testing`` documents:
an empty field (``None``) makes ``<``/``<=``/``>``/``>=`` false and equals only ``None``; choices
compare by caption; dates compare as ISO text. Real Ninox may treat empty numbers as 0 in
ordering comparisons (undocumented, reference §12); use :meth:`F.not_empty` to be explicit.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

# The module, not its names: ``ninoxkit.nx`` re-exports F and Condition from here, so either
# module may be imported first; the names are looked up when a condition is built.
from ninoxkit import nx as _nx
from ninoxkit._exceptions import InvalidArgumentError

__all__ = ["Condition", "F", "compile_select", "field_name", "fields_of"]

Op = Literal["=", "!=", "<", "<=", ">", ">="]


def _json_form(value: Any) -> Any:
    """A value as it appears in Ninox's JSON (dates ISO, datetimes UTC ISO, Decimal → float).

    Used on both sides of a Python-side comparison so decoded and raw records compare alike.
    """
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.time):
        return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, _dt.timedelta):
        return round(value.total_seconds() * 1000)
    return value


_INTERVAL_TEXT = re.compile(r"(-?)(\d+):(\d{2}):(\d{2})(?:\.(\d{1,3}))?")


def _interval_form(value: Any) -> Any:
    """A time-interval field's value as milliseconds, as NX compares it with ``timeinterval()``.

    Records send intervals as ``h:mm:ss.SSS`` text (decoded: ``timedelta``); anything else is
    returned unchanged.
    """
    if isinstance(value, str):
        match = _INTERVAL_TEXT.fullmatch(value)
        if match:
            sign, hours, minutes, seconds, fraction = match.groups()
            millis = (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
            millis += int((fraction or "0").ljust(3, "0"))
            return -millis if sign else millis
    return _json_form(value)


def _text_form(value: Any) -> str:
    """A single value as NX's ``text()`` writes it for ``contains`` (null is empty text)."""
    value = _json_form(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    return bool(left == right)


class Condition:
    """A condition on a record's fields; compile with :meth:`to_nx`, combine with ``& | ~``."""

    __slots__ = ()

    def to_nx(self) -> _nx.NX:
        """The condition as an NX boolean expression (a ``where`` clause body)."""
        raise NotImplementedError

    def matches(self, fields: Mapping[str, Any]) -> bool:
        """Whether a record with these field values (keyed by caption) satisfies the condition.

        Args:
            fields: The record's fields as Ninox sends them (``record.fields``) or decoded.
        """
        raise NotImplementedError

    def __and__(self, other: Condition) -> Condition:
        return _All((self, _check(other)))

    def __or__(self, other: Condition) -> Condition:
        return _Any((self, _check(other)))

    def __invert__(self) -> Condition:
        return _Not(self)

    def __bool__(self) -> bool:
        raise TypeError(
            "a Condition has no truth value: combine conditions with &, | and ~ (not and/or/not),"
            " and use F(...).between(lo, hi) instead of a chained comparison"
        )

    def __str__(self) -> str:
        return str(self.to_nx())

    def __repr__(self) -> str:
        return f"Condition({str(self.to_nx())!r})"


def _check(other: object) -> Condition:
    if not isinstance(other, Condition):
        raise TypeError(f"cannot combine a Condition with {type(other).__name__}")
    return other


class _Compare(Condition):
    __slots__ = ("field", "op", "value")

    def __init__(self, field: str, op: Op, value: object) -> None:
        self.field = field
        self.op = op
        self.value = value
        # Quote now, so a bad value fails where the condition is written, not later.
        _nx.quote(value)

    def to_nx(self) -> _nx.NX:
        return _nx.NX(f"({_nx.name(self.field)} {self.op} {_nx.quote(self.value)})")

    def matches(self, fields: Mapping[str, Any]) -> bool:
        raw = fields.get(self.field)
        is_interval = isinstance(self.value, _dt.timedelta)
        left = _interval_form(raw) if is_interval else _json_form(raw)
        right = _json_form(self.value)
        if self.op == "=":
            return _equal(left, right)
        if self.op == "!=":
            return not _equal(left, right)
        if left is None or right is None:
            return False
        if not (_is_number(left) and _is_number(right)) and not (
            isinstance(left, str) and isinstance(right, str)
        ):
            return False
        if self.op == "<":
            return bool(left < right)
        if self.op == "<=":
            return bool(left <= right)
        if self.op == ">":
            return bool(left > right)
        return bool(left >= right)


class _Contains(Condition):
    __slots__ = ("field", "text")

    def __init__(self, field: str, text: str) -> None:
        if not isinstance(text, str):
            raise _nx.NXError("contains() takes text")
        self.field = field
        self.text = text

    def to_nx(self) -> _nx.NX:
        # NX's contains(text, match) built-in (docs.ninox.com "contains").
        return _nx.NX(f"contains({_nx.name(self.field)}, {_nx.quote(self.text)})")

    def matches(self, fields: Mapping[str, Any]) -> bool:
        value = fields.get(self.field)
        if isinstance(value, list):  # a multiple choice: one of its options is the text
            return any(_equal(_json_form(item), self.text) for item in value)
        return self.text in _text_form(value)


class _Const(Condition):
    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def to_nx(self) -> _nx.NX:
        return _nx.quote(self.value)

    def matches(self, fields: Mapping[str, Any]) -> bool:  # noqa: ARG002 - constant: ignores the record
        return self.value


class _All(Condition):
    __slots__ = ("items",)

    def __init__(self, items: Iterable[Condition]) -> None:
        flat: list[Condition] = []
        for item in items:
            flat.extend(item.items if isinstance(item, _All) else (item,))
        self.items: tuple[Condition, ...] = tuple(flat)

    def to_nx(self) -> _nx.NX:
        if not self.items:
            return _nx.quote(True)
        return _nx.NX("(" + " and ".join(c.to_nx() for c in self.items) + ")")

    def matches(self, fields: Mapping[str, Any]) -> bool:
        return all(c.matches(fields) for c in self.items)


class _Any(Condition):
    __slots__ = ("items",)

    def __init__(self, items: Iterable[Condition]) -> None:
        flat: list[Condition] = []
        for item in items:
            flat.extend(item.items if isinstance(item, _Any) else (item,))
        self.items: tuple[Condition, ...] = tuple(flat)

    def to_nx(self) -> _nx.NX:
        if not self.items:
            return _nx.quote(False)
        return _nx.NX("(" + " or ".join(c.to_nx() for c in self.items) + ")")

    def matches(self, fields: Mapping[str, Any]) -> bool:
        return any(c.matches(fields) for c in self.items)


class _Not(Condition):
    __slots__ = ("item",)

    def __init__(self, item: Condition) -> None:
        self.item = item

    def to_nx(self) -> _nx.NX:
        return _nx.NX(f"(not {self.item.to_nx()})")

    def matches(self, fields: Mapping[str, Any]) -> bool:
        return not self.item.matches(fields)


class F:
    """A field of the table being selected, by caption (or id): ``F("Score") > 50``.

    Comparisons (``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``) with a value build a
    :class:`Condition`; values are anything :func:`ninoxkit.nx.quote` takes (text, numbers,
    bools, ``None``, ``datetime.date``, aware ``datetime.datetime``, ``datetime.time``,
    ``timedelta``). Choice fields compare by option caption.

    Args:
        field: The field's caption (``"First Name"``), as NX scripts name fields.

    Raises:
        NXError: the name cannot be an NX identifier (empty, a single quote, control
            characters).
    """

    __slots__ = ("field",)

    def __init__(self, field: str) -> None:
        _nx.name(field)  # fail early on a name NX cannot hold
        self.field = field

    def __repr__(self) -> str:
        return f"F({self.field!r})"

    # ``==`` builds a condition, so F is deliberately unhashable.
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, value: object) -> Condition:  # type: ignore[override]
        return _Compare(self.field, "=", value)

    def __ne__(self, value: object) -> Condition:  # type: ignore[override]
        return _Compare(self.field, "!=", value)

    def __lt__(self, value: object) -> Condition:
        return _Compare(self.field, "<", value)

    def __le__(self, value: object) -> Condition:
        return _Compare(self.field, "<=", value)

    def __gt__(self, value: object) -> Condition:
        return _Compare(self.field, ">", value)

    def __ge__(self, value: object) -> Condition:
        return _Compare(self.field, ">=", value)

    def between(self, low: object, high: object) -> Condition:
        """``low <= field <= high`` (both ends included).

        Args:
            low: The smallest value that matches (anything :func:`ninoxkit.nx.quote` takes).
            high: The largest value that matches.

        Returns:
            The condition.

        Raises:
            NXError: ``low`` or ``high`` has no NX literal (NaN, a naive datetime, ...).
        """
        return _All((_Compare(self.field, ">=", low), _Compare(self.field, "<=", high)))

    def in_(self, values: Iterable[object]) -> Condition:
        """The field equals one of ``values`` (an empty collection matches nothing).

        Args:
            values: The values (anything :func:`ninoxkit.nx.quote` takes), as a list, set,
                tuple or other iterable; not a single text.

        Returns:
            The condition.

        Raises:
            InvalidArgumentError: ``values`` is a ``str`` or ``bytes`` (one text, not a
                collection).
            NXError: a value has no NX literal (NaN, a naive datetime, ...).
        """
        if isinstance(values, str | bytes):
            raise InvalidArgumentError("in_() takes a collection of values, not a single text")
        return _Any(_Compare(self.field, "=", v) for v in values) if values else _Const(False)

    def contains(self, text: str) -> Condition:
        """The field's text contains ``text``, case-sensitively (NX ``contains(field, text)``).

        An empty field is empty text (it contains only ``""``); numbers, dates and choices are
        matched in their text form; for a multiple-choice field (a list in NX) ``contains``
        asks whether ``text`` is one of its options.

        Args:
            text: The text to look for.

        Returns:
            The condition.

        Raises:
            NXError: ``text`` is not a ``str``.
        """
        return _Contains(self.field, text)

    def is_empty(self) -> Condition:
        """The field is empty (NX ``= null``: an empty field is ``null`` in NX)."""
        return _Compare(self.field, "=", None)

    def not_empty(self) -> Condition:
        """The field has a value (NX ``!= null``)."""
        return _Compare(self.field, "!=", None)


def compile_select(
    table: str,
    condition: Condition | None = None,
    *,
    order: str | F | None = None,
) -> _nx.NX:
    """The NX script selecting ``table``'s records that satisfy ``condition``.

    Args:
        table: The table's caption (or id), quoted as an NX name.
        condition: The ``where`` condition; ``None`` selects every record.
        order: A field to sort by, ascending (NX ``order by``); ``None`` keeps Ninox's order
            (ascending ids). Ninox documents no place for empty values nor a collation: the
            ``ninoxkit.testing`` emulator sorts stably, text by code point, empty values last.

    Returns:
        The script, e.g. ``(select 'Contacts' where ('Score' > 50)) order by 'Last Name'``. Its
        value is the list of selected records (references such as ``"B3"``, reference §4.6).

    Raises:
        NXError: a name cannot be written as an NX identifier.
        InvalidArgumentError: ``condition`` is not a :class:`Condition`.
    """
    script = f"select {_nx.name(table)}"
    if condition is not None:
        if not isinstance(condition, Condition):
            raise InvalidArgumentError(
                f"condition must be a Condition (built with F), not {type(condition).__name__}"
            )
        script += f" where {condition.to_nx()}"
    if order is not None:
        field = field_name(order)
        # NX sorts a record list with ``order by <expr>``, ascending only (docs.ninox.com
        # "Records and tables"; docs.ninext.fr "Order By"); the parentheses keep the ``where``
        # expression from reaching into it.
        script = f"({script}) order by {_nx.name(field)}"
    return _nx.NX(script)


def field_name(field: str | F) -> str:
    """The caption of a field given as text or as an :class:`F`."""
    return field.field if isinstance(field, F) else field


def fields_of(condition: Condition | None) -> Sequence[str]:
    """The field names a condition mentions, in first-use order (for checks and messages)."""
    seen: dict[str, None] = {}

    def walk(c: Condition) -> None:
        if isinstance(c, _Compare | _Contains):
            seen.setdefault(c.field, None)
        elif isinstance(c, _All | _Any):
            for item in c.items:
                walk(item)
        elif isinstance(c, _Not):
            walk(c.item)

    if condition is not None:
        walk(condition)
    return list(seen)

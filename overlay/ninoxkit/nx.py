"""Building NX scripts from Python values without letting the values change the script.

Ninox's script language (NX) is what ``query()`` and ``exec()`` evaluate. Putting user data into
a script by string formatting is an injection hole: a name such as
``x" ; delete (select Contact) ; "`` would end the string literal and run. This module turns
Python values into NX literals that can never be anything but the value they stand for, and
names into quoted identifiers::

    from ninoxkit import nx

    script = nx.script(
        "select {table} where {field} = {value}",
        table=nx.name("Contacts"),
        field=nx.name("E-mail"),
        value="lisa@example.com",
    )
    # select 'Contacts' where 'E-mail' = "lisa@example.com"

How strings are quoted: Ninox documents no escape sequence for a double quote inside a string
literal. So :func:`quote` writes a plain ``"…"`` literal only when the text holds no character
that could end or bend the literal (``"``, ``\\``, ``'``, ``{``, ``}``, control characters); any
other text is written as ``urlDecode("…")`` with every byte outside ``[A-Za-z0-9_.~-]``
percent-encoded, so the literal the parser sees is pure ASCII letters, digits and ``%``.
``urlDecode`` is a built-in NX function; the result is the original text, byte for byte.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote as _percent_encode

from ninoxkit._exceptions import InvalidArgumentError

__all__ = ["NX", "Condition", "F", "NXError", "name", "quote", "record_ref", "script"]

_SAFE_TEXT = re.compile(r"[^\"\\'{}\x00-\x1f\x7f]*")
_NAME_SAFE = re.compile(r"[^'\x00-\x1f\x7f]+")
_RECORD_REF = re.compile(r"([A-Z]+)(\d+)")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


#: Ninox numbers are IEEE doubles (reference §7.3): a literal beyond their range or with more
#: digits than this stands for no number NX has (and could take gigabytes to write).
MAX_NUMBER_DIGITS = 1000
_MAX_FLOAT_INT = int(sys.float_info.max)


class NXError(InvalidArgumentError):
    """A value cannot be written as NX (NaN, an unsupported type, a bad name).

    An :class:`~ninoxkit.InvalidArgumentError`, so also a :class:`~ninoxkit.NinoxError` and a
    ``ValueError``.
    """


class NX(str):
    """A fragment of NX that is already safe to splice into a script (a quoted literal or name)."""

    __slots__ = ()


def quote(value: object) -> NX:
    """Write a Python value as an NX literal.

    Args:
        value: ``None``, ``bool``, ``int``, finite ``float``, ``Decimal``, ``str``,
            ``datetime.date``, aware ``datetime.datetime`` (converted to UTC),
            ``datetime.time``, ``datetime.timedelta``, a sequence of these (an NX array), or an
            :class:`NX` fragment (returned unchanged).

    Returns:
        The NX literal.

    Raises:
        NXError: for NaN or infinities, numbers beyond a double's range or with more than
            :data:`MAX_NUMBER_DIGITS` digits, text with lone surrogates, naive datetimes,
            unsupported types, or nested sequences.

    Example:
        >>> quote('say "hi"')
        'urlDecode("say%20%22hi%22")'
        >>> quote(3.5), quote(None), quote(True)
        ('3.5', 'null', 'true')
    """
    if isinstance(value, NX):
        return value
    if value is None:
        return NX("null")
    if isinstance(value, bool):
        return NX("true" if value else "false")
    if isinstance(value, int):
        if abs(value) > _MAX_FLOAT_INT:
            raise NXError("the integer is beyond the range of a Ninox number (a double)")
        return NX(str(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NXError(f"NX has no literal for {value!r}")
        # Positional notation: NX has no exponent syntax ("1e-05" would not parse). repr()
        # first, so a float is written with its shortest exact digits.
        return NX(format(Decimal(repr(value)), "f"))
    if isinstance(value, Decimal):
        return NX(format(_bounded_decimal(value), "f"))
    if isinstance(value, str):
        return _quote_text(value)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            # Same rule as field values: Ninox works in UTC and guessing a naive value's zone
            # would shift it silently by hours.
            raise NXError(
                f"naive datetime {value.isoformat()} is ambiguous; pass an aware one "
                "(e.g. value.replace(tzinfo=datetime.UTC))"
            )
        try:
            value = value.astimezone(_dt.UTC).replace(tzinfo=None)
        except OverflowError:
            raise NXError(f"{value.isoformat()} is outside the years 1-9999 in UTC") from None
        # NX has no datetime literal; datetime(y, m, d, h, min, s) builds one (local time of the
        # evaluating side, which is UTC on the API).
        ms = value.microsecond // 1000
        parts = [value.year, value.month, value.day, value.hour, value.minute, value.second, ms]
        return NX("datetime(" + ", ".join(str(p) for p in parts) + ")")
    if isinstance(value, _dt.date):
        return NX(f"date({value.year}, {value.month}, {value.day})")
    if isinstance(value, _dt.time):
        ms = value.microsecond // 1000
        return NX(f"time({value.hour}, {value.minute}, {value.second}, {ms})")
    if isinstance(value, _dt.timedelta):
        # NX timeinterval arithmetic is in milliseconds.
        millis = round(value.total_seconds() * 1000)
        return NX(f"timeinterval({millis})")
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        items = []
        for item in value:
            if isinstance(item, Sequence) and not isinstance(item, str | NX):
                raise NXError("NX arrays cannot be nested")
            items.append(quote(item))
        return NX("[" + ", ".join(items) + "]")
    raise NXError(
        f"cannot write a {type(value).__name__} as NX; pass str, number, bool, None, date"
    )


def _bounded_decimal(value: Decimal) -> Decimal:
    """A Decimal NX can write: finite, within a double's range, of bounded length. Checked on
    the exponent, before anything is formatted (``Decimal("1e999999999")`` is 1 GB as text)."""
    if not value.is_finite():
        raise NXError(f"NX has no literal for {value!r}")
    if value.is_zero():
        return Decimal(0)  # "0E-999999999" would be written with a billion zeros; "-0" is 0
    if value.adjusted() > 308 or abs(value) > Decimal(sys.float_info.max):
        raise NXError(f"{value!r} is beyond the range of a Ninox number (a double)")
    if value.adjusted() < -324:
        raise NXError(f"{value!r} is too small for a Ninox number (a double would be 0)")
    if len(value.as_tuple().digits) > MAX_NUMBER_DIGITS:
        raise NXError(f"a number with more than {MAX_NUMBER_DIGITS} digits cannot be written")
    return value


def _check_encodable(text: str, what: str) -> None:
    """Refuse text with lone surrogates: it has no UTF-8 form, so it cannot be sent at all."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise NXError(
            f"{what} holds {text[exc.start : exc.end]!r} at {exc.start}, a lone surrogate "
            "(not a character; it has no UTF-8 form)"
        ) from None


def _quote_text(text: str) -> NX:
    _check_encodable(text, "the text")
    if _SAFE_TEXT.fullmatch(text):
        return NX(f'"{text}"')
    return NX(f'urlDecode("{_percent_encode(text, safe="")}")')


def name(identifier: str) -> NX:
    """Quote a table or field name (or id) as an NX identifier: ``'First Name'``.

    Args:
        identifier: the caption or id, e.g. ``"First Name"`` or ``"A"``.

    Returns:
        The quoted identifier, safe to splice into a script.

    Raises:
        NXError: if the name is empty or contains a single quote or a control character, which an
            NX identifier cannot hold (Ninox offers no escape for them).
    """
    if not isinstance(identifier, str) or not _NAME_SAFE.fullmatch(identifier):
        raise NXError(
            f"{identifier!r} cannot be written as an NX name: names must be non-empty and "
            "contain no single quote or control character"
        )
    _check_encodable(identifier, "the name")
    return NX(f"'{identifier}'")


def record_ref(value: object) -> tuple[str, int] | None:
    """Split an NX record reference such as ``"A6"`` into ``("A", 6)``; ``None`` if it is not one.

    NX query results name records by table id and record id (reference §4.6).

    Args:
        value: A value from a query's answer (anything; only a ``str`` can be a reference).

    Returns:
        ``(table id, record id)``, or ``None`` for anything that is no record reference (never
        raises).

    Example:
        >>> record_ref("A6"), record_ref("A0"), record_ref(6)
        (('A', 6), None, None)
    """
    if isinstance(value, str):
        match = _RECORD_REF.fullmatch(value)
        if match and int(match.group(2)) > 0:
            return match.group(1), int(match.group(2))
    return None


def script(template: str, /, **values: Any) -> NX:
    """Fill ``{name}`` placeholders in an NX template with quoted values.

    Every value goes through :func:`quote` (so wrap names in :func:`name`). Literal braces in the
    template are written ``{{`` and ``}}``.

    Args:
        template: The NX text with ``{name}`` placeholders (positional only, so a placeholder
            may be called ``template``).
        **values: One value per placeholder, by name: anything :func:`quote` takes.

    Returns:
        The script, every value quoted.

    Raises:
        NXError: for a placeholder with no value, a value with no placeholder, or an
            unquotable value.
    """
    used: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise NXError(f"no value for placeholder {{{key}}}")
        used.add(key)
        return quote(values[key])

    protected = template.replace("{{", "\x00").replace("}}", "\x01")
    out = _PLACEHOLDER.sub(fill, protected)
    unused = sorted(set(values) - used)
    if unused:
        raise NXError(f"values without a placeholder: {', '.join(unused)}")
    return NX(out.replace("\x00", "{").replace("\x01", "}"))


from ninoxkit._nxquery import Condition, F  # noqa: E402 - the query builder, re-exported

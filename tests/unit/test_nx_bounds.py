"""ninoxkit.nx at the edges: numbers NX cannot hold, text that cannot be sent, the error tree."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from ninoxkit import InvalidArgumentError, NinoxError, nx


def test_nx_error_is_a_ninox_error_and_a_value_error() -> None:
    assert issubclass(nx.NXError, InvalidArgumentError)
    assert issubclass(nx.NXError, NinoxError)
    assert issubclass(nx.NXError, ValueError)
    with pytest.raises(NinoxError):
        nx.quote(math.nan)


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (Decimal("2.50"), "2.50"),
        (Decimal("-0.001"), "-0.001"),
        (Decimal("1e3"), "1000"),
        (Decimal("1E-5"), "0.00001"),  # positional: NX has no exponent syntax
        (Decimal("0E+999999999"), "0"),
        (Decimal("0E-999999999"), "0"),  # zero with a huge exponent: not a billion zeros
        (Decimal("-0.00"), "0"),
        (1e-05, "0.00001"),
        (10**300, "1" + "0" * 300),
    ],
)
def test_decimals_and_numbers_are_written_positionally(value: object, literal: str) -> None:
    assert nx.quote(value) == literal


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1e999999999"),  # would be a 1 GB literal
        Decimal("-1e999999999"),
        Decimal("1e-999999999"),
        Decimal("1e309"),
        Decimal("1." + "1" * 2000),  # more digits than any double has
        Decimal("NaN"),
        Decimal("-Infinity"),
        10**400,
        -(10**5000),  # str() of it alone would raise a plain ValueError
        math.inf,
    ],
    ids=lambda value: type(value).__name__,  # repr() of 10**5000 itself fails
)
def test_numbers_no_double_can_hold_are_refused(value: object) -> None:
    with pytest.raises(nx.NXError):
        nx.quote(value)


@pytest.mark.parametrize("text", ["\ud800", "ok\udfffok", 'a"\ud83d'])
def test_lone_surrogates_are_refused_in_text_and_names(text: str) -> None:
    with pytest.raises(nx.NXError, match="surrogate"):
        nx.quote(text)
    with pytest.raises(nx.NXError, match="surrogate"):
        nx.name(text)
    with pytest.raises(nx.NXError):
        nx.script("{v}", v=text)


def test_a_real_astral_character_is_fine() -> None:
    assert nx.quote("\U0001f600") == '"\U0001f600"'


def test_aware_datetimes_that_leave_the_calendar_in_utc_are_refused() -> None:
    far = dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-2)))
    with pytest.raises(nx.NXError, match="years 1-9999"):
        nx.quote(far)


def test_a_list_containing_itself_is_refused() -> None:
    loop: list[object] = [1]
    loop.append(loop)
    with pytest.raises(nx.NXError, match="nested"):
        nx.quote(loop)

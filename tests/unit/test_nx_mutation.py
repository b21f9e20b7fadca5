"""ninoxkit.nx: the exact literals and messages a user sees, at the boundaries mutation testing
found unpinned (``./scripts/mutation nx``)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from ninoxkit import nx


@pytest.fixture
def far_from_utc() -> Iterator[None]:
    """The machine's zone is UTC-5/UTC-4: a conversion through local time would show."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


def refusal(value: object) -> str:
    with pytest.raises(nx.NXError) as info:
        nx.quote(value)
    return str(info.value)


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (Decimal("1e308"), "1" + "0" * 308),  # within a double's range
        (Decimal(sys.float_info.max), str(int(sys.float_info.max))),  # the largest double
        (Decimal("5e-324"), "0." + "0" * 323 + "5"),  # the smallest double (subnormal)
        (Decimal("1." + "0" * 999), "1." + "0" * 999),  # exactly MAX_NUMBER_DIGITS digits
        (int(sys.float_info.max), str(int(sys.float_info.max))),
        (dt.time(8, 30, 0, 1000), "time(8, 30, 0, 1)"),  # one millisecond
        (dt.time(8, 30, 0, 999_999), "time(8, 30, 0, 999)"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, 1000, tzinfo=dt.UTC), "datetime(2024, 1, 2, 3, 4, 5, 1)"),
        (-2.5, "-2.5"),
    ],
)
def test_numbers_and_times_at_their_limits_are_written_exactly(value: object, literal: str) -> None:
    assert nx.quote(value) == literal


def test_an_aware_datetime_is_written_in_utc_whatever_the_machines_zone(far_from_utc: None) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    assert (
        nx.quote(dt.datetime(2024, 7, 1, 12, 0, tzinfo=paris))
        == "datetime(2024, 7, 1, 11, 0, 0, 0)"
    )


class _NoOffset(dt.tzinfo):
    """A zone that does not know its offset: the datetime is as ambiguous as a naive one."""

    def utcoffset(self, _when: dt.datetime | None) -> None:
        return None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("1e309"), "Decimal('1E+309') is beyond the range of a Ninox number (a double)"),
        (
            Decimal("1e-325"),
            "Decimal('1E-325') is too small for a Ninox number (a double would be 0)",
        ),
        (Decimal("NaN"), "NX has no literal for Decimal('NaN')"),
        (Decimal("0." + "1" * 1001), "a number with more than 1000 digits cannot be written"),
        (2**1100, "the integer is beyond the range of a Ninox number (a double)"),
        (float("inf"), "NX has no literal for inf"),
        (b"x", "cannot write a bytes as NX; pass str, number, bool, None, date"),
        ([[1]], "NX arrays cannot be nested"),
        (
            dt.datetime(2024, 1, 1),
            "naive datetime 2024-01-01T00:00:00 is ambiguous; pass an aware one "
            "(e.g. value.replace(tzinfo=datetime.UTC))",
        ),
        (
            dt.datetime(2024, 1, 1, tzinfo=_NoOffset()),
            "naive datetime 2024-01-01T00:00:00 is ambiguous; pass an aware one "
            "(e.g. value.replace(tzinfo=datetime.UTC))",
        ),
        (
            "a\ud800b",
            "the text holds '\\ud800' at 1, a lone surrogate "
            "(not a character; it has no UTF-8 form)",
        ),
    ],
)
def test_refusals_say_what_cannot_be_written(value: object, message: str) -> None:
    assert refusal(value) == message


def test_name_refusals_say_why() -> None:
    with pytest.raises(nx.NXError) as quote_in_name:
        nx.name("it's")
    assert str(quote_in_name.value) == (
        '"it\'s" cannot be written as an NX name: names must be non-empty and contain no '
        "single quote or control character"
    )
    with pytest.raises(nx.NXError) as surrogate:
        nx.name("a\ud800")
    assert str(surrogate.value) == (
        "the name holds '\\ud800' at 1, a lone surrogate (not a character; it has no UTF-8 form)"
    )


def test_unused_values_are_all_named() -> None:
    with pytest.raises(nx.NXError) as info:
        nx.script("{x}", x=1, zz=2, y=3)
    assert str(info.value) == "values without a placeholder: y, zz"


def test_record_one_is_a_record_reference() -> None:
    assert nx.record_ref("A1") == ("A", 1)

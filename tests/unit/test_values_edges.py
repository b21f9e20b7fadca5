"""Field values at the edges: every bad input is a FieldValueError, never a raw Python error.

Comparisons check type and value (``7``, ``7.0`` and ``True`` are different answers).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pytest
from ninox_api.models import RecordFields
from ninox_api.models import TableRecord as Record
from ninoxkit import FieldValueError, InvalidArgumentError, parse_timestamp
from ninoxkit._values import MAX_NESTING, decode_value, encode_fields, encode_value

UTC = dt.UTC


def same(actual: Any, expected: Any) -> None:
    assert type(actual) is type(expected), (actual, expected)
    assert actual == expected


# -- timestamps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1611405000000, dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)),  # epoch milliseconds
        (1611405000500.0, dt.datetime(2021, 1, 23, 12, 30, 0, 500_000, tzinfo=UTC)),
        (0, dt.datetime(1970, 1, 1, tzinfo=UTC)),
        (-86_400_000, dt.datetime(1969, 12, 31, tzinfo=UTC)),  # before the epoch, any platform
        ("2021-01-23T18:00:00+0530", dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)),  # no colon
        ("2021-01-23T10:00:00-0230", dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)),
        ("2021-01-23 12:30", dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)),
        ("2021-01-23T12:30:00.250", dt.datetime(2021, 1, 23, 12, 30, 0, 250_000, tzinfo=UTC)),
    ],
)
def test_parse_timestamp_reads_every_documented_form(raw: Any, expected: dt.datetime) -> None:
    parsed = parse_timestamp(raw)
    same(parsed, expected)
    assert parsed.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    "raw",
    [
        "2024-13-45T00:00:00",  # month 13
        "2024-02-30T00:00:00",
        "0000-01-01T00:00:00",  # year 0
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
        "9999-12-31T23:30:00-01:00",  # after year 9999 in UTC
        "2024-01-01T25:00:00",
        "٢٠٢١-٠١-٢٣T12:30:00",  # non-ASCII digits
        1e20,  # ms beyond year 9999
        -1e20,
        math.nan,
        math.inf,
        True,
        None,
        [2021],
    ],
)
def test_parse_timestamp_refuses_with_a_typed_error(raw: Any) -> None:
    with pytest.raises(FieldValueError):
        parse_timestamp(raw)


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-2))),
    ],
)
def test_out_of_range_aware_datetimes_are_refused_when_written(value: dt.datetime) -> None:
    with pytest.raises(FieldValueError, match="years 1-9999"):
        encode_value(value, "timestamp")


# -- dates, times, intervals -----------------------------------------------------------------


def test_a_timestamp_for_a_date_field_gives_its_utc_date() -> None:
    same(decode_value("2021-01-23T23:30:00", "date"), dt.date(2021, 1, 23))
    same(decode_value("2021-01-24T01:00:00+02:00", "date"), dt.date(2021, 1, 23))
    same(decode_value(1611360000000, "date"), dt.date(2021, 1, 23))
    same(encode_value("2021-01-23T23:30:00", "date"), "2021-01-23")


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (1e20, "date"),
        (math.nan, "date"),
        (-1, "time"),  # ms since midnight: only within one day
        (86_400_000, "time"),
        (math.nan, "time"),
        (math.inf, "timeinterval"),
        (math.nan, "timeinterval"),
        (1e300, "timeinterval"),
        ("99999999999999:00:00", "timeinterval"),
        ("9" * 5000 + ":00:00", "timeinterval"),
    ],
)
def test_out_of_range_numbers_for_dates_and_times_are_typed_errors(raw: Any, kind: str) -> None:
    with pytest.raises(FieldValueError):
        decode_value(raw, kind)


# -- numbers and booleans --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        ("true", True),
        ("false", False),
    ],
)
def test_numeric_and_text_booleans_read_as_bool(raw: Any, expected: bool) -> None:
    same(decode_value(raw, "boolean"), expected)


@pytest.mark.parametrize("raw", [2, -1, "yes", "1", "True", 0.5, [True]])
def test_other_booleans_are_refused(raw: Any) -> None:
    with pytest.raises(FieldValueError):
        decode_value(raw, "boolean")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (7, 7),
        (7.0, 7.0),
        ("7", 7),
        (" 7 ", 7),
        ("7.0", 7.0),
        ("12345678901234567890", 12345678901234567890),  # exact, not through a float
        ("-3", -3),
    ],
)
def test_numbers_keep_int_and_float_apart(raw: Any, expected: Any) -> None:
    same(decode_value(raw, "number"), expected)


@pytest.mark.parametrize("raw", [math.nan, math.inf, -math.inf, "NaN", "inf", "1e999", False])
def test_non_finite_numbers_are_refused_when_read(raw: Any) -> None:
    with pytest.raises(FieldValueError):
        decode_value(raw, "number")


def test_booleans_are_written_only_as_bools() -> None:
    same(encode_value(True, "boolean"), True)
    for bad in (1, 0, "true"):
        with pytest.raises(FieldValueError):
            encode_value(bad, "boolean")


# -- Decimals and big numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2.50"), 2.5),
        (Decimal("3"), 3),
        (Decimal("3.000"), 3),
        (Decimal("-0"), 0),
        (Decimal("1e3"), 1000),
        (Decimal("1e20"), 1e20),  # beyond 2**53: the double Ninox stores
    ],
)
def test_decimals_become_the_number_ninox_stores(value: Decimal, expected: Any) -> None:
    same(encode_value(value, "number"), expected)
    same(encode_value(value, None), expected)


@pytest.mark.parametrize(
    "value",
    [Decimal("1e999999999"), Decimal("-1e400"), Decimal("1e-999999999"), Decimal("sNaN")],
)
def test_decimals_beyond_a_double_are_refused_quickly(value: Decimal) -> None:
    with pytest.raises(FieldValueError):
        encode_value(value, "number")


def test_integers_beyond_a_double_are_refused_for_number_fields() -> None:
    with pytest.raises(FieldValueError, match="range"):
        encode_value(10**400, "number")
    same(encode_value(2**60, "number"), 2**60)


# -- nesting, cycles, sets, NaN inside containers --------------------------------------------


def deep(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    "value",
    [
        [1, [2, math.nan]],
        {"a": {"b": math.inf}},
        ({"x": [-math.inf]},),
        [Decimal("NaN")],
    ],
)
def test_nan_and_infinity_inside_containers_are_refused(value: Any) -> None:
    with pytest.raises(FieldValueError):
        encode_value(value, None)
    with pytest.raises(FieldValueError):
        encode_fields({"F": value})


def test_deep_nesting_is_a_typed_error_not_a_recursion_error() -> None:
    with pytest.raises(FieldValueError, match="nested more than"):
        encode_value(deep(60_000), None)
    same(encode_value(deep(MAX_NESTING - 1), None), deep(MAX_NESTING - 1))


def test_a_value_that_contains_itself_is_refused() -> None:
    loop: list[Any] = [1]
    loop.append(loop)
    with pytest.raises(FieldValueError, match="contains itself"):
        encode_value(loop, None)
    cycle: dict[str, Any] = {}
    cycle["me"] = [cycle]
    with pytest.raises(FieldValueError, match="contains itself"):
        encode_fields({"F": cycle})


def test_the_same_list_twice_is_not_a_cycle() -> None:
    shared = [1, 2]
    same(encode_value([shared, shared], None), [shared, shared])


def test_mixed_type_sets_are_a_typed_error() -> None:
    with pytest.raises(FieldValueError, match="mixed types"):
        encode_value({1, "a"}, None)
    same(encode_value({3, 1, 2}, None), [1, 2, 3])


def test_deeply_nested_values_read_unchanged_without_recursion() -> None:
    # Decoding passes values of undocumented types through; depth must not matter there.
    value = deep(60_000)
    assert decode_value(value, "fn") is value


def test_field_value_error_is_an_invalid_argument_and_a_value_error() -> None:
    assert issubclass(FieldValueError, InvalidArgumentError)
    assert issubclass(FieldValueError, ValueError)


# -- links ------------------------------------------------------------------------------------


def record(rid: int) -> Record:
    return Record(id=rid, fields=RecordFields())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(6, 6), ("6", 6), ("A6", 6), ("", None), (None, None)],
)
def test_a_link_reads_as_the_linked_record_id(raw: Any, expected: Any) -> None:
    same(decode_value(raw, "ref"), expected)


def test_a_reverse_link_reads_as_a_list_of_ids() -> None:
    same(decode_value([1, "2", "B3"], "rev"), [1, 2, 3])
    same(decode_value(4, "rev"), [4])


@pytest.mark.parametrize("raw", [0, -1, 1.5, True, "six", {"id": 1}, ["A1"]])
def test_other_link_values_are_refused_when_read(raw: Any) -> None:
    with pytest.raises(FieldValueError):
        decode_value(raw, "ref")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(6, 6), (record(7), 7), ("8", 8), (" 9 ", 9), (None, None)],
)
def test_a_link_is_written_as_a_record_id(value: Any, expected: Any) -> None:
    same(encode_value(value, "ref"), expected)


@pytest.mark.parametrize("value", [0, -3, True, 6.0, "A6", "six", "", [1], "٣"])
def test_other_link_values_are_refused_when_written(value: Any) -> None:
    with pytest.raises(FieldValueError, match="link needs a record id"):
        encode_value(value, "ref")


@pytest.mark.parametrize(("kind", "why"), [("rev", "reverse link"), ("fn", "formula")])
def test_reverse_links_and_formulas_cannot_be_written(kind: str, why: str) -> None:
    with pytest.raises(FieldValueError, match=why):
        encode_value(1, kind)


@pytest.mark.parametrize(
    "kind",
    [
        "string",
        "number",
        "boolean",
        "date",
        "timestamp",
        "time",
        "timeinterval",
        "appointment",
        "location",
        "choice",
        "multi",
        "ref",
        "rev",
    ],
)
def test_a_deeply_nested_answer_is_a_typed_error_for_every_type(kind: str) -> None:
    # What a hostile or broken server could send as a field value (the message must not
    # recurse through it either).
    with pytest.raises(FieldValueError) as caught:
        decode_value(deep(60_000), kind)
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ({"a": 1}, "string"),
        ([1], "email"),
        (True, "string"),  # Python would write "True": no text Ninox sent
        ({"a": 1}, "choice"),
        ([["1"]], "multi"),
        (True, "choice"),
    ],
)
def test_containers_are_no_text_or_choice(raw: Any, kind: str) -> None:
    with pytest.raises(FieldValueError):
        decode_value(raw, kind, {"1": "Lead"})


def test_numbers_in_text_fields_read_as_their_digits() -> None:
    same(decode_value(7, "string"), "7")
    same(decode_value(7.5, "string"), "7.5")

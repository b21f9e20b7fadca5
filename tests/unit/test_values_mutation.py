"""Field values: the boundaries and messages mutation testing found unpinned
(``./scripts/mutation _values``).

Comparisons check type and value (``7``, ``7.0`` and ``True`` are different answers).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from ninoxkit import FieldValueError, parse_timestamp
from ninoxkit._values import (
    MAX_NESTING,
    Appointment,
    Location,
    decode_fields,
    decode_value,
    encode_fields,
    encode_value,
)

UTC = dt.UTC


def same(actual: Any, expected: Any) -> None:
    assert type(actual) is type(expected), (actual, expected)
    assert actual == expected


def decode_refusal(value: Any, field_type: str, choices: dict[str, str] | None = None) -> str:
    with pytest.raises(FieldValueError) as info:
        decode_value(value, field_type, choices)
    return str(info.value)


def encode_refusal(
    value: Any, field_type: str | None, choices: dict[str, str] | None = None
) -> str:
    with pytest.raises(FieldValueError) as info:
        encode_value(value, field_type, choices)
    return str(info.value)


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


class _NoOffset(dt.tzinfo):
    """A zone that does not know its offset: the datetime is as ambiguous as a naive one."""

    def utcoffset(self, _when: dt.datetime | None) -> None:
        return None


# -- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0, dt.time(0, 0)),  # midnight, as milliseconds
        (45_000_000, dt.time(12, 30)),
        (86_399_999, dt.time(23, 59, 59, 999_000)),
    ],
)
def test_milliseconds_since_midnight_read_as_a_time(raw: int, expected: dt.time) -> None:
    same(decode_value(raw, "time"), expected)


@pytest.mark.parametrize(
    ("value", "field_type", "message"),
    [
        (True, "time", "not a Ninox time: True"),
        (86_400_000, "time", "not a Ninox time: 86400000"),
        ("x", "time", "not a Ninox time: 'x'"),
        ("nope", "appointment", "not a Ninox appointment: 'nope'"),
        # Only the half-open range Ninox 4 writes is read, not a closed one.
        (
            "[2024-01-01T10:00,2024-01-01T11:00]",
            "appointment",
            "not a Ninox appointment: '[2024-01-01T10:00,2024-01-01T11:00]'",
        ),
        (5, "location", "not a Ninox location: 5"),
        (True, "number", "not a number: True"),
        ("abc", "number", "not a finite number: 'abc'"),
        ("inf", "number", "not a finite number: 'inf'"),
        (math.nan, "number", "not a finite number: nan"),
        (True, "text", "not text: True"),
        ([1], "boolean", "not a boolean: [1]"),
        (1e20, "timestamp", "1e+20 ms since the epoch is no representable timestamp"),
    ],
)
def test_decoding_refusals_name_the_value(value: Any, field_type: str, message: str) -> None:
    assert decode_refusal(value, field_type) == message


def test_decode_fields_reads_choices_by_field() -> None:
    out = decode_fields(
        {"Colour": "1", "Size": "1", "Plain": 7},
        {"Colour": "choice", "Size": "choice"},
        {"Colour": {"1": "Red"}},
    )
    assert out == {"Colour": "Red", "Size": "1", "Plain": 7}
    same(out["Plain"], 7)


# -- encoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1),  # the first record
        (2**53, 2**53),  # the largest id a double holds exactly
        ("1111111111111111", 1111111111111111),  # 16 digits
    ],
)
def test_link_ids_at_their_limits_are_written(value: Any, expected: int) -> None:
    same(encode_value(value, "ref"), expected)


@pytest.mark.parametrize("value", ["0" * 16 + "1", 2**53 + 1, 0, True, "abc"])
def test_link_ids_beyond_their_limits_are_refused(value: Any) -> None:
    assert encode_refusal(value, "ref") == (
        "value: a link needs a record id (a positive int, a Record or the id as text), "
        f"got {value!r}"
    )


def test_a_zero_interval_has_no_sign() -> None:
    same(encode_value(dt.timedelta(0), "timeinterval"), "0:00:00.000")
    same(encode_value(dt.timedelta(milliseconds=-1), "timeinterval"), "-0:00:00.001")


@pytest.mark.parametrize(
    "value", [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 1, tzinfo=_NoOffset())]
)
def test_a_datetime_without_an_offset_is_refused_with_the_fix(value: dt.datetime) -> None:
    assert encode_refusal(value, "timestamp") == (
        "naive datetime 2024-01-01T00:00:00 is ambiguous; pass an aware one "
        "(e.g. value.replace(tzinfo=datetime.UTC))"
    )


@pytest.mark.parametrize(
    ("value", "field_type", "choices", "message"),
    [
        ("Z", "choice", {"1": "A", "2": "B"}, "value: 'Z' is not an option; options are 'A', 'B'"),
        (("a", "b"), "appointment", None, "value: appointment needs two aware datetimes, got 'a'"),
    ],
)
def test_encoding_refusals_name_the_value(
    value: Any, field_type: str, choices: dict[str, str] | None, message: str
) -> None:
    assert encode_refusal(value, field_type, choices) == message


def test_parse_timestamp_reads_an_offset_without_a_colon() -> None:
    same(parse_timestamp("2024-01-01T05:30:00+0530"), dt.datetime(2024, 1, 1, tzinfo=UTC))


def test_encode_fields_names_the_field_in_its_refusal() -> None:
    with pytest.raises(FieldValueError) as info:
        encode_fields({"Score": True}, {"Score": "number"})
    assert str(info.value) == "field 'Score': number field needs an int or float, got True"


# -- more decoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "field_type", "message"),
    [
        ([1], "choice", "not a choice (a caption or an option id): [1]"),
        ("x", "date", "not a Ninox date: 'x'"),
        ("x", "timeinterval", "not a Ninox time interval: 'x'"),
        ("0", "ref", "not a record id of a link: '0'"),
        ("0" * 16 + "1", "ref", "not a record id of a link: '00000000000000001'"),
        ("2024-13-01T00:00", "timestamp", "not a valid Ninox timestamp: '2024-13-01T00:00'"),
        ("x", "timestamp", "not a Ninox timestamp: 'x'"),
    ],
)
def test_more_decoding_refusals_name_the_value(value: Any, field_type: str, message: str) -> None:
    assert decode_refusal(value, field_type) == message


@pytest.mark.parametrize(("raw", "expected"), [("1", 1), ("1111111111111111", 1111111111111111)])
def test_link_ids_as_text_at_their_limits_are_read(raw: str, expected: int) -> None:
    same(decode_value(raw, "ref"), expected)


def test_a_negative_interval_reads_negative() -> None:
    same(decode_value("-1:30:00", "timeinterval"), -dt.timedelta(hours=1, minutes=30))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1, 2", ["Red", "Blue"]),  # a comma string of option ids, spaces around them
        (" 2 ,1", ["Blue", "Red"]),
        (2, ["Blue"]),  # one option id alone
        (["1", 2], ["Red", "Blue"]),
    ],
)
def test_multi_values_read_as_captions(raw: Any, expected: list[str]) -> None:
    assert decode_value(raw, "multi", {"1": "Red", "2": "Blue"}) == expected


def test_timestamps_read_as_utc_whatever_the_machines_zone(far_from_utc: None) -> None:
    parsed = parse_timestamp("2024-07-01T12:00:00+02:00")
    same(parsed, dt.datetime(2024, 7, 1, 10, 0, tzinfo=UTC))
    assert parsed.tzinfo is UTC


# -- more encoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(2**53), 2**53),  # the largest whole number a double holds exactly: an int
        (Decimal(2**53 + 2), float(2**53 + 2)),  # beyond it: the double Ninox stores
        (Decimal("1e308"), 1e308),
        (Decimal("7"), 7),
        (Decimal("7.5"), 7.5),
    ],
)
def test_decimals_are_written_as_the_number_ninox_stores(value: Decimal, expected: Any) -> None:
    same(encode_value(value, "number"), expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("1e309"), "value: Decimal('1E+309') is beyond the range of a Ninox number"),
        (Decimal("1.8e308"), "value: Decimal('1.8E+308') is beyond the range of a Ninox number"),
        (
            Decimal("1e-400"),
            "value: Decimal('1E-400') is too small for a Ninox number (it would be 0)",
        ),
        (Decimal("NaN"), "value: Decimal('NaN') cannot be sent"),
        ([math.nan], "value: nan cannot be sent (JSON has no NaN or infinity)"),
    ],
)
def test_numbers_ninox_cannot_store_are_refused_by_name(value: Any, message: str) -> None:
    assert encode_refusal(value, None) == message


def nested(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_nesting_is_allowed_up_to_max_nesting_levels() -> None:
    assert encode_value(nested(MAX_NESTING), None) == nested(MAX_NESTING)
    assert encode_refusal(nested(MAX_NESTING + 1), None) == (
        f"value: the value is nested more than {MAX_NESTING} levels deep"
    )


def test_encode_fields_writes_choices_and_types_by_field() -> None:
    out = encode_fields(
        {"Colour": "1", "Size": "L", "When": dt.date(2024, 2, 29), "Count": 7},
        {"Colour": "choice", "Size": "choice", "When": "date", "Count": "number"},
        {"Colour": {"1": "Red"}},
    )
    assert out == {"Colour": "Red", "Size": "L", "When": "2024-02-29", "Count": 7}
    same(out["Count"], 7)


@pytest.mark.parametrize(
    ("value", "field_type", "message"),
    [
        ("x", "number", "value: number field needs an int or float, got 'x'"),
        (1, "boolean", "value: boolean field needs True or False, got 1"),
        (5, "text", "value: text field needs a str, got int"),
        (5, "date", "value: date field needs a Python date/time value or its text, got 5"),
        (
            [1, 2, 3],
            "appointment",
            "value: appointment field needs a (start, end) pair, got [1, 2, 3]",
        ),
        (
            1,
            "rev",
            "value: cannot be written: "
            "a reverse link is set through the link field of the other table",
        ),
        (1, "fn", "value: cannot be written: a formula field is computed by Ninox"),
        (
            dt.date(2024, 1, 1),
            "datetime",
            "value: timestamp field needs an aware datetime, got a date",
        ),
        (
            {"a": math.inf},
            None,
            "value: inf cannot be sent (JSON has no NaN or infinity)",
        ),
        (
            [object()],
            None,
            "value: a object cannot be sent as JSON; pass str, int, float, bool, None, list or "
            "dict (or a date/datetime/time/timedelta with the field's type known)",
        ),
    ],
)
def test_writing_refusals_say_what_the_field_needs(
    value: Any, field_type: str | None, message: str
) -> None:
    assert encode_refusal(value, field_type) == message


@pytest.mark.parametrize(
    ("value", "field_type", "choices", "message"),
    [
        ("Z", "choice", {"1": "A"}, "field 'X': 'Z' is not an option; options are 'A'"),
        (["Z"], "multi", {"1": "A"}, "field 'X': 'Z' is not an option; options are 'A'"),
        (Decimal("NaN"), "number", None, "field 'X': Decimal('NaN') cannot be sent"),
        (
            0,
            "ref",
            None,
            "field 'X': a link needs a record id "
            "(a positive int, a Record or the id as text), got 0",
        ),
        (
            ("a", dt.datetime(2024, 1, 1, tzinfo=UTC)),
            "appointment",
            None,
            "field 'X': appointment needs two aware datetimes, got 'a'",
        ),
        (
            (dt.datetime(2024, 1, 1, tzinfo=UTC), "b"),
            "appointment",
            None,
            "field 'X': appointment needs two aware datetimes, got 'b'",
        ),
        (
            {"a": {"b": [math.nan]}},
            "json",
            None,
            "field 'X': nan cannot be sent (JSON has no NaN or infinity)",
        ),
    ],
)
def test_refusals_name_the_field(
    value: Any, field_type: str, choices: dict[str, str] | None, message: str
) -> None:
    with pytest.raises(FieldValueError) as info:
        encode_fields({"X": value}, {"X": field_type}, {"X": choices} if choices else None)
    assert str(info.value) == message


def nested_dicts(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def test_nesting_of_objects_is_allowed_up_to_max_nesting_levels() -> None:
    assert encode_value(nested_dicts(MAX_NESTING), None) == nested_dicts(MAX_NESTING)
    assert encode_refusal(nested_dicts(MAX_NESTING + 1), None) == (
        f"value: the value is nested more than {MAX_NESTING} levels deep"
    )


def test_a_datetime_for_a_time_field_is_written_as_its_time_of_day() -> None:
    when = dt.datetime(2024, 1, 1, 12, 30, 5, 250_000, tzinfo=UTC)
    same(encode_value(when, "time"), "12:30:05")
    same(encode_value(when, "datetime"), "2024-01-01T12:30:05.250")


@pytest.mark.parametrize(
    "location", [Location("Berlin", 52.5, None), Location("Berlin", None, 13.4), Location("Berlin")]
)
def test_a_location_without_both_coordinates_is_written_as_its_address(location: Location) -> None:
    same(encode_value(location, "location"), "Berlin")


def test_the_largest_integer_a_double_holds_is_written() -> None:
    largest = int(sys.float_info.max)
    same(encode_value(largest, "number"), largest)
    assert encode_refusal(largest + 1, "number") == (
        f"value: {largest + 1} is beyond the range of a Ninox number"
    )


def test_the_half_open_range_of_ninox_4_reads_as_an_appointment() -> None:
    got = decode_value("[2024-01-01T10:00,2024-01-01T11:30)", "appointment")
    start, end = (
        dt.datetime(2024, 1, 1, 10, tzinfo=UTC),
        dt.datetime(2024, 1, 1, 11, 30, tzinfo=UTC),
    )
    assert got == (start, end)
    assert got.end == end


# After encode_value was split into one encoder per field type (issue #19 item 5): each
# encoder hands the field's name on to the checks it shares, and a multi field without known
# options is written as plain JSON.


def refusal_for(value: Any, field_type: str | None, where: str) -> str:
    with pytest.raises(FieldValueError) as info:
        encode_value(value, field_type, where=where)
    return str(info.value)


@pytest.mark.parametrize("field_type", ["date", "timestamp", "datetime", "time", "choice", "multi"])
def test_a_value_no_field_type_can_send_is_refused_by_the_fields_name(field_type: str) -> None:
    message = refusal_for(object(), field_type, "field 'when'")
    assert message.startswith("field 'when': a object cannot be sent as JSON"), message


def test_an_appointment_of_no_datetimes_is_refused_by_the_fields_name() -> None:
    message = refusal_for(Appointment(1, 2), None, "field 'slot'")  # type: ignore[arg-type]
    assert message == "field 'slot': appointment needs two aware datetimes, got 1"


def test_a_number_json_cannot_carry_is_refused_by_the_fields_name() -> None:
    message = refusal_for(math.nan, "number", "field 'price'")
    assert message == "field 'price': nan cannot be sent (JSON has no NaN or infinity)"


def test_a_multi_field_without_known_options_is_written_as_plain_json() -> None:
    same(encode_value(["b", "a"], "multi"), ["b", "a"])
    same(encode_value(("b", "a"), "multi", {}), ["b", "a"])
    same(encode_value({"b", "a"}, "multi"), ["a", "b"])


def test_a_date_for_a_multi_field_with_options_is_written_in_its_own_form() -> None:
    same(encode_value(dt.date(2024, 1, 2), "multi", {"1": "x"}), "2024-01-02")
    same(encode_value(dt.date(2024, 1, 2), "choice", {"1": "x"}), "2024-01-02")

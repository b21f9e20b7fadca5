"""Field values both ways (reference §7.3, §11): what users read and write."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ninoxkit import Appointment, FieldValueError, Location, format_timestamp, parse_timestamp
from ninoxkit._values import decode_fields, decode_value, encode_fields, encode_value

from tests.helpers import examples

UTC = dt.UTC
CHOICES = {"1": "Lead", "2": "Customer"}


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("Lisa", "string", "Lisa"),
        ("", "string", None),
        (None, "number", None),
        (13.42, "number", 13.42),
        ("7", "number", 7),
        ("7.5", "number", 7.5),
        (True, "boolean", True),
        ("2021-01-23", "date", dt.date(2021, 1, 23)),
        (1611360000000, "date", dt.date(2021, 1, 23)),  # docs.ninox.com: dates as numbers (§11)
        ("2021-01-23T12:30:00", "timestamp", dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)),
        ("2021-01-23T12:30:00Z", "timestamp", dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)),
        ("2021-01-23T14:30:00+02:00", "timestamp", dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)),
        ("12:30:00", "time", dt.time(12, 30)),
        ("12:30", "time", dt.time(12, 30)),
        ("123:25:16.123", "timeinterval", dt.timedelta(hours=123, minutes=25, seconds=16.123)),
        (90_000, "timeinterval", dt.timedelta(seconds=90)),
        (
            "2021-01-23T12:30:00 - 2021-01-23T13:30:00",
            "appointment",
            Appointment(
                dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC),
                dt.datetime(2021, 1, 23, 13, 30, tzinfo=UTC),
            ),
        ),
        (
            "[2021-01-23T12:30:00Z,2021-01-23T13:30:00Z)",  # the Ninox 4 form
            "appointment",
            Appointment(
                dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC),
                dt.datetime(2021, 1, 23, 13, 30, tzinfo=UTC),
            ),
        ),
        (
            "Monbijouplatz 5, 10178 Berlin, Germany <52.5330804,13.3972939>",
            "location",
            Location("Monbijouplatz 5, 10178 Berlin, Germany", 52.5330804, 13.3972939),
        ),
        ("Somewhere", "location", Location("Somewhere")),
        ("Lead", "choice", "Lead"),
        ("2", "choice", "Customer"),  # choiceStyle=ids gives the option id
        (["1", "Customer"], "multi", ["Lead", "Customer"]),
        ("1,2", "multi", ["Lead", "Customer"]),
        ({"any": "thing"}, "fn", {"any": "thing"}),  # formulas etc. pass through untouched
    ],
)
def test_decode(raw: Any, kind: str, expected: Any) -> None:
    assert decode_value(raw, kind, CHOICES) == expected


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("abc", "number"),
        (True, "number"),
        ("maybe", "boolean"),
        ("x", "date"),
        ("noon", "timestamp"),
        ("1:2", "timeinterval"),
        ("x - y", "appointment"),
    ],
)
def test_decode_refuses_values_that_do_not_fit(raw: Any, kind: str) -> None:
    with pytest.raises(FieldValueError):
        decode_value(raw, kind)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "string", None),  # clearing a field
        (dt.date(2021, 1, 23), "date", "2021-01-23"),
        (
            dt.datetime(2021, 1, 23, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "timestamp",
            "2021-01-23T12:30:00",
        ),
        (
            dt.datetime(2021, 1, 23, 12, 30, 0, 250_000, tzinfo=UTC),
            "timestamp",
            "2021-01-23T12:30:00.250",
        ),
        (dt.time(12, 30), "time", "12:30:00"),
        (dt.timedelta(hours=123, minutes=25, seconds=16.123), "timeinterval", "123:25:16.123"),
        (dt.timedelta(seconds=-1.5), "timeinterval", "-0:00:01.500"),
        (Decimal("2.50"), "number", 2.5),
        (Decimal("3"), "number", 3),
        ("Customer", "choice", "Customer"),
        ("1", "choice", "Lead"),
        (1, "choice", "Lead"),
        (["Lead", "2"], "multi", ["Lead", "Customer"]),
        (Location("Berlin", 52.5, 13.4), "location", "Berlin <52.5,13.4>"),
        (
            (
                dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC),
                dt.datetime(2021, 1, 23, 13, 30, tzinfo=UTC),
            ),
            "appointment",
            "2021-01-23T12:30:00 - 2021-01-23T13:30:00",
        ),
        # Text for date/time fields is checked and written in Ninox's own form.
        ("2021-01-23", "date", "2021-01-23"),
        ("2021-01-23T12:30:00Z", "timestamp", "2021-01-23T12:30:00"),
        ("2021-01-23T14:30:00+02:00", "timestamp", "2021-01-23T12:30:00"),
        ("08:30:00.500", "time", "08:30:00.500"),
        ("", "date", None),
        ({"nested": [1, 2.5, None]}, None, {"nested": [1, 2.5, None]}),
        ((1, 2), None, [1, 2]),
    ],
)
def test_encode(value: Any, kind: str | None, expected: Any) -> None:
    assert encode_value(value, kind, CHOICES) == expected


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        (math.nan, None, "NaN"),
        (math.inf, "number", "cannot be sent"),
        (Decimal("NaN"), None, "cannot be sent"),
        (object(), None, "cannot be sent as JSON"),
        (b"bytes", None, "cannot be sent as JSON"),
        (dt.datetime(2021, 1, 1), "timestamp", "naive datetime"),
        (dt.datetime(2021, 1, 1), None, "naive datetime"),
        (dt.datetime(2021, 1, 1, tzinfo=UTC), "date", "needs a date"),
        (dt.date(2021, 1, 1), "timestamp", "aware datetime"),
        ("12", "number", "int or float"),
        (True, "number", "int or float"),
        (1, "boolean", "True or False"),
        (3, "string", "needs a str"),
        ("Unknown", "choice", "not an option"),
        ({1: "x"}, None, "keys must be strings"),
        ("2021-13-45", "date", "not a Ninox date"),
        ("2021-01-23garbage", "date", "not a Ninox date"),
        (1.5, "date", "date field needs"),
        ("tomorrow", "timestamp", "timestamp"),
        ("99:99", "time", "time"),
        (dt.datetime(2021, 1, 1, tzinfo=UTC), "appointment", r"\(start, end\) pair"),
        (dt.date(2021, 1, 1), "appointment", r"\(start, end\) pair"),
        (5, "multi", "not an option"),
    ],
)
def test_encode_refuses_with_a_clear_message(value: Any, kind: str | None, message: str) -> None:
    with pytest.raises(FieldValueError, match=message):
        encode_value(value, kind, CHOICES)


def test_fields_round_trip_through_ninox_json() -> None:
    types = {"When": "timestamp", "Day": "date", "Span": "timeinterval", "Status": "choice"}
    choices = {"Status": CHOICES}
    python = {
        "When": dt.datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
        "Day": dt.date(2024, 5, 1),
        "Span": dt.timedelta(minutes=90),
        "Status": "Lead",
        "Other": "kept",
    }
    wire = encode_fields(python, types, choices)
    assert wire == {
        "When": "2024-05-01T12:00:00",
        "Day": "2024-05-01",
        "Span": "1:30:00.000",
        "Status": "Lead",
        "Other": "kept",
    }
    assert decode_fields(wire, types, choices) == python


def test_encode_fields_names_the_bad_field() -> None:
    with pytest.raises(FieldValueError, match="'Score'"):
        encode_fields({"Name": "ok", "Score": math.nan})
    with pytest.raises(FieldValueError, match="non-empty"):
        encode_fields({"": 1})


class Text(str):
    """A str subclass: not the plain type, so it takes the checked path."""


cells = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.builds(Text, st.text())
    | st.decimals(allow_nan=True)
    | st.dates()
    | st.lists(st.integers() | st.floats(), max_size=3)
    | st.frozensets(st.integers(), max_size=3)
)


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.text(min_size=1), cells, max_size=6))
def test_encode_fields_equals_encode_value_cell_by_cell(fields: dict[str, Any]) -> None:
    # encode_fields passes plain values through without calling encode_value: same result,
    # same refusals.
    refusal: str | None = None
    try:
        expected = {k: encode_value(v, None, where=f"field {k!r}") for k, v in fields.items()}
    except FieldValueError as exc:
        refusal = str(exc)
    if refusal is not None:
        with pytest.raises(FieldValueError) as caught:
            encode_fields(fields)
        assert str(caught.value) == refusal
        return
    encoded = encode_fields(fields)
    assert encoded == expected
    assert [type(v) for v in encoded.values()] == [type(v) for v in expected.values()]


def test_timestamps_are_utc_and_zone_less_on_the_wire() -> None:
    assert parse_timestamp("2021-09-13T18:24:26") == dt.datetime(
        2021, 9, 13, 18, 24, 26, tzinfo=UTC
    )
    assert (
        format_timestamp(
            dt.datetime(2021, 9, 13, 20, 24, 26, tzinfo=dt.timezone(dt.timedelta(hours=2)))
        )
        == "2021-09-13T18:24:26"
    )
    with pytest.raises(FieldValueError):
        parse_timestamp("13.09.2021")

"""ninoxkit.nx conditions evaluated in Python (``Condition.matches``): how values of each type
compare, as mutation testing found unpinned (``./scripts/mutation _nxquery``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from ninoxkit import InvalidArgumentError
from ninoxkit.nx import F, NXError

UTC = dt.UTC


@pytest.mark.parametrize(
    ("stored", "condition", "expected"),
    [
        (1, F("x") == True, False),  # noqa: E712 - a bool is no number, in either direction
        (True, F("x") == 1, False),
        (True, F("x") == True, True),  # noqa: E712
        (0, F("x") != False, True),  # noqa: E712
        (7, F("x") == 7.0, True),  # numbers compare by value
        (True, F("x") > 0, False),  # a bool has no order with numbers
        (1, F("x") > True, False),
        (5, F("x") > 3, True),
        ("b", F("x") > "a", True),
        ("b", F("x") > 1, False),  # text and numbers do not order
        (None, F("x") < 1, False),
        (2.5, F("x") == Decimal("2.5"), True),
        (120_000, F("x") == dt.timedelta(minutes=2), True),  # intervals in milliseconds
        (dt.timedelta(seconds=1), F("x") == 1000, True),
        (dt.timedelta(seconds=1), F("x") == 1, False),
        ("2024-01-02", F("x") == dt.date(2024, 1, 2), True),
        ("2024-01-02T03:04:05", F("x") == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), True),
        (
            "2024-01-02T03:04:05.250",
            F("x")
            == dt.datetime(2024, 1, 2, 5, 4, 5, 250_000, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            True,
        ),
        (dt.datetime(2024, 1, 2, 3, 4, 5, 250_000), F("x") == "2024-01-02T03:04:05.250", True),
        (dt.datetime(2024, 1, 2, 3, 4, 5), F("x") == "2024-01-02T03:04:05", True),
        ("08:30:00", F("x") == dt.time(8, 30), True),
        ("08:30:00.500", F("x") == dt.time(8, 30, 0, 500_000), True),
        ("08:30:00", F("x") >= dt.time(8, 30), True),
    ],
)
def test_matches_compares_like_ninox(stored: Any, condition: Any, expected: bool) -> None:
    assert condition.matches({"x": stored}) is expected


def test_a_condition_refuses_to_be_a_bool_and_says_what_to_do() -> None:
    with pytest.raises(TypeError) as info:
        bool(F("x") > 1)
    assert str(info.value) == (
        "a Condition has no truth value: combine conditions with &, | and ~ (not and/or/not),"
        " and use F(...).between(lo, hi) instead of a chained comparison"
    )


def test_contains_takes_text_only() -> None:
    with pytest.raises(NXError) as info:
        F("x").contains(5)  # type: ignore[arg-type]
    assert str(info.value) == "contains() takes text"


@pytest.mark.parametrize(
    ("stored", "text", "expected"),
    [
        ("Lisa Müller", "Müll", True),
        ("Lisa", "x", False),
        (None, "", True),  # an empty field contains only the empty text
        (None, "a", False),
        (12345, "234", True),  # a number by its digits
        (dt.date(2024, 1, 2), "2024-01", True),  # a date by its ISO text
    ],
)
def test_contains_matches_text_the_way_ninox_shows_it(
    stored: Any, text: str, expected: bool
) -> None:
    assert F("x").contains(text).matches({"x": stored}) is expected


def test_a_condition_shows_its_nx() -> None:
    assert repr(F("Score") > 5) == "Condition(\"('Score' > 5)\")"
    assert repr(F("Score")) == "F('Score')"


@pytest.mark.parametrize(
    ("stored", "condition", "expected"),
    [
        (3, F("x") < 5, True),
        (5, F("x") < 5, False),
        (2, F("x") <= 3, True),
        (5, F("x") <= 3, False),
        (3, F("x") != 3, False),
        (4, F("x") != 3, True),
        (2, F("x").in_([1, 2]), True),
        (2, F("x").in_([]), False),
    ],
)
def test_each_comparison_matches_its_own_operator(
    stored: Any, condition: Any, expected: bool
) -> None:
    assert condition.matches({"x": stored}) is expected


def test_alternatives_are_flattened_and_in_refuses_a_single_text() -> None:
    either = (F("a") == 1) | (F("b") == 2)
    assert str(either | (F("c") == 3)) == "(('a' = 1) or ('b' = 2) or ('c' = 3))"
    assert str(F("x").in_([])) == "false"
    with pytest.raises(InvalidArgumentError) as info:
        F("x").in_("ab")
    assert str(info.value) == "in_() takes a collection of values, not a single text"


def test_aware_datetimes_compare_in_utc_whatever_the_machines_zone() -> None:
    import os
    import time

    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        stored = dt.datetime(2024, 7, 1, 10, 0, tzinfo=UTC)
        assert (F("x") == "2024-07-01T10:00:00").matches({"x": stored}) is True
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()

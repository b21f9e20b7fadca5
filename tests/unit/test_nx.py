"""ninoxkit.nx: user data can never change an NX script (property-based)."""

from __future__ import annotations

import datetime as dt
import math
import re
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ninoxkit import nx

from tests.helpers import examples

_LITERAL = re.compile(r'"[^"\\\'{}\x00-\x1f\x7f]*"|urlDecode\("[A-Za-z0-9_.~%-]*"\)')


def evaluate_literal(text: str) -> str:
    """What NX makes of a string literal quote() wrote."""
    if text.startswith("urlDecode("):
        return unquote(text[len('urlDecode("') : -2], errors="strict")
    return text[1:-1]


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_any_text_becomes_one_closed_literal_of_the_same_text(text: str) -> None:
    quoted = nx.quote(text)
    assert _LITERAL.fullmatch(quoted), quoted  # nothing outside the literal, no way out of it
    assert evaluate_literal(quoted) == text


@pytest.mark.parametrize(
    "attack",
    [
        'x" ; delete (select Contact) ; "',
        'x" + text(first(select Secret).Password) + "',
        "line1\nline2\r\n",
        'back\\slash\\"',
        "{interpolation}",
        "'quoted name'",
        "\x00\x1b[31m",
        "---triple dash---",
    ],
)
def test_adversarial_strings_stay_data(attack: str) -> None:
    script = nx.script("select Contacts where Name = {v}", v=attack)
    head = "select Contacts where Name = "
    assert script.startswith(head)
    literal = script[len(head) :]
    assert _LITERAL.fullmatch(literal)
    assert evaluate_literal(literal) == attack


def test_plain_text_stays_readable() -> None:
    assert nx.quote("Lisa Müller") == '"Lisa Müller"'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (42, "42"),
        (-1.5, "-1.5"),
        (1e20, "100000000000000000000"),  # NX has no exponent notation
        (1e-05, "0.00001"),
        (dt.date(2024, 2, 29), "date(2024, 2, 29)"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "datetime(2024, 1, 2, 3, 4, 5, 0)"),
        (
            dt.datetime(2024, 1, 2, 5, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "datetime(2024, 1, 2, 3, 4, 5, 0)",
        ),
        (dt.time(8, 30), "time(8, 30, 0, 0)"),
        (dt.timedelta(minutes=2), "timeinterval(120000)"),
        ([1, "a", None], '[1, "a", null]'),
    ],
)
def test_values(value: object, expected: str) -> None:
    assert nx.quote(value) == expected


@pytest.mark.parametrize(
    "bad", [math.nan, math.inf, object(), b"x", [[1]], dt.datetime(2024, 1, 1)]
)
def test_values_nx_cannot_hold_are_refused(bad: object) -> None:
    with pytest.raises(nx.NXError):
        nx.quote(bad)


def test_names_are_quoted_and_refused_when_they_cannot_be() -> None:
    assert nx.name("First Name") == "'First Name'"
    for bad in ["", "it's", "a\nb"]:
        with pytest.raises(nx.NXError):
            nx.name(bad)


def test_script_checks_its_placeholders() -> None:
    assert nx.script("{{literal}} {x}", x=1) == "{literal} 1"
    with pytest.raises(nx.NXError, match="no value"):
        nx.script("{x} {y}", x=1)
    with pytest.raises(nx.NXError, match="without a placeholder"):
        nx.script("{x}", x=1, y=2)


def test_record_refs() -> None:
    assert nx.record_ref("A6") == ("A", 6)
    assert nx.record_ref("AB78670") == ("AB", 78670)
    for bad in ["6", "a6", "A0", "A6x", 6, None]:
        assert nx.record_ref(bad) is None

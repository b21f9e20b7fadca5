"""``ninoxkit._json.loads`` gives exactly what ``json.loads`` gives: the same values of the same
types (``7``, ``7.0`` and ``True`` apart, ``-0.0`` and NaN included) or the same error."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ninoxkit import _json

from tests.helpers import examples


def same(a: Any, b: Any) -> bool:
    """Equal, with equal types all the way down (NaN equals NaN; -0.0 is not 0.0). Iterative:
    some interpreters decode 2,000 levels of nesting, deeper than Python recursion goes."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, float):
            if not (math.isnan(x) and math.isnan(y)) and not (
                x == y and math.copysign(1, x) == math.copysign(1, y)
            ):
                return False
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y, strict=True))
        elif isinstance(x, dict):
            if list(x) != list(y):
                return False
            stack.extend((x[k], y[k]) for k in x)
        elif x != y:
            return False
    return True


def outcome(loads: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "value", loads(data)
    except Exception as exc:  # the error itself is compared
        return type(exc).__name__, str(exc)


def check(data: bytes) -> None:
    mine, theirs = outcome(_json.loads, data), outcome(json.loads, data)
    assert mine[0] == theirs[0], (data[:200], mine, theirs)
    if mine[0] == "value":
        assert same(mine[1], theirs[1]), (data[:200], mine[1], theirs[1])
    else:
        assert mine[1] == theirs[1]


scalars = (
    st.none()
    | st.booleans()
    | st.integers()  # far beyond 64 bits too
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None))  # lone surrogates included
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=20,
)


@settings(max_examples=examples(400))
@given(values, st.booleans(), st.sampled_from([None, 2]))
def test_any_json_text_decodes_exactly_as_json_loads(
    value: Any, ascii_only: bool, indent: int | None
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    # Not ASCII-only: a lone surrogate becomes bytes that are not UTF-8 (json.loads takes them).
    check(text.encode("utf-8", "surrogatepass"))


EDGES = [
    b'{"a": 1, "a": 2}',  # a duplicate key: the last one wins
    b"1e400",  # beyond a double: inf for json.loads, refused by orjson
    b"-1e400",
    b"NaN",
    b"[Infinity, -Infinity]",
    b"18446744073709551615",  # the largest integer orjson keeps exact
    b"18446744073709551616",  # one more: orjson would make it a float
    b"-9223372036854775809",
    b'{"id": 1, "fields": {"Phone": "00491701234567890123"}}',  # 19+ digits in a string
    b"123456789012345678901234567890.5",
    b'"\\ud800"',
    b'"\xed\xa0\x80"',
    b"\xef\xbb\xbf[1]",  # a UTF-8 byte-order mark
    '[1, "ä"]'.encode("utf-16"),
    '{"a": "ß"}'.encode("utf-32"),
    b"[" * 2000 + b"]" * 2000,  # deeper than orjson nests
    b"-0",
    b"-0.0",
    b"1.0",
    b"true",
    b" \t\n[1]\r\n",
    b"",
    b"[1,]",
    b"{'a': 1}",
    b"[1] x",
    b'"\x01"',  # a raw control character
    b"\xff",
    b"01",
    b"[1e5, 1E-5, 0.1, 5e-324]",
]


@pytest.mark.parametrize("data", EDGES, ids=[repr(e[:24]) for e in EDGES])
def test_edge_cases_decode_exactly_as_json_loads(data: bytes) -> None:
    check(data)


def test_without_orjson_everything_goes_to_json_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_json, "orjson", None)
    for data in EDGES:
        check(data)


def test_a_listing_page_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    orjson = pytest.importorskip("orjson")
    page = json.dumps(
        [{"id": i, "sequence": i, "fields": {"Name": f"n{i}", "Score": i / 3}} for i in range(500)]
    ).encode()
    calls = []

    class Counting:
        JSONDecodeError = orjson.JSONDecodeError

        @staticmethod
        def loads(data: bytes) -> Any:
            calls.append(len(data))
            return orjson.loads(data)

    monkeypatch.setattr(_json, "orjson", Counting)
    check(page)
    assert calls == [len(page)]

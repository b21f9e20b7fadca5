"""The body of a batch write, built without the generated models (issue #14: bulk-write CPU).

``records.create/update/upsert`` build each ``saveRecords`` item as a dict and encode fields of
plain JSON in one C-level check; these tests pin that the result is exactly what the generated
``RecordWrite.to_dict()`` and the per-field encoder give, so the shortcut cannot drift.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ninox_api.models import RecordFields, RecordWrite
from ninoxkit._async.resources.records import _write_json
from ninoxkit._batch import WriteItem
from ninoxkit._types import opt
from ninoxkit._values import FieldValueError, encode_fields, encode_value

ITEMS = [
    WriteItem(None, {"Name": "a", "n": 1}),
    WriteItem(7, {"Name": "b"}),
    WriteItem(8, {}, upsert=True),
    WriteItem(9, {"x": None}, upsert=False),
]


@pytest.mark.parametrize("item", ITEMS)
def test_an_item_is_what_the_generated_model_writes(item: WriteItem) -> None:
    fields = dict(item.fields)
    model = RecordWrite(
        fields=RecordFields.from_dict(fields),
        id=opt(item.id),
        field_upsert=opt(True if item.upsert else None),
    )
    built = _write_json(item, fields)
    assert built == model.to_dict()
    assert list(built) == list(model.to_dict())  # same keys in the same order: same bytes


def slow_encode(fields: dict[Any, Any]) -> dict[str, Any]:
    """What encode_fields does field by field (the path the fast check stands in for)."""
    out = {}
    for key, value in fields.items():
        if not isinstance(key, str) or not key:
            raise FieldValueError("bad key")
        out[key] = encode_value(value, None, None, where=f"field {key!r}")
    return out


plain = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
other = st.floats(allow_nan=True) | st.lists(st.integers(), max_size=2) | st.dates()
keys = st.text(max_size=3) | st.integers(0, 3)


@given(st.dictionaries(keys, plain | other, max_size=5))
def test_the_plain_json_fast_path_answers_as_the_field_by_field_encoder(
    fields: dict[Any, Any],
) -> None:
    try:
        want: Any = slow_encode(fields)
    except FieldValueError:
        want = FieldValueError
    try:
        got: Any = encode_fields(fields)
    except FieldValueError:
        got = FieldValueError
    assert got == want


def test_the_fast_path_copies_the_fields() -> None:
    fields = {"a": 1}
    out = encode_fields(fields)
    assert out == fields
    assert out is not fields

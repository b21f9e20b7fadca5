"""The pager's fast Record constructor equals the generated Record.from_dict (see _models)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ninox_api.models import RecordFields
from ninox_api.models import TableRecord as Record
from ninoxkit._models import RECORD_KEYS, page_ids, record_from_json, records_from_json

from tests.helpers import examples

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
optional = {
    "sequence": st.integers(),
    "createdAt": st.text(),
    "createdBy": st.text() | st.integers(),
    "modifiedAt": st.text(),
    "modifiedBy": st.text(),
}
field_maps = st.dictionaries(st.text(), json_values, max_size=6)
records = st.fixed_dictionaries(
    {"id": st.integers(min_value=1), "fields": field_maps},
    optional={**optional, **{f"extra{i}": json_values for i in range(3)}},
)
#: The shape Ninox sends for every record (all seven keys, nothing else): the fast path.
full_records = st.fixed_dictionaries(
    {"id": st.integers(min_value=1), "fields": field_maps, **optional}
)


def snapshot(record: Record) -> dict[str, Any]:
    """Every attribute, nested models included, for an exact comparison."""
    out = attrs.asdict(record, recurse=False)
    out["fields"] = attrs.asdict(record.fields)
    return out


@settings(max_examples=examples(300), deadline=None)
@given(records)
def test_fast_constructor_equals_from_dict(data: dict[str, Any]) -> None:
    fast, generated = record_from_json(data), Record.from_dict(data)
    assert snapshot(fast) == snapshot(generated)
    assert fast.to_dict() == generated.to_dict()


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(full_records | records, max_size=5))
def test_fast_page_equals_from_dict_for_the_plain_shape_too(page: list[dict[str, Any]]) -> None:
    fast = records_from_json(page)
    assert [snapshot(r) for r in fast] == [snapshot(Record.from_dict(d)) for d in page]


def test_the_fast_constructor_knows_every_field_of_the_generated_model() -> None:
    # If the spec adds a Record property, this fails until _models learns it.
    names = {f.name for f in attrs.fields(Record)} - {"additional_properties"}
    assert names == {
        "id",
        "fields",
        "sequence",
        "created_at",
        "created_by",
        "modified_at",
        "modified_by",
    }
    # The fast path sets the slots itself instead of calling __init__: that is only the same
    # while the models validate and convert nothing.
    for model in (Record, RecordFields):
        assert all(f.validator is None and f.converter is None for f in attrs.fields(model))
    assert len(RECORD_KEYS) == len(names)


def test_records_do_not_share_their_extra_keys_dict() -> None:
    first, second = records_from_json([{"id": 1, "fields": {}}, {"id": 2, "fields": {}}])
    first.additional_properties["x"] = 1
    assert second.additional_properties == {}


@pytest.mark.parametrize("bad", [{"fields": {}}, {"id": 1}, "x", {"id": 1, "fields": "x"}])
def test_odd_shapes_fail_like_the_generated_code(bad: Any) -> None:
    with pytest.raises((KeyError, TypeError, ValueError, AttributeError)) as fast:
        record_from_json(bad)
    with pytest.raises(type(fast.value)):
        Record.from_dict(bad)


def test_a_page_must_be_an_array() -> None:
    with pytest.raises(TypeError, match="JSON array"):
        records_from_json({"id": 1})


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(full_records | records, max_size=5))
def test_page_ids_accepts_every_record_page(page: list[dict[str, Any]]) -> None:
    assert page_ids(page) == [item["id"] for item in page]


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ({"id": 1, "fields": {}}, "JSON array"),
        (["x"], "item 0 is not a record"),
        ([{"id": 1, "fields": {}}, {"id": 2}], "item 1 is not a record"),
        ([{"id": 1, "fields": []}], "item 0 is not a record"),
        ([{"fields": {}}], "no integer 'id'"),
        ([{"id": "1", "fields": {}}], "no integer 'id'"),
        ([{"id": True, "fields": {}}], "no integer 'id'"),
    ],
)
def test_page_ids_refuses_what_is_not_a_page_of_records(bad: Any, why: str) -> None:
    # The pager checks a page whole before building any record of it.
    with pytest.raises(TypeError, match=why):
        page_ids(bad)

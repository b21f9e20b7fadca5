"""``record.fields`` is a real mutable mapping on every path that returns records (issue #16).

Both clients over httpx.MockTransport and the in-memory fake: the pager (iteration, ``pages()``,
``to_list()``), ``get``, ``find_one``, a write's answer and ``convert=True`` copies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, MutableMapping
from typing import Any

import httpx
import pytest
from ninoxkit import AsyncNinox, Ninox
from ninoxkit.types import Record, RecordFields

from tests.unit.fakeninox import DB, TEAM, FakeNinox


def sync_client(fake: FakeNinox) -> Ninox:
    http = httpx.Client(transport=httpx.MockTransport(fake))
    return Ninox(api_key="key", team_id=TEAM, database_id=DB, http_client=http)


def async_client(fake: FakeNinox) -> AsyncNinox:
    http = httpx.AsyncClient(transport=httpx.MockTransport(fake))
    return AsyncNinox(api_key="key", team_id=TEAM, database_id=DB, http_client=http)


def seeded() -> FakeNinox:
    fake = FakeNinox()
    fake.add("A", 3, Score=7)
    fake.records["A"][2]["Birthday"] = "1990-05-17"
    return fake


def assert_mapping(fields: Any, expected: dict[str, Any]) -> None:
    assert isinstance(fields, RecordFields)
    assert isinstance(fields, MutableMapping)
    assert dict(fields) == expected
    assert list(fields) == list(expected)
    assert len(fields) == len(expected)
    assert sorted(fields.keys()) == sorted(expected)
    assert dict(fields.items()) == expected
    assert list(fields.values()) == list(expected.values())
    assert fields == expected
    assert fields.get("No such field") is None
    assert fields.get("No such field", "-") == "-"


def test_the_generated_class_is_a_mutable_mapping() -> None:
    fields = RecordFields.from_dict({"Name": "Ada", "Score": 3})
    assert issubclass(RecordFields, Mapping)
    assert_mapping(fields, {"Name": "Ada", "Score": 3})
    assert "Name" in fields
    assert fields != {"Name": "Ada"}
    assert fields != "Ada"
    assert repr(fields) == "RecordFields({'Name': 'Ada', 'Score': 3})"
    assert {**fields} == {"Name": "Ada", "Score": 3}


def test_mutations_go_to_the_underlying_dict() -> None:
    fields = RecordFields.from_dict({"Name": "Ada"})
    fields["Score"] = 1
    fields.update({"Status": "Lead"}, Email="ada@example.com")
    assert fields.setdefault("Score", 9) == 1
    assert fields.pop("Email") == "ada@example.com"
    assert fields.pop("Email", None) is None
    del fields["Status"]
    assert fields.additional_properties == {"Name": "Ada", "Score": 1}
    assert fields.to_dict() == {"Name": "Ada", "Score": 1}
    fields.clear()
    assert fields == {}
    with pytest.raises(KeyError):
        fields.pop("Name")


def test_an_empty_field_is_absent_a_key_error_and_get_gives_none() -> None:
    # Ninox leaves empty fields out of an answer (reference §7.3); without the schema an absent
    # key cannot be told apart from a name that is not a field, so both act like a dict.
    fields = RecordFields.from_dict({"Name": "Tom"})
    with pytest.raises(KeyError, match="Birthday"):
        fields["Birthday"]
    assert fields.get("Birthday") is None


def test_records_compare_by_their_fields_as_before() -> None:
    one = Record(id=1, fields=RecordFields.from_dict({"Name": "Ada"}))
    two = Record(id=1, fields=RecordFields.from_dict({"Name": "Ada"}))
    assert one == two
    two.fields["Name"] = "Tom"
    assert one != two


def test_every_sync_path_returns_mapping_fields() -> None:
    fake = seeded()
    with sync_client(fake) as ninox:
        records = ninox.records
        listed = list(records.list(table="A"))
        assert [r.id for r in listed] == [1, 2, 3]
        assert_mapping(listed[1].fields, {"Name": "n2", "Score": 7, "Birthday": "1990-05-17"})
        for page in records.list(table="A", per_page=2).pages():
            for record in page:
                assert isinstance(record.fields, Mapping)
        assert_mapping(records.list(table="A").to_list()[0].fields, {"Name": "n1", "Score": 7})
        assert_mapping(records.get(record_id=3, table="A").fields, {"Name": "n3", "Score": 7})
        found = records.find_one({"Name": "n2"}, table="A")
        assert found is not None
        assert found.fields.get("Birthday") == "1990-05-17"
        created = records.create([{"Name": "Lisa"}], table="A")
        assert_mapping(created[0].fields, {"Name": "Lisa"})
        converted = records.get(record_id=2, table="A", convert=True)
        assert isinstance(converted.fields, MutableMapping)
        assert str(converted.fields.get("Birthday")) == "1990-05-17"


@pytest.mark.asyncio
async def test_every_async_path_returns_mapping_fields() -> None:
    fake = seeded()
    async with async_client(fake) as ninox:
        records = ninox.records
        listed = [r async for r in records.list(table="A")]
        assert_mapping(listed[0].fields, {"Name": "n1", "Score": 7})
        assert_mapping((await records.list(table="A").to_list())[2].fields, dict(listed[2].fields))
        assert_mapping((await records.get(record_id=2, table="A")).fields, dict(listed[1].fields))
        created = await records.create([{"Name": "Lisa"}], table="A")
        assert dict(created[0].fields) == {"Name": "Lisa"}


def test_updating_a_modified_record_writes_every_field_it_holds() -> None:
    # The documented semantics of ``records.update([record])``: the record's whole field mapping
    # is sent (what Ninox returned plus the change), not a diff.
    fake = seeded()
    with sync_client(fake) as ninox:
        record = ninox.records.get(record_id=2, table="A")
        record.fields["Score"] = 8
        ninox.records.update([record], table="A")
        sent = json.loads(fake.requests[-1].content)
        assert sent == [{"id": 2, "fields": {"Name": "n2", "Score": 8, "Birthday": "1990-05-17"}}]
        assert ninox.records.get(record_id=2, table="A").fields["Score"] == 8


def test_fields_of_one_record_create_another() -> None:
    # A mapping is what create takes, so records copy between tables without dict().
    fake = seeded()
    with sync_client(fake) as ninox:
        source = ninox.records.get(record_id=1, table="A")
        (copy,) = ninox.records.create([source.fields], table="A")
        assert copy.id != source.id
        assert copy.fields == source.fields

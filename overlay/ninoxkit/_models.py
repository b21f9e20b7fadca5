"""Fast construction of generated models on the hot path (listing pages, save answers; no I/O).

The generated ``Record.from_dict`` costs more per record than ``json.loads`` itself (a
function-level import and two dict copies per call; scripts/bench ``overhead_page_ratio``). A
listing builds hundreds of thousands of them, so the pager builds the same generated
``Record`` objects directly. ``tests/unit/test_models.py`` proves the result equals
``Record.from_dict`` on generated input and pins the model's fields, so a spec change cannot
make the two drift.
It uses only public generated names (the model classes, their attributes, ``UNSET``;
``tests/unit/test_generated_seams.py``). It is not a generated classmethod: one made by a
template has to import ``RecordFields`` inside the function, as ``from_dict`` does to survive
import cycles, and that import alone costs more per record than this whole constructor
(docs/pages/development.md, "Custom templates", has the measurement).

A page is checked whole (:func:`page_ids`) before any of its records is built, so a malformed
record fails the page before anything of it is yielded, and records can then be built one at a
time as they are consumed: a listing that builds a page's 1,000 model objects at once keeps
them all alive past a garbage-collector pass, which then has to walk them again in older
generations (scripts/bench ``list_100k_ratio`` measures it).

``record.fields`` is a real :class:`collections.abc.MutableMapping` (``get``, ``keys``,
``items``, ``dict(record.fields)``, ``==`` with a dict): importing ninoxkit gives the generated
``RecordFields`` the mapping methods over its ``additional_properties`` dict (see
:func:`_make_record_fields_a_mapping`). They live on the class, so every path that builds
records (the fast constructor here, the generated ``Record.from_dict`` behind ``records.get``,
converted copies) returns a mapping at no cost per record.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import ItemsView, Iterator, KeysView, Mapping, MutableMapping, ValuesView
from operator import itemgetter
from typing import Any

import attrs
from ninox_api.models import RecordFields
from ninox_api.models import TableRecord as Record
from ninox_api.types import UNSET, Unset

from ._values import format_timestamp, parse_timestamp

__all__ = [
    "RECORD_KEYS",
    "ConvertedRecord",
    "converted_record",
    "page_ids",
    "record_from_json",
    "records_from_json",
]

#: The JSON keys ``Record`` models; every other key goes to ``additional_properties``.
RECORD_KEYS = frozenset(
    {"id", "fields", "sequence", "createdAt", "createdBy", "modifiedAt", "modifiedBy"}
)

_RECORD_KEY_COUNT = len(RECORD_KEYS)
_new = object.__new__
_get_id = itemgetter("id")
_get_fields = itemgetter("fields")
_INT = frozenset({int})
_DICT = frozenset({dict})
_MISSING: Any = object()


def _make_record_fields_a_mapping() -> None:
    """Give the generated ``RecordFields`` the full mutable-mapping interface.

    The generated class has ``__getitem__``, ``__setitem__``, ``__delitem__`` and
    ``__contains__`` but no ``__iter__``, ``keys()`` or ``__len__``: ``dict(record.fields)`` and
    ``list(record.fields)`` then fell back to the old sequence protocol and raised
    ``KeyError: 0`` (issue #16). Generated code is never edited by hand, so the overlay adds the
    methods to the class once, delegating to the ``additional_properties`` dict, and registers
    it as a ``MutableMapping``. Semantics are exactly a dict's: Ninox leaves empty fields out of
    an answer, so a missing key raises ``KeyError`` and ``get()`` gives ``None``.
    """

    def __iter__(self: RecordFields) -> Iterator[str]:
        return iter(self.additional_properties)

    def __len__(self: RecordFields) -> int:
        return len(self.additional_properties)

    def keys(self: RecordFields) -> KeysView[str]:
        return self.additional_properties.keys()

    def items(self: RecordFields) -> ItemsView[str, Any]:
        return self.additional_properties.items()

    def values(self: RecordFields) -> ValuesView[Any]:
        return self.additional_properties.values()

    def get(self: RecordFields, key: str, default: Any = None) -> Any:
        return self.additional_properties.get(key, default)

    def pop(self: RecordFields, key: str, default: Any = _MISSING) -> Any:
        if default is _MISSING:
            return self.additional_properties.pop(key)
        return self.additional_properties.pop(key, default)

    def setdefault(self: RecordFields, key: str, default: Any = None) -> Any:
        return self.additional_properties.setdefault(key, default)

    def __eq__(self: RecordFields, other: object) -> bool:
        if isinstance(other, RecordFields):
            return self.additional_properties == other.additional_properties
        if isinstance(other, Mapping):
            return self.additional_properties == dict(other.items())
        return NotImplemented

    def __ne__(self: RecordFields, other: object) -> bool:
        equal = __eq__(self, other)
        return equal if equal is NotImplemented else not equal

    def __repr__(self: RecordFields) -> str:
        return f"RecordFields({self.additional_properties!r})"

    own = (__iter__, __len__, keys, items, values, get, pop, setdefault, __eq__, __ne__, __repr__)
    for method in own:
        method.__qualname__ = f"RecordFields.{method.__name__}"  # what help() and tracebacks show
        setattr(RecordFields, method.__name__, method)
    # The remaining mixin methods work through the ones above.
    for name in ("popitem", "clear", "update"):
        setattr(RecordFields, name, getattr(MutableMapping, name))
    MutableMapping.register(RecordFields)


_make_record_fields_a_mapping()


def page_ids(data: Any) -> list[int]:
    """The record ids of a page (a JSON array of records), checking its shape.

    Every item must be an object with an integer ``id`` and a ``fields`` object; then
    :func:`record_from_json` cannot fail on it.

    Raises:
        TypeError: the page is not an array, or an item is not a record.
    """
    if type(data) is not list:
        raise TypeError(f"expected a JSON array of records, got {type(data).__name__}")
    try:
        # Decoded JSON holds dicts, lists, strings and scalars: only a dict has string keys.
        ids = list(map(_get_id, data))
        if set(map(type, ids)) <= _INT and set(map(type, map(_get_fields, data))) <= _DICT:
            return ids
    except (KeyError, TypeError):
        pass
    for index, item in enumerate(data):  # find the bad item, for the message
        if type(item) is not dict or type(item.get("fields")) is not dict:
            raise TypeError(f"item {index} is not a record object with a 'fields' object")
        if type(item.get("id")) is not int:
            raise TypeError(f"item {index} has no integer 'id' (got {item.get('id')!r})")
    raise AssertionError("unreachable: a page that failed the check has a bad item")


def record_from_json(item: Any) -> Record:
    """Build a ``Record`` from decoded JSON exactly as ``Record.from_dict`` would.

    The record's ``fields`` object becomes its field mapping without a copy: the pager passes
    freshly decoded JSON that nothing else holds (``from_dict`` copies because it cannot know).
    Anything that is not the plain shape goes to :func:`_record_from_json`.
    """
    # What Ninox sends for every record (§7.1): exactly the seven keys, ``fields`` an object.
    # Seven successful lookups in a dict of seven keys prove there is no other key.
    if (
        type(item) is dict
        and len(item) == _RECORD_KEY_COUNT
        and type(fields_json := item.get("fields")) is dict
    ):
        # The slots are set directly: what the attrs ``__init__`` does (the models have no
        # validators or converters), without a second Python call per record.
        record = _new(Record)
        try:
            record.id = item["id"]
            record.sequence = item["sequence"]
            record.created_at = item["createdAt"]
            record.created_by = item["createdBy"]
            record.modified_at = item["modifiedAt"]
            record.modified_by = item["modifiedBy"]
        except KeyError:
            pass
        else:
            fields = _new(RecordFields)
            fields.additional_properties = fields_json
            record.fields = fields
            record.additional_properties = {}
            return record
    return _record_from_json(item)


def records_from_json(data: Any) -> list[Record]:
    """A page of records (a JSON array), built with :func:`record_from_json`.

    Raises:
        TypeError: the page is not a JSON array.
    """
    if type(data) is not list:
        raise TypeError(f"expected a JSON array of records, got {type(data).__name__}")
    return list(map(record_from_json, data))


def _record_from_json(data: Any) -> Record:
    """One record of any other shape: keys missing or extra, or not the plain shape at all
    (not a dict, no ``id`` or ``fields``, ``fields`` not an object: those go to
    ``Record.from_dict`` so errors are the generated code's own)."""
    if type(data) is not dict:
        return Record.from_dict(data)
    fields_json = data.get("fields")
    if type(fields_json) is not dict or "id" not in data:
        return Record.from_dict(data)
    fields = RecordFields()
    fields.additional_properties = fields_json
    get = data.get
    record = Record(
        id=data["id"],
        fields=fields,
        sequence=get("sequence", UNSET),
        created_at=get("createdAt", UNSET),
        created_by=get("createdBy", UNSET),
        modified_at=get("modifiedAt", UNSET),
        modified_by=get("modifiedBy", UNSET),
    )
    if not RECORD_KEYS.issuperset(data):
        record.additional_properties = {k: v for k, v in data.items() if k not in RECORD_KEYS}
    return record


# The overrides narrow the generated ``X | Unset`` types to what a converted record holds.
@attrs.define
class ConvertedRecord(Record):
    """A record read with ``convert=True``: field values converted by the table's types, and
    its metadata typed: ``created_at`` / ``modified_at`` are aware UTC datetimes (Ninox sends
    zone-less UTC text, reference §7.1), and metadata Ninox did not send is ``None``.

    ``to_dict()`` writes the times back in Ninox's form (``YYYY-MM-DDThh:mm:ss``, UTC).
    """

    sequence: int | None = None  # type: ignore[assignment]
    created_at: _dt.datetime | None = None  # type: ignore[assignment]
    created_by: str | None = None  # type: ignore[assignment]
    modified_at: _dt.datetime | None = None  # type: ignore[assignment]
    modified_by: str | None = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        """The record as Ninox's JSON keys (field values as converted)."""
        out = super().to_dict()
        for key in ("sequence", "createdAt", "createdBy", "modifiedAt", "modifiedBy"):
            value = out.get(key)
            if value is None:
                out.pop(key, None)
            elif isinstance(value, _dt.datetime):
                out[key] = format_timestamp(value)
        return out


def converted_record(record: Record, fields: dict[str, Any]) -> ConvertedRecord:
    """``record`` with converted ``fields`` and typed metadata.

    Raises:
        FieldValueError: ``createdAt`` / ``modifiedAt`` is no Ninox timestamp.
    """
    converted = RecordFields()
    converted.additional_properties = fields
    copy = ConvertedRecord(
        id=record.id,
        fields=converted,
        sequence=_known(record.sequence),
        created_at=_when(record.created_at),
        created_by=_known(record.created_by),
        modified_at=_when(record.modified_at),
        modified_by=_known(record.modified_by),
    )
    copy.additional_properties = dict(record.additional_properties)
    return copy


def _known(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


def _when(value: Any) -> _dt.datetime | None:
    if isinstance(value, Unset) or value is None or value == "":
        return None
    return parse_timestamp(value)

"""Fast construction of generated models on the hot path (listing pages; no I/O).

The generated ``Record.from_dict`` costs about twice ``json.loads`` per record (a function-level
import and two dict copies per call; scripts/bench ``overhead_page_ratio``). A listing builds
hundreds of thousands of them, so the pager builds the same generated ``Record`` objects
directly. ``tests/unit/test_models.py`` proves the result equals ``Record.from_dict`` on
generated input and pins the model's fields, so a spec change cannot make the two drift.
"""

from __future__ import annotations

from typing import Any

from ninox_api.models import Record, RecordFields
from ninox_api.types import UNSET

__all__ = ["RECORD_KEYS", "records_from_json"]

#: The JSON keys ``Record`` models; every other key goes to ``additional_properties``.
RECORD_KEYS = frozenset(
    {"id", "fields", "sequence", "createdAt", "createdBy", "modifiedAt", "modifiedBy"}
)

_RECORD_KEY_COUNT = len(RECORD_KEYS)
_new = object.__new__


def records_from_json(data: Any) -> list[Record]:
    """A page of records (a JSON array), each built exactly as ``Record.from_dict`` would.

    A record's ``fields`` object becomes its field mapping without a copy: the pager passes
    freshly decoded JSON that nothing else holds (``from_dict`` copies because it cannot know).
    The loop is inlined (no call per record) because a listing runs it for every record of the
    table; anything but the plain shape goes to :func:`_record_from_json`.

    Raises:
        TypeError: the page is not a JSON array.
    """
    if type(data) is not list:
        raise TypeError(f"expected a JSON array of records, got {type(data).__name__}")
    out: list[Record] = []
    append = out.append
    for item in data:
        # What Ninox sends for every record (§7.1): exactly the seven keys, ``fields`` an
        # object. Seven successful lookups in a dict of seven keys prove there is no other key.
        if (
            type(item) is dict
            and len(item) == _RECORD_KEY_COUNT
            and type(fields_json := item.get("fields")) is dict
        ):
            # The slots are set directly: what the attrs ``__init__`` does (the models have no
            # validators or converters), without a Python call per record.
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
                append(record)
                continue
        append(_record_from_json(item))
    return out


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

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

__all__ = ["RECORD_KEYS", "record_from_json", "records_from_json"]

#: The JSON keys ``Record`` models; every other key goes to ``additional_properties``.
RECORD_KEYS = frozenset(
    {"id", "fields", "sequence", "createdAt", "createdBy", "modifiedAt", "modifiedBy"}
)


def record_from_json(data: Any) -> Record:
    """Build a ``Record`` from decoded JSON exactly as ``Record.from_dict`` would.

    ``data["fields"]`` becomes the record's field mapping without a copy: the pager passes
    freshly decoded JSON that nothing else holds (``from_dict`` copies because it cannot know).
    Anything that is not the plain shape (not a dict, no ``id`` or ``fields``, ``fields`` not an
    object) goes to ``Record.from_dict`` so errors are the generated code's own.
    """
    if type(data) is not dict or "id" not in data or type(data.get("fields")) is not dict:
        return Record.from_dict(data)
    fields = RecordFields()
    fields.additional_properties = data["fields"]
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


def records_from_json(data: Any) -> list[Record]:
    """A page of records (a JSON array), built with :func:`record_from_json`.

    Raises:
        TypeError: the page is not a JSON array.
    """
    if type(data) is not list:
        raise TypeError(f"expected a JSON array of records, got {type(data).__name__}")
    return [record_from_json(item) for item in data]

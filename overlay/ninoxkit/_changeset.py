"""Change sets as users read them: records keyed by field name, typed metadata (no I/O).

Ninox's change sets (reference §4.17) come in two shapes, and both are read:

- what Ninox's own clients store and the change routes send (§13, first row): ``updates``
  entries are flat objects keyed by **field id**, with ``_cd``/``_cu``/``_md``/``_mu``/``_sq``
  (created at, created by, modified at, modified by, sequence); the top level also carries
  ``config`` and ``nextRids``::

      {"seq": 42, "updates": {"A6": {"A": "Lisa", "C": 3, "_cd": 1700000000000, "_cu": "u1",
                                     "_md": "2024-01-02T03:04:05", "_mu": "u1", "_sq": 42}},
       "removes": ["A7"], "files": [], "config": {…}, "nextRids": {"A": 8}}

- the older description (MindCloud, §4.17): ``{"fields": {<name>: …}, "sequence",
  "modifiedAt", "modifiedBy"}`` per entry.

A record key is ``"<tableId><recordId>"`` (``"A6"``, as NX writes references, §4.6) or a plain
record id; field ids become captions through the table's schema (an id the schema does not know
stays as it is). Times arrive as epoch milliseconds or as ISO text without a zone, which means
UTC (§7.1); both become aware UTC datetimes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import attrs

from ._schema import TableInfo
from ._values import FieldValueError, _show, parse_timestamp
from .nx import record_ref

__all__ = [
    "ChangeBatch",
    "ChangeSetShapeError",
    "RecordChange",
    "RecordKey",
    "entry_is_flat",
    "parse_change_set",
]

#: Metadata keys of a flat entry (§13) → RecordChange attribute.
_META = {
    "_cd": "created_at",
    "_cu": "created_by",
    "_md": "modified_at",
    "_mu": "modified_by",
    "_sq": "sequence",
}
#: Top-level keys that carry no change of their own (bookkeeping sent with every change set).
_BOOKKEEPING = frozenset({"seq", "nextRid", "nextRids", "config"})


class ChangeSetShapeError(ValueError):
    """A change set does not have a shape this SDK can read faithfully (the resource turns it
    into :class:`~ninoxkit.APIResponseValidationError`)."""


class RecordKey(NamedTuple):
    """Which record: its table id (``None`` when Ninox sent a plain record id on database
    level, where the table cannot be known) and its record id."""

    table_id: str | None
    record_id: int


@attrs.frozen
class RecordChange:
    """One created or changed record of a change set.

    Attributes:
        key: The record key as Ninox sent it (``"A6"`` or ``"6"``).
        table_id: The record's table id (``None`` if Ninox did not say and no table was asked).
        record_id: The record id.
        fields: The changed field values, keyed by field caption (raw JSON values, or Python
            values with ``convert=True``). A field id the schema does not know stays an id.
        sequence: The database sequence number of this change.
        created_at: When the record was created, an aware UTC datetime.
        created_by: Who created it (user id).
        modified_at: When it was last changed, an aware UTC datetime.
        modified_by: Who changed it last (user id).
        raw: The entry exactly as Ninox sent it.
    """

    key: str
    table_id: str | None
    record_id: int
    fields: Mapping[str, Any]
    sequence: int | None = None
    created_at: _dt.datetime | None = None
    created_by: str | None = None
    modified_at: _dt.datetime | None = None
    modified_by: str | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False)


@attrs.frozen
class ChangeBatch:
    """What changed after a sequence number (``client.changes.since()``; reference §4.17).

    Attributes:
        seq: The database's sequence number now; pass it as ``since_sq`` next time.
        updates: Created or changed records, by record key as sent (``"A6"``).
        removes: Removed records.
        files: Changed files (as sent).
        views: Changed views (as sent; database and table level only).
        reports: Changed reports (as sent; database and table level only).
        config: The ``config`` object Ninox sends with change sets (as sent), or ``None``.
        next_rid: The next record id (older shape), or ``None``.
        next_rids: Next record id per table id (``nextRids``), as sent.
        raw: The whole change set exactly as Ninox sent it.
    """

    seq: int
    updates: Mapping[str, RecordChange] = attrs.field(factory=dict)
    removes: tuple[RecordKey, ...] = ()
    files: list[Any] = attrs.field(factory=list)
    views: Mapping[str, Any] = attrs.field(factory=dict)
    reports: Mapping[str, Any] = attrs.field(factory=dict)
    config: Any = None
    next_rid: int | None = None
    next_rids: Mapping[str, Any] = attrs.field(factory=dict)
    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False)

    @property
    def has_changes(self) -> bool:
        """Whether anything changed: records updated or removed, files, views, reports, or a
        top-level key this SDK does not know (§4.17 documents no complete list). ``config`` and
        the next-id counters alone are no change."""
        return any(v for k, v in self.raw.items() if k not in _BOOKKEEPING)

    def to_dict(self) -> dict[str, Any]:
        """The change set as Ninox sent it (JSON-ready; field ids and times unconverted)."""
        return dict(self.raw)


def entry_is_flat(entry: Any) -> bool:
    """Whether an ``updates`` entry has the flat, field-id-keyed shape (§13), which needs the
    schema to name its fields."""
    return isinstance(entry, dict) and not isinstance(entry.get("fields"), dict)


def parse_key(key: Any, table_id: str | None) -> RecordKey:
    """Read a record key: ``"A6"``, a plain id (``"6"`` or ``6``) of the asked table.

    Raises:
        ChangeSetShapeError: it is neither, or names another table than the one asked.
    """
    if type(key) is int and key > 0:
        return RecordKey(table_id, key)
    if isinstance(key, str):
        if key.isascii() and key.isdigit() and len(key) <= 16 and int(key) > 0:
            return RecordKey(table_id, int(key))
        ref = record_ref(key)
        if ref is not None:
            if table_id is not None and ref[0] != table_id:
                raise ChangeSetShapeError(
                    f"record key {key!r} names table {ref[0]}, but table {table_id}'s changes "
                    "were asked for"
                )
            return RecordKey(ref[0], ref[1])
    raise ChangeSetShapeError(f"{_show(key)} is no record key (expected e.g. 'A6' or a record id)")


def parse_change_set(
    data: Any,
    *,
    table_id: str | None = None,
    table_info: Callable[[str], TableInfo | None] = lambda _tid: None,
    convert: bool = False,
) -> ChangeBatch:
    """Read a change set's JSON (either shape, see the module docstring).

    Args:
        data: The decoded JSON body.
        table_id: The table asked for (table and record level), for plain record keys.
        table_info: Table id → its schema (``None`` if unknown); names flat entries' fields and,
            with ``convert``, converts their values.
        convert: Turn field values into Python types by the fields' types.

    Raises:
        ChangeSetShapeError: the body is no change set, or a part of it has a shape that cannot
            be read faithfully (a bad key, a non-integer sequence, an unreadable time).
        FieldValueError: with ``convert``, a value does not fit its field's type.
    """
    if not isinstance(data, dict):
        raise ChangeSetShapeError(f"expected a JSON object, got {type(data).__name__}")
    seq = data.get("seq")
    if type(seq) is not int or seq < 0:
        raise ChangeSetShapeError(f"'seq' must be a non-negative integer, got {_show(seq)}")
    updates_json = _object(data, "updates")
    updates: dict[str, RecordChange] = {}
    for key, entry in updates_json.items():
        where = parse_key(key, table_id)
        info = table_info(where.table_id) if where.table_id is not None else None
        updates[key] = _record_change(str(key), where, entry, info, convert)
    removes_json = data.get("removes") or []
    if not isinstance(removes_json, list):
        raise ChangeSetShapeError(f"'removes' must be an array, got {_show(removes_json)}")
    files = data.get("files") or []
    if not isinstance(files, list):
        raise ChangeSetShapeError(f"'files' must be an array, got {_show(files)}")
    next_rid = data.get("nextRid")
    if next_rid is not None and type(next_rid) is not int:
        raise ChangeSetShapeError(f"'nextRid' must be an integer, got {_show(next_rid)}")
    return ChangeBatch(
        seq=seq,
        updates=updates,
        removes=tuple(parse_key(key, table_id) for key in removes_json),
        files=files,
        views=_object(data, "views"),
        reports=_object(data, "reports"),
        config=data.get("config"),
        next_rid=next_rid,
        next_rids=_object(data, "nextRids"),
        raw=data,
    )


def _object(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ChangeSetShapeError(f"{key!r} must be an object, got {type(value).__name__}")
    return value


def _record_change(
    key: str, where: RecordKey, entry: Any, info: TableInfo | None, convert: bool
) -> RecordChange:
    if not isinstance(entry, dict):
        raise ChangeSetShapeError(f"update {key!r} is no object: {_show(entry)}")
    meta: dict[str, Any] = {}
    if entry_is_flat(entry):
        fields: dict[str, Any] = {}
        for name, value in entry.items():
            if name in _META:
                meta[_META[name]] = value
            elif not name.startswith("_"):  # other internals (``_id`` …) stay in ``raw``
                field = info.fields.get(name) if info is not None else None
                fields[field.name if field is not None else name] = value
    else:
        fields = dict(entry["fields"])
        meta = {
            "sequence": entry.get("sequence"),
            "created_at": entry.get("createdAt"),
            "created_by": entry.get("createdBy"),
            "modified_at": entry.get("modifiedAt"),
            "modified_by": entry.get("modifiedBy"),
        }
    if convert and info is not None:
        fields = info.decode(fields)
    try:
        return RecordChange(
            key=key,
            table_id=where.table_id,
            record_id=where.record_id,
            fields=fields,
            sequence=_sequence(meta.get("sequence"), key),
            created_at=_when(meta.get("created_at")),
            created_by=_user(meta.get("created_by"), key),
            modified_at=_when(meta.get("modified_at")),
            modified_by=_user(meta.get("modified_by"), key),
            raw=entry,
        )
    except FieldValueError as exc:
        raise ChangeSetShapeError(f"update {key!r}: {exc}") from None


def _sequence(value: Any, key: str) -> int | None:
    if value is None or (type(value) is int and value >= 0):
        return value
    raise ChangeSetShapeError(
        f"update {key!r}: the sequence must be an integer, got {_show(value)}"
    )


def _when(value: Any) -> _dt.datetime | None:
    # Epoch milliseconds (what Ninox's clients store) or zone-less UTC text (§7.1).
    return None if value is None or value == "" else parse_timestamp(value)


def _user(value: Any, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if type(value) is int:  # one client types user ids as numbers (§7.1, DVB)
        return str(value)
    raise ChangeSetShapeError(f"update {key!r}: a user id must be text, got {_show(value)}")

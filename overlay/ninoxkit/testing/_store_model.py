"""The emulator's data model: teams, databases, tables, fields, records, files (see :mod:`._store`).

Plain dataclasses; values are stored keyed by field id. Each table keeps its record ids in a
sorted list so the default listing (id order, optionally after ``sinceId``) touches one page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._clock import column_id, epoch_ms
from ._errors import ApiError

__all__ = [
    "COMPUTED",
    "FIELD_TYPES",
    "MAX_ID",
    "Database",
    "Field",
    "ListQuery",
    "Record",
    "StoredFile",
    "Table",
    "Team",
]

#: Field ``base`` values of the Ninox schema (reference §7.4, §13). ``fn`` (formula, code in
#: ``fn``) and ``rev`` (reverse link, ``reverseField``) are read-only; ``ref`` is a link to the
#: table whose id is in ``ref``.
FIELD_TYPES = frozenset(
    {
        "string", "html", "number", "boolean", "choice", "multi", "date", "time", "timestamp",
        "timeinterval", "appointment", "file", "link", "email", "phone", "location", "color",
        "icon", "user", "fn", "ref", "rev",
    }
)  # fmt: skip
#: Computed fields: never returned by the record routes, only through NX (reference §13).
COMPUTED = frozenset({"fn", "rev"})
MAX_ID = 2**53  # ids beyond what JSON numbers carry exactly would not round-trip


@dataclass
class Field:
    """One field of a table (schema ``types.X.fields.Y``)."""

    id: str
    caption: str
    base: str
    order: int
    values: dict[str, str] = field(default_factory=dict)  # choice option id -> caption
    extra: dict[str, Any] = field(default_factory=dict)  # schema keys kept verbatim

    def option_id(self, value: Any) -> str | None:
        """Resolve a choice value given as caption or option id (str or int)."""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return None
        key = str(value)
        if isinstance(value, str):
            for oid, caption in self.values.items():
                if caption == value:
                    return oid
        return key if key in self.values else None


@dataclass
class StoredFile:
    """A file attached to a record."""

    name: str
    content: bytes
    content_type: str
    modified: dt.datetime
    user: str
    seq: int

    def meta(self) -> dict[str, Any]:
        """FileMeta as the contract describes it (reference §4.16)."""
        return {
            "name": self.name,
            "contentType": self.content_type,
            "size": len(self.content),
            "modifiedDate": epoch_ms(self.modified),
            "modifiedUser": self.user,
            "seq": self.seq,
        }


@dataclass
class Record:
    """One record; ``values`` is keyed by field id."""

    id: int
    sequence: int
    created_at: dt.datetime
    created_by: str
    modified_at: dt.datetime
    modified_by: str
    values: dict[str, Any] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)


@dataclass
class Table:
    """A table with its fields and records."""

    id: str
    caption: str
    order: int
    fields: dict[str, Field] = field(default_factory=dict)
    next_field_id: int = 0
    records: dict[int, Record] = field(default_factory=dict)
    ids: list[int] = field(default_factory=list)  # sorted record ids, for O(page) paging
    next_rid: int = 1
    removed: dict[int, int] = field(default_factory=dict)  # record id -> seq of the delete
    extra: dict[str, Any] = field(default_factory=dict)
    #: Record id -> (what its JSON was rendered from, the JSON text): see
    #: ``RecordStore.render_records_json``. Not data: never compared, copied or saved.
    rendered: dict[int, tuple[tuple[Any, ...], str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def field(self, key: str) -> Field | None:
        """Find a field by id, then by caption (both are accepted, reference §4.12/§4.9)."""
        found = self.fields.get(key)
        if found is not None:
            return found
        for candidate in self.fields.values():
            if candidate.caption == key:
                return candidate
        return None

    def fields_by_key(self) -> dict[str, Field]:
        """What :meth:`field` finds, for every key at once (a batch looks up each item's keys):
        ids first, then captions (the first field of a caption)."""
        found = {fld.caption: fld for fld in reversed(self.fields.values())}
        found.update(self.fields)
        return found

    def add_field(
        self,
        caption: str,
        base: str,
        choices: Iterable[Any] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> Field:
        """Append a field with the next free id (``extra``: schema keys such as ``ref``, ``fn``)."""
        if base not in FIELD_TYPES:
            raise ApiError(422, f"unknown field type {base!r}")
        fid = column_id(self.next_field_id)
        self.next_field_id += 1
        fld = Field(
            id=fid, caption=caption, base=base, order=len(self.fields), extra=dict(extra or {})
        )
        for n, choice in enumerate(choices, start=1):
            if isinstance(choice, Mapping):
                fld.values[str(choice.get("id", n))] = str(choice["caption"])
            else:
                fld.values[str(n)] = str(choice)
        self.fields[fid] = fld
        return fld


@dataclass
class Database:
    """A database: schema, records, views, reports and the change sequence."""

    id: str
    name: str
    settings: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    seq: int = 0
    version: int = 1
    next_type_id: int = 0
    schema_extra: dict[str, Any] = field(default_factory=dict)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    shares: dict[str, dict[str, Any]] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    report_files: dict[str, dict[str, tuple[bytes, str]]] = field(default_factory=dict)
    report_seq: dict[str, int] = field(default_factory=dict)
    password: str | None = None
    schema_seq: int = 0  # sequence of the last schema change (0: as loaded)

    def table(self, key: str) -> Table:
        """Find a table by id, then by caption (names work in paths, reference §7.2)."""
        found = self.tables.get(key)
        if found is not None:
            return found
        for candidate in self.tables.values():
            if candidate.caption == key:
                return candidate
        raise ApiError(404, f"table not found: {key}")

    def add_table(self, caption: str) -> Table:
        """Append a table with the next free id."""
        tid = column_id(self.next_type_id)
        self.next_type_id += 1
        tbl = Table(id=tid, caption=caption, order=len(self.tables))
        self.tables[tid] = tbl
        return tbl


@dataclass
class Team:
    """A team (workspace) with its databases."""

    id: str
    name: str
    databases: dict[str, Database] = field(default_factory=dict)


@dataclass(frozen=True)
class ListQuery:
    """Parsed list parameters for :meth:`Store.list_records` (reference §4.9)."""

    page: int = 0
    per_page: int = 100
    order: Field | None = None
    desc: bool = False
    new: bool = False
    updated: bool = False
    since_id: int | None = None
    since_sq: int | None = None
    filters: tuple[tuple[Field, Any], ...] = ()

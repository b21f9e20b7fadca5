"""In-memory Ninox data: teams, databases, schema, records, files, views, reports, change sets.

Everything lives in plain dicts and lists. Each table keeps its record ids in a sorted list so the
default listing (id order, optionally after ``sinceId``) touches only one page of records.
Values are stored keyed by field id; names are applied when a record is rendered.
"""

from __future__ import annotations

import base64
import bisect
import copy
import datetime as dt
import json
import math
import mimetypes
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ._clock import Clock, column_id, column_index, derived_id, epoch_ms, format_ts
from ._errors import ApiError
from ._when import WhenError, normalise_when

__all__ = [
    "COMPUTED",
    "FIELD_TYPES",
    "Database",
    "Field",
    "Record",
    "Store",
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
_TEXTUAL = frozenset(
    {"string", "html", "link", "email", "phone", "location", "color", "icon", "user", "file"}
)
#: Types whose values are text in a fixed form (reference §7.3), checked by ``_when``.
_WHEN = frozenset({"date", "time", "timestamp", "timeinterval", "appointment"})
_MAX_ID = 2**53  # ids beyond what JSON numbers carry exactly would not round-trip


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

    def field(self, key: str) -> Field | None:
        """Find a field by id, then by caption (both are accepted, reference §4.12/§4.9)."""
        found = self.fields.get(key)
        if found is not None:
            return found
        for candidate in self.fields.values():
            if candidate.caption == key:
                return candidate
        return None

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


# --------------------------------------------------------------------------- value conversion


def coerce_value(fld: Field, value: Any) -> Any:
    """Check and normalise a value written to ``fld``; raise 422 when it does not fit.

    JSON types follow reference §7.3 (and §10/§13 for what the classic docs leave out); ``null``
    clears a field. Date and time text is read and stored by :mod:`._when` (the emulator's own
    reading of the reference; it shares no code with the SDK). Where sources conflict, every
    documented variant is accepted.
    """
    if value is None:
        return None
    base = fld.base
    bad = ApiError(422, f"invalid value for field {fld.caption!r} ({base}): {_short(value)}")
    if base in COMPUTED:
        what = "a formula" if base == "fn" else "a reverse link"
        raise ApiError(422, f"field {fld.caption!r} is {what} and cannot be written")
    if base in _TEXTUAL:
        if not isinstance(value, str):
            raise bad
        return value
    if base == "number":
        if isinstance(value, bool):
            raise bad
        if isinstance(value, str):
            # A numeric string is accepted (Ninox 4 documents it, §10); ASCII digits only
            # (int() and float() also take other scripts' digits, which no client means).
            text = value.strip()
            if not text.isascii():
                raise bad
            try:
                value = float(text) if any(c in text for c in ".eEnN") else int(text)
            except ValueError:
                raise bad from None
        if isinstance(value, int):
            # Checked before math.isfinite, which raises OverflowError on a huge int.
            if abs(value) > _MAX_ID:
                try:
                    value = float(value)
                except OverflowError:
                    raise bad from None
        elif not isinstance(value, float) or not math.isfinite(value):
            raise bad
        return value
    if base == "boolean":
        if not isinstance(value, bool):
            raise bad
        return value
    if base == "ref":
        # A link's value is the linked record's id, a number (reference §13); a digit string
        # is tolerated like string record ids (§13, ninoxjs).
        if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
            value = int(value.strip())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_ID:
            raise bad
        return value
    if base == "choice":
        oid = fld.option_id(value)
        if oid is None:
            raise bad
        return oid
    if base == "multi":
        items = value if isinstance(value, list) else [value]
        out: list[str] = []
        for item in items:
            oid = fld.option_id(item)
            if oid is None:
                raise bad
            if oid not in out:
                out.append(oid)
        return out
    if base in _WHEN and not (isinstance(value, str) and not value.strip()):
        try:
            return normalise_when(base, value)
        except WhenError:
            raise bad from None
    raise bad


def record_id_value(value: Any) -> int | None:
    """A record id written as a JSON number or a digit string (``"id": "1"``, ninoxjs, §13)."""
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 20:
            return None
        value = int(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def render_value(fld: Field, stored: Any, choice_ids: bool) -> Any:
    """Turn a stored value into its JSON form; choices by caption or option id (``choiceStyle``)."""
    if fld.base == "choice" and isinstance(stored, str):
        return stored if choice_ids else fld.values.get(stored, stored)
    if fld.base == "multi" and isinstance(stored, list):
        return list(stored) if choice_ids else [fld.values.get(o, o) for o in stored]
    return stored


def _sort_key(value: Any) -> tuple[int, Any]:
    # Mixed types never compare in Python; rank by type so a sort cannot raise.
    if value is None:
        return (3, 0)
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, list):
        return (2, json.dumps(value))
    return (1, str(value))


# --------------------------------------------------------------------------- the store


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


class Store:
    """All emulator data plus the operations that change it.

    Args:
        clock: the clock stamping writes.
        user: the user id written to ``createdBy``/``modifiedBy`` (reference §7.1: "root" in docs).
    """

    def __init__(self, clock: Clock | None = None, user: str = "root") -> None:
        self.clock = clock or Clock()
        self.user = user
        self.teams: dict[str, Team] = {}
        self.lock = threading.RLock()

    # ------------------------------------------------------------------ lookup

    def team(self, team_id: str) -> Team:
        """Return a team or raise 404."""
        found = self.teams.get(team_id)
        if found is None:
            raise ApiError(404, f"team not found: {team_id}")
        return found

    def database(self, team_id: str, db_id: str) -> Database:
        """Return a database or raise 404."""
        found = self.team(team_id).databases.get(db_id)
        if found is None:
            raise ApiError(404, f"database not found: {db_id}")
        return found

    @staticmethod
    def record(table: Table, record_id: int | str) -> Record:
        """Return a record or raise 404."""
        try:
            rid = int(record_id)
        except (TypeError, ValueError):
            raise ApiError(404, f"record not found: {record_id}") from None
        found = table.records.get(rid)
        if found is None:
            raise ApiError(404, f"record not found: {table.id}{record_id}")
        return found

    def latest_timestamp(self) -> dt.datetime:
        """The newest record or file timestamp (``datetime.min`` for an empty store)."""
        latest = dt.datetime.min
        for team in self.teams.values():
            for db in team.databases.values():
                for table in db.tables.values():
                    for rec in table.records.values():
                        latest = max(latest, rec.modified_at)
        return latest

    # ------------------------------------------------------------------ building

    def add_team(self, name: str, team_id: str | None = None) -> Team:
        """Create a team (predictable id derived from the name unless given)."""
        tid = team_id or derived_id(f"team:{name}:{len(self.teams)}", 17)
        team = Team(id=tid, name=name)
        self.teams[tid] = team
        return team

    def add_database(self, team: Team, name: str, db_id: str | None = None) -> Database:
        """Create a database in ``team`` (12 lowercase chars like real ids, reference §7.2)."""
        did = db_id or derived_id(f"db:{team.id}:{name}:{len(team.databases)}", 12, lower=True)
        db = Database(id=did, name=name, settings={"name": name, "icon": "database"})
        team.databases[did] = db
        return db

    # ------------------------------------------------------------------ rendering

    def render_record(
        self, table: Table, rec: Record, *, by_id: bool = False, choice_ids: bool = False
    ) -> dict[str, Any]:
        """The Record JSON object (reference §7.1); empty fields are left out."""
        fields: dict[str, Any] = {}
        for fld in table.fields.values():
            stored = rec.values.get(fld.id)
            # Formula and reverse-link values are not returned by the record routes; read them
            # with /query or /exec (reference §9, §13).
            if stored is None or fld.base in COMPUTED:
                continue
            fields[fld.id if by_id else fld.caption] = render_value(fld, stored, choice_ids)
        return {
            "id": rec.id,
            "sequence": rec.sequence,
            "createdAt": format_ts(rec.created_at),
            "createdBy": rec.created_by,
            "modifiedAt": format_ts(rec.modified_at),
            "modifiedBy": rec.modified_by,
            "fields": fields,
        }

    @staticmethod
    def render_table(table: Table) -> dict[str, Any]:
        """The ``/tables`` shape: ``{id, name, fields: [{id, name, type, choices?}]}`` (§4.7)."""
        fields = []
        for fld in table.fields.values():
            item: dict[str, Any] = {"id": fld.id, "name": fld.caption, "type": fld.base}
            if fld.base in ("ref", "rev") and "ref" in fld.extra:
                item["ref"] = fld.extra["ref"]
            if fld.base in ("choice", "multi"):
                item["choices"] = [{"id": k, "caption": v} for k, v in fld.values.items()]
            fields.append(item)
        return {"id": table.id, "name": table.caption, "fields": fields}

    @staticmethod
    def render_schema(db: Database, *, include_reports_and_views: bool = False) -> dict[str, Any]:
        """The schema document of ``GET database`` / ``GET schema`` (reference §4.4, §7.4)."""
        types: dict[str, Any] = {}
        for table in db.tables.values():
            fields: dict[str, Any] = {}
            for fld in table.fields.values():
                fdoc: dict[str, Any] = {
                    **fld.extra,
                    "base": fld.base,
                    "caption": fld.caption,
                    "captions": fld.extra.get("captions", {}),
                    "required": bool(fld.extra.get("required", False)),
                    "order": fld.order,
                }
                if fld.base in ("choice", "multi"):
                    fdoc["values"] = {
                        k: {"caption": v, "captions": {}, "order": n}
                        for n, (k, v) in enumerate(fld.values.items())
                    }
                    fdoc["nextChoiceId"] = (
                        max((int(k) for k in fld.values if k.isdigit()), default=0) + 1
                    )
                fields[fld.id] = fdoc
            types[table.id] = {
                **table.extra,
                "caption": table.caption,
                "captions": table.extra.get("captions", {}),
                "hidden": bool(table.extra.get("hidden", False)),
                "kind": table.extra.get("kind", "table"),
                "nextFieldId": table.next_field_id,
                "order": table.order,
                "fields": fields,
            }
        doc: dict[str, Any] = {
            **db.schema_extra,
            "seq": db.seq,
            "version": db.version,
            "nextTypeId": db.next_type_id,
            "types": types,
        }
        if include_reports_and_views:
            doc["views"] = [copy.deepcopy(v) for v in db.views.values()]
            doc["reports"] = [copy.deepcopy(r) for r in db.reports.values()]
        return doc

    # ------------------------------------------------------------------ records: read

    def list_records(self, table: Table, q: ListQuery) -> list[Record]:
        """Select one page of records (reference §4.9 semantics, documented in the app)."""
        start = 0
        if q.since_id is not None:
            start = bisect.bisect_right(table.ids, q.since_id)
        offset = q.page * q.per_page
        recs = table.records

        def matches(rec: Record) -> bool:
            if q.since_sq is not None and rec.sequence <= q.since_sq:
                return False
            return all(rec.values.get(f.id) == v for f, v in q.filters)

        if q.order is None and not q.new and not q.updated:
            id_iter: Iterator[int]
            if q.desc:
                id_iter = reversed(table.ids[start:]) if start else reversed(table.ids)
            else:
                id_iter = islice(table.ids, start, None)
            if q.since_sq is None and not q.filters:
                if q.desc:
                    return [recs[i] for i in islice(id_iter, offset, offset + q.per_page)]
                # Plain paging: slice the sorted id list directly; O(page).
                lo = start + offset
                return [recs[i] for i in table.ids[lo : lo + q.per_page]]
            hits = (recs[i] for i in id_iter if matches(recs[i]))
            return list(islice(hits, offset, offset + q.per_page))

        chosen = [recs[i] for i in islice(table.ids, start, None) if matches(recs[i])]
        if q.new:
            # "new": newest first — by creation, which id order mirrors (ids only grow).
            chosen.sort(key=lambda r: (r.created_at, r.id), reverse=not q.desc)
        elif q.updated:
            # "updated": most recently changed first; `sequence` orders changes exactly (§9).
            chosen.sort(key=lambda r: r.sequence, reverse=not q.desc)
        elif q.order is not None:
            fid = q.order.id
            chosen.sort(key=lambda r: (_sort_key(r.values.get(fid)), r.id), reverse=q.desc)
        return chosen[offset : offset + q.per_page]

    @staticmethod
    def find_record(table: Table, filters: list[tuple[Field, Any]]) -> Record | None:
        """First record (id order) whose fields equal all ``filters``."""
        for rid in table.ids:
            rec = table.records[rid]
            if all(rec.values.get(f.id) == v for f, v in filters):
                return rec
        return None

    # ------------------------------------------------------------------ records: write

    def _bump(self, db: Database) -> tuple[int, dt.datetime]:
        # Every change advances the database-wide sequence (reference §9).
        db.seq += 1
        return db.seq, self.clock.tick()

    def parse_fields(self, table: Table, fields: Any) -> dict[str, Any]:
        """Check a ``fields`` object (keys: field name or id) and return values keyed by id."""
        if not isinstance(fields, dict):
            raise ApiError(400, "'fields' must be a JSON object")
        out: dict[str, Any] = {}
        for key, value in fields.items():
            fld = table.field(key)
            if fld is None:
                raise ApiError(422, f"unknown field {key!r} in table {table.caption!r}")
            out[fld.id] = coerce_value(fld, value)
        return out

    def create_record(
        self, db: Database, table: Table, values: dict[str, Any], record_id: int | None = None
    ) -> Record:
        """Create a record; ids count from 1 per table (reference §7.1)."""
        seq, now = self._bump(db)
        rid = record_id if record_id is not None else table.next_rid
        table.next_rid = max(table.next_rid, rid + 1)
        rec = Record(
            id=rid,
            sequence=seq,
            created_at=now,
            created_by=self.user,
            modified_at=now,
            modified_by=self.user,
            values={k: v for k, v in values.items() if v is not None},
        )
        table.records[rid] = rec
        if not table.ids or rid > table.ids[-1]:
            table.ids.append(rid)
        else:
            bisect.insort(table.ids, rid)
        table.removed.pop(rid, None)
        return rec

    def update_record(self, db: Database, rec: Record, values: dict[str, Any]) -> Record:
        """Apply field values to a record (``null`` clears)."""
        seq, now = self._bump(db)
        for fid, value in values.items():
            if value is None:
                rec.values.pop(fid, None)
            else:
                rec.values[fid] = value
        rec.sequence, rec.modified_at, rec.modified_by = seq, now, self.user
        return rec

    def delete_records(self, db: Database, table: Table, rids: list[int]) -> None:
        """Delete records (each delete is one change; tombstones feed change sets)."""
        for rid in rids:
            if rid not in table.records:
                continue
            seq, _ = self._bump(db)
            del table.records[rid]
            pos = bisect.bisect_left(table.ids, rid)
            del table.ids[pos]
            table.removed[rid] = seq

    def save_records(self, db: Database, table: Table, items: Any) -> list[Record]:
        """Batch create/update with ``_upsert`` (reference §4.12); all-or-nothing."""
        if isinstance(items, dict):
            # A single object instead of an array is sent by several clients (reference §4.12).
            items = [items]
        if not isinstance(items, list):
            raise ApiError(400, "body must be a JSON array of {id?, fields} objects")
        plan: list[tuple[int | None, bool, dict[str, Any]]] = []
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                raise ApiError(400, f"item {n} must be a JSON object")
            raw_id = item.get("id")
            upsert = item.get("_upsert", False)
            if not isinstance(upsert, bool):
                raise ApiError(400, f"item {n}: '_upsert' must be a boolean")
            rid = None if raw_id is None else record_id_value(raw_id)
            if raw_id is not None and rid is None:
                raise ApiError(400, f"item {n}: 'id' must be an integer (or digit string)")
            if rid is not None and not 1 <= rid <= _MAX_ID:
                raise ApiError(422, f"item {n}: 'id' must be between 1 and 2**53")
            values = self.parse_fields(table, item.get("fields", {}))
            if rid is not None and rid not in table.records and not upsert:
                raise ApiError(404, f"record not found: {table.id}{rid}")
            plan.append((rid, upsert, values))
        out: list[Record] = []
        for rid, _upsert, values in plan:
            existing = table.records.get(rid) if rid is not None else None
            if existing is not None:
                out.append(self.update_record(db, existing, values))
            else:
                out.append(self.create_record(db, table, values, rid))
        return out

    # ------------------------------------------------------------------ files

    def add_file(
        self,
        db: Database,
        table: Table,
        rec: Record,
        name: str,
        content: bytes,
        content_type: str | None,
        field_key: str | None = None,
    ) -> StoredFile:
        """Attach a file; with ``field_key`` also store its name in that file field (§4.16)."""
        if not name or "/" in name or name in (".", ".."):
            raise ApiError(400, f"invalid file name {name!r}")
        fld: Field | None = None
        if field_key:
            fld = table.field(field_key)
            if fld is None:
                raise ApiError(422, f"unknown field {field_key!r}")
            if fld.base != "file":
                raise ApiError(422, f"field {fld.caption!r} is not a file field")
        if not content_type or content_type == "application/octet-stream":
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        seq, now = self._bump(db)
        stored = StoredFile(name, content, content_type, now, self.user, seq)
        rec.files[name] = stored
        if fld is not None:
            rec.values[fld.id] = name
        rec.sequence, rec.modified_at, rec.modified_by = seq, now, self.user
        return stored

    def delete_file(self, db: Database, table: Table, rec: Record, name: str) -> None:
        """Remove an attachment (and clear the file fields that pointed at it)."""
        if name not in rec.files:
            raise ApiError(404, f"file not found: {name}")
        seq, now = self._bump(db)
        del rec.files[name]
        for fld in table.fields.values():
            # Only file fields hold file names; a choice id or text equal to the name stays.
            if fld.base == "file" and rec.values.get(fld.id) == name:
                del rec.values[fld.id]
        rec.sequence, rec.modified_at, rec.modified_by = seq, now, self.user

    # ------------------------------------------------------------------ change sets

    def change_entry(self, table: Table, rec: Record) -> dict[str, Any]:
        """One ``updates`` entry in the change-set shape of reference §13 (first row).

        A flat object keyed by **field id** (Metorial; the web client stores records the same
        way), values in the JSON form of the record routes (choices by caption, a link as the
        linked record's id; computed ``fn``/``rev`` fields left out, as the record routes do),
        plus the record's metadata: ``_cd``/``_md`` created/modified at as **epoch
        milliseconds** (the web client treats ``_md`` as a timestamp field, whose internal value
        is a number; Metorial passes them through untyped; FileMeta ``modifiedDate`` uses the
        same unit, §4.16), ``_cu``/``_mu`` the creating/modifying user id, ``_sq`` the sequence
        number of the record's last change.
        """
        entry: dict[str, Any] = dict(self.render_record(table, rec, by_id=True)["fields"])
        entry.update(
            {
                "_cd": epoch_ms(rec.created_at),
                "_cu": rec.created_by,
                "_md": epoch_ms(rec.modified_at),
                "_mu": rec.modified_by,
                "_sq": rec.sequence,
            }
        )
        return entry

    def changes(
        self, db: Database, since: int, table: Table | None = None, rid: int | None = None
    ) -> dict[str, Any]:
        """A ChangeSet since sequence ``since`` (reference §4.17, §13; keys like ``A12``).

        Top level: ``seq``, ``nextRids`` (table id → next record id; Metorial, §13), the older
        ``nextRid`` (MindCloud, §4.17: the table's, or the largest on database level),
        ``config`` (the schema document when the schema changed after ``since`` or for a full
        change set from 0, else ``null``), ``updates`` (record key → :meth:`change_entry`),
        ``removes`` (record keys), ``files`` (``<record key>/<file name>``), and on database and
        table level ``views`` and ``reports``.
        """
        updates: dict[str, Any] = {}
        removes: list[str] = []
        files: list[str] = []
        tables = [table] if table is not None else list(db.tables.values())
        for tbl in tables:
            recs: Iterable[Record]
            if rid is not None:
                one = tbl.records.get(rid)
                recs = [one] if one is not None else []
            else:
                recs = (tbl.records[i] for i in tbl.ids)
            for rec in recs:
                if rec.sequence > since:
                    updates[f"{tbl.id}{rec.id}"] = self.change_entry(tbl, rec)
                files.extend(
                    f"{tbl.id}{rec.id}/{f.name}" for f in rec.files.values() if f.seq > since
                )
            for gone, seq in sorted(tbl.removed.items()):
                if seq > since and (rid is None or gone == rid):
                    removes.append(f"{tbl.id}{gone}")
        schema_changed = rid is None and (since == 0 or db.schema_seq > since)
        out: dict[str, Any] = {
            "seq": db.seq,
            "nextRids": {t.id: t.next_rid for t in tables},
            "nextRid": (
                table.next_rid
                if table is not None
                else max((t.next_rid for t in tables), default=1)
            ),
            "config": self.render_schema(db) if schema_changed else None,
            "updates": updates,
            "removes": removes,
            "files": files,
        }
        if rid is None:
            # Views/reports only appear on database and table level (reference §4.17).
            out["views"] = {
                vid: copy.deepcopy(view)
                for vid, view in db.views.items()
                if view["seq"] > since and (table is None or view.get("type") == table.id)
            }
            out["reports"] = {
                rep: copy.deepcopy(db.reports[rep])
                for rep, seq in db.report_seq.items()
                if seq > since and (table is None or db.reports[rep].get("tid") == table.id)
            }
        return out

    # ------------------------------------------------------------------ views and reports

    def update_views(self, db: Database, views: Any) -> list[dict[str, Any]]:
        """Create or replace views by id (reference §4.5: POST an array of full views)."""
        if not isinstance(views, list) or not all(isinstance(v, dict) for v in views):
            raise ApiError(400, "body must be a JSON array of view objects")
        for n, view in enumerate(views):
            if not isinstance(view.get("id"), str) or not view["id"] or "/" in view["id"]:
                raise ApiError(422, f"view {n}: 'id' must be a non-empty string")
            # isinstance first: an unhashable "type" (a list) must be a 422, not a TypeError.
            if not isinstance(view.get("type"), str) or view["type"] not in db.tables:
                raise ApiError(422, f"view {n}: 'type' must be the id of an existing table")
            if not isinstance(view.get("caption", ""), str):
                raise ApiError(422, f"view {n}: 'caption' must be a string")
        out = []
        for view in views:
            seq, _ = self._bump(db)
            stored = {"caption": "", "order": len(db.views), **copy.deepcopy(view), "seq": seq}
            db.views[view["id"]] = stored
            out.append(copy.deepcopy(stored))
        return out

    def update_reports(self, db: Database, reports: Any) -> list[dict[str, Any]]:
        """Create or replace print reports by id (reference §4.18)."""
        if not isinstance(reports, list) or not all(isinstance(r, dict) for r in reports):
            raise ApiError(400, "body must be a JSON array of report objects")
        for n, rep in enumerate(reports):
            if not isinstance(rep.get("id"), str) or not rep["id"] or "/" in rep["id"]:
                raise ApiError(422, f"report {n}: 'id' must be a non-empty string")
            tid = rep.get("tid")
            if tid is not None and (not isinstance(tid, str) or tid not in db.tables):
                raise ApiError(422, f"report {n}: 'tid' must be the id of an existing table")
        out = []
        for rep in reports:
            seq, _ = self._bump(db)
            stored = {"caption": "", **copy.deepcopy(rep)}
            db.reports[rep["id"]] = stored
            db.report_seq[rep["id"]] = seq
            out.append(copy.deepcopy(stored))
        return out

    # ------------------------------------------------------------------ schema patch

    def patch_schema(self, db: Database, doc: Any) -> int:
        """Apply a schema document (reference §4.19); returns the new version.

        Existing tables/fields are updated and new ones added; tables or fields missing from the
        document are kept (the CLI only ever edits scripts and layouts, reference §4.19).
        """
        if not isinstance(doc, dict):
            raise ApiError(400, "body must be a schema JSON object")
        version = doc.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            raise ApiError(400, "schema 'version' must be an integer")
        # Without a version there is nothing to compare (the CLI always sends one; whether Ninox
        # refuses a document without it is unknown, so it is accepted).
        if version is not None and version != db.version:
            # Optimistic concurrency: the CLI fails on a version mismatch (reference §4.19).
            raise ApiError(409, f"schema version {version} does not match current {db.version}")
        types = doc.get("types", {})
        if not isinstance(types, dict):
            raise ApiError(400, "schema 'types' must be an object")
        for tid, tdoc in types.items():
            if column_index(tid) < 0 or not isinstance(tdoc, dict) or len(tid) > 8:
                raise ApiError(422, f"type {tid!r}: id must be A, B, … and the value an object")
            if not isinstance(tdoc.get("caption", ""), str):
                raise ApiError(422, f"type {tid!r}: caption must be a string")
            fields = tdoc.get("fields", {})
            if not isinstance(fields, dict):
                raise ApiError(422, f"type {tid!r}: fields must be an object")
            for fid, fdoc in fields.items():
                if column_index(fid) < 0 or not isinstance(fdoc, dict):
                    raise ApiError(
                        422, f"field {tid}.{fid!r}: id must be A, B, … and value an object"
                    )
                base = fdoc.get("base")
                # isinstance first: an unhashable base (a list) must be a 422, not a TypeError.
                if not isinstance(base, str) or base not in FIELD_TYPES:
                    raise ApiError(422, f"field {tid}.{fid}: unknown base {fdoc.get('base')!r}")
                if not isinstance(fdoc.get("caption", ""), str):
                    raise ApiError(422, f"field {tid}.{fid}: caption must be a string")
                values = fdoc.get("values", {})
                if not isinstance(values, dict) or not all(
                    isinstance(v, dict) and isinstance(v.get("caption", ""), str)
                    for v in values.values()
                ):
                    raise ApiError(422, f"field {tid}.{fid}: values must map ids to {{caption}}")
        reserved = {"seq", "version", "nextTypeId", "types", "views", "reports"}
        for tid, tdoc in types.items():
            table = db.tables.get(tid)
            if table is None:
                table = Table(id=tid, caption=tdoc.get("caption", tid), order=len(db.tables))
                db.tables[tid] = table
                db.next_type_id = max(db.next_type_id, column_index(tid) + 1)
            table.caption = tdoc.get("caption", table.caption)
            table.extra = {
                k: v
                for k, v in tdoc.items()
                if k not in {"caption", "fields", "nextFieldId", "order"}
            }
            for fid, fdoc in tdoc.get("fields", {}).items():
                fld = table.fields.get(fid)
                if fld is None:
                    fld = Field(id=fid, caption=fid, base=fdoc["base"], order=len(table.fields))
                    table.fields[fid] = fld
                    table.next_field_id = max(table.next_field_id, column_index(fid) + 1)
                fld.base = fdoc["base"]
                fld.caption = fdoc.get("caption", fld.caption)
                if "values" in fdoc:
                    fld.values = {k: v.get("caption", "") for k, v in fdoc["values"].items()}
                fld.extra = {
                    k: v
                    for k, v in fdoc.items()
                    if k not in {"base", "caption", "values", "order", "nextChoiceId"}
                }
        db.schema_extra = {k: v for k, v in doc.items() if k not in reserved}
        db.version += 1
        db.schema_seq, _ = self._bump(db)
        return db.version

    # ------------------------------------------------------------------ fixtures and snapshots

    def load_fixture(self, data: Mapping[str, Any]) -> None:
        """Load a declarative fixture (format in ``ninoxkit.testing`` docs); replaces all data."""
        self.teams.clear()
        if "user" in data:
            self.user = str(data["user"])
        for tdoc in data.get("teams", []):
            team = self.add_team(str(tdoc["name"]), tdoc.get("id"))
            for ddoc in tdoc.get("databases", []):
                self._load_database(team, ddoc)

    def _load_database(self, team: Team, ddoc: Mapping[str, Any]) -> None:
        db = self.add_database(team, str(ddoc["name"]), ddoc.get("id"))
        db.password = ddoc.get("password")
        db.settings.update(ddoc.get("settings", {}))
        for tdoc in ddoc.get("tables", []):
            table = db.add_table(str(tdoc["name"]))
            for fdoc in tdoc.get("fields", []):
                extra = {k: fdoc[k] for k in ("ref", "reverseField", "fn") if k in fdoc}
                table.add_field(
                    str(fdoc["name"]),
                    str(fdoc.get("type", "string")),
                    fdoc.get("choices", ()),
                    extra,
                )
            for rdoc in tdoc.get("records", []):
                is_wrapped = isinstance(rdoc.get("fields"), dict)
                fields = rdoc["fields"] if is_wrapped else rdoc
                rid = rdoc.get("id") if is_wrapped else None
                rec = self.create_record(db, table, self.parse_fields(table, fields), rid)
                for fdoc in rdoc.get("files", []) if is_wrapped else []:
                    content = _fixture_bytes(fdoc)
                    self.add_file(
                        db, table, rec, str(fdoc["name"]), content,
                        fdoc.get("contentType"), fdoc.get("field"),
                    )  # fmt: skip
        _resolve_links(db)
        self.update_views(db, ddoc.get("views", []))
        reports = [{k: v for k, v in r.items() if k != "files"} for r in ddoc.get("reports", [])]
        self.update_reports(db, reports)
        for rdoc in ddoc.get("reports", []):
            db.report_files[rdoc["id"]] = {
                str(f["name"]): (
                    _fixture_bytes(f),
                    str(f.get("contentType") or mimetypes.guess_type(str(f["name"]))[0]
                        or "application/octet-stream"),
                )
                for f in rdoc.get("files", [])
            }  # fmt: skip

    def snapshot(self) -> dict[str, Any]:
        """Everything as JSON-able data (for SQLite persistence and :meth:`reset`).

        Not a copy: the result shares mutable parts (field values, views …) with the store, so
        serialise it (as the emulator does, under :attr:`lock`) before the store changes again.
        """

        def ts(value: dt.datetime) -> str:
            return format_ts(value)

        def file_doc(f: StoredFile) -> dict[str, Any]:
            return {
                "name": f.name, "content": _b64(f.content),
                "contentType": f.content_type, "modified": ts(f.modified), "user": f.user,
                "seq": f.seq,
            }  # fmt: skip

        teams = []
        for team in self.teams.values():
            dbs = []
            for db in team.databases.values():
                tables = []
                for t in db.tables.values():
                    tables.append(
                        {
                            "id": t.id, "caption": t.caption, "order": t.order,
                            "nextFieldId": t.next_field_id, "nextRid": t.next_rid,
                            "extra": t.extra,
                            "removed": [[k, v] for k, v in t.removed.items()],
                            "fields": [
                                {"id": f.id, "caption": f.caption, "base": f.base,
                                 "order": f.order, "values": f.values, "extra": f.extra}
                                for f in t.fields.values()
                            ],
                            "records": [
                                {"id": r.id, "sequence": r.sequence,
                                 "createdAt": ts(r.created_at), "createdBy": r.created_by,
                                 "modifiedAt": ts(r.modified_at), "modifiedBy": r.modified_by,
                                 "values": r.values,
                                 "files": [file_doc(f) for f in r.files.values()]}
                                for r in (t.records[i] for i in t.ids)
                            ],
                        }
                    )  # fmt: skip
                dbs.append(
                    {
                        "id": db.id, "name": db.name, "settings": db.settings, "seq": db.seq,
                        "version": db.version, "nextTypeId": db.next_type_id,
                        "schemaExtra": db.schema_extra, "views": db.views, "shares": db.shares,
                        "schemaSeq": db.schema_seq,
                        "reports": db.reports, "reportSeq": db.report_seq,
                        "password": db.password, "tables": tables,
                        "reportFiles": {
                            rep: {n: [_b64(c), ct] for n, (c, ct) in files.items()}
                            for rep, files in db.report_files.items()
                        },
                    }
                )  # fmt: skip
            teams.append({"id": team.id, "name": team.name, "databases": dbs})
        return {"format": 1, "user": self.user, "teams": teams}

    def restore(self, snap: Mapping[str, Any]) -> None:
        """Replace all data with a :meth:`snapshot`.

        The store takes the snapshot's parts over without copying them: pass a fresh one (parsed
        JSON, as persistence and reset do), never one that is kept and restored again.
        """
        parse = dt.datetime.fromisoformat
        self.user = snap.get("user", self.user)
        self.teams = {}
        for tdoc in snap["teams"]:
            team = Team(id=tdoc["id"], name=tdoc["name"])
            self.teams[team.id] = team
            for d in tdoc["databases"]:
                db = Database(
                    id=d["id"], name=d["name"], settings=d["settings"], seq=d["seq"],
                    version=d["version"], next_type_id=d["nextTypeId"],
                    schema_extra=d["schemaExtra"], views=d["views"], shares=d["shares"],
                    schema_seq=d.get("schemaSeq", 0),
                    reports=d["reports"], report_seq=d["reportSeq"],
                    password=d["password"],
                    report_files={
                        rep: {n: (base64.b64decode(c), ct) for n, (c, ct) in files.items()}
                        for rep, files in d["reportFiles"].items()
                    },
                )  # fmt: skip
                team.databases[db.id] = db
                for t in d["tables"]:
                    table = Table(
                        id=t["id"], caption=t["caption"], order=t["order"],
                        next_field_id=t["nextFieldId"], next_rid=t["nextRid"], extra=t["extra"],
                        removed={int(k): int(v) for k, v in t["removed"]},
                    )  # fmt: skip
                    db.tables[table.id] = table
                    for f in t["fields"]:
                        table.fields[f["id"]] = Field(
                            id=f["id"], caption=f["caption"], base=f["base"], order=f["order"],
                            values=f["values"], extra=f["extra"],
                        )  # fmt: skip
                    for r in t["records"]:
                        rec = Record(
                            id=r["id"], sequence=r["sequence"],
                            created_at=parse(r["createdAt"]), created_by=r["createdBy"],
                            modified_at=parse(r["modifiedAt"]), modified_by=r["modifiedBy"],
                            values=r["values"],
                        )  # fmt: skip
                        for f in r["files"]:
                            rec.files[f["name"]] = StoredFile(
                                f["name"], base64.b64decode(f["content"]), f["contentType"],
                                parse(f["modified"]), f["user"], f["seq"],
                            )  # fmt: skip
                        table.records[rec.id] = rec
                        table.ids.append(rec.id)
                    table.ids.sort()


def _resolve_links(db: Database) -> None:
    """Fixture links may name tables and fields; the schema holds ids (reference §13).

    ``ref`` of a ``ref`` field is the target table's id; a ``rev`` field's ``ref`` is the table
    holding the link and ``reverseField`` that link field's id.
    """
    for table in db.tables.values():
        for fld in table.fields.values():
            if fld.base not in ("ref", "rev"):
                continue
            target = db.table(str(fld.extra.get("ref", "")))
            fld.extra["ref"] = target.id
            if fld.base == "rev":
                link = target.field(str(fld.extra.get("reverseField", "")))
                if link is None or link.base != "ref":
                    raise ValueError(f"rev field {fld.caption!r}: reverseField is no link field")
                fld.extra["reverseField"] = link.id


def _fixture_bytes(doc: Mapping[str, Any]) -> bytes:
    if "base64" in doc:
        return base64.b64decode(doc["base64"])
    return str(doc.get("text", "")).encode()


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


class SqlitePersistence:
    """Keeps a JSON snapshot of the whole store in one SQLite row.

    Simple and robust: the snapshot is rewritten after every write request, which is fine for a
    demo database (not for 100k-record benchmarks).

    Args:
        path: the SQLite file; created when missing.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        conn = self._connect()
        try:
            with conn:  # commits; only close() closes (an unclosed one warns on Python 3.13)
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS snapshot"
                    " (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT)"
                )
        finally:
            conn.close()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path)

    def load(self) -> dict[str, Any] | None:
        """Return the stored snapshot, or ``None`` for a new file."""
        conn = self._connect()
        try:
            row = conn.execute("SELECT data FROM snapshot WHERE id = 1").fetchone()
        finally:
            conn.close()
        if row is None:
            return None
        loaded: dict[str, Any] = json.loads(row[0])
        return loaded

    def save(self, snap: Mapping[str, Any]) -> None:
        """Write the snapshot (one transaction)."""
        data = json.dumps(snap, separators=(",", ":"))
        conn = self._connect()
        try:
            with conn:
                conn.execute("INSERT OR REPLACE INTO snapshot (id, data) VALUES (1, ?)", (data,))
        finally:
            conn.close()

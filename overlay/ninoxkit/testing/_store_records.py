"""The records side of the emulator's store: lookup, rendering, reads, writes, files, change sets.

Part of :class:`._store.Store` (see there); the schema and snapshot operations build on it.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import json
import mimetypes
import threading
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from ._clock import Clock, derived_id, epoch_ms, format_ts
from ._errors import ApiError
from ._store_model import (
    COMPUTED,
    MAX_ID,
    Database,
    Field,
    ListQuery,
    Record,
    StoredFile,
    Table,
    Team,
)
from ._store_values import STYLED, coerce_value, record_id_value, render_value, sort_key

__all__ = ["RecordStore"]

#: Stored value types that cannot change in place: records holding only these are cached.
_SCALARS = frozenset({str, int, float, bool})
#: Rendered records kept per table (about 0.5 KB each).
_RENDERED_MAX = 50_000


def _text(data: Any) -> str:
    # The form of ``_app.dump`` before its UTF-8 encoding (compact, not ASCII-escaped).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class RecordStore:
    """Teams, databases and records, and the operations that read and change records.

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
        return self.render_records(table, [rec], by_id=by_id, choice_ids=choice_ids)[0]

    @staticmethod
    def render_records(
        table: Table, recs: Iterable[Record], *, by_id: bool = False, choice_ids: bool = False
    ) -> list[dict[str, Any]]:
        """:meth:`render_record` of each record, the table's fields looked at once per call
        (a listing page renders hundreds of records of one table)."""
        # Formula and reverse-link values are not returned by the record routes; read them
        # with /query or /exec (reference §9, §13). Choice-like fields go through
        # render_value; every other stored value is its JSON form.
        plan: list[tuple[str, str, Field | None]] = [
            (fld.id, fld.id if by_id else fld.caption, fld if fld.base in STYLED else None)
            for fld in table.fields.values()
            if fld.base not in COMPUTED
        ]
        out: list[dict[str, Any]] = []
        for rec in recs:
            values = rec.values
            fields: dict[str, Any] = {}
            for fid, key, styled in plan:
                stored = values.get(fid)
                if stored is not None:
                    fields[key] = (
                        stored if styled is None else render_value(styled, stored, choice_ids)
                    )
            created = format_ts(rec.created_at)
            out.append(
                {
                    "id": rec.id,
                    "sequence": rec.sequence,
                    "createdAt": created,
                    "createdBy": rec.created_by,
                    # Never changed records (most of them) were modified when created.
                    "modifiedAt": (
                        created if rec.modified_at == rec.created_at else format_ts(rec.modified_at)
                    ),
                    "modifiedBy": rec.modified_by,
                    "fields": fields,
                }
            )
        return out

    @classmethod
    def render_records_json(
        cls, table: Table, recs: Iterable[Record], *, by_id: bool = False, choice_ids: bool = False
    ) -> str:
        """The JSON text of :meth:`render_records` (``dump``'s form: compact, not ASCII-escaped),
        each record's text kept between calls.

        A listing serves the same records page after page; rendering and encoding them is most
        of the emulator's CPU per page. A record's text is reused only while everything it was
        rendered from is unchanged: the table's field plan (ids, keys, choice captions), the
        options, the record's id, sequence, timestamps, users and every stored value. Records
        holding anything but scalars (lists, mappings: mutable in place) are rendered afresh
        every time; at most ``_RENDERED_MAX`` records per table are kept.
        """
        plan = tuple(
            (fld.id, fld.id if by_id else fld.caption, fld.base, tuple(fld.values.items()))
            for fld in table.fields.values()
            if fld.base not in COMPUTED
        )
        cache = table.rendered
        texts: list[str] = []
        for rec in recs:
            values = rec.values
            if not _SCALARS.issuperset(map(type, values.values())):
                texts.append(
                    _text(cls.render_records(table, [rec], by_id=by_id, choice_ids=choice_ids)[0])
                )
                continue
            state = (
                plan,
                choice_ids,
                rec.id,
                rec.sequence,
                rec.created_at,
                rec.created_by,
                rec.modified_at,
                rec.modified_by,
                tuple(values.items()),
            )
            hit = cache.get(rec.id)
            if hit is not None and hit[0] == state:
                texts.append(hit[1])
                continue
            text = _text(cls.render_records(table, [rec], by_id=by_id, choice_ids=choice_ids)[0])
            if hit is not None or len(cache) < _RENDERED_MAX:
                cache[rec.id] = (state, text)
            texts.append(text)
        return "[" + ",".join(texts) + "]"

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
        start = 0 if q.since_id is None else bisect.bisect_right(table.ids, q.since_id)
        if q.order is None and not q.new and not q.updated:
            return _page_in_id_order(table, q, start)
        recs = table.records
        chosen = [recs[i] for i in islice(table.ids, start, None) if _matches(recs[i], q)]
        if q.new:
            # "new": newest first — by creation, which id order mirrors (ids only grow).
            chosen.sort(key=lambda r: (r.created_at, r.id), reverse=not q.desc)
        elif q.updated:
            # "updated": most recently changed first; `sequence` orders changes exactly (§9).
            chosen.sort(key=lambda r: r.sequence, reverse=not q.desc)
        elif q.order is not None:
            fid = q.order.id
            chosen.sort(key=lambda r: (sort_key(r.values.get(fid)), r.id), reverse=q.desc)
        offset = q.page * q.per_page
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

    def parse_fields(
        self, table: Table, fields: Any, by_key: Mapping[str, Field] | None = None
    ) -> dict[str, Any]:
        """Check a ``fields`` object (keys: field name or id) and return values keyed by id
        (``by_key``: the table's :meth:`~Table.fields_by_key`, when already at hand)."""
        if not isinstance(fields, dict):
            raise ApiError(400, "'fields' must be a JSON object")
        find = table.field if by_key is None else by_key.get
        out: dict[str, Any] = {}
        for key, value in fields.items():
            fld = find(key)
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
        # Every item is checked before the first is written.
        by_key = table.fields_by_key()
        plan = [self._plan_save(table, n, item, by_key) for n, item in enumerate(items)]
        out: list[Record] = []
        for rid, values in plan:
            existing = table.records.get(rid) if rid is not None else None
            if existing is not None:
                out.append(self.update_record(db, existing, values))
            else:
                out.append(self.create_record(db, table, values, rid))
        return out

    def _plan_save(
        self, table: Table, n: int, item: Any, by_key: Mapping[str, Field]
    ) -> tuple[int | None, dict[str, Any]]:
        """Check item ``n`` of a save: its record id (or ``None``: create) and stored values."""
        if not isinstance(item, dict):
            raise ApiError(400, f"item {n} must be a JSON object")
        raw_id = item.get("id")
        upsert = item.get("_upsert", False)
        if not isinstance(upsert, bool):
            raise ApiError(400, f"item {n}: '_upsert' must be a boolean")
        rid = None if raw_id is None else record_id_value(raw_id)
        if raw_id is not None and rid is None:
            raise ApiError(400, f"item {n}: 'id' must be an integer (or digit string)")
        if rid is not None and not 1 <= rid <= MAX_ID:
            raise ApiError(422, f"item {n}: 'id' must be between 1 and 2**53")
        values = self.parse_fields(table, item.get("fields", {}), by_key)
        if rid is not None and rid not in table.records and not upsert:
            raise ApiError(404, f"record not found: {table.id}{rid}")
        return rid, values

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


def _matches(rec: Record, q: ListQuery) -> bool:
    """Whether a record passes a listing's ``sinceSq`` and ``filters``."""
    if q.since_sq is not None and rec.sequence <= q.since_sq:
        return False
    return all(rec.values.get(f.id) == v for f, v in q.filters)


def _page_in_id_order(table: Table, q: ListQuery, start: int) -> list[Record]:
    """A page of a listing in id order (ascending or ``desc``), from position ``start``."""
    recs = table.records
    offset = q.page * q.per_page
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
    hits = (recs[i] for i in id_iter if _matches(recs[i], q))
    return list(islice(hits, offset, offset + q.per_page))

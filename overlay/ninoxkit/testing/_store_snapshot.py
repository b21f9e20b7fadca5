"""Fixtures, snapshots and persistence of the emulator's store.

Part of :class:`._store.Store` (see there): a declarative fixture loads the data, a snapshot is
a JSON-ready copy of everything (``reset`` goes back to one), :class:`SqlitePersistence` keeps
snapshots in a file between runs.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import mimetypes
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._clock import format_ts
from ._store_model import Database, Field, Record, StoredFile, Table, Team
from ._store_schema import SchemaStore

__all__ = ["SnapshotStore", "SqlitePersistence"]


class SnapshotStore(SchemaStore):
    """Loading fixtures, taking snapshots and restoring them."""

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
            by_key = table.fields_by_key()
            for rdoc in tdoc.get("records", []):
                is_wrapped = isinstance(rdoc.get("fields"), dict)
                fields = rdoc["fields"] if is_wrapped else rdoc
                rid = rdoc.get("id") if is_wrapped else None
                rec = self.create_record(db, table, self.parse_fields(table, fields, by_key), rid)
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

"""The schema side of the emulator's store: views, print reports and schema patches.

Part of :class:`._store.Store` (see there), built on :class:`._store_records.RecordStore`.
"""

from __future__ import annotations

import copy
from typing import Any

from ._clock import column_index
from ._errors import ApiError
from ._store_model import FIELD_TYPES, Database, Field, Table
from ._store_records import RecordStore

__all__ = ["SchemaStore"]

#: Top-level keys of a schema document that are not kept verbatim.
_RESERVED = frozenset({"seq", "version", "nextTypeId", "types", "views", "reports"})


class SchemaStore(RecordStore):
    """Views, reports and the schema document (reference §4.5, §4.18, §4.19)."""

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

    def patch_schema(self, db: Database, doc: Any) -> int:
        """Apply a schema document (reference §4.19); returns the new version.

        Existing tables/fields are updated and new ones added; tables or fields missing from the
        document are kept (the CLI only ever edits scripts and layouts, reference §4.19). The
        whole document is checked before anything changes.
        """
        types = _checked_types(db, doc)
        for tid, tdoc in types.items():
            _apply_type(db, tid, tdoc)
        db.schema_extra = {k: v for k, v in doc.items() if k not in _RESERVED}
        db.version += 1
        db.schema_seq, _ = self._bump(db)
        return db.version


def _checked_types(db: Database, doc: Any) -> dict[str, Any]:
    """The ``types`` of a schema document after checking the whole document; 400/409/422."""
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
        _check_type(tid, tdoc)
    return types


def _check_type(tid: Any, tdoc: Any) -> None:
    if column_index(tid) < 0 or not isinstance(tdoc, dict) or len(tid) > 8:
        raise ApiError(422, f"type {tid!r}: id must be A, B, … and the value an object")
    if not isinstance(tdoc.get("caption", ""), str):
        raise ApiError(422, f"type {tid!r}: caption must be a string")
    fields = tdoc.get("fields", {})
    if not isinstance(fields, dict):
        raise ApiError(422, f"type {tid!r}: fields must be an object")
    for fid, fdoc in fields.items():
        _check_field(tid, fid, fdoc)


def _check_field(tid: str, fid: Any, fdoc: Any) -> None:
    if column_index(fid) < 0 or not isinstance(fdoc, dict):
        raise ApiError(422, f"field {tid}.{fid!r}: id must be A, B, … and value an object")
    base = fdoc.get("base")
    # isinstance first: an unhashable base (a list) must be a 422, not a TypeError.
    if not isinstance(base, str) or base not in FIELD_TYPES:
        raise ApiError(422, f"field {tid}.{fid}: unknown base {fdoc.get('base')!r}")
    if not isinstance(fdoc.get("caption", ""), str):
        raise ApiError(422, f"field {tid}.{fid}: caption must be a string")
    values = fdoc.get("values", {})
    if not isinstance(values, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("caption", ""), str) for v in values.values()
    ):
        raise ApiError(422, f"field {tid}.{fid}: values must map ids to {{caption}}")


def _apply_type(db: Database, tid: str, tdoc: dict[str, Any]) -> None:
    table = db.tables.get(tid)
    if table is None:
        table = Table(id=tid, caption=tdoc.get("caption", tid), order=len(db.tables))
        db.tables[tid] = table
        db.next_type_id = max(db.next_type_id, column_index(tid) + 1)
    table.caption = tdoc.get("caption", table.caption)
    table.extra = {
        k: v for k, v in tdoc.items() if k not in {"caption", "fields", "nextFieldId", "order"}
    }
    for fid, fdoc in tdoc.get("fields", {}).items():
        _apply_field(table, fid, fdoc)


def _apply_field(table: Table, fid: str, fdoc: dict[str, Any]) -> None:
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

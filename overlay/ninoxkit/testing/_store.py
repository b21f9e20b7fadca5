"""In-memory Ninox data: teams, databases, schema, records, files, views, reports, change sets.

Everything lives in plain dicts and lists. Each table keeps its record ids in a sorted list so the
default listing (id order, optionally after ``sinceId``) touches only one page of records.
Values are stored keyed by field id; names are applied when a record is rendered.

This module is the front door; the parts live beside it, one concern each:

- :mod:`._store_model`: the dataclasses (``Team`` … ``Record``, ``StoredFile``, ``ListQuery``);
- :mod:`._store_values`: checking a written value (``coerce_value``) and rendering it;
- :mod:`._store_records`: lookup, rendering, record reads and writes, files, change sets;
- :mod:`._store_schema`: views, print reports, schema patches;
- :mod:`._store_snapshot`: fixtures, snapshots and ``SqlitePersistence``.

:class:`Store` is all of them together, each layer building on the one before.
"""

from __future__ import annotations

from ._store_model import (
    COMPUTED,
    FIELD_TYPES,
    Database,
    Field,
    ListQuery,
    Record,
    StoredFile,
    Table,
    Team,
)
from ._store_snapshot import SnapshotStore, SqlitePersistence
from ._store_values import coerce_value, record_id_value, render_value

__all__ = [
    "COMPUTED",
    "FIELD_TYPES",
    "Database",
    "Field",
    "ListQuery",
    "Record",
    "SqlitePersistence",
    "Store",
    "StoredFile",
    "Table",
    "Team",
    "coerce_value",
    "record_id_value",
    "render_value",
]


class Store(SnapshotStore):
    """All emulator data plus the operations that change it.

    Args:
        clock: the clock stamping writes.
        user: the user id written to ``createdBy``/``modifiedBy`` (reference §7.1: "root" in docs).
    """

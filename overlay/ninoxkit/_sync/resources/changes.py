# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/changes.py.
# Do not edit: edit the source and re-run the script.
"""``client.changes``: change sets since a sequence number, and a polling ``watch`` (§4.17, §9).

Every change in a Ninox database raises its sequence number; a change set lists what changed
and what was removed after a given one. Ninox has no webhooks (peers.md §3 item 17), so
:meth:`Changes.watch` polls.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
from ninox_api.api.changes import list_database_changes, list_record_changes, list_table_changes

from ninoxkit._changeset import (
    ChangeBatch,
    ChangeSetShapeError,
    entry_is_flat,
    parse_change_set,
)
from ninoxkit._exceptions import APIResponseValidationError, InvalidArgumentError
from ninoxkit._schema import Schema, TableInfo
from ninoxkit._sync._resource import APIResource
from ninoxkit._validate import check_non_negative_int, check_record_id
from ninoxkit._values import FieldValueError

__all__ = ["Changes"]

# Looked up at call time so tests can replace it.
_sleep = time.sleep


class _Names:
    """The schema a call or a watch names fields with: read once, when a change set first needs
    it, and re-read at most once more when a change names a table or field it does not know (a
    field added since it was read)."""

    def __init__(self, changes: Changes, team: str, db: str) -> None:
        self._changes = changes
        self._team = team
        self._db = db
        self._schema: Schema | None = None
        self._refreshed = False

    def prepare(self, data: Any, table_id: str | None, convert: bool) -> None:
        updates = data.get("updates") if isinstance(data, dict) else None
        if not isinstance(updates, dict) or not updates:
            return
        flat = [entry for entry in updates.values() if entry_is_flat(entry)]
        if not flat and not convert:
            return  # the older shape names its fields already
        if self._schema is None:
            self._schema = self._changes._schema(self._team, self._db)
        if self._refreshed or not self._misses(updates, flat, table_id):
            return
        self._refreshed = True
        self._schema = self._changes._client._schema_for(self._team, self._db, refresh=True)

    def _misses(self, updates: dict[str, Any], flat: list[Any], table_id: str | None) -> bool:
        assert self._schema is not None
        known = self._schema.tables
        tables = {table_id} if table_id is not None else {_table_of(k) for k in updates}
        if any(t is not None and t not in known for t in tables):
            return True
        fields = {f for entry in flat for f in entry if not f.startswith("_")}
        ids = {fid for t in tables if t is not None and t in known for fid in known[t].fields}
        return not fields <= ids

    def table(self, table_id: str) -> TableInfo | None:
        return None if self._schema is None else self._schema.tables.get(table_id)


def _table_of(key: object) -> str | None:
    text = str(key)
    head = text.rstrip("0123456789")
    return head or None


class Changes(APIResource):
    """Change sets of a database, a table or a record (reference §4.17).

    Each change set comes back as a :class:`~ninoxkit.ChangeBatch` whose ``updates`` are
    :class:`~ninoxkit.RecordChange` objects: fields keyed by caption, and ``created_at`` /
    ``modified_at`` as aware UTC datetimes, whichever of the two shapes Ninox sent.
    """

    def since(
        self,
        since_sq: int,
        *,
        table: str | None = None,
        record_id: int | None = None,
        convert: bool = False,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> ChangeBatch:
        """Changes after sequence number ``since_sq``: of the database, of ``table``, or of one
        record (``table`` and ``record_id``).

        Args:
            since_sq: Changes after this sequence number.
            table: Table id or caption (table and record level).
            record_id: One record's changes (needs ``table``).
            convert: Turn field values into Python types by the fields' types, as
                ``records.get(convert=True)`` does.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            The change set; pass its ``seq`` as ``since_sq`` next time.

        Raises:
            InvalidArgumentError: a bad argument (before anything is sent).
            APIResponseValidationError: the answer is no change set this SDK can read.

        Example:
            >>> changes = client.changes.since(seq, table="Contacts")  # doctest: +SKIP
            >>> for change in changes.updates.values():  # doctest: +SKIP
            ...     print(change.record_id, change.modified_at, change.fields.get("Name"))
        """
        since = check_non_negative_int("since_sq", since_sq)
        if record_id is not None:
            if table is None:
                raise InvalidArgumentError("record_id needs table")
            check_record_id(record_id)
        team, db = self._ids(team_id, database_id)
        tid = None if table is None else self._table_id(table, team, db)
        return self._since(since, tid, record_id, convert, team, db, _Names(self, team, db))

    def _since(
        self,
        since: int,
        tid: str | None,
        record_id: int | None,
        convert: bool,
        team: str,
        db: str,
        names: _Names,
    ) -> ChangeBatch:
        if tid is None:
            kwargs = list_database_changes.request_kwargs(team, db, since_sq=since)
        elif record_id is None:
            kwargs = list_table_changes.request_kwargs(team, db, tid, since_sq=since)
        else:
            rid = check_record_id(record_id)
            kwargs = list_record_changes.request_kwargs(team, db, tid, rid, since_sq=since)
        # The generated request, sent as is; the body is read here from its JSON, so both
        # shapes of a change set (§4.17 and §13) are understood whatever the generated model.
        response = self._client._send(kwargs)
        try:
            data = response.json()
        except ValueError as exc:
            raise self._shape_error(response, f"{type(exc).__name__}: {exc}") from exc
        except RecursionError:
            raise self._shape_error(response, "the JSON is nested too deeply") from None
        names.prepare(data, tid, convert)
        try:
            return parse_change_set(data, table_id=tid, table_info=names.table, convert=convert)
        except ChangeSetShapeError as exc:
            raise self._shape_error(response, str(exc)) from exc
        except FieldValueError as exc:
            raise _value_error(response, exc) from exc

    def watch(
        self,
        since_sq: int,
        *,
        table: str | None = None,
        record_id: int | None = None,
        interval: float = 5.0,
        max_polls: int | None = None,
        stop: Callable[[ChangeBatch], bool] | None = None,
        convert: bool = False,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> Iterator[ChangeBatch]:
        """Poll for changes and yield each non-empty change set, oldest first.

        The table's schema (to name fields) is read once per watch, when first needed.

        Args:
            since_sq: Start after this sequence number.
            table: Only this table's changes (id or caption).
            record_id: Only this record's changes (needs ``table``).
            interval: Seconds between polls (finite, ≥ 0).
            max_polls: Stop after this many polls (``None``: until ``stop`` or the caller breaks).
            stop: Called with each yielded change set; returning ``True`` ends the watch.
            convert: As for :meth:`since`.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            An iterator of the change sets (nothing is sent until it is iterated).

        Raises:
            InvalidArgumentError: a bad argument, raised by this call, before anything is sent.

        Example:
            >>> for changes in client.changes.watch(seq, table="Contacts"):  # doctest: +SKIP
            ...     handle(changes)
        """
        if (
            isinstance(interval, bool)
            or not isinstance(interval, int | float)
            or not math.isfinite(interval)
            or interval < 0
        ):
            raise InvalidArgumentError(f"interval must be a finite number ≥ 0, got {interval!r}")
        if max_polls is not None:
            check_non_negative_int("max_polls", max_polls)
        since = check_non_negative_int("since_sq", since_sq)
        if record_id is not None:
            if table is None:
                raise InvalidArgumentError("record_id needs table")
            check_record_id(record_id)
        team, db = self._ids(team_id, database_id)
        return self._watch(since, table, record_id, interval, max_polls, stop, convert, team, db)

    def _watch(
        self,
        since: int,
        table: str | None,
        record_id: int | None,
        interval: float,
        max_polls: int | None,
        stop: Callable[[ChangeBatch], bool] | None,
        convert: bool,
        team: str,
        db: str,
    ) -> Iterator[ChangeBatch]:
        tid = None if table is None else self._table_id(table, team, db)
        names = _Names(self, team, db)
        polls = 0
        while max_polls is None or polls < max_polls:
            if polls:
                _sleep(interval)
            polls += 1
            changes = self._since(since, tid, record_id, convert, team, db, names)
            since = max(since, changes.seq)
            if changes.has_changes:
                yield changes
                if stop is not None and stop(changes):
                    return


def _value_error(response: httpx.Response, exc: FieldValueError) -> APIResponseValidationError:
    return APIResponseValidationError(
        f"Ninox's change set holds a value that does not fit its field's type: {exc}",
        status_code=response.status_code,
        response=response,
        request=response.request,
        body=response.content,
    )

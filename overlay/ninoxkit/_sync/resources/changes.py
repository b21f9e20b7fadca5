# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/changes.py.
# Do not edit: edit the source and re-run the script.
"""``client.changes``: change sets since a sequence number, and a polling ``watch`` (§4.17, §9).

Every change in a Ninox database raises its sequence number; a change set lists what changed
and what was removed after a given one. Ninox has no webhooks (peers.md §3 item 17), so
:meth:`Changes.watch` polls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from ninox_api.api.changes import list_database_changes, list_record_changes, list_table_changes
from ninox_api.models import ChangeSet
from ninox_api.types import Unset

from ninoxkit._exceptions import InvalidArgumentError
from ninoxkit._sync._resource import APIResource
from ninoxkit._validate import check_non_negative_int, check_record_id

__all__ = ["Changes"]

# Looked up at call time so tests can replace it.
_sleep = time.sleep


def has_changes(changes: ChangeSet) -> bool:
    """Whether a change set reports anything: records updated or removed, files, views,
    reports, or a key this SDK does not know (§4.17 documents no complete list)."""
    parts: list[Any] = [changes.removes, changes.files, changes.additional_properties]
    parts += [
        part.additional_properties
        for part in (changes.updates, changes.views, changes.reports)
        if not isinstance(part, Unset)
    ]
    return any(part for part in parts if not isinstance(part, Unset))


class Changes(APIResource):
    """Change sets of a database, a table or a record."""

    def since(
        self,
        since_sq: int,
        *,
        table: str | None = None,
        record_id: int | None = None,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> ChangeSet:
        """Changes after sequence number ``since_sq``: of the database, of ``table``, or of one
        record (``table`` and ``record_id``).

        Returns:
            The change set; pass its ``seq`` as ``since_sq`` next time.
        """
        since = check_non_negative_int("since_sq", since_sq)
        team, db = self._ids(team_id, database_id)
        if table is None:
            if record_id is not None:
                raise InvalidArgumentError("record_id needs table")
            response = self._call(list_database_changes.sync_detailed, team, db, since_sq=since)
        else:
            tid = self._table_id(table, team, db)
            if record_id is None:
                response = self._call(
                    list_table_changes.sync_detailed,
                    team,
                    db,
                    tid,
                    since_sq=since,
                )
            else:
                rid = check_record_id(record_id)
                response = self._call(
                    list_record_changes.sync_detailed,
                    team,
                    db,
                    tid,
                    rid,
                    since_sq=since,
                )
        return self._parsed(response, ChangeSet)

    def watch(
        self,
        since_sq: int,
        *,
        table: str | None = None,
        record_id: int | None = None,
        interval: float = 5.0,
        max_polls: int | None = None,
        stop: Callable[[ChangeSet], bool] | None = None,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> Iterator[ChangeSet]:
        """Poll for changes and yield each non-empty change set, oldest first.

        Args:
            since_sq: Start after this sequence number.
            interval: Seconds between polls.
            max_polls: Stop after this many polls (``None``: until ``stop`` or the caller breaks).
            stop: Called with each yielded change set; returning ``True`` ends the watch.

        Example:
            >>> for changes in client.changes.watch(seq, table="Contacts"):  # doctest: +SKIP
            ...     handle(changes)
        """
        if interval < 0:
            raise InvalidArgumentError("interval must be ≥ 0")
        since = check_non_negative_int("since_sq", since_sq)
        polls = 0
        while max_polls is None or polls < max_polls:
            if polls:
                _sleep(interval)
            polls += 1
            changes = self.since(
                since, table=table, record_id=record_id, team_id=team_id, database_id=database_id
            )
            since = max(since, changes.seq)
            if has_changes(changes):
                yield changes
                if stop is not None and stop(changes):
                    return

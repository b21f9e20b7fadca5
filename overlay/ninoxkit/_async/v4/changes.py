"""``client.changes`` of :class:`AsyncNinox4`: the record and schema change feeds.

One *poll* reads every page of the window ``(since, asOf]``: the first page fixes ``asOf``
(``meta.asOf``) and the later pages pass it, so rows changed while paging cannot shift the
window; the next poll starts at that ``asOf`` (reference ninox4 §3.2).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import AsyncIterator, Callable, Mapping
from types import ModuleType
from typing import Any

import anyio
from ninox4_api.api.changes import list_record_changes, list_schema_changes

from ninoxkit._async.v4._base import (
    MAX_PAGE_LIMIT,
    AsyncBase4,
    check_limit,
    check_name,
    next_offset,
    shape_error,
)
from ninoxkit._exceptions import InvalidArgumentError

__all__ = ["AsyncChanges4", "check_since"]

Json = dict[str, Any]


def check_since(value: object, name: str = "since") -> str:
    """An instant as the feeds take it: ISO 8601 UTC ending in ``Z``.

    Raises:
        InvalidArgumentError: a naive datetime or a string without ``Z``.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise InvalidArgumentError(f"{name} must be an aware datetime (UTC), got a naive one")
        text = value.astimezone(dt.UTC).isoformat(timespec="milliseconds")
        return text.replace("+00:00", "Z")
    if isinstance(value, str) and value.endswith("Z"):
        try:
            dt.datetime.fromisoformat(value[:-1] + "+00:00")
        except ValueError:
            pass
        else:
            return value
    raise InvalidArgumentError(
        f"{name} must be an aware datetime or ISO 8601 UTC text ending in 'Z', got {value!r}"
    )


def check_interval(value: object) -> float:
    """A polling interval in seconds: a finite number ≥ 0.1."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0.1
    ):
        raise InvalidArgumentError(f"interval must be a number of seconds >= 0.1, got {value!r}")
    return float(value)


class AsyncChanges4(AsyncBase4):
    """Change feeds (``client.changes``)."""

    async def _poll(
        self, op: ModuleType, *args: Any, since: object, limit: int
    ) -> tuple[list[Json], str, Json]:
        check_limit(limit)
        start = check_since(since)
        items: list[Json] = []
        offset: int | None = 0
        pages = 0
        as_of: str | None = None
        meta: Json = {}
        while offset is not None:
            env = await self._envelope(
                op, *args, since=start, as_of=as_of, offset=offset, limit=limit
            )
            pages += 1
            got = env.get("meta")
            if not isinstance(got, Mapping) or not isinstance(got.get("asOf"), str):
                raise shape_error(env, "expected meta.asOf in a change feed page")
            if as_of is None:
                as_of, meta = got["asOf"], dict(got)
            following = next_offset(env, offset, pages)
            items.extend(env["data"])
            offset = following
        assert as_of is not None
        return items, as_of, meta

    async def records(
        self,
        *,
        module: str,
        table: str,
        since: dt.datetime | str,
        limit: int = MAX_PAGE_LIMIT,
    ) -> Json:
        """One poll of a table's record changes (the table needs ``hasHistory``).

        Args:
            module: Module name.
            table: Table name.
            since: Start of the window (aware datetime or ISO text ending in ``Z``).
            limit: Rows per page, 1-100.

        Returns:
            ``{"changes": [{id, changeType, changedAt}, ...], "as_of": "...Z"}``; pass
            ``as_of`` as the next ``since``.

        Raises:
            BadRequestError: history tracking is off for the table.
        """
        path = (check_name("module", module), check_name("table", table))
        items, as_of, _ = await self._poll(list_record_changes, *path, since=since, limit=limit)
        return {"changes": items, "as_of": as_of}

    async def schema(self, *, since: dt.datetime | str, limit: int = MAX_PAGE_LIMIT) -> Json:
        """One poll of the workspace's schema changes (modules, tables, fields), oldest first.

        Args:
            since: Start of the window (aware datetime or ISO text ending in ``Z``).
            limit: Rows per page, 1-100.

        Returns:
            ``{"changes": [...], "as_of": "...Z", "retention_cutoff": ... or None}``; pass
            ``as_of`` as the next ``since``.

        Raises:
            InvalidArgumentError: a bad ``since`` or ``limit`` (nothing is sent).
            APIResponseValidationError: a page without ``meta.asOf`` or of the wrong shape.
            APIError: any other failed request.
        """
        items, as_of, meta = await self._poll(list_schema_changes, since=since, limit=limit)
        return {"changes": items, "as_of": as_of, "retention_cutoff": meta.get("retentionCutoff")}

    async def _watch(
        self,
        poll: Callable[[str], Any],
        since: object,
        interval: float,
        max_polls: int | None,
        stop: Callable[[Json], bool] | None,
    ) -> AsyncIterator[Json]:
        wait = check_interval(interval)
        if max_polls is not None and (
            isinstance(max_polls, bool) or not isinstance(max_polls, int) or max_polls < 1
        ):
            raise InvalidArgumentError(f"max_polls must be a positive int, got {max_polls!r}")
        cursor = check_since(since)
        polls = 0
        while True:
            result = await poll(cursor)
            polls += 1
            cursor = result["as_of"]
            for change in result["changes"]:
                yield change
                if stop is not None and stop(change):
                    return
            if max_polls is not None and polls >= max_polls:
                return
            await anyio.sleep(wait)

    def watch_records(
        self,
        *,
        module: str,
        table: str,
        since: dt.datetime | str,
        interval: float = 5.0,
        max_polls: int | None = None,
        stop: Callable[[Json], bool] | None = None,
    ) -> AsyncIterator[Json]:
        """Poll a table's record changes and yield each change, oldest window first.

        Args:
            module: Module name.
            table: Table name.
            since: Where to start.
            interval: Seconds between polls (≥ 0.1).
            max_polls: Stop after this many polls (``None``: until ``stop`` or cancelled).
            stop: Called with each change; ``True`` ends the watch.

        Raises:
            InvalidArgumentError: a bad ``interval``, ``max_polls`` or ``since`` (on first use).
        """
        check_interval(interval)
        module, table = check_name("module", module), check_name("table", table)

        async def poll(cursor: str) -> Json:
            return await self.records(module=module, table=table, since=cursor)

        return self._watch(poll, since, interval, max_polls, stop)

    def watch_schema(
        self,
        *,
        since: dt.datetime | str,
        interval: float = 5.0,
        max_polls: int | None = None,
        stop: Callable[[Json], bool] | None = None,
    ) -> AsyncIterator[Json]:
        """Poll the schema changes like :meth:`watch_records`.

        Args:
            since: Where to start (aware datetime or ISO text ending in ``Z``).
            interval: Seconds between polls (≥ 0.1).
            max_polls: Stop after this many polls (``None``: until ``stop`` or cancelled).
            stop: Called with each change; ``True`` ends the watch.

        Returns:
            The changes, one at a time, oldest window first.

        Raises:
            InvalidArgumentError: a bad ``interval``, ``max_polls`` or ``since`` (on first use).
        """
        check_interval(interval)

        async def poll(cursor: str) -> Json:
            return await self.schema(since=cursor)

        return self._watch(poll, since, interval, max_polls, stop)

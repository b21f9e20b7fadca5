"""Run an NX query-builder condition and get the matching records back (reference §4.6).

    from ninoxkit.nx import F

    hot = await select(contacts, (F("Score") > 50) & (F("Status") == "Lead"), limit=10)

The condition is compiled by :mod:`ninoxkit._nxquery` (every value quoted by
:func:`ninoxkit.nx.quote`) and evaluated read-only through ``/query``; Ninox answers record
references such as ``"B3"``, which are then read one by one with ``records.get`` and returned
in the order NX gave them.

Reading them costs one ``GET`` per record, or, when the ids are dense, a listing of just the id
range they span (``sinceId``, 500 per page): whichever takes fewer requests.
"""

from __future__ import annotations

from typing import Any

from ninoxkit._async._client import AsyncNinox
from ninoxkit._async._handles import AsyncTable
from ninoxkit._constants import MAX_PAGE_SIZE
from ninoxkit._exceptions import APIResponseValidationError, InvalidArgumentError, NotFoundError
from ninoxkit._nxquery import Condition, F, compile_select, field_name, fields_of
from ninoxkit._validate import check_non_negative_int
from ninoxkit.nx import record_ref
from ninoxkit.types import Record

__all__ = ["select", "select_ids"]


def _table_handle(source: AsyncNinox | AsyncTable, table: str | None) -> AsyncTable:
    if isinstance(source, AsyncTable):
        if table is not None:
            raise InvalidArgumentError("pass table= only with a client, not with a Table handle")
        return source
    if not isinstance(source, AsyncNinox):
        raise InvalidArgumentError(
            f"select() needs a client or a Table handle, got {type(source).__name__}"
        )
    if table is None:
        raise InvalidArgumentError("select(client, …) needs table= (a table id or caption)")
    return source.database().table(table)


def _ids_from_answer(answer: Any, table_id: str) -> list[int]:
    """Record ids from a ``select`` script's value: references ``"B3"`` (§4.6, §7.2)."""
    # A select is a list; a lone reference or null is tolerated (n8n parses both, §4.6).
    items = [] if answer is None else answer if isinstance(answer, list) else [answer]
    ids: list[int] = []
    for item in items:
        parsed = record_ref(item)
        if parsed is not None and parsed[0] == table_id:
            ids.append(parsed[1])
        elif isinstance(item, int) and not isinstance(item, bool) and item > 0:
            ids.append(item)  # a bare record number: tolerated, same table by construction
        else:
            raise APIResponseValidationError(
                f"the select query answered {item!r}, which is no record of table {table_id}",
                status_code=200,
            )
    return ids


async def select_ids(
    source: AsyncNinox | AsyncTable,
    condition: Condition | None = None,
    *,
    table: str | None = None,
    order: str | F | None = None,
    desc: bool = False,
    limit: int | None = None,
) -> list[int]:
    """The ids of the records satisfying ``condition``, in NX order (see :func:`select`)."""
    if condition is not None and not isinstance(condition, Condition):
        raise InvalidArgumentError("condition must be built with ninoxkit.nx.F (or be None)")
    if limit is not None:
        check_non_negative_int("limit", limit)
    handle = _table_handle(source, table)
    info = await handle.info()
    # A typo in a field name is a 400 from Ninox with no hint; the schema names close matches.
    for field in [*fields_of(condition), *([] if order is None else [field_name(order)])]:
        info.field(field)
    # NX scripts name tables by caption; the caption comes from the schema, so a handle made
    # from a table id works too.
    script = compile_select(info.name, condition, order=order)
    answer = await handle.database.query(script)
    ids = _ids_from_answer(answer, info.id)
    if desc:
        # NX ``order by`` sorts ascending; reversing keeps the order and flips ties.
        ids.reverse()
    # The limit is applied to the ids (a few bytes each) before any record is read.
    return ids if limit is None else ids[:limit]


async def select(
    source: AsyncNinox | AsyncTable,
    condition: Condition | None = None,
    *,
    table: str | None = None,
    order: str | F | None = None,
    desc: bool = False,
    limit: int | None = None,
    convert: bool = False,
) -> list[Record]:
    """The records of a table that satisfy ``condition``, evaluated by Ninox.

    Args:
        source: A table handle (``db.table("Contacts")``), or a client together with ``table``.
        condition: Built with :class:`ninoxkit.nx.F`; ``None`` selects every record.
        table: Table id or caption, when ``source`` is a client.
        order: Field to sort by (NX ``order by``, ascending); ``None``: ascending ids.
        desc: Reverse the order.
        limit: At most this many records (the first ones in order).
        convert: Turn field values into Python types, as for ``records.get``.

    Returns:
        The records, in the order NX gave them. After the query they are read one ``GET``
        each, or by listing the id range they span when that takes fewer requests. A record
        deleted between the query and the read is left out.

    Raises:
        InvalidArgumentError: a bad argument (nothing is sent).
        UnknownNameError: no such table, or a field the condition or ``order`` names is not one
            of its fields (the message lists close matches; nothing is sent).
        BadRequestError: Ninox refused the script (e.g. an unknown field name).
        APIResponseValidationError: the query answered something that is no record reference.

    Example:
        >>> from ninoxkit.nx import F
        >>> leads = await select(contacts, F("Status") == "Lead", order="Score")  # doctest: +SKIP
    """
    handle = _table_handle(source, table)
    ids = await select_ids(handle, condition, order=order, desc=desc, limit=limit)
    return await _read(handle, ids, convert)


async def _read(handle: AsyncTable, ids: list[int], convert: bool) -> list[Record]:
    """The records with these ids, in this order; gone ones left out."""
    if not ids:
        return []
    low, high = min(ids), max(ids)
    # At most this many pages cover the range (fewer when ids in it were deleted).
    pages = (high - low) // MAX_PAGE_SIZE + 1
    if pages >= len(ids):
        out: list[Record] = []
        for rid in ids:
            try:
                out.append(await handle.get(record_id=rid, convert=convert))
            except NotFoundError:
                continue  # deleted since the query
        return out
    wanted = set(ids)
    found: dict[int, Record] = {}
    # No more records than ids in [low, high] can follow since_id: the limit keeps the pager
    # from reading ahead past the range.
    pager = handle.list(
        per_page=MAX_PAGE_SIZE, since_id=low - 1, limit=high - low + 1, convert=convert
    )
    async for record in pager:
        if record.id in wanted:
            found[record.id] = record
        if record.id >= high:
            break
    return [found[rid] for rid in ids if rid in found]

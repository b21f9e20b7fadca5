"""``client.records``: list, read, find, create, update, upsert and delete records (§4.9–§4.15).

Writes go out in batches through ``POST …/records`` (reference §4.12). Every value of every item
is checked and encoded before the first batch is sent. If a batch fails, the
:class:`~ninoxkit.BatchWriteError` says exactly which input items were written (with the records
Ninox returned), which were not, and — only when a non-idempotent batch may have reached Ninox —
which are unknown; a create is never re-sent, so nothing is written twice.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import aclosing
from typing import Any, Literal, TypeVar, overload

import httpx
from ninox_api.api.records import (
    delete_record,
    delete_records,
    find_record,
    get_record,
    list_records,
    save_records,
    update_record,
)
from ninox_api.models import FindRecordRequest, RecordFields, RecordUpdate
from ninox_api.models import TableRecord as Record

from ninoxkit._async._resource import AsyncAPIResource
from ninoxkit._batch import BatchPlan, Split, WriteItem, normalize_writes
from ninoxkit._constants import DEFAULT_BATCH_SIZE, MAX_PAGE_SIZE
from ninoxkit._exceptions import (
    APIResponseValidationError,
    FilterNotAppliedError,
    InvalidArgumentError,
    NinoxError,
    NotFoundError,
)
from ninoxkit._json import loads
from ninoxkit._models import page_ids, record_from_json, records_from_json
from ninoxkit._paging import FilterCheck, PageTracker, page_size_for
from ninoxkit._schema import TableInfo
from ninoxkit._types import opt
from ninoxkit._validate import (
    check_bool,
    check_id,
    check_non_negative_int,
    check_positive_int,
    check_record_id,
    check_text,
)
from ninoxkit._values import FieldValueError, encode_fields
from ninoxkit._window import AsyncGen, AsyncJob, AsyncWindow

__all__ = ["AsyncRecordPager", "AsyncRecords"]

R = TypeVar("R")
#: What a batch job answers: the batch's input indexes, the results (``None`` when it failed),
#: the error, and what became of each item when that was checked (see ``BatchPlan.failure``).
_Outcome = tuple[range, list[R] | None, Exception | None, Split | None]


class AsyncRecordPager:
    """A lazy listing over every page of a table; nothing is fetched until you iterate.

    ``async for record in pager`` yields records across pages; ``pager.pages()`` yields whole
    pages. Iterating twice lists the table twice.

    Each record is yielded once, whatever the order or the server does (a page answered
    again, ids repeated inside a page, a silent ``perPage`` cap; see ``ninoxkit._paging``). In
    id order (no ``order``/``new``/``updated``) memory stays at about one page; in any other
    order the pager also keeps the ids it yielded (ints, about 60 bytes each). A listing whose
    only page is short costs one more request, which confirms that nothing follows.

    Read-ahead: with ``prefetch`` above 1 the pager keeps up to that many page requests in
    flight (each under the client's concurrency limit) and uses the answers strictly in page
    order, so what is yielded is exactly what one-at-a-time paging yields. The pages ahead are
    asked for before a page is handed on, so they stay in flight however slowly the consumer
    works; memory stays at about ``prefetch`` pages (plus the one handed on). Once a page
    comes back short the pager asks for no more pages ahead; the pages already asked for that
    the listing did not need are counted in ``wasted_requests`` (at most ``prefetch - 1`` for a
    listing iterated to its end).

    Attributes:
        pages_fetched: Pages accepted so far by the current iteration.
        repeated_pages: Times Ninox answered a page that held no new record (the listing stops
            there instead of looping; peers.md §3 item 1).
        repeated_records: Records Ninox answered again and the pager dropped.
        wasted_requests: Page requests the read-ahead started that the listing did not use
            (counted when an iteration ends, also when it is broken off).
    """

    def __init__(
        self,
        records: AsyncRecords,
        *,
        table: str,
        team_id: str,
        database_id: str,
        per_page: int,
        limit: int | None,
        start_page: int,
        params: Mapping[str, Any],
        convert: bool,
        prefetch: int = 1,
        typed_filters: Mapping[str, Any] | None = None,
        sent_filters: Mapping[str, Any] | None = None,
    ) -> None:
        """Hold what one listing asks for; sends nothing (made by :meth:`AsyncRecords.list`,
        which checks the arguments; build one through it rather than by hand).

        Args:
            records: The records resource whose client sends the page requests.
            table: Table id or caption.
            team_id: Team id (resolved already).
            database_id: Database id (resolved already).
            per_page: Records per page request, 1-500.
            limit: Stop after this many records; ``None`` for every record.
            start_page: First page (0-based), in pages of ``per_page``.
            params: The query parameters every page request carries (order, filters, ...),
                without the paging ones.
            convert: Turn field values into Python types by the fields' types.
            prefetch: Page requests in flight at once (read-ahead); ``1``: one at a time.
            typed_filters: With ``convert``, the filters as Python values, written by the
                table's field types once its schema is read (then sent instead of
                ``sent_filters``).
            sent_filters: The filters as sent; every record answered must match them (else
                :class:`~ninoxkit.FilterNotAppliedError` while iterating).
        """
        self._records = records
        self._table = table
        self._team_id = team_id
        self._database_id = database_id
        self._per_page = per_page
        self._limit = limit
        self._prefetch = prefetch
        self._start_page = start_page
        self._params = dict(params)
        self._convert = convert
        self._typed_filters = typed_filters
        self._sent_filters = sent_filters
        self.pages_fetched = 0
        self.repeated_pages = 0
        self.repeated_records = 0
        self.wasted_requests = 0

    def __repr__(self) -> str:
        # Sends nothing: a pager is lazy, and its length is unknown until it is iterated.
        return (
            f"{type(self).__name__}(table={self._table!r}, per_page={self._per_page}, "
            f"limit={self._limit}, prefetch={self._prefetch})"
        )

    def pages(self) -> AsyncIterator[list[Record]]:
        """Yield one list of records per page (the last may be short or, rarely, empty)."""
        return self._pages(self._fresh_json())

    async def _pages(
        self, listing: AsyncGen[tuple[list[Any], tuple[str, str, str]]]
    ) -> AsyncGen[list[Record]]:
        # Closed explicitly, so breaking off ends the read-ahead now, not when collected.
        async with aclosing(listing) as fresh:
            async for items, (team, db, tid) in fresh:
                page = records_from_json(items)
                # The page's JSON objects go now, not when the next page arrives: fewer live
                # objects for each garbage-collector pass to walk while the caller holds the page.
                items.clear()
                if self._convert:
                    page = await self._records._decode(page, team, db, tid)
                yield page

    async def __aiter__(self) -> AsyncIterator[Record]:
        if self._convert:
            async with aclosing(self._pages(self._fresh_json())) as pages:
                async for page in pages:
                    for record in page:
                        yield record
            return
        # Each record is built as it is consumed, not a page at a time (see ``_models``).
        async with aclosing(self._fresh_json()) as fresh:
            async for items, _where in fresh:
                for index, item in enumerate(items):
                    items[index] = None  # each record's JSON goes once it is built (``_pages``)
                    yield record_from_json(item)

    async def _fresh_json(self) -> AsyncGen[tuple[list[Any], tuple[str, str, str]]]:
        """Yield each page's records not yielded before, as checked JSON, with the team,
        database and table ids they came from."""
        records = self._records
        team, db = self._team_id, self._database_id
        tid = await records._table_id(self._table, team, db)
        params = self._params
        sent = self._sent_filters
        if self._typed_filters is not None:
            # convert=True: filters are written by the table's field types, like records are.
            encode = await records._encoder(team, db, tid, convert=True)
            sent = encode(self._typed_filters)
            params = {**params, "filters": _filters_param(sent)}
        # Every record answered must match the filter: a server that ignored it (§13) must
        # not make the caller act on the wrong records.
        check = FilterCheck(sent) if sent else None
        per_page = self._per_page
        tracker = PageTracker(
            per_page=per_page,
            limit=self._limit,
            start_page=self._start_page,
            # Ninox's default order is ascending ids; order/new/updated change it (§4.9).
            ordered_by_id=not any(params.get(k) for k in ("order", "new", "updated")),
        )
        self.pages_fetched = 0
        self.repeated_pages = 0
        self.repeated_records = 0
        self.wasted_requests = 0
        # With a limit, the pages it needs if every page is full; more only if one is short.
        needed = None if self._limit is None else -(-self._limit // per_page)
        client = records._client

        def fetch(page: int) -> AsyncJob[httpx.Response]:
            # The generated request description, sent as is. The body is checked here and
            # built into models by the caller (``_models``): a listing builds every record.
            kwargs = list_records.request_kwargs(
                team, db, tid, page=page, per_page=per_page, **params
            )
            return lambda: client._send(kwargs)

        window: AsyncWindow[httpx.Response] = AsyncWindow(self._prefetch)
        next_page = tracker.page
        # Until the consumer comes back for a second page, only pages 0 and 1 are asked for: a
        # short page 0 needs page 1 anyway (it tells the end of the table from a server that
        # caps perPage), so a small table costs one round trip and wastes nothing, and a caller
        # that reads one page sends no more. Then the window opens to ``prefetch`` and is
        # topped up after each page is accepted and before it is handed on, so the requests
        # ahead stay in flight however long the consumer takes with a page (memory: the
        # window's pages plus the one handed on). After a short page it pauses until the next
        # page says whether the listing ended there or the server caps perPage (then its pages
        # are all that long).
        paused = False
        resumed = False
        longest = 0

        def top_up() -> None:
            nonlocal next_page
            while (
                not window  # the tracker wants the next page: always ask for it
                or (
                    len(window) < window.width
                    and (resumed or next_page - self._start_page < 2)
                    and not paused
                    and (needed is None or next_page - self._start_page < needed)
                )
            ):
                window.start(fetch(next_page))
                next_page += 1

        try:
            while not tracker.done:
                top_up()
                response = await window.take()
                items, ids = records._page_json(response)
                if check is not None:
                    await records._verify(check, _pairs(items), team, db, tid, response)
                fresh = tracker.accept(items, ids)
                count = len(items)
                paused = count < per_page and count != longest
                longest = max(longest, count)
                # Only ``fresh`` holds the page's JSON now: its consumer can let it go as it
                # builds the records (see ``_pages``).
                del items, ids, response
                self.pages_fetched = tracker.pages_fetched
                self.repeated_pages = tracker.repeated_pages
                self.repeated_records = tracker.repeated_records
                if fresh:
                    if resumed and not tracker.done:
                        top_up()
                    yield fresh, (team, db, tid)
                    resumed = True
        finally:
            # Pages asked for but not needed (at most prefetch - 1 when the listing ran to its
            # end); their requests are cancelled or waited for, so none outlives the listing.
            self.wasted_requests += await window.aclose()

    async def to_list(self) -> list[Record]:
        """Fetch everything into a list (mind the memory on large tables)."""
        return [record async for record in self]

    async def _table_info(self) -> TableInfo:
        records = self._records
        team, db = records._ids(self._team_id, self._database_id)
        tid = await records._table_id(self._table, team, db)
        return (await records._schema(team, db)).table(tid)

    async def to_arrow(self, *, schema: TableInfo | None = None) -> Any:
        """The listing as a ``pyarrow.Table``, one record batch per page, typed by the table's
        field types (needs ``pip install 'ninoxkit[frames]'``).

        Args:
            schema: The table's schema (default: read once from Ninox).
        """
        from ninoxkit._async._frames import to_arrow

        return await to_arrow(self, schema=schema or await self._table_info())

    async def to_pandas(self, *, schema: TableInfo | None = None) -> Any:
        """The listing as a pandas ``DataFrame``: dates, UTC datetimes, categoricals for
        choices, nullable ints (needs ``pip install 'ninoxkit[frames]'``).

        Args:
            schema: The table's schema (default: read once from Ninox).
        """
        from ninoxkit._async._frames import to_pandas

        return await to_pandas(self, schema=schema or await self._table_info())

    async def to_polars(self, *, schema: TableInfo | None = None) -> Any:
        """The listing as a polars ``DataFrame`` (needs ``pip install 'ninoxkit[frames]'``).

        Args:
            schema: The table's schema (default: read once from Ninox).
        """
        from ninoxkit._async._frames import to_polars

        return await to_polars(self, schema=schema or await self._table_info())


class AsyncRecords(AsyncAPIResource):
    """Records of a table. ``table`` is a table id (``"A"``) or caption (``"Contacts"``)."""

    def list(
        self,
        *,
        table: str,
        team_id: str | None = None,
        database_id: str | None = None,
        per_page: int | None = None,
        limit: int | None = None,
        start_page: int = 0,
        order: str | None = None,
        desc: bool | None = None,
        new: bool | None = None,
        updated: bool | None = None,
        since_id: int | None = None,
        since_sq: int | None = None,
        filters: Mapping[str, Any] | None = None,
        choice_style: str | None = None,
        ids: bool | None = None,
        style: str | None = None,
        convert: bool = False,
        prefetch: int | None = None,
    ) -> AsyncRecordPager:
        """List records lazily across all pages (reference §4.9).

        Every argument is checked here, before anything is sent; the pager sends nothing
        until it is iterated.

        Args:
            table: Table id or caption.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            per_page: Page size, 1–500. Default: 500 (the largest page Ninox is known to
                serve, per n8n), or with ``limit`` no more than it needs (``limit=700``: two
                pages of 350). A server that silently serves smaller pages loses nothing.
            limit: Stop after this many records (at least 1; omit it for every record).
            start_page: First page (0-based), counted in pages of ``per_page`` (500 unless
                given; a ``limit`` does not shrink the page size then).
            order: Field (name or id) to sort by; not combinable with ``new``/``updated``.
            desc: Sort descending.
            new: Newest first.
            updated: Most recently modified first.
            since_id: Only records with a greater id.
            since_sq: Only records changed after this sequence number.
            filters: Exact-match filters, field name or id → value (all must hold).
            choice_style: How choice values are rendered (``"names"``/``"ids"``; §11 conflict).
            ids: Key ``fields`` by field id.
            style: Passed through (``"names"`` seen in the wild; meaning undocumented).
            convert: Turn field values into Python types (dates, datetimes, choices…).
            prefetch: Pages in flight at once (read-ahead). Default and maximum: the client's
                ``max_concurrency``; ``1`` asks for one page at a time. Records come in page
                order whatever the value.

        Returns:
            A pager: ``async for record in pager``, or ``pager.pages()``.

        Raises:
            InvalidArgumentError: a bad parameter (before anything is sent).
            FilterNotAppliedError: (while iterating) a page holds a record that does not match
                ``filters``: the server ignored or misread them. Nothing of that page is yielded.
        """
        if per_page is not None:
            check_positive_int("per_page", per_page, MAX_PAGE_SIZE)
        if limit is not None and not (
            isinstance(limit, int) and not isinstance(limit, bool) and limit >= 1
        ):
            # limit=0 would mean "nothing" here and "everything" to some tools: refused.
            raise InvalidArgumentError(
                f"limit must be a positive int, got {limit!r} (omit it to list every record)"
            )
        check_non_negative_int("start_page", start_page)
        width = self._width("prefetch", prefetch)
        team, db = self._ids(team_id, database_id)
        check_id("table", table)
        if per_page is None:
            per_page = page_size_for(limit if start_page == 0 else None)
        if order is not None and (new or updated):
            raise InvalidArgumentError("order cannot be combined with new or updated (§4.9)")
        if filters is not None and not isinstance(filters, Mapping):
            raise InvalidArgumentError("filters must be a mapping of field name or id → value")
        for name, value in (("since_id", since_id), ("since_sq", since_sq)):
            if value is not None:
                check_non_negative_int(name, value)
        for name, flag in (("desc", desc), ("new", new), ("updated", updated), ("ids", ids)):
            if flag is not None:
                check_bool(name, flag)
        for name, text in (("order", order), ("choice_style", choice_style), ("style", style)):
            if text is not None:
                check_text(name, text)
        plain = None if filters is None or convert else encode_fields(filters)
        params = {
            "order": opt(order),
            "desc": opt(desc),
            "new": opt(new),
            "updated": opt(updated),
            "since_id": opt(since_id),
            "since_sq": opt(since_sq),
            # With convert=True the filters are encoded once the table's schema is read.
            "filters": opt(None if plain is None else _filters_param(plain)),
            "choice_style": opt(choice_style),
            "ids": opt(ids),
            "style": opt(style),
        }
        return AsyncRecordPager(
            self,
            table=table,
            team_id=team,
            database_id=db,
            per_page=per_page,
            limit=limit,
            start_page=start_page,
            params=params,
            convert=convert,
            prefetch=width,
            typed_filters=filters if convert else None,
            sent_filters=plain,
        )

    async def get(
        self,
        *,
        table: str,
        record_id: int,
        team_id: str | None = None,
        database_id: str | None = None,
        choice_style: str | None = None,
        style: str | None = None,
        convert: bool = False,
    ) -> Record:
        """Get one record (§4.10).

        Args:
            table: Table id or caption.
            record_id: The record's id.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            choice_style: How choice values are rendered (``"names"``/``"ids"``; §11 conflict).
            style: Passed through (``"names"`` seen in the wild; meaning undocumented).
            convert: Turn field values into Python types (dates, datetimes, choices…).

        Returns:
            The record.

        Raises:
            InvalidArgumentError: a bad id or option (nothing is sent).
            NotFoundError: no such record (or table).
        """
        for name, text in (("choice_style", choice_style), ("style", style)):
            if text is not None:
                check_text(name, text)
        team, db, tid, rid = await self._record_path(record_id, table, team_id, database_id)
        # The generated request, sent as is; the answer is built like a listing's records
        # (``_models``): the generated ``from_dict`` costs more than the whole request here.
        kwargs = get_record.request_kwargs(
            team, db, tid, rid, choice_style=opt(choice_style), style=opt(style)
        )
        record = self._one_record(await self._client._send(kwargs))
        if convert:
            (record,) = await self._decode([record], team, db, tid)
        return record

    @overload
    async def get_many(
        self,
        *,
        table: str,
        record_ids: Iterable[int],
        team_id: str | None = None,
        database_id: str | None = None,
        convert: bool = False,
        missing: Literal["raise"] = "raise",
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]: ...

    @overload
    async def get_many(
        self,
        *,
        table: str,
        record_ids: Iterable[int],
        team_id: str | None = None,
        database_id: str | None = None,
        convert: bool = False,
        missing: Literal["none"],
        max_in_flight: int | None = None,
    ) -> builtins.list[Record | None]: ...

    async def get_many(
        self,
        *,
        table: str,
        record_ids: Iterable[int],
        team_id: str | None = None,
        database_id: str | None = None,
        convert: bool = False,
        missing: Literal["raise", "none"] = "raise",
        max_in_flight: int | None = None,
    ) -> builtins.list[Record] | builtins.list[Record | None]:
        """Get several records by id, up to ``max_in_flight`` requests at once (§4.10).

        The answer is in the order asked (an id asked twice is fetched once and answered
        twice).

        Args:
            table: Table id or caption.
            record_ids: The ids, in the order wanted.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            convert: Turn field values into Python types.
            missing: What an id Ninox answers 404 for becomes: ``"raise"`` (default) raises
                one :class:`NotFoundError` naming every missing id, after all were asked;
                ``"none"`` puts ``None`` in its place, so ``[rid for rid, r in zip(ids,
                records) if r is None]`` are the missing ones.
            max_in_flight: Requests at once (default and maximum: the client's
                ``max_concurrency``; ``1``: one at a time).

        Returns:
            One record per id asked, in that order (``None`` for a missing one with
            ``missing="none"``).

        Raises:
            InvalidArgumentError: a bad id or option (nothing is sent).
            NotFoundError: with ``missing="raise"``, some ids do not exist; the message lists
                them all.
            NinoxError: any other failure of a request (the requests in flight are ended).
        """
        if isinstance(record_ids, Mapping | str | bytes) or not isinstance(record_ids, Iterable):
            raise InvalidArgumentError(
                f"get_many takes an iterable of record ids, not {type(record_ids).__name__}"
            )
        wanted = [check_record_id(rid, "record_ids item") for rid in record_ids]
        if missing not in ("raise", "none"):
            raise InvalidArgumentError(f"missing must be 'raise' or 'none', got {missing!r}")
        width = self._width("max_in_flight", max_in_flight)
        team, db = self._ids(team_id, database_id)
        tid = await self._table_id(table, team, db)
        unique = builtins.list(dict.fromkeys(wanted))

        def job(rid: int) -> AsyncJob[Record | NotFoundError]:
            async def get() -> Record | NotFoundError:
                try:
                    response = await self._call(get_record.asyncio_detailed, team, db, tid, rid)
                except NotFoundError as exc:
                    return exc
                return self._parsed(response, Record)

            return get

        found: dict[int, Record] = {}
        absent: dict[int, NotFoundError] = {}
        window: AsyncWindow[Record | NotFoundError] = AsyncWindow(min(width, max(1, len(unique))))
        started = 0
        try:
            while started < len(unique) or window:
                while started < len(unique) and not window.full:
                    window.start(job(unique[started]))
                    started += 1
                rid = unique[started - len(window)]
                answer = await window.take()
                if isinstance(answer, NotFoundError):
                    absent[rid] = answer
                else:
                    found[rid] = answer
        finally:
            await window.aclose()
        if absent and missing == "raise":
            gone = [rid for rid in unique if rid in absent]
            first = absent[gone[0]]
            shown = ", ".join(map(str, gone[:20])) + (" …" if len(gone) > 20 else "")
            raise NotFoundError(
                f"{len(gone)} of {len(unique)} record(s) not found in table {tid}: {shown}",
                response=first.response,
                request=first.request,
            ) from first
        if convert and found:
            ordered = builtins.list(found)
            decoded = await self._decode([found[rid] for rid in ordered], team, db, tid)
            found = dict(zip(ordered, decoded, strict=True))
        return [found.get(rid) for rid in wanted]

    async def find_one(
        self,
        filters: Mapping[str, Any],
        *,
        table: str,
        team_id: str | None = None,
        database_id: str | None = None,
        convert: bool = False,
    ) -> Record | None:
        """Find the first record whose fields equal all ``filters`` (``POST …/record``, §4.11).

        No match is ``None``: Ninox answers an empty array (or an empty body) then. An unknown
        table or field is still an error (:class:`NotFoundError` / :class:`BadRequestError`).

        Args:
            filters: Field name or id → value; every one must hold.
            table: Table id or caption.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            convert: Write the filter values by field type and convert the answer.

        Returns:
            The first matching record, or ``None``.

        Raises:
            FilterNotAppliedError: the record answered does not match ``filters`` (the server
                ignored or misread them); it is not returned.
        """
        if not isinstance(filters, Mapping) or not filters:
            raise InvalidArgumentError("find_one needs a non-empty mapping of field → value")
        team, db = self._ids(team_id, database_id)
        tid = await self._table_id(table, team, db)
        encode = await self._encoder(team, db, tid, convert)
        sent = encode(filters)
        body = FindRecordRequest.from_dict({"filters": sent})
        response = await self._call(
            find_record.asyncio_detailed,
            team,
            db,
            tid,
            body=body,
            idempotent=True,  # a lookup: safe to repeat
        )
        parsed = response.parsed
        if parsed is None and not response.content.strip():
            return None
        if isinstance(parsed, list):
            found = parsed[0] if parsed else None
        else:
            found = self._parsed(response, Record)
        if found is not None:
            # The record must match: a server that ignored the filter answers another (§13).
            fields = found.fields.additional_properties
            await self._verify(FilterCheck(sent), [(found.id, fields)], team, db, tid)
        if found is not None and convert:
            (found,) = await self._decode([found], team, db, tid)
        return found

    async def create(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        table: str,
        team_id: str | None = None,
        database_id: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        convert: bool = False,
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]:
        """Create records, each given as a mapping of field name (or id) → value.

        Sent in batches of ``batch_size``; answers the new records in input order.

        Args:
            records: One mapping of field name (or id) → value per record.
            table: Table id or caption.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            batch_size: Records per request.
            convert: Write values by the table's field types (dates, choices by caption…) and
                answer converted records.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``; ``1``: one at a time). The first failure stops sending.

        Returns:
            The created records, in input order.

        Raises:
            FieldValueError: a value cannot be sent (nothing was sent).
            BatchWriteError: a batch failed; says which items were written, which not and which
                are unknown (a create is never re-sent once it may have reached Ninox).
        """
        items = normalize_writes(records, mode="create")
        return await self._write(
            items, table, team_id, database_id, batch_size, convert, max_in_flight
        )

    async def update(
        self,
        records: Iterable[Record | Mapping[str, Any] | tuple[int, Mapping[str, Any]]],
        *,
        table: str,
        team_id: str | None = None,
        database_id: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        convert: bool = False,
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]:
        """Update existing records: items are ``{"id": 5, "fields": {...}}``, ``(5, {...})`` or
        a :class:`Record`. Only the given fields change. Answers the records in input order.

        Args:
            records: The changes, one item per record (each names its record's id).
            table: Table id or caption.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            batch_size: Records per request.
            convert: Write values by the table's field types (dates, choices by caption…) and
                answer converted records.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``; ``1``: one at a time). The first failure stops sending.

        Returns:
            The updated records, in input order.

        Raises:
            BatchWriteError: as for :meth:`create` (updates are safe to retry, so transient
                failures are retried first).
        """
        items = normalize_writes(records, mode="update")
        return await self._write(
            items, table, team_id, database_id, batch_size, convert, max_in_flight
        )

    async def upsert(
        self,
        records: Iterable[Record | Mapping[str, Any] | tuple[int, Mapping[str, Any]]],
        *,
        table: str,
        team_id: str | None = None,
        database_id: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        convert: bool = False,
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]:
        """Update records by id, creating those whose id does not exist (``_upsert``, §4.12).

        Items as for :meth:`update`; an item without ``id`` is created.

        Args:
            records: The records, as for :meth:`update`; an item without ``id`` is created.
            table: Table id or caption.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            batch_size: Records per request.
            convert: Write values by the table's field types (dates, choices by caption…) and
                answer converted records.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``; ``1``: one at a time). The first failure stops sending.

        Returns:
            The updated and created records, in input order.

        Raises:
            BatchWriteError: as for :meth:`create`.
        """
        items = normalize_writes(records, mode="upsert")
        return await self._write(
            items, table, team_id, database_id, batch_size, convert, max_in_flight
        )

    async def update_one(
        self,
        fields: Mapping[str, Any],
        *,
        table: str,
        record_id: int,
        team_id: str | None = None,
        database_id: str | None = None,
        convert: bool = False,
    ) -> Record:
        """Change some fields of one record with ``PUT`` (§4.13); ``None`` clears a field.

        Args:
            fields: Field name (or id) → new value; other fields keep theirs.
            table: Table id or caption.
            record_id: The record's id.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            convert: Write values by field type and convert the answer.

        Returns:
            The record as saved.

        Raises:
            InvalidArgumentError: ``fields`` is no mapping, or a bad id (nothing is sent).
            FieldValueError: a value cannot be sent (nothing is sent).
            NotFoundError: no such record (or table).
        """
        if not isinstance(fields, Mapping):
            raise InvalidArgumentError(
                f"fields must be a mapping of field → value, not {type(fields).__name__}"
            )
        team, db, tid, rid = await self._record_path(record_id, table, team_id, database_id)
        encode = await self._encoder(team, db, tid, convert)
        encoded = encode(fields)
        _serialised({"json": [encoded]}, range(1))  # refuses what JSON cannot carry
        body = RecordUpdate(fields=RecordFields.from_dict(encoded))
        response = await self._call(update_record.asyncio_detailed, team, db, tid, rid, body=body)
        record = self._parsed(response, Record)
        if convert:
            (record,) = await self._decode([record], team, db, tid, after="the record was saved")
        return record

    async def delete(
        self,
        *,
        table: str,
        record_id: int,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> None:
        """Delete one record (§4.14).

        A delete is re-sent after a lost answer; a 404 to the re-sent request means the record
        is gone, which is success (the first attempt deleted it). A 404 after attempts that
        certainly did nothing (connection refused, a 429) is raised.

        Args:
            table: Table id or caption.
            record_id: The record's id.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Raises:
            NotFoundError: no such record (answered to the first attempt).
        """
        team, db, tid, rid = await self._record_path(record_id, table, team_id, database_id)
        try:
            await self._call(delete_record.asyncio_detailed, team, db, tid, rid)
        except NotFoundError as exc:
            if not exc.may_have_been_applied:
                raise
            # A 404 answering a re-sent delete after an attempt that may have landed (the
            # transport's verdict): that attempt, whose answer was lost, most likely deleted
            # the record. That is what was asked for.

    async def delete_many(
        self,
        *,
        table: str,
        record_ids: Iterable[int],
        team_id: str | None = None,
        database_id: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_in_flight: int | None = None,
    ) -> None:
        """Delete several records with ``DELETE …/records`` in batches (§4.15).

        A batch is re-sent after a lost answer; if the re-sent batch is answered 404, each of
        its records is looked up: gone ones count as deleted, the others as not deleted.

        Args:
            table: Table id or caption.
            record_ids: The ids to delete.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
            batch_size: Ids per request.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``; ``1``: one at a time). The first failure stops sending.

        Raises:
            BatchWriteError: a batch failed; ``written`` lists the items whose record is gone,
                ``not_written`` those still there, ``unknown`` those that could not be checked.
        """
        ids = [check_record_id(rid, "record_ids item") for rid in record_ids]
        check_positive_int("batch_size", batch_size)
        team, db = self._ids(team_id, database_id)
        tid = await self._table_id(table, team, db)
        width = self._width("max_in_flight", max_in_flight)
        plan: BatchPlan[None] = BatchPlan(ids, batch_size)

        def job(batch: range) -> AsyncJob[_Outcome[None]]:
            async def send() -> _Outcome[None]:
                chunk = [ids[i] for i in batch]
                try:
                    await self._call(delete_records.asyncio_detailed, team, db, tid, body=chunk)
                except NotFoundError as exc:
                    if not exc.may_have_been_applied:
                        return batch, None, exc, None
                    # A 404 after an attempt that may have landed (the transport's verdict):
                    # that attempt may have deleted it. Ask for each record which bucket is true.
                    split = await self._still_there(batch, ids, team, db, tid)
                    if split[1] or split[2]:
                        return batch, None, exc, split
                except Exception as exc:
                    return batch, None, exc, None
                return batch, [None] * len(batch), None, None

            return send

        await _run_batches(plan, [job(b) for b in plan.batches()], width, verb="deleted")

    async def _still_there(
        self, batch: range, ids: Sequence[int], team: str, db: str, tid: str
    ) -> tuple[builtins.list[int], builtins.list[int], builtins.list[int]]:
        """Input indexes of ``batch`` whose record is gone, still there, or unknown."""
        gone: builtins.list[int] = []
        kept: builtins.list[int] = []
        unsure: builtins.list[int] = []
        for index in batch:
            try:
                await self._call(get_record.asyncio_detailed, team, db, tid, ids[index])
            except NotFoundError:
                gone.append(index)
            except NinoxError:
                unsure.append(index)
            else:
                kept.append(index)
        return gone, kept, unsure

    # -- internals -----------------------------------------------------------------------

    def _width(self, name: str, value: int | None) -> int:
        """Requests a call keeps in flight: ``value`` (checked), at most and by default the
        client's ``max_concurrency`` (every request also takes a slot of its limiter)."""
        most = self._client.max_concurrency
        if value is None:
            return most
        return min(check_positive_int(name, value), most)

    async def _write(
        self,
        items: Sequence[WriteItem],
        table: str,
        team_id: str | None,
        database_id: str | None,
        batch_size: int,
        convert: bool,
        max_in_flight: int | None,
    ) -> builtins.list[Record]:
        check_positive_int("batch_size", batch_size)
        width = self._width("max_in_flight", max_in_flight)
        team, db = self._ids(team_id, database_id)
        tid = await self._table_id(table, team, db)
        # Encode and check everything before the first batch leaves: a bad value in item 900
        # must not leave items 1-899 written.
        encode = await self._encoder(team, db, tid, convert)
        bodies = [_write_json(item, encode(item.fields)) for item in items]
        plan: BatchPlan[Record] = BatchPlan(items, batch_size)
        # The generated request (method, path, headers) once; each batch gets its own body.
        template = save_records.request_kwargs(team, db, tid, body=[])
        # Serialise every batch before the first leaves: a value JSON cannot carry (an int of
        # 4,301+ digits, a lone surrogate) is refused with nothing written.
        headers = template["headers"]
        requests = [
            _serialised({**template, "headers": dict(headers), "json": bodies[b.start : b.stop]}, b)
            for b in plan.batches()
        ]

        def job(batch: range, kwargs: dict[str, Any]) -> AsyncJob[_Outcome[Record]]:
            async def send() -> _Outcome[Record]:
                try:
                    # The generated request, its body already serialised; the answer is parsed
                    # by the pager's fast constructor (``_models``): a bulk write gets every
                    # record back.
                    response = await self._client._send(
                        kwargs,
                        # Re-sending is safe only when every item names its record (§4.12).
                        idempotent=all(items[i].id is not None for i in batch),
                    )
                    written = records_from_json(self._page_json(response)[0])
                    if len(written) != len(batch):
                        raise self._shape_error(
                            response, f"sent {len(batch)} records, Ninox answered {len(written)}"
                        )
                except Exception as exc:
                    # A NinoxError, or anything unexpected once the batch may have left: either
                    # way the error says what became of every item.
                    return batch, None, exc, None
                return batch, written, None, None

            return send

        jobs = [job(b, kwargs) for b, kwargs in zip(plan.batches(), requests, strict=True)]
        await _run_batches(plan, jobs, width, verb="written")
        if not convert:
            return plan.results()
        try:
            # After every batch is accounted for: what Ninox answered is written either way.
            return await self._decode(plan.results(), team, db, tid, after="all were written")
        except Exception as exc:
            unreadable = plan.unreadable(exc, verb="written")
            raise unreadable from unreadable.error

    async def _encoder(
        self, team: str, db: str, tid: str, convert: bool
    ) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        """How to encode a record's fields: by the table's types and field names with
        ``convert`` (reading the schema once), else as plain JSON."""
        if not convert:
            return encode_fields
        return (await self._schema(team, db)).table(tid).encode

    async def _verify(
        self,
        check: FilterCheck,
        records: Iterable[tuple[int | None, Mapping[str, Any]]],
        team: str,
        db: str,
        tid: str,
        response: httpx.Response | None = None,
    ) -> None:
        """Raise :class:`FilterNotAppliedError` if a record does not match the filter sent; the
        schema is read only when a record does not plainly match."""
        suspects = check.suspects(records)
        if not suspects:
            return
        bad = check.mismatch(suspects, (await self._schema(team, db)).table(tid))
        if bad is None:
            return
        rid, field, want, got = bad
        raise FilterNotAppliedError(
            f"the server ignored or misread the filter: record {rid} has {field!r} = {got!r}, "
            f"the filter asked for {want!r}; nothing of this answer was used",
            record_id=rid,
            field=field,
            expected=want,
            actual=got,
            response=response,
            request=response.request if response is not None else None,
            body=response.content if response is not None else None,
        )

    def _one_record(self, response: httpx.Response) -> Record:
        """The record of a one-record answer; a body that is no record is a validation error."""
        try:
            item = loads(response.content)
        except (ValueError, RecursionError) as exc:
            raise self._shape_error(response, f"expected a record: {exc}") from exc
        # What ``page_ids`` checks of each item of a page; then the constructor cannot fail.
        if not (type(item) is dict and type(item.get("id")) is int):
            raise self._shape_error(response, "expected a record object with an integer 'id'")
        if type(item.get("fields")) is not dict:
            raise self._shape_error(response, "expected a record with a 'fields' object")
        return record_from_json(item)

    def _page_json(self, response: httpx.Response) -> tuple[builtins.list[Any], builtins.list[int]]:
        """The records of a listing page or a save's answer as checked JSON, and their ids; a
        body that is no array of records is a validation error."""
        try:
            items = loads(response.content)
            return items, page_ids(items)
        except (ValueError, TypeError, RecursionError) as exc:
            raise self._shape_error(response, f"{type(exc).__name__}: {exc}") from exc

    async def _decode(
        self, records: builtins.list[Record], team: str, db: str, tid: str, *, after: str = ""
    ) -> builtins.list[Record]:
        """Records with their field values converted by the table's types.

        Raises:
            APIResponseValidationError: Ninox sent a value that does not fit its field's type
                (``after`` says what already happened, e.g. that a write went through).
        """
        info = (await self._schema(team, db)).table(tid)
        try:
            return [self._decode_record(r, info) for r in records]
        except Exception as exc:
            # FieldValueError, or whatever the converters raise on an absurd value (OverflowError
            # or OSError for a timestamp of 1e20): the answer does not fit, say so with it.
            done = f"{after}, but " if after else ""
            raw = json.dumps([r.to_dict() for r in records], default=str).encode()
            raise APIResponseValidationError(
                f"{done}Ninox's answer holds a value that does not fit its field's type: "
                f"{type(exc).__name__}: {exc}; the records as Ninox sent them are in .body",
                status_code=200,
                body=raw,
            ) from exc


async def _run_batches(
    plan: BatchPlan[R], jobs: Sequence[AsyncJob[_Outcome[R]]], width: int, *, verb: str
) -> None:
    """Send the batches of ``plan`` (one job each, in order), up to ``width`` at once.

    The first failure stops the sending of new batches; the batches in flight finish and are
    recorded by their own outcome. Outcomes are taken in batch order, so ``plan`` keeps the
    input order.

    Raises:
        BatchWriteError: a batch failed; its buckets are exact for every item.
    """
    failed: builtins.list[tuple[range, Exception, Split | None]] = []
    stop = [False]  # set by the first job that fails, so no new batch leaves after it

    def watched(job: AsyncJob[_Outcome[R]]) -> AsyncJob[_Outcome[R]]:
        async def run() -> _Outcome[R]:
            outcome = await job()
            if outcome[2] is not None:
                stop[0] = True
            return outcome

        return run

    # One batch (the common small write) runs inline: no task, no thread.
    window: AsyncWindow[_Outcome[R]] = AsyncWindow(min(width, max(1, len(jobs))))
    started = 0
    try:
        while True:
            while started < len(jobs) and not window.full and not stop[0]:
                window.start(watched(jobs[started]))
                started += 1
            if not window:
                break
            batch, results, error, split = await window.take()
            if error is None and results is not None:
                plan.done(batch, results)
            elif error is not None:
                failed.append((batch, error, split))
    finally:
        await window.aclose()
    if failed:
        sent = len(plan.items) if started == len(jobs) else started * plan.size
        error = plan.failures(failed, sent=sent, verb=verb)
        raise error from error.error


def _pairs(items: Sequence[Any]) -> builtins.list[tuple[int | None, Mapping[str, Any]]]:
    """``(id, fields)`` of each record JSON of a page (checked by ``page_ids`` already)."""
    out: builtins.list[tuple[int | None, Mapping[str, Any]]] = []
    for item in items:
        fields = item.get("fields")
        out.append((item.get("id"), fields if isinstance(fields, Mapping) else {}))
    return out


def _write_json(item: WriteItem, fields: dict[str, Any]) -> dict[str, Any]:
    """One item of a ``saveRecords`` body with its encoded ``fields``: what the generated
    ``RecordWrite(...).to_dict()`` gives (same keys, same order), without building the model
    and copying the fields twice per record (a bulk write sends every record)."""
    if item.id is None:
        return {"fields": fields}
    if item.upsert:
        return {"fields": fields, "id": item.id, "_upsert": True}
    return {"fields": fields, "id": item.id}


def _serialised(kwargs: dict[str, Any], batch: range) -> dict[str, Any]:
    """The request ``kwargs`` with the JSON body serialised as httpx would (``content=``).

    Raises:
        FieldValueError: naming the first item JSON cannot carry; nothing was sent.
    """
    body = kwargs.pop("json")
    try:
        kwargs["content"] = _dumps(body)
    except (ValueError, TypeError, RecursionError) as exc:  # UnicodeEncodeError is a ValueError
        for index, item in zip(batch, body, strict=True):
            try:
                _dumps(item)
            except (ValueError, TypeError, RecursionError) as item_exc:
                raise FieldValueError(
                    f"item {index}: cannot be sent as JSON ({_why(item_exc)}); nothing was sent"
                ) from item_exc
        raise FieldValueError(f"cannot be sent as JSON ({_why(exc)}); nothing was sent") from exc
    return kwargs


def _why(exc: BaseException) -> str:
    if isinstance(exc, UnicodeEncodeError):
        bad = exc.object[exc.start : exc.end]
        return f"text holds a lone surrogate {bad!a}, which has no UTF-8 form"
    return f"{type(exc).__name__}: {exc}"


def _dumps(body: Any) -> bytes:
    # httpx's own JSON encoding (httpx._content.encode_json), so the bytes are those it sends.
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def _filters_param(encoded: Mapping[str, Any]) -> str:
    """Exact-match filters (already encoded) as Ninox wants them: ``{"fields": {...}}`` (§4.9)."""
    return json.dumps({"fields": encoded}, ensure_ascii=False, separators=(",", ":"))

"""Handles: a database and its tables addressed once, then used without repeating ids.

    db = client.database(team_id="…", database_id="…")
    contacts = db.table("Contacts")              # caption or id; resolved on first use, cached
    async for record in contacts.list(filters={"Status": "Lead"}):
        ...

Handles are cheap and lazy (pyairtable's ``api.table``): creating one sends nothing.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from ninox_api.models import TableRecord as Record

from ninoxkit._changeset import ChangeBatch
from ninoxkit._constants import DEFAULT_BATCH_SIZE, MAX_PAGE_SIZE
from ninoxkit._exceptions import APIResponseValidationError, InvalidArgumentError
from ninoxkit._schema import FieldInfo, Schema, TableInfo
from ninoxkit._validate import check_id, check_record_id
from ninoxkit.nx import NX, name, record_ref, script

#: Records per formula query: keeps each script a few kilobytes (it goes as a POST body).
FORMULA_CHUNK = 100

if TYPE_CHECKING:
    from ninoxkit._async._client import AsyncNinox
    from ninoxkit._async.resources.records import AsyncRecordPager
    from ninoxkit._nxquery import Condition, F

__all__ = ["AsyncDatabase", "AsyncTable"]


class AsyncDatabase:
    """One database of one team.

    Args:
        client: The client to send through (a copy with these ids as defaults is made).
        team_id: The team id.
        database_id: The database id.
    """

    def __init__(self, client: AsyncNinox, *, team_id: str, database_id: str) -> None:
        self.team_id = check_id("team_id", team_id)
        self.database_id = check_id("database_id", database_id)
        self.client = client.with_options(team_id=self.team_id, database_id=self.database_id)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(team_id={self.team_id!r}, database_id={self.database_id!r})"

    def table(self, name_or_id: str) -> AsyncTable:
        """A handle on one table; sends nothing.

        Args:
            name_or_id: The table's id (``"A"``) or caption (``"Contacts"``); resolved on first
                use.

        Returns:
            The table handle.

        Raises:
            InvalidArgumentError: ``name_or_id`` is no id or caption.
        """
        return AsyncTable(self, check_id("table", name_or_id))

    async def schema(self, *, refresh: bool = False) -> Schema:
        """The tables and fields, from ``listTables``; cached per client.

        Args:
            refresh: Read the schema again instead of answering the cached one.

        Returns:
            The parsed schema (look tables and fields up by id or caption).
        """
        return await self.client._schema_for(self.team_id, self.database_id, refresh=refresh)

    async def query(self, script: str) -> Any:
        """Evaluate a read-only NX script (see :meth:`AsyncScripts.query`).

        Args:
            script: The NX script (put values into it with :mod:`ninoxkit.nx`).

        Returns:
            The script's result, decoded JSON.
        """
        return await self.client.scripts.query(script)

    async def exec(self, script: str) -> Any:
        """Execute a writable NX script (see :meth:`AsyncScripts.exec`); never re-sent.

        Args:
            script: The NX script (put values into it with :mod:`ninoxkit.nx`).

        Returns:
            The script's result, decoded JSON.

        Raises:
            OutcomeUnknownError: the answer was lost after the script may have run.
        """
        return await self.client.scripts.exec(script)

    async def changes(
        self,
        since_sq: int,
        *,
        table: str | None = None,
        record_id: int | None = None,
        convert: bool = False,
    ) -> ChangeBatch:
        """The database's change set after ``since_sq`` (see :meth:`AsyncChanges.since`).

        Args:
            since_sq: Changes after this sequence number.
            table: Only this table's changes (id or caption).
            record_id: Only this record's changes (needs ``table``).
            convert: Turn field values into Python types by the fields' types.

        Returns:
            The change set; pass its ``seq`` as ``since_sq`` next time.
        """
        return await self.client.changes.since(
            since_sq, table=table, record_id=record_id, convert=convert
        )


class AsyncTable:
    """One table of a database; every records method without repeating ids.

    Args:
        database: The database handle.
        name_or_id: Table id or caption.
    """

    def __init__(self, database: AsyncDatabase, name_or_id: str) -> None:
        self.database = database
        self.name_or_id = name_or_id
        self._records = database.client.records

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name_or_id!r}, database={self.database!r})"

    async def info(self) -> TableInfo:
        """The table's id, caption and fields (resolves the caption; raises with close matches).

        Raises:
            UnknownNameError: no table has this id or caption.
        """
        return (await self.database.schema()).table(self.name_or_id)

    async def field(self, name_or_id: str) -> FieldInfo:
        """One field by id or caption, with its type and choice options.

        Args:
            name_or_id: The field's id or caption.

        Returns:
            The field.

        Raises:
            UnknownNameError: no such table or field.
        """
        return (await self.info()).field(name_or_id)

    def list(
        self,
        *,
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
        """All records, lazily across pages (see :meth:`AsyncRecords.list`).

        Args:
            per_page: Page size, 1–500 (default: 500, or what ``limit`` needs).
            limit: Stop after this many records.
            start_page: First page (0-based).
            order: Field (name or id) to sort by.
            desc: Sort descending.
            new: Newest first.
            updated: Most recently modified first.
            since_id: Only records with a greater id.
            since_sq: Only records changed after this sequence number.
            filters: Exact-match filters, field name or id → value.
            choice_style: How choice values are rendered (``"names"``/``"ids"``).
            ids: Key ``fields`` by field id.
            style: Passed through (meaning undocumented).
            convert: Turn field values into Python types.
            prefetch: Pages in flight at once (default and maximum: ``max_concurrency``).

        Returns:
            A lazy pager; nothing is sent until it is iterated.

        Raises:
            InvalidArgumentError: a bad parameter (before anything is sent).
        """
        return self._records.list(
            table=self.name_or_id,
            per_page=per_page,
            limit=limit,
            start_page=start_page,
            order=order,
            desc=desc,
            new=new,
            updated=updated,
            since_id=since_id,
            since_sq=since_sq,
            filters=filters,
            choice_style=choice_style,
            ids=ids,
            style=style,
            convert=convert,
            prefetch=prefetch,
        )

    async def get(
        self,
        *,
        record_id: int,
        choice_style: str | None = None,
        style: str | None = None,
        convert: bool = False,
    ) -> Record:
        """One record by id (see :meth:`AsyncRecords.get`).

        Args:
            record_id: The record's id.
            choice_style: How choice values are rendered (``"names"``/``"ids"``).
            style: Passed through (meaning undocumented).
            convert: Turn field values into Python types.

        Returns:
            The record.

        Raises:
            NotFoundError: no such record (or table).
        """
        return await self._records.get(
            table=self.name_or_id,
            record_id=record_id,
            choice_style=choice_style,
            style=style,
            convert=convert,
        )

    @overload
    async def get_many(
        self,
        *,
        record_ids: Iterable[int],
        convert: bool = False,
        missing: Literal["raise"] = "raise",
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]: ...

    @overload
    async def get_many(
        self,
        *,
        record_ids: Iterable[int],
        convert: bool = False,
        missing: Literal["none"],
        max_in_flight: int | None = None,
    ) -> builtins.list[Record | None]: ...

    async def get_many(
        self,
        *,
        record_ids: Iterable[int],
        convert: bool = False,
        missing: Literal["raise", "none"] = "raise",
        max_in_flight: int | None = None,
    ) -> builtins.list[Record] | builtins.list[Record | None]:
        """Several records by id, in the order asked (see :meth:`AsyncRecords.get_many`).

        Args:
            record_ids: The ids, in the order wanted.
            convert: Turn field values into Python types.
            missing: ``"raise"`` (default): one :class:`NotFoundError` naming every missing id;
                ``"none"``: ``None`` in a missing record's place.
            max_in_flight: Requests at once (default and maximum: the client's
                ``max_concurrency``).

        Returns:
            One record per id asked, in that order.

        Raises:
            NotFoundError: with ``missing="raise"``, some ids do not exist.
        """
        if missing == "none":
            return await self._records.get_many(
                table=self.name_or_id,
                record_ids=record_ids,
                convert=convert,
                missing="none",
                max_in_flight=max_in_flight,
            )
        return await self._records.get_many(
            table=self.name_or_id,
            record_ids=record_ids,
            convert=convert,
            missing=missing,
            max_in_flight=max_in_flight,
        )

    async def find_one(self, filters: Mapping[str, Any], *, convert: bool = False) -> Record | None:
        """The first record matching all ``filters`` exactly, or ``None``.

        Args:
            filters: Field name or id → value; every one must hold.
            convert: Write the filter values by field type and convert the answer.

        Returns:
            The first matching record, or ``None``.

        Raises:
            FilterNotAppliedError: the record answered does not match ``filters``.
        """
        return await self._records.find_one(filters, table=self.name_or_id, convert=convert)

    async def create(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        convert: bool = False,
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]:
        """Create records in batches (see :meth:`AsyncRecords.create`).

        Args:
            records: One mapping of field name (or id) → value per record.
            batch_size: Records per request.
            convert: Write values by the table's field types and answer converted records.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``).

        Returns:
            The created records, in input order.

        Raises:
            BatchWriteError: a batch failed; says what became of every item.
        """
        return await self._records.create(
            records,
            table=self.name_or_id,
            batch_size=batch_size,
            convert=convert,
            max_in_flight=max_in_flight,
        )

    async def create_from_frame(
        self,
        frame: Any,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]:
        """Create one record per row of a pandas/polars DataFrame or Arrow table.

        Columns are field captions (or ids); empty cells are left out, an ``id`` column is
        dropped, values are converted by field type (``convert=True``) and checked before the
        first batch is sent. Written through :meth:`create`'s batch writer.

        Args:
            frame: The rows to create.
            batch_size: Records per request.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``); as for :meth:`create`, a failure stops new batches and
                the ones in flight are reported by their own outcome.

        Returns:
            The created records, in row order.

        Raises:
            BatchWriteError: a batch failed; its ``written``/``not_written``/``unknown`` are
                row positions (0-based) of ``frame``.
            TypeError: ``frame`` is no DataFrame or Arrow table.
        """
        from ninoxkit._async._frames import create_from_frame  # _frames imports this module

        return await create_from_frame(
            self, frame, batch_size=batch_size, max_in_flight=max_in_flight
        )

    async def update(
        self,
        records: Iterable[Record | Mapping[str, Any] | tuple[int, Mapping[str, Any]]],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        convert: bool = False,
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]:
        """Update records by id in batches (see :meth:`AsyncRecords.update`).

        Args:
            records: ``{"id": 5, "fields": {...}}``, ``(5, {...})`` or a :class:`Record` each.
            batch_size: Records per request.
            convert: Write values by the table's field types and answer converted records.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``).

        Returns:
            The updated records, in input order.

        Raises:
            BatchWriteError: a batch failed; says what became of every item.
        """
        return await self._records.update(
            records,
            table=self.name_or_id,
            batch_size=batch_size,
            convert=convert,
            max_in_flight=max_in_flight,
        )

    async def upsert(
        self,
        records: Iterable[Record | Mapping[str, Any] | tuple[int, Mapping[str, Any]]],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        convert: bool = False,
        max_in_flight: int | None = None,
    ) -> builtins.list[Record]:
        """Update or create records by id in batches (see :meth:`AsyncRecords.upsert`).

        Args:
            records: As for :meth:`update`; an item without ``id`` is created.
            batch_size: Records per request.
            convert: Write values by the table's field types and answer converted records.
            max_in_flight: Batches sent at once (default and maximum: the client's
                ``max_concurrency``).

        Returns:
            The updated and created records, in input order.

        Raises:
            BatchWriteError: a batch failed; says what became of every item.
        """
        return await self._records.upsert(
            records,
            table=self.name_or_id,
            batch_size=batch_size,
            convert=convert,
            max_in_flight=max_in_flight,
        )

    async def update_one(
        self, fields: Mapping[str, Any], *, record_id: int, convert: bool = False
    ) -> Record:
        """Change some fields of one record (see :meth:`AsyncRecords.update_one`).

        Args:
            fields: Field name (or id) → new value; ``None`` clears a field.
            record_id: The record's id.
            convert: Write values by field type and convert the answer.

        Returns:
            The record as saved.

        Raises:
            NotFoundError: no such record.
        """
        return await self._records.update_one(
            fields, table=self.name_or_id, record_id=record_id, convert=convert
        )

    async def delete(self, *, record_id: int) -> None:
        """Delete one record (see :meth:`AsyncRecords.delete`).

        Args:
            record_id: The record's id.

        Raises:
            NotFoundError: no such record.
        """
        await self._records.delete(table=self.name_or_id, record_id=record_id)

    async def delete_many(
        self,
        *,
        record_ids: Iterable[int],
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_in_flight: int | None = None,
    ) -> None:
        """Delete records in batches (see :meth:`AsyncRecords.delete_many`).

        Args:
            record_ids: The ids to delete.
            batch_size: Ids per request.
            max_in_flight: Batches sent at once (default and maximum: ``max_concurrency``).

        Raises:
            BatchWriteError: a batch failed; says which records are gone.
        """
        await self._records.delete_many(
            table=self.name_or_id,
            record_ids=record_ids,
            batch_size=batch_size,
            max_in_flight=max_in_flight,
        )

    async def changes(
        self, since_sq: int, *, record_id: int | None = None, convert: bool = False
    ) -> ChangeBatch:
        """The table's change set after ``since_sq`` (see :meth:`AsyncChanges.since`).

        Args:
            since_sq: Changes after this sequence number.
            record_id: Only this record's changes.
            convert: Turn field values into Python types by the fields' types.

        Returns:
            The change set; pass its ``seq`` as ``since_sq`` next time.
        """
        return await self.database.client.changes.since(
            since_sq, table=self.name_or_id, record_id=record_id, convert=convert
        )

    async def formula_values(
        self, *, field: str, ids: Iterable[int] | None = None
    ) -> dict[int, Any]:
        """Values of one field per record, computed by Ninox: the way to read formula fields.

        Formula fields (schema type ``fn``) are not returned by the record routes (reference
        §13); this reads them with read-only ``/query`` scripts (§4.6) built by
        :mod:`ninoxkit.nx`, so no caption or id can change the script. Any field can be read
        this way, not only formulas.

        Args:
            field: Field caption or id.
            ids: Only these record ids, in this order (``None``: every record of the table,
                listed first through the record routes).

        Returns:
            Record id → the value as the query returned it, plain JSON (number, text, bool,
            list or ``None``; ``None`` also for a record id that does not exist). Not converted:
            a formula's result type is not in the schema.

        Raises:
            InvalidArgumentError: a bad record id (before anything is sent).
            UnknownNameError: no such field.
            APIResponseValidationError: the answer is not what the script returns.

        Example:
            >>> totals = await invoices.formula_values(field="Total", ids=[1, 2])  # doctest: +SKIP
            >>> totals  # doctest: +SKIP
            {1: 120.5, 2: 0}

            For a table captioned ``Invoices`` the script sent is::

                [[1, record('Invoices', 1).'Total'], [2, record('Invoices', 2).'Total']]
        """
        wanted = None if ids is None else [check_record_id(rid, "ids item") for rid in ids]
        info = await self.info()
        target = info.field(field)
        if wanted is None:
            listing = self._records.list(table=info.id, per_page=MAX_PAGE_SIZE)
            wanted = [record.id async for record in listing]
        out: dict[int, Any] = {}
        for start in range(0, len(wanted), FORMULA_CHUNK):
            chunk = wanted[start : start + FORMULA_CHUNK]
            answer = await self.database.query(_formula_script(info.name, target.name, chunk))
            out.update(_formula_answer(answer, chunk))
        return out

    async def select(
        self,
        condition: Condition | None = None,
        *,
        order: str | F | None = None,
        desc: bool = False,
        limit: int | None = None,
        convert: bool = False,
    ) -> builtins.list[Record]:
        """The records satisfying an NX condition built with :class:`ninoxkit.nx.F`.

        The condition compiles to a read-only ``select … where …`` script with every value
        quoted by :func:`ninoxkit.nx.quote`; the records it names are then read through the
        record routes and returned in the script's order.

        Args:
            condition: e.g. ``(F("Score") > 50) & F("Email").not_empty()``; ``None``: all.
            order: a field (caption, id or ``F``) to sort by in NX (ascending).
            desc: reverse the order.
            limit: at most this many records (applied before any record is read).
            convert: decode values by field type, as in :meth:`list`.

        Returns:
            The matching records, in NX order.

        Raises:
            UnknownNameError: a field named in the condition or ``order`` does not exist
                (before anything is sent).
            InvalidArgumentError: a value NX cannot express, or a bad ``limit``.

        Example:
            >>> from ninoxkit.nx import F
            >>> hot = await contacts.select(F("Score") > 50, limit=10)  # doctest: +SKIP
        """
        from ninoxkit._async._select import select  # _select imports this module

        return await select(self, condition, order=order, desc=desc, limit=limit, convert=convert)

    async def records_from_refs(self, refs: Sequence[object]) -> builtins.list[Record]:
        """Fetch the records an NX query named, e.g. ``["A6", "A7"]`` (reference §4.6).

        References to other tables are refused rather than silently fetched from this one.

        Args:
            refs: Record references as an NX query answers them (``"A6"``: table id, then
                record id), all of this table.

        Returns:
            The records, one per reference, in the order given.

        Raises:
            InvalidArgumentError: a value is no record reference of this table (checked before
                anything is fetched).
            NotFoundError: a referenced record does not exist.
        """
        info = await self.info()
        ids: builtins.list[int] = []
        for ref in refs:
            parsed = record_ref(ref)
            if parsed is None or parsed[0] != info.id:
                raise InvalidArgumentError(f"{ref!r} is not a record reference of table {info.id}")
            ids.append(parsed[1])
        return [await self.get(record_id=rid) for rid in ids]


def _formula_script(table: str, field: str, ids: builtins.list[int]) -> NX:
    """``[[id, record('T', id).'F'], …]``: one pair per record, so ids and values cannot drift
    apart (a projection over a list could drop empty values)."""
    pairs = [
        script(
            "[{rid}, record({table}, {rid}).{field}]", rid=rid, table=name(table), field=name(field)
        )
        for rid in ids
    ]
    return NX("[" + ", ".join(pairs) + "]")


def _formula_answer(answer: Any, ids: builtins.list[int]) -> dict[int, Any]:
    """Read the pairs back; anything else is a validation error, never a guess."""
    if not isinstance(answer, list) or len(answer) != len(ids):
        raise APIResponseValidationError(
            f"the formula query answered {answer!r:.200}, not {len(ids)} [id, value] pairs",
            status_code=200,
        )
    out: dict[int, Any] = {}
    for rid, pair in zip(ids, answer, strict=True):
        # An empty value may be dropped from the pair by Ninox's array rules: [id] is id → None.
        if (
            not isinstance(pair, list)
            or not 1 <= len(pair) <= 2
            or isinstance(pair[0], bool)
            or pair[0] != rid
        ):
            raise APIResponseValidationError(
                f"the formula query answered {pair!r:.200} for record {rid}", status_code=200
            )
        out[rid] = pair[1] if len(pair) == 2 else None
    return out

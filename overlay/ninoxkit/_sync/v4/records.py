# Written by scripts/unasync.py from overlay/ninoxkit/_async/v4/records.py.
# Do not edit: edit the source and re-run the script.
"""``client.records`` of :class:`Ninox4`: paging, one record, chunked writes, CSV import.

Records are plain JSON: ``{"id": "3", "values": {...}}`` on read (ids are strings), flat field
mappings on write (ids sent as integers, reference ninox4 §2, §9 items 2 and 4).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, BinaryIO, cast

from ninox4_api.api.records import (
    add_records,
    delete_records,
    get_record,
    import_records_csv,
    list_records,
    update_records,
    upsert_records,
)
from ninox4_api.models import CsvImportForm
from ninox4_api.types import UNSET, File

from ninoxkit._batch import _outcome_unknown
from ninoxkit._exceptions import BatchWriteError, InvalidArgumentError, NinoxError
from ninoxkit._sync.resources.files import _prepare
from ninoxkit._sync.v4._base import (
    MAX_PAGE_LIMIT,
    Pager4,
    check_limit,
    check_name,
    envelope,
    shape_error,
)
from ninoxkit._sync.v4._values import (
    as_list,
    chunks,
    decode_values,
    encode_values,
    to_record_id,
)
from ninoxkit.types import FileSource

__all__ = ["Records4"]

Json = dict[str, Any]
#: ``list`` is also a method name of the resources below.
_List = list
#: Records per write request unless told otherwise (Ninox's own client sends 100, §10).
DEFAULT_CHUNK_RECORDS = 100


class Records4(Pager4):
    """Records of a table, addressed by module and table name."""

    def _types(self, module: str, table: str) -> dict[str, str]:
        fields = (self._client.tables.get(module=module, table=table)).get("fields") or []
        return {f["name"]: f.get("type", "") for f in fields if isinstance(f, Mapping)}

    def _decoded(self, record: Any, types: Mapping[str, str] | None) -> Json:
        if not isinstance(record, Mapping) or not isinstance(record.get("values"), Mapping):
            raise shape_error(record, "expected a record {id, values}")
        out = dict(record)
        out["id"] = str(record.get("id"))
        if types is not None:
            out["values"] = decode_values(record["values"], types)
        return out

    def list(
        self,
        *,
        module: str,
        table: str,
        fields: Iterable[str] | None = None,
        sort: str | None = None,
        filter: Mapping[str, Any] | None = None,
        limit: int = MAX_PAGE_LIMIT,
        convert: bool = False,
    ) -> Iterator[Json]:
        """Every record of the table, read lazily page by page (``limit`` per page, ≤ 100).

        Pages follow ``page_info.has_more`` from offset 0; the answered offset is checked, so
        a page is never repeated or skipped, and a row shifted onto the next page is yielded
        once.

        Args:
            module: Module name.
            table: Table name.
            fields: Only these fields.
            sort: Field name (``-name`` for descending where the server takes it, §7.4).
            filter: Equality filter ``{field: value}`` (the row id is not filterable).
            limit: Rows per page, 1-100.
            convert: Read dates, timestamps and multi values as Python types.

        Yields:
            ``{"id": "1", "values": {...}}`` per record.
        """
        check_limit(limit)
        path = (check_name("module", module), check_name("table", table))
        query: dict[str, Any] = {}
        if fields is not None:
            query["fields"] = ",".join(check_name("field", f) for f in fields)
        if sort is not None:
            query["sort"] = sort
        if filter is not None:
            if not isinstance(filter, Mapping):
                raise InvalidArgumentError("filter is a mapping {field: value}")
            query["filter_"] = json.dumps(dict(filter), separators=(",", ":"), default=str)
        types = self._types(*path) if convert else None
        for record in self._paged(list_records, *path, limit=limit, **query):
            yield self._decoded(record, types)

    def get(
        self,
        *,
        module: str,
        table: str,
        record_id: int | str,
        fields: Iterable[str] | None = None,
        convert: bool = False,
    ) -> Json:
        """One record by id (``…/record/{id}``, singular, reference ninox4 §9 item 3).

        Args:
            module: The module's machine name.
            table: The table's machine name.
            record_id: The record's id (an int or its decimal string).
            fields: Only these fields.
            convert: Read dates, timestamps and multi values as Python types (reads the
                table's field types first).

        Returns:
            ``{"id": "1", "values": {...}}``.

        Raises:
            InvalidArgumentError: a name is not a machine name or ``record_id`` not a positive
                integer (nothing is sent).
            NotFoundError: no such module, table or record.
            APIResponseValidationError: the answer is no ``{id, values}`` record.
            APIError: any other failed request.
        """
        path = (check_name("module", module), check_name("table", table))
        rid = str(to_record_id(record_id))
        query = {"fields": ",".join(check_name("field", f) for f in fields)} if fields else {}
        data = self._data(get_record, *path, rid, **query)
        return self._decoded(data, self._types(*path) if convert else None)

    def _write(
        self,
        op: Any,
        path: tuple[str, str],
        items: _List[Any],
        *,
        wrap: Any,
        results: Any,
        verb: str,
        chunk_size: int,
        idempotent: bool,
    ) -> _List[Any]:
        """Send ``items`` in chunks; each chunk is one transactional request.

        ``results(data, part)`` turns a chunk's answer into one result per item: the record id
        (string) for create, update and delete, ``None`` for upsert. ``BatchWriteError.written``
        holds ``(input index, result)``.
        """
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
            raise InvalidArgumentError(f"chunk_size must be a positive int, got {chunk_size!r}")
        plan = list(chunks(items, max_items=chunk_size))
        written: _List[tuple[int, Any]] = []
        for batch in plan:
            part = [items[i] for i in batch]
            try:
                data = self._data(op, *path, body=wrap(part), idempotent=idempotent)
                answered = results(data, part)
            except NinoxError as exc:
                unknown = _outcome_unknown(exc)
                later = list(range(batch.stop, len(items)))
                fate = "may or may not have been" if unknown else "were not"
                raise BatchWriteError(
                    f"chunk of items {batch.start}-{batch.stop - 1} failed ({exc}); "
                    f"{len(written)} item(s) were {verb} before it, "
                    f"the items of that chunk {fate} {verb} "
                    f"(each chunk is one transaction), {len(later)} later item(s) were not sent",
                    written=written,
                    not_written=([] if unknown else list(batch)) + later,
                    unknown=list(batch) if unknown else [],
                    error=exc,
                ) from exc
            written.extend(zip(batch, answered, strict=True))
        return [result for _, result in written]

    def create(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        module: str,
        table: str,
        convert: bool = False,
        chunk_size: int = DEFAULT_CHUNK_RECORDS,
    ) -> _List[str]:
        """Create records, in chunks under 6 MB; returns the new ids (strings) in input order.

        Args:
            records: One mapping of field name → value per record.
            module: The module's machine name.
            table: The table's machine name.
            convert: Write Python dates, datetimes, times and sets in Ninox 4's forms (without
                it the values are sent as given).
            chunk_size: The most records per request (each request is one transaction).

        Returns:
            The new records' ids (strings), in input order.

        Raises:
            InvalidArgumentError: a bad name, ``chunk_size`` or record (not a mapping of
                field names, a value ``convert`` cannot write, over 6 MB of JSON alone),
                found before anything is sent.
            BatchWriteError: a chunk failed; ``written`` holds ``(index, id)`` of the chunks
                before it, ``not_written`` / ``unknown`` the rest. A create is never re-sent
                once it may have reached Ninox.
        """
        path = (check_name("module", module), check_name("table", table))
        items = [encode_values(r, convert=convert) for r in as_list(records, "create")]

        def ids(data: Any, part: _List[Any]) -> _List[str]:
            n = len(part)
            got = data.get("ids") if isinstance(data, Mapping) else None
            if not isinstance(got, list) or len(got) != n:
                # Ninox's own client checks the count (reference ninox4 §8).
                raise shape_error(data, f"expected {n} ids")
            return [str(i) for i in got]

        return self._write(
            add_records,
            path,
            items,
            wrap=lambda p: {"records": p},
            results=ids,
            verb="created",
            chunk_size=chunk_size,
            idempotent=False,
        )

    def update(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        module: str,
        table: str,
        convert: bool = False,
        chunk_size: int = DEFAULT_CHUNK_RECORDS,
    ) -> _List[str]:
        """Change records: each mapping has ``id`` plus the fields to set (``None`` clears).

        Args:
            records: One mapping per record: its ``id`` and field name → new value.
            module: The module's machine name.
            table: The table's machine name.
            convert: Write Python dates, datetimes, times and sets in Ninox 4's forms (without
                it the values are sent as given).
            chunk_size: The most records per request (each request is one transaction).

        Returns:
            The ids of the records sent, in input order (Ninox's ``updatedIds`` can
            under-report, reference ninox4 §6, so the 2xx is the acknowledgement).

        Raises:
            InvalidArgumentError: as :meth:`create`, and for a record without a valid ``id``
                (nothing is sent).
            BatchWriteError: as :meth:`create`; an update chunk is re-sent on a lost answer
                (the same PATCH twice writes the same values).
        """
        path = (check_name("module", module), check_name("table", table))
        items = []
        for index, record in enumerate(as_list(records, "update")):
            if not isinstance(record, Mapping) or "id" not in record:
                raise InvalidArgumentError(f"item {index}: an update is a mapping with an 'id'")
            rid = to_record_id(record["id"], f"item {index} id")
            rest = {k: v for k, v in record.items() if k != "id"}
            items.append({"id": rid, **encode_values(rest, convert=convert)})
        self._write(
            update_records,
            path,
            items,
            wrap=lambda p: {"records": p},
            results=lambda _d, part: [str(p["id"]) for p in part],
            verb="updated",
            chunk_size=chunk_size,
            idempotent=True,
        )
        return [str(i["id"]) for i in items]

    def delete(
        self,
        *,
        module: str,
        table: str,
        record_ids: Iterable[int | str],
        chunk_size: int = DEFAULT_CHUNK_RECORDS,
    ) -> _List[str]:
        """Delete records by id, in transactional chunks; returns the deleted ids.

        Args:
            module: The module's machine name.
            table: The table's machine name.
            record_ids: The ids (ints or decimal strings).
            chunk_size: The most ids per request (each request is one transaction).

        Returns:
            The ids sent (strings), in input order.

        Raises:
            InvalidArgumentError: a bad name, ``chunk_size`` or id (nothing is sent).
            BatchWriteError: as :meth:`create`. Not re-sent on a lost answer: a second DELETE
                of deleted ids would be refused and hide that the first one worked.
        """
        path = (check_name("module", module), check_name("table", table))
        ids = [to_record_id(r) for r in as_list(record_ids, "delete")]
        self._write(
            delete_records,
            path,
            ids,
            wrap=lambda p: {"records": p},
            results=lambda _d, part: [str(i) for i in part],
            verb="deleted",
            chunk_size=chunk_size,
            idempotent=False,
        )
        return [str(i) for i in ids]

    def upsert(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        module: str,
        table: str,
        match_field: str,
        convert: bool = False,
        chunk_size: int = DEFAULT_CHUNK_RECORDS,
    ) -> Json:
        """Create or update by a unique ``match_field`` each record carries.

        Args:
            records: One mapping of field name → value per record.
            module: The module's machine name.
            table: The table's machine name.
            match_field: The machine name of the ``unique`` field records are matched on.
            convert: Write Python dates, datetimes, times and sets in Ninox 4's forms (without
                it the values are sent as given).
            chunk_size: The most records per request (each request is one transaction).

        Returns:
            ``{"createdIds": [...], "updatedIds": [...]}`` over all chunks.

        Raises:
            InvalidArgumentError: a record without the match field, or as :meth:`create`
                (nothing is sent).
            BatchWriteError: as :meth:`create` (an ambiguous match answers 409).
        """
        path = (check_name("module", module), check_name("table", table))
        match = check_name("match_field", match_field)
        items = [encode_values(r, convert=convert) for r in as_list(records, "upsert")]
        for index, item in enumerate(items):
            if item.get(match) is None:
                raise InvalidArgumentError(f"item {index} has no value for {match!r}")
        created: _List[str] = []
        updated: _List[str] = []

        def collect(data: Any, part: _List[Any]) -> _List[None]:
            if isinstance(data, Mapping):
                created.extend(str(i) for i in data.get("createdIds") or [])
                updated.extend(str(i) for i in data.get("updatedIds") or [])
            return [None] * len(part)

        self._write(
            upsert_records,
            path,
            items,
            wrap=lambda p: {"matchField": match, "records": p},
            results=collect,
            verb="upserted",
            chunk_size=chunk_size,
            idempotent=True,
        )
        return {"createdIds": created, "updatedIds": updated}

    def import_csv(
        self,
        file: FileSource,
        *,
        module: str,
        table: str,
        file_name: str | None = None,
        has_header: bool | None = None,
        delimiter: str | None = None,
        quote_char: str | None = None,
        encoding: str | None = None,
        import_mode: str | None = None,
        number_format: str | None = None,
        batch_size: int | None = None,
        mappings: Iterable[Mapping[str, Any]] | None = None,
    ) -> Json:
        """Import a CSV file (≤ 50 MB), streamed from a path or a binary file object.

        Not re-sent once it may have reached Ninox; an interrupted import may be partly
        applied (reference ninox4 §8), ``import_mode="upsert"`` on a key is the safe re-run.

        Args:
            file: The CSV: a path, bytes, or a file object opened in binary mode.
            module: The module's machine name.
            table: The table's machine name.
            file_name: The upload's file name (default: the path's or file object's name,
                ``import.csv`` for bytes).
            has_header: Whether the first row names the columns (Ninox: yes).
            delimiter: The column delimiter (Ninox detects it).
            quote_char: The quote character (Ninox: ``"``).
            encoding: The file's encoding: ``utf8`` (Ninox's default), ``ascii``, ``latin1``,
                ``iso-latin1``, ``utf16`` or ``windows-cp1252``.
            import_mode: ``append`` (Ninox's default), ``update`` or ``upsert``.
            number_format: ``us`` (Ninox's default) or ``european``.
            batch_size: Rows Ninox writes per batch, 10-200.
            mappings: Column → field mappings, e.g. ``[{"csvColumnName": "E-mail",
                "fieldName": "email", "updatePolicy": "key"}]``.

        Returns:
            ``{"rowsImported", "rowsSkipped", "rowsUpdated"}``.

        Raises:
            InvalidArgumentError: a bad name, ``batch_size`` or ``import_mode``, no file at the
                path, a text-mode file object, or a file object without a name and no
                ``file_name`` (nothing is sent).
            NotFoundError: no such module or table.
            BadRequestError: Ninox refused the file or the options.
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request.
        """
        path = (check_name("module", module), check_name("table", table))
        if batch_size is not None and (
            isinstance(batch_size, bool)
            or not isinstance(batch_size, int)
            or not 10 <= batch_size <= 200
        ):
            raise InvalidArgumentError(f"batch_size must be an int 10-200, got {batch_size!r}")
        if import_mode not in (None, "append", "update", "upsert"):
            raise InvalidArgumentError(
                f"import_mode must be append, update or upsert, not {import_mode!r}"
            )
        name = file_name or ("import.csv" if isinstance(file, bytes | bytearray) else None)
        opened: IO[bytes] | None = None
        try:
            payload, upload_name, boundary, opened = _prepare(file, name)
            stream = io.BytesIO(payload) if isinstance(payload, bytes) else payload
            form = CsvImportForm(
                file=File(
                    payload=cast(BinaryIO, stream), file_name=upload_name, mime_type="text/csv"
                ),
                has_header=UNSET if has_header is None else ("true" if has_header else "false"),
                delimiter=UNSET if delimiter is None else delimiter,
                quote_char=UNSET if quote_char is None else quote_char,
                encoding=UNSET if encoding is None else cast(Any, encoding),
                import_mode=UNSET if import_mode is None else cast(Any, import_mode),
                number_format=UNSET if number_format is None else cast(Any, number_format),
                batch_size=UNSET if batch_size is None else batch_size,
                mappings=UNSET if mappings is None else json.dumps([dict(m) for m in mappings]),
            )
            kwargs = import_records_csv.request_kwargs(self._ws, *path, body=form)
            # The generated code fixes the boundary to "+++", which a file can contain
            # (toolchain-notes §3); the boundary is derived from the content instead.
            headers = dict(kwargs.pop("headers", {}))
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            response = self._client._send(
                {**kwargs, "headers": headers}, idempotent=False, exempt_body=True
            )
        finally:
            if opened is not None:
                opened.close()
        data: Json = envelope(response)["data"]
        return data

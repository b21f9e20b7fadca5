"""Records as DataFrames (pandas, polars) and Arrow tables, and frames back into records.

::

    contacts = db.table("Contacts")
    df = to_pandas(contacts.list(per_page=500), schema=contacts.info())
    create_from_frame(contacts, df[df["Score"] > 50])

These functions take sync pagers and record lists; ``ninoxkit._async._frames`` has the same
names for async pagers and handles (its sync twin, written by unasync, is what the pagers'
``to_pandas()`` forwards call). Needs the optional extra ``ninoxkit[frames]`` (pyarrow; pandas
or polars for those frames).

Built page by page: each listing page becomes one Arrow ``RecordBatch`` and its records are
dropped, then the batches make one table, so memory is about the result (in Arrow form) plus one
page. With ``schema`` (a :class:`~ninoxkit.types.TableInfo`, from ``table.info()``) every
column has the field's type, whatever the data holds:

================================  ===============================  ============================
Ninox type                        Arrow                            pandas
================================  ===============================  ============================
text, email, phone, link, html…   ``string``                       ``string``
number                            ``float64``                      ``float64``
boolean                           ``bool``                         ``boolean`` (nullable)
date                              ``date32``                       ``datetime64[ms]``
timestamp                         ``timestamp[ms, UTC]``           ``datetime64[ms, UTC]``
time / timeinterval               ``time64[us]`` / ``duration[ms]``  objects / ``timedelta64``
choice                            ``dictionary<int32, string>``    ``category`` (the options,
                                                                    in Ninox's order)
multi                             ``list<string>``                 objects (lists)
ref (a link)                      ``int64``                        ``Int64`` (nullable)
anything else                     ``string`` (the JSON text)       ``string``
================================  ===============================  ============================

The first column is ``id`` (``int64``). Formula and reverse-link fields are not in records
(reference §13), so they are not columns. Without ``schema`` the types are inferred per page
and unified.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ninoxkit._codegen._runtime import decoded_fields
from ninoxkit._constants import DEFAULT_BATCH_SIZE
from ninoxkit._exceptions import InvalidArgumentError
from ninoxkit._schema import FieldInfo, TableInfo
from ninoxkit.types import Record

if TYPE_CHECKING:
    # pandas and pyarrow ship no type information (pandas-stubs is separate): the frames extra
    # is optional, so their names are typed loosely rather than making mypy need the stubs.
    import pandas  # type: ignore[import-untyped, unused-ignore]
    import polars
    import pyarrow  # type: ignore[import-untyped, unused-ignore]

    from ninoxkit._sync._handles import Table

__all__ = [
    "arrow_schema",
    "arrow_table",
    "arrow_to_pandas",
    "arrow_to_polars",
    "create_from_frame",
    "date_columns",
    "frame_rows",
    "pages_of",
    "record_batch",
    "to_arrow",
    "to_pandas",
    "to_polars",
]

#: Records per batch when the input is a plain iterable of records (a pager gives its pages).
CHUNK = 1000
_TEXT = {"string", "text", "email", "phone", "link", "url", "html", "color", "icon"}
_COMPUTED = {"fn", "rev"}


def _pa() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped, unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrames need pyarrow: pip install 'ninoxkit[frames]'") from exc
    return pyarrow


def _arrow_type(pa: Any, field: FieldInfo) -> Any:
    kind = field.type
    if kind in _TEXT:
        return pa.string()
    return {
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("ms", tz="UTC"),
        "datetime": pa.timestamp("ms", tz="UTC"),
        "time": pa.time64("us"),
        "timeinterval": pa.duration("ms"),
        "choice": pa.dictionary(pa.int32(), pa.string()),
        "multi": pa.list_(pa.string()),
        "ref": pa.int64(),
    }.get(kind, pa.string())


def _columns(schema: TableInfo) -> list[FieldInfo]:
    return [f for f in schema.fields.values() if f.type not in _COMPUTED]


def arrow_schema(schema: TableInfo) -> pyarrow.Schema:
    """The Arrow schema of a table's frame: ``id``, then one column per stored field."""
    pa = _pa()
    fields = [pa.field("id", pa.int64(), nullable=False)]
    fields += [pa.field(f.name, _arrow_type(pa, f)) for f in _columns(schema)]
    return pa.schema(fields)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # Appointment, Location
        return json.dumps({k: str(v) for k, v in value._asdict().items()}, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def _column(pa: Any, field: FieldInfo, values: list[Any]) -> Any:
    kind = field.type
    if kind == "choice":
        options = list(field.choices.values())
        index = {c: i for i, c in enumerate(options)}
        for v in values:  # a caption the schema does not know still gets a category
            if v is not None and v not in index:
                index[v] = len(options)
                options.append(v)
        indices = pa.array([None if v is None else index[v] for v in values], pa.int32())
        return pa.DictionaryArray.from_arrays(indices, pa.array(options, pa.string()))
    if kind == "number":
        values = [None if v is None else float(v) for v in values]
    elif kind == "multi":
        values = [None if v is None else [str(x) for x in v] for v in values]
    elif kind in _TEXT or _arrow_type(pa, field) == pa.string():
        values = [_text(v) for v in values]
    return pa.array(values, _arrow_type(pa, field))


def record_batch(records: Sequence[Record], schema: TableInfo | None) -> pyarrow.RecordBatch:
    """One Arrow batch of records: typed columns with ``schema``, inferred without."""
    pa = _pa()
    ids = [r.id for r in records]
    if schema is None:
        rows = [{"id": r.id, **r.fields.additional_properties} for r in records]
        return pa.RecordBatch.from_pylist(rows)
    types = schema.types_by_name()
    choices = schema.choices_by_name()
    decoded = [decoded_fields(r, types, choices) for r in records]
    columns = [pa.array(ids, pa.int64())]
    for f in _columns(schema):
        values = [d.get(f.name, d.get(f.id)) for d in decoded]
        columns.append(_column(pa, f, values))
    return pa.RecordBatch.from_arrays(columns, schema=_batch_schema(pa, schema, columns))


def _batch_schema(pa: Any, schema: TableInfo, columns: list[Any]) -> Any:
    fields = [pa.field("id", pa.int64(), nullable=False)]
    fields += [pa.field(f.name, c.type) for f, c in zip(_columns(schema), columns[1:], strict=True)]
    return pa.schema(fields)


def pages_of(source: Any) -> Iterator[Sequence[Record]]:
    """A sync pager's pages, or an iterable of records in chunks of ``CHUNK``."""
    if hasattr(source, "pages"):
        yield from source.pages()
        return
    chunk: list[Record] = []
    for record in source:
        chunk.append(record)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def arrow_table(batches: list[Any], schema: TableInfo | None) -> pyarrow.Table:
    """One Arrow table of per-page batches (the schema's columns even when there are none)."""
    pa = _pa()
    if schema is not None:
        target = arrow_schema(schema)
        if not batches:
            return target.empty_table()
        tables = [pa.Table.from_batches([b]) for b in batches]
        # Choice dictionaries may differ per page (an unknown caption): unify them.
        return pa.concat_tables(tables, promote_options="permissive").unify_dictionaries()
    if not batches:
        return pa.table({"id": pa.array([], pa.int64())})
    tables = [pa.Table.from_batches([b]) for b in batches]
    return pa.concat_tables(tables, promote_options="permissive")


def to_arrow(source: Iterable[Record] | Any, *, schema: TableInfo | None = None) -> pyarrow.Table:
    """An Arrow table of records, built one page (``RecordBatch``) at a time.

    Args:
        source: A records pager (``table.list()``; its pages are used) or any iterable of
            records (read with or without ``convert=True``).
        schema: The table's fields (``table.info()``), for typed columns; ``None`` infers.
    """
    return arrow_table([record_batch(page, schema) for page in pages_of(source)], schema)


def arrow_to_pandas(table: pyarrow.Table) -> pandas.DataFrame:
    """A pandas frame of an Arrow table, with nullable ``Int64``/``boolean``/``string``."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    pa = _pa()
    mapping = {
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype(),
    }
    frame: pandas.DataFrame = table.to_pandas(types_mapper=mapping.get, date_as_object=False)
    return frame


def to_pandas(
    source: Iterable[Record] | Any, *, schema: TableInfo | None = None
) -> pandas.DataFrame:
    """A pandas DataFrame of records (see the module docstring for the column dtypes)."""
    return arrow_to_pandas(to_arrow(source, schema=schema))


def to_polars(
    source: Iterable[Record] | Any, *, schema: TableInfo | None = None
) -> polars.DataFrame:
    """A polars DataFrame of records (choices as ``Categorical``, timestamps UTC)."""
    return arrow_to_polars(to_arrow(source, schema=schema))


def arrow_to_polars(table: pyarrow.Table) -> polars.DataFrame:
    """A polars frame of an Arrow table (no copy where polars can share the buffers)."""
    import polars as pl

    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)  # from_arrow of a Table is a frame
    return frame


def _plain(value: Any) -> Any:
    """A frame cell as a plain Python value for the encoder (``None`` for NaN/NaT/NA)."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    module = type(value).__module__
    if module.startswith("pandas"):
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        if value is pd.NaT or value is pd.NA:
            return None
        if isinstance(value, pd.Timestamp):
            return value.to_pydatetime()
        if isinstance(value, pd.Timedelta):
            return value.to_pytimedelta()
    if module.startswith("numpy"):
        import numpy as np

        if isinstance(value, np.datetime64 | np.timedelta64) and np.isnat(value):
            return None
        if isinstance(value, np.ndarray):
            return [_plain(v) for v in value.tolist()]
        return _plain(value.item())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def frame_rows(frame: Any, *, dates: Sequence[str] = ()) -> list[dict[str, Any]]:
    """A pandas or polars DataFrame (or Arrow table) as record field mappings.

    Empty cells are left out; an ``id`` column is dropped. A datetime in a column named in
    ``dates`` is written as its date (pandas keeps dates as midnight timestamps).

    Args:
        frame: A pandas or polars DataFrame, or a pyarrow Table.
        dates: Columns whose datetimes are written as dates.

    Returns:
        One mapping of field caption to value per row.

    Raises:
        InvalidArgumentError: ``frame`` is none of those.
    """
    if hasattr(frame, "to_dicts"):  # polars
        rows: list[dict[str, Any]] = frame.to_dicts()
    elif hasattr(frame, "to_pylist"):  # pyarrow
        rows = frame.to_pylist()
    elif hasattr(frame, "to_dict"):  # pandas
        rows = frame.to_dict("records")
    else:
        raise InvalidArgumentError(
            f"expected a pandas/polars DataFrame or an Arrow table, got {type(frame).__name__}"
        )
    out = []
    for row in rows:
        fields: dict[str, Any] = {}
        for key, value in row.items():
            plain = _plain(value)
            if key == "id" or plain is None:
                continue
            if key in dates and isinstance(plain, _dt.datetime):
                plain = plain.date()
            fields[str(key)] = plain
        out.append(fields)
    return out


def date_columns(schema: TableInfo) -> list[str]:
    """The captions of a table's date fields (written as dates by :func:`frame_rows`)."""
    return [f.name for f in schema.fields.values() if f.type == "date"]


def create_from_frame(
    table: Table, frame: Any, *, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[Record]:
    """Create one record per row of ``frame`` through the batch writer (``convert=True``).

    Columns are field captions (or ids); see :func:`frame_rows`. Every value is checked
    before the first batch is sent (:meth:`Table.create`).

    Returns:
        The created records, in row order.
    """
    rows = frame_rows(frame, dates=date_columns(table.info()))
    return table.create(rows, batch_size=batch_size, convert=True)

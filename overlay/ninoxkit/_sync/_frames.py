# Written by scripts/unasync.py from overlay/ninoxkit/_async/_frames.py.
# Do not edit: edit the source and re-run the script.
"""DataFrames from pagers, and frames written through a table handle.

The same functions as :mod:`ninoxkit._frames` (which has the column types)::

    df = to_pandas(contacts.list(per_page=500), schema=contacts.info())

Built one page (Arrow ``RecordBatch``) at a time; the pagers' ``to_pandas()`` forwards call
this module (and its sync twin).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ninoxkit._constants import DEFAULT_BATCH_SIZE
from ninoxkit._frames import (
    arrow_table,
    arrow_to_pandas,
    arrow_to_polars,
    date_columns,
    frame_rows,
    pages_of,
    record_batch,
)
from ninoxkit._schema import TableInfo
from ninoxkit._sync._handles import Table
from ninoxkit._sync.resources.records import RecordPager
from ninoxkit.types import Record

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]
    import polars
    import pyarrow  # type: ignore[import-untyped, unused-ignore]

__all__ = ["create_from_frame", "to_arrow", "to_pandas", "to_polars"]


def to_arrow(
    source: RecordPager | Iterable[Record], *, schema: TableInfo | None = None
) -> pyarrow.Table:
    """An Arrow table of a pager's records (one batch per page) or of a list of records.

    Args:
        source: A records pager (``table.list()``), or records already read.
        schema: The table's fields (``table.info()``), for typed columns; ``None`` infers.
    """
    if isinstance(source, RecordPager):
        batches = [record_batch(page, schema) for page in source.pages()]
    else:
        batches = [record_batch(page, schema) for page in pages_of(source)]
    return arrow_table(batches, schema)


def to_pandas(
    source: RecordPager | Iterable[Record], *, schema: TableInfo | None = None
) -> pandas.DataFrame:
    """A pandas frame of the records (column dtypes: :mod:`ninoxkit._frames`)."""
    return arrow_to_pandas(to_arrow(source, schema=schema))


def to_polars(
    source: RecordPager | Iterable[Record], *, schema: TableInfo | None = None
) -> polars.DataFrame:
    """A polars frame of the records (choices ``Categorical``, timestamps UTC)."""
    return arrow_to_polars(to_arrow(source, schema=schema))


def create_from_frame(
    table: Table,
    frame: Any,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_in_flight: int | None = None,
) -> list[Record]:
    """Create one record per row of ``frame`` through the batch writer (``convert=True``).

    Columns are field captions (or ids); empty cells are left out and an ``id`` column is
    dropped (:func:`ninoxkit._frames.frame_rows`). Every value is checked before the first
    batch is sent.

    Args:
        table: The table to create the records in.
        frame: A pandas or polars DataFrame, or an Arrow table.
        batch_size: Records per request.
        max_in_flight: Batches sent at once (default and maximum: the client's
            ``max_concurrency``).

    Returns:
        The created records, in row order.
    """
    rows = frame_rows(frame, dates=date_columns(table.info()))
    return table.create(rows, batch_size=batch_size, convert=True, max_in_flight=max_in_flight)

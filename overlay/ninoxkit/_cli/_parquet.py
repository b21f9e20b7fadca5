"""``records export --format parquet``: one Parquet row group per listing page.

Columns are typed by the table's field types, as :mod:`ninoxkit._frames` types them for
``to_arrow()`` (dates, UTC timestamps, choices as dictionaries, numbers, booleans, links as
integers); each page becomes one Arrow batch written at once, so memory is about one page.
Needs the ``frames`` extra (pyarrow).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._base import CLIError

if TYPE_CHECKING:
    from ninoxkit._schema import TableInfo
    from ninoxkit._sync._client import Ninox

__all__ = ["export_parquet"]


def export_parquet(
    client: Ninox,
    table: TableInfo,
    path: Path,
    *,
    per_page: int | None,
    limit: int | None,
    filters: dict[str, Any] | None,
    on_page: Callable[[int], None],
) -> int:
    """Write every record of ``table`` to the Parquet file ``path``, page by page.

    Args:
        client: The client (team and database set).
        table: The table's schema; it types the columns.
        path: The file to write (replaced).
        per_page: Records per listing page (``None``: the pager's choice).
        limit: At most this many records (``None``: all).
        filters: Exact-match filters, or ``None``.
        on_page: Called with each page's record count once it is written.

    Returns:
        The number of records written.

    Raises:
        CLIError: pyarrow is not installed (the ``frames`` extra).
    """
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]
    except ImportError as exc:
        raise CLIError(
            f"--format parquet needs the frames extra: pip install 'ninoxkit[frames]' ({exc})"
        ) from None
    from ninoxkit._frames import arrow_schema, record_batch

    schema = arrow_schema(table)
    pager = client.records.list(table=table.id, per_page=per_page, limit=limit, filters=filters)
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for page in pager.pages():
            if not page:
                continue
            batch = record_batch(page, table)
            # A choice caption the schema does not know gets its own dictionary entry; the
            # column type (dictionary<int32, string>) stays the schema's.
            writer.write_batch(batch.cast(schema) if batch.schema != schema else batch)
            count += len(page)
            on_page(len(page))
    return count

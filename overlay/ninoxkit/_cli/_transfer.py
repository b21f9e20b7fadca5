"""``records export`` and ``records import``: streamed, batched, resumable.

Export streams page by page (memory: one page). Import reads the input in batches and writes
each with ``records.upsert`` (rows with an ``id`` update that record, or create it with that id;
rows without create a new record), up to the client's ``max_concurrency`` batches at once, each
by a worker thread; the main thread settles them in input order (see :class:`Importer`). A
failed batch does not stop the import:

* a batch Ninox refused (400/422) is split in halves until the bad rows are isolated, so one
  bad value does not fail 99 good rows;
* rows certainly not written go to the failed-row file with ``_outcome=failed``;
* rows of a batch that may have been applied (a 5xx or a lost answer to a create) go there with
  ``_outcome=unknown``. They are not re-sent blindly, on this run or a rerun: with ``--key`` the
  import looks each one up and creates only the missing; otherwise the user checks them and
  reruns with ``--retry-unknown``. Rows with an ``id`` are always safe to re-send (an upsert by
  id writes the same record again), so they are never ``unknown``;
* a value the library cannot send (NaN in JSONL, say) is found before the request leaves; the
  batch is split until that row is alone, and only it fails.

An import that stops early (Ctrl-C, a lost input file, a full disk) loses no row: the rows of
the batches in flight go to the failed file as ``unknown`` (or ``failed`` if they carry an id),
and every row not yet sent goes there with ``_outcome=not sent``. If even that cannot be done,
the previous failed file is left as it was.

The failed-row file has the input's format and columns, so a rerun on it resumes the import.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import attrs

from ninoxkit import FieldValueError  # the public name: _values is being reworked
from ninoxkit._exceptions import (
    APIStatusError,
    BatchWriteError,
    InvalidArgumentError,
    NinoxError,
)
from ninoxkit._schema import TableInfo
from ninoxkit._sync._client import Ninox
from ninoxkit.nx import name as nx_name
from ninoxkit.types import Record

from ._rows import (
    ERROR_COLUMN,
    OUTCOME_COLUMN,
    InputRow,
    RowError,
    RowWriter,
    cell_to_text,
    open_input,
    read_rows,
    row_to_write,
)

__all__ = ["ImportReport", "Importer", "count_records", "export_records", "failed_path_for"]

FAILED = "failed"
UNKNOWN = "unknown"
NOT_SENT = "not sent"


# -- export ---------------------------------------------------------------------------------


def count_records(client: Ninox, table: TableInfo) -> int | None:
    """The table's record count via one NX query (``cnt(select T)``); ``None`` if not possible."""
    try:
        value = client.scripts.query(f"count(select {nx_name(table.name)})")
    except (NinoxError, ValueError):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def export_records(
    client: Ninox,
    table: TableInfo,
    out: IO[str],
    fmt: str,
    *,
    per_page: int | None,
    limit: int | None,
    filters: dict[str, Any] | None,
    on_page: Callable[[int], None],
) -> int:
    """Write every record of ``table`` to ``out``, one page at a time; returns the count.

    The pager reads ahead (the client's ``max_concurrency`` pages in flight) and hands the
    pages over in order, so the file is the same as one written page by page.
    """
    names = [f.name for f in table.fields.values()]
    writer = RowWriter(out, fmt, ["id", *names] if fmt == "csv" else None)
    pager = client.records.list(table=table.id, per_page=per_page, limit=limit, filters=filters)
    for page in pager.pages():
        if fmt == "csv":
            writer.write_cells([_csv_cells(record, names) for record in page])
        else:
            for record in page:
                writer.write(record.to_dict())
        out.flush()
        on_page(len(page))
    writer.close()
    return writer.count


def _csv_cells(record: Record, names: list[str]) -> list[str]:
    """A record's CSV row: its id, then one cell per field name (empty when it has no value).

    A field called ``id`` fills the id column too (the record's fields win, as they always
    have in this export).
    """
    fields = record.fields.additional_properties
    get = fields.get
    first = cell_to_text(fields["id"]) if "id" in fields else str(record.id)
    return [first, *(cell_to_text(get(name)) for name in names)]


# -- import ---------------------------------------------------------------------------------


def failed_path_for(source: Path) -> Path:
    """``contacts.csv`` → ``contacts.failed.csv``; a ``*.failed.*`` file names itself (rerun)."""
    stem, suffix = source.stem, source.suffix
    if stem.endswith(".failed"):
        return source
    return source.with_name(f"{stem}.failed{suffix}")


@attrs.define
class ImportReport:
    """What an import did, row by row, in counts."""

    read: int = 0
    updated: int = 0
    created: int = 0
    found: int = 0  # unknown rows that --key found already in Ninox (not written again)
    failed: int = 0
    unknown: int = 0
    not_sent: int = 0  # rows after the point where the import stopped
    requests: int = 0
    errors: dict[str, int] = attrs.field(factory=dict)
    stopped: str | None = None  # why the import stopped early (None: it read every row)
    failed_file_kept: bool = True  # False: the rows could not all be saved; old file untouched
    stale_removed: bool = False  # no row failed, and a failed file of an earlier run was removed

    @property
    def written(self) -> int:
        """Rows written: created or updated by id."""
        return self.created + self.updated

    @property
    def problems(self) -> int:
        """Rows that did not make it (failed, unknown or not sent)."""
        return self.failed + self.unknown + self.not_sent


@attrs.define
class _Pending:
    row: InputRow
    write: dict[str, Any]


class _Batch:
    """One batch while a worker writes it: its rows not settled yet, and what became of the rest.

    The worker changes it under ``lock``; the main thread reads it when the batch is committed,
    or freezes it when the import stops (then the worker's later results are dropped, and the
    rows still open are saved with the outcome they have at that moment).
    """

    def __init__(self, rows: list[InputRow]) -> None:
        self.rows = rows
        self.lock = threading.Lock()
        self.frozen = False
        # Row number → the row and the outcome it gets if the import stops now.
        self.open: dict[int, tuple[InputRow, str]] = {r.number: (r, _resting(r)) for r in rows}
        self.failures: list[tuple[InputRow, str, str]] = []
        self.created = 0
        self.updated = 0
        self.found = 0
        self.requests = 0
        self.shown = 0  # rows counted by the progress callback


class _Abandoned(Exception):
    """The import stopped: a worker gives up on its (frozen) batch before its next request."""


class Importer:
    """Import rows into one table in batches, up to ``workers`` batches at once.

    Each batch is written by a worker thread (one ``records.upsert`` per request, split and
    looked up as described in the module docstring); the main thread reads the input, keeps at
    most ``workers`` batches in flight, and settles batches strictly in input order: the
    report, the progress callback and the failed-row file (written by the main thread only)
    see them as a sequential import would.

    Args:
        client: The client (team and database set).
        table: The target table.
        fmt: Input format (``csv``, ``json`` or ``jsonl``), also the failed file's format.
        failed_path: Where failed rows go (created only when a row fails).
        columns: CSV header of the input (the failed file gets it plus the note columns).
        batch_size: Rows per request.
        split: Split refused batches to isolate bad rows.
        key: Field used to look up rows whose outcome is unknown (``None``: don't look).
        retry_unknown: Re-send rows a previous run marked unknown.
        on_rows: Progress callback, called with the number of rows settled.
        workers: Batches written at once (the client's ``max_concurrency``).
    """

    def __init__(
        self,
        client: Ninox,
        table: TableInfo,
        *,
        fmt: str,
        failed_path: Path,
        columns: list[str] | None,
        batch_size: int,
        split: bool,
        key: str | None,
        retry_unknown: bool,
        on_rows: Callable[[int], None],
        workers: int = 1,
    ) -> None:
        self.client = client
        self.table = table
        self.fmt = fmt
        self.failed_path = failed_path
        self.columns = columns
        self.batch_size = batch_size
        self.split = split
        self.key = table.field(key).name if key else None
        self.retry_unknown = retry_unknown
        self.on_rows = on_rows
        self.workers = max(1, workers)
        self.report = ImportReport()
        self._failed_stream: IO[str] | None = None
        self._failed_writer: RowWriter | None = None
        self._temp_path = failed_path.with_name(f".{failed_path.name}.{os.getpid()}.part")
        # The number of the last row handed to a batch: every later row is saved as not sent
        # after a stop.
        self._last_read = 0

    # -- driving (main thread) --------------------------------------------------------------

    def run(self, source: Path) -> ImportReport:
        """Import every row of ``source``; the failed file is complete when this returns.

        If anything stops the import early (including Ctrl-C), the rows in flight and every
        row not yet read are saved to the failed file before the exception goes on, and
        :attr:`ImportReport.stopped` says why.
        """
        complete = False
        window: deque[tuple[_Batch, Future[None]]] = deque()
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="ninoxkit-import")
        try:
            with open_input(source) as stream:
                for rows in _chunks(read_rows(stream, self.fmt), self.batch_size):
                    self.report.read += len(rows)
                    self._last_read = rows[-1].number
                    batch = _Batch(rows)
                    window.append((batch, pool.submit(self._settle, batch)))
                    while len(window) >= self.workers:
                        self._commit(window)
            while window:
                self._commit(window)
            complete = True
        except BaseException as exc:
            complete = self._save_the_rest(source, exc, window)
            raise
        finally:
            # Workers of frozen batches stop before their next request; none is waited for.
            pool.shutdown(wait=False, cancel_futures=True)
            self._close_failed(keep=complete)
        return self.report

    def _commit(self, window: deque[tuple[_Batch, Future[None]]]) -> None:
        """Wait for the oldest batch, then count it and save its failed rows, in input order.

        The batch leaves the window only once settled: if the wait is interrupted, the stop
        still finds it there.
        """
        batch, future = window[0]
        future.result()  # a worker's unexpected error (or Ctrl-C in a test) stops the import
        with batch.lock:
            batch.frozen = True
            self._settled(batch)
        window.popleft()

    def _settled(self, batch: _Batch) -> None:
        """Count what a frozen batch did and save its failed rows (each once, even if called
        again after an interruption)."""
        report = self.report
        report.created += batch.created
        report.updated += batch.updated
        report.found += batch.found
        report.requests += batch.requests
        batch.created = batch.updated = batch.found = batch.requests = 0
        while batch.failures:
            self._save(*batch.failures[0])
            del batch.failures[0]
        done = len(batch.rows) - len(batch.open) - batch.shown
        batch.shown += done
        if done:
            self.on_rows(done)

    def _save_the_rest(
        self, source: Path, exc: BaseException, window: deque[tuple[_Batch, Future[None]]]
    ) -> bool:
        """After a stop: every row not settled goes to the failed file; False if that failed.

        The progress callback is not called for these rows: the bar stays where it was.
        """
        reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else describe(exc)
        self.report.stopped = f"after row {self._last_read}: {reason}"
        try:
            for batch, _ in window:
                with batch.lock:
                    batch.frozen = True
                    self._settled(batch)
                    for row, outcome in list(batch.open.values()):
                        self._save(row, outcome, _stopped_note(outcome, reason))
            with open_input(source) as stream:
                for row in read_rows(stream, self.fmt):
                    if row.number > self._last_read:
                        self._save(row, NOT_SENT, _stopped_note(NOT_SENT, reason))
        except BaseException:  # the first exception is the one reported
            return False
        return True

    # -- one batch (a worker thread) --------------------------------------------------------

    def _settle(self, batch: _Batch) -> None:
        try:
            self._batch(batch)
        except _Abandoned:
            pass

    def _batch(self, batch: _Batch) -> None:
        pending: list[_Pending] = []
        for row in batch.rows:
            if row.error is not None:
                self._fail(batch, row, FAILED, row.error)
                continue
            try:
                write = row_to_write(row.data, self.table, from_text=self.fmt == "csv")
            except RowError as exc:
                self._fail(batch, row, FAILED, str(exc))
                continue
            if row.outcome == UNKNOWN and "id" not in write and not self.retry_unknown:
                if self.key is None:
                    self._fail(batch, row, UNKNOWN, _UNKNOWN_NOTE)
                    continue
                if not self._missing(batch, _Pending(row, write), None):
                    continue
            pending.append(_Pending(row, write))
        if pending:
            self._write(batch, pending)

    def _write(self, batch: _Batch, items: list[_Pending], *, looked_up: bool = False) -> None:
        """Send ``items`` in one request and settle each row by the outcome.

        ``looked_up``: the rows were just looked up by ``--key`` after an unknown outcome; if
        this write's outcome is unknown too, they are not looked up again.
        """
        self._sending(batch, items)
        try:
            self.client.records.upsert(
                [p.write for p in items], table=self.table.id, batch_size=len(items)
            )
        except FieldValueError as exc:
            self._bad_value(batch, items, exc, looked_up=looked_up)
            return
        except BatchWriteError as exc:
            if _refused_before_sending(exc):
                # A cell the library could not send (a lone surrogate in a JSON string): no
                # request left, so find the row by splitting, like a refused value.
                self._bad_value(batch, items, exc.error, looked_up=looked_up)
                return
            self._count_request(batch)
            self._failed_batch(batch, items, exc, looked_up=looked_up)
            return
        self._count_request(batch)
        self._done(batch, items)

    def _sending(self, batch: _Batch, items: list[_Pending]) -> None:
        # If the import stops during the request, a create may have been applied (unknown); a
        # write by id is safe to send again (failed).
        with batch.lock:
            if batch.frozen:
                raise _Abandoned
            for p in items:
                outcome = FAILED if "id" in p.write else UNKNOWN
                batch.open[p.row.number] = (p.row, outcome)

    def _count_request(self, batch: _Batch) -> None:
        with batch.lock:
            if not batch.frozen:
                batch.requests += 1

    def _bad_value(
        self, batch: _Batch, items: list[_Pending], exc: NinoxError, *, looked_up: bool
    ) -> None:
        """A value the library refused before sending anything: split until the row is alone.

        Done whatever ``--split`` says: finding the row costs no request Ninox refuses.
        """
        with batch.lock:
            if batch.frozen:
                raise _Abandoned
            for p in items:
                batch.open[p.row.number] = (p.row, _resting(p.row))
        if len(items) == 1:
            self._fail(batch, items[0].row, FAILED, _one_line(exc))
            return
        half = len(items) // 2
        self._write(batch, items[:half], looked_up=looked_up)
        self._write(batch, items[half:], looked_up=looked_up)

    def _failed_batch(
        self, batch: _Batch, items: list[_Pending], exc: BatchWriteError, *, looked_up: bool
    ) -> None:
        error = exc.error
        message = describe(error)
        refused = isinstance(error, APIStatusError) and error.status_code in (400, 422)
        if exc.unknown:
            # The batch may have been applied. Rows with an id are safe to send again (an upsert
            # by id rewrites the same record); rows without one could be created twice.
            with_id = [p for p in items if "id" in p.write]
            without = [p for p in items if "id" not in p.write]
            for p in with_id:
                self._fail(batch, p.row, FAILED, message)
            if self.key is not None and not looked_up:
                missing = [p for p in without if self._missing(batch, p, message)]
                if missing:
                    self._write(batch, missing, looked_up=True)
                return
            for p in without:
                self._fail(batch, p.row, UNKNOWN, f"{_UNKNOWN_NOTE} ({message})")
            return
        if refused and self.split and len(items) > 1:
            half = len(items) // 2
            self._write(batch, items[:half], looked_up=looked_up)
            self._write(batch, items[half:], looked_up=looked_up)
            return
        for p in items:
            self._fail(batch, p.row, FAILED, message)

    def _missing(self, batch: _Batch, item: _Pending, why: str | None) -> bool:
        """With ``--key``: is a row of unknown outcome missing from Ninox (so it must be sent)?

        A row found is settled as found; a row that cannot be looked up stays unknown, with
        ``why`` (the reason its outcome is unknown) and the lookup's error.
        """
        assert self.key is not None
        value = item.write["fields"].get(self.key)
        try:
            if value is None:
                raise RowError(f"--key {self.key!r}: the row has no value for it")
            with batch.lock:
                if batch.frozen:
                    raise _Abandoned
            found = self.client.records.find_one({self.key: value}, table=self.table.id)
            self._count_request(batch)
        except (RowError, NinoxError) as exc:
            if not isinstance(exc, RowError):
                self._count_request(batch)
            reason = f"lookup: {_one_line(exc)}"
            if why is not None:
                reason = f"{why}; {reason}"
            self._fail(batch, item.row, UNKNOWN, f"{_UNKNOWN_NOTE} ({reason})")
            return False
        if found is not None:
            with batch.lock:
                if not batch.frozen:
                    batch.open.pop(item.row.number, None)
                    batch.found += 1
            return False
        return True

    def _done(self, batch: _Batch, items: list[_Pending]) -> None:
        with batch.lock:
            if batch.frozen:
                return  # written after the stop: the report already calls these unknown
            for p in items:
                batch.open.pop(p.row.number, None)
                if "id" in p.write:
                    batch.updated += 1
                else:
                    batch.created += 1

    def _fail(self, batch: _Batch, row: InputRow, outcome: str, message: str) -> None:
        with batch.lock:
            if batch.frozen:
                return
            batch.open.pop(row.number, None)
            batch.failures.append((row, outcome, message))

    # -- the failed-row file (main thread) --------------------------------------------------

    def _save(self, row: InputRow, outcome: str, message: str) -> None:
        if outcome == UNKNOWN:
            self.report.unknown += 1
        elif outcome == NOT_SENT:
            self.report.not_sent += 1
        else:
            self.report.failed += 1
        short = message if len(message) <= 160 else message[:159] + "…"
        if outcome in (UNKNOWN, NOT_SENT):
            short = f"outcome {outcome}" if outcome == UNKNOWN else outcome
        self.report.errors[short] = self.report.errors.get(short, 0) + 1
        writer = self._writer()
        data = dict(row.data)
        data[OUTCOME_COLUMN] = outcome
        data[ERROR_COLUMN] = message
        writer.write(data, row.extra)

    def _writer(self) -> RowWriter:
        if self._failed_writer is None:
            self._failed_stream = self._temp_path.open("w", encoding="utf-8", newline="")
            columns = None
            if self.fmt == "csv":
                base = [c for c in self.columns or [] if c not in (OUTCOME_COLUMN, ERROR_COLUMN)]
                columns = [*base, OUTCOME_COLUMN, ERROR_COLUMN]
            self._failed_writer = RowWriter(self._failed_stream, self.fmt, columns)
        return self._failed_writer

    def _close_failed(self, *, keep: bool) -> None:
        """Move the failed file into place, if every row not written is in it (``keep``)."""
        if self._failed_stream is None:
            if keep and self.failed_path.exists():
                # Every row made it: an older failed file (the input, on a resume) would import
                # its rows a second time if the printed resume command were run again.
                self.failed_path.unlink()
                self.report.stale_removed = True
            return
        if self._failed_writer is not None:
            self._failed_writer.close()
        self._failed_stream.close()
        if not keep:
            self.report.failed_file_kept = False
            self._temp_path.unlink(missing_ok=True)
            return
        # Written aside and moved at the end: a rerun on the failed file itself reads the old
        # version to the end before it is replaced.
        self._temp_path.replace(self.failed_path)


def _chunks(rows: Iterator[InputRow], size: int) -> Iterator[list[InputRow]]:
    batch: list[InputRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_UNKNOWN_NOTE = (
    "outcome unknown: the batch may have been written; check Ninox before importing this row "
    "again (rerun with --key FIELD to look it up, or --retry-unknown once checked)"
)


def _resting(row: InputRow) -> str:
    """The outcome of a row not sent on this run: unknown stays unknown, others are not sent."""
    return UNKNOWN if row.outcome == UNKNOWN else NOT_SENT


def _stopped_note(outcome: str, reason: str) -> str:
    if outcome == NOT_SENT:
        return f"not sent: the import stopped before this row ({reason})"
    if outcome == UNKNOWN:
        return f"{_UNKNOWN_NOTE} (the import stopped: {reason})"
    return f"the import stopped while this row was sent ({reason}); it is safe to send again"


def _refused_before_sending(exc: BatchWriteError) -> bool:
    """Whether a batch failed on an argument the library refused before sending anything."""
    return isinstance(exc.error, InvalidArgumentError) and not exc.written and not exc.unknown


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def describe(error: BaseException) -> str:
    """A short reason for the failed-row file: the status and Ninox's message, not the URL."""
    if isinstance(error, APIStatusError):
        return f"{error.status_code}: {' '.join(error.message.split())}"
    return _one_line(error)

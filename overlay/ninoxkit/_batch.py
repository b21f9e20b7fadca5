"""Batch planning and partial-failure bookkeeping for record writes (no I/O; both twins).

Ninox documents no maximum batch size (reference §8), so writes go out in batches of a
configurable size. When one batch fails, the error must say exactly what happened to every input
item: written (with the record Ninox returned), not written, or unknown — unknown only when a
non-idempotent batch may have reached Ninox and was therefore not re-sent.

With several batches in flight (``max_in_flight``), the first failure stops the sending of new
batches; those already in flight finish, and each is accounted for by its own outcome
(:meth:`BatchPlan.failures`): a batch that succeeded after the failed one is written, a second
failed batch is unknown or not written by its own error, and the batches never sent are not
written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, Literal, NamedTuple, TypeVar

from ._exceptions import (
    APIError,
    BatchWriteError,
    InvalidArgumentError,
    NinoxError,
)
from ._validate import check_positive_int, check_record_id

__all__ = ["BatchPlan", "Split", "WriteItem", "normalize_writes"]

R = TypeVar("R")
Mode = Literal["create", "update", "upsert"]
#: What became of a failed batch, if the caller checked: input indexes written, not written
#: and unknown.
Split = tuple[Sequence[int], Sequence[int], Sequence[int]]


class WriteItem(NamedTuple):
    """One record to write: its id (``None`` to create), fields, and the ``_upsert`` flag.

    A named tuple, not an attrs class: a bulk write makes one per record, and a tuple is built
    several times faster.
    """

    id: int | None
    fields: Mapping[str, Any]
    upsert: bool = False


def normalize_writes(records: Iterable[Any], *, mode: Mode) -> list[WriteItem]:
    """Turn the accepted input shapes into :class:`WriteItem` s, checking each.

    ``create``: each item is a mapping of fields. ``update``/``upsert``: ``{"id", "fields"}``,
    ``(id, fields)`` or an object with ``.id`` and ``.fields`` (a :class:`Record`); ``upsert`` also
    takes items without an id, which are created.

    Raises:
        InvalidArgumentError: naming the first bad item (nothing is sent).
    """
    if isinstance(records, Mapping | str | bytes):
        raise InvalidArgumentError(
            f"{mode} takes an iterable of records, not a single {type(records).__name__}"
        )
    if not isinstance(records, Iterable):
        raise InvalidArgumentError(
            f"{mode} takes an iterable of records, not {type(records).__name__}"
        )
    out: list[WriteItem] = []
    if mode == "create":
        for index, item in enumerate(records):
            # A dict is the usual item: the exact type test costs less than the ABC check.
            if type(item) is not dict and not isinstance(item, Mapping):
                raise InvalidArgumentError(f"item {index}: create takes mappings of field → value")
            out.append(WriteItem(None, item))
        return out
    for index, item in enumerate(records):
        where = f"item {index}"
        record_id, fields = _split(item, where)
        if record_id is None and mode == "update":
            raise InvalidArgumentError(f"{where}: update needs an id; use create or upsert")
        rid = None if record_id is None else check_record_id(record_id, f"{where} id")
        out.append(WriteItem(rid, fields, upsert=mode == "upsert" and rid is not None))
    return out


def _split(item: Any, where: str) -> tuple[Any, Mapping[str, Any]]:
    if isinstance(item, tuple) and len(item) == 2:
        record_id, fields = item
    elif isinstance(item, Mapping):
        unknown = set(item) - {"id", "fields"}
        if unknown or "fields" not in item:
            raise InvalidArgumentError(
                f"{where}: expected {{'id': ..., 'fields': {{...}}}}, got keys {sorted(item)}"
            )
        record_id, fields = item.get("id"), item["fields"]
    elif hasattr(item, "id") and hasattr(item, "fields"):
        record_id = item.id
        raw = item.fields
        fields = getattr(raw, "additional_properties", raw)
    else:
        raise InvalidArgumentError(f"{where}: expected a mapping, an (id, fields) pair or a Record")
    if not isinstance(fields, Mapping):
        raise InvalidArgumentError(f"{where}: fields must be a mapping of field → value")
    return record_id, fields


class BatchPlan(Generic[R]):
    """Splits ``n`` items into batches and records what became of each.

    Args:
        items: The items (only their count and ids are used).
        size: Items per batch.
    """

    def __init__(self, items: Sequence[Any], size: int) -> None:
        check_positive_int("batch_size", size)
        self.items = items
        self.size = size
        self._results: list[R | None] = [None] * len(items)
        self._written: list[int] = []

    def batches(self) -> Iterator[range]:
        """Index ranges of the batches, in order."""
        for start in range(0, len(self.items), self.size):
            yield range(start, min(start + self.size, len(self.items)))

    def done(self, batch: range, results: Sequence[R | None]) -> None:
        """Record a batch as written, with what Ninox answered for each item."""
        for index, result in zip(batch, results, strict=True):
            self._results[index] = result
            self._written.append(index)

    def results(self) -> list[R]:
        """All results in input order (call after every batch is done)."""
        return [r for r in self._results if r is not None]

    def failure(
        self,
        batch: range,
        error: Exception,
        *,
        verb: str,
        split: Split | None = None,
    ) -> BatchWriteError:
        """The error to raise when ``batch`` failed with ``error``.

        ``split`` (written, not written, unknown input indexes of ``batch``) is given when the
        caller checked what became of each item; otherwise the whole batch is unknown if it may
        have been applied (any error that is no refusal by Ninox), else not written.
        """
        later = list(range(batch.stop, len(self.items)))
        if split is None:
            unknown_batch = _outcome_unknown(error)
            split = ([], [], list(batch)) if unknown_batch else ([], list(batch), [])
        done_now, refused, unsure = split
        error = _as_ninox_error(error)
        for index in done_now:
            self._written.append(index)
        written = [(i, self._results[i]) for i in sorted(self._written)]
        not_written = [*refused, *later]
        unknown = list(unsure)
        first, last = batch.start, batch.stop - 1
        if not done_now and not (refused and unsure):
            fate = "may or may not have been" if unsure else "were not"
            fates = f"items {first}-{last} {fate} {verb}"
        else:
            fates = (
                f"of items {first}-{last}, {len(done_now)} were {verb}, {len(refused)} were "
                f"not and {len(unsure)} may or may not have been"
            )
        message = (
            f"batch of items {first}-{last} failed ({error}); "
            f"{len(written) - len(done_now)} item(s) were {verb} before it, {fates}, "
            f"{len(later)} later item(s) were not sent"
        )
        return BatchWriteError(
            message, written=written, not_written=not_written, unknown=unknown, error=error
        )

    def failures(
        self,
        failed: Sequence[tuple[range, Exception, Split | None]],
        *,
        sent: int,
        verb: str,
    ) -> BatchWriteError:
        """The error to raise when the batches in ``failed`` failed (each with its error and,
        if the caller checked, its split as for :meth:`failure`) and items from ``sent`` on
        were never sent; every other batch before ``sent`` was recorded :meth:`done`.

        One failure of the last batch sent reads exactly as :meth:`failure` (the one-at-a-time
        case); otherwise the message names the first failure and the totals.
        """
        failed = sorted(failed, key=lambda f: f[0].start)
        first, error, split = failed[0]
        if len(failed) == 1 and first.stop == sent:
            return self.failure(first, error, verb=verb, split=split)
        refused: list[int] = []
        unsure: list[int] = []
        for batch, exc, how in failed:
            if how is None:
                bucket = unsure if _outcome_unknown(exc) else refused
                bucket.extend(batch)
            else:
                done_now, no, maybe = how
                self._written.extend(done_now)
                refused.extend(no)
                unsure.extend(maybe)
        later = list(range(sent, len(self.items)))
        written = [(i, self._results[i]) for i in sorted(self._written)]
        not_written = sorted([*refused, *later])
        unknown = sorted(unsure)
        main = _as_ninox_error(error)
        message = (
            f"{len(failed)} batch(es) failed, the first of items {first.start}-{first.stop - 1} "
            f"({main}); {len(written)} item(s) were {verb}, {len(not_written)} were not "
            f"({len(later)} of them never sent) and {len(unknown)} may or may not have been"
        )
        return BatchWriteError(
            message, written=written, not_written=not_written, unknown=unknown, error=main
        )

    def unreadable(self, error: Exception, *, verb: str) -> BatchWriteError:
        """The error to raise when every batch went through but the answers, kept as Ninox sent
        them in ``written``, could not be converted."""
        error = _as_ninox_error(error)
        written = [(i, self._results[i]) for i in self._written]
        return BatchWriteError(
            f"all {len(written)} item(s) were {verb}, but converting Ninox's answer failed "
            f"({error}); .written holds the records as Ninox sent them",
            written=written,
            not_written=[],
            unknown=[],
            error=error,
        )


def _as_ninox_error(error: Exception) -> NinoxError:
    """``error``, or for an unexpected exception a :class:`NinoxError` caused by it (so
    ``BatchWriteError.error`` stays a NinoxError)."""
    if isinstance(error, NinoxError):
        return error
    wrapped = NinoxError(f"unexpected {type(error).__name__}: {error}")
    wrapped.__cause__ = error
    return wrapped


def _outcome_unknown(error: Exception) -> bool:
    """Whether a failed batch may nevertheless have been applied by Ninox.

    The transport's verdict decides (:attr:`APIError.may_have_been_applied`: ``False`` only
    when the request certainly did not take effect: refused before sending, a connect error, a
    3xx/4xx); nothing here re-derives it from the error's class.
    """
    if isinstance(error, APIError):
        return error.may_have_been_applied
    # Anything else (an unexpected exception) broke off the write after it may have left; a
    # ninoxkit argument error is raised before the batch is sent.
    return not isinstance(error, NinoxError)

"""BatchPlan and normalize_writes, to the letter (issue #19 item 6: mutation score of _batch).

Each test pins what a caller of a batch write sees: which items go out, how, and what a
BatchWriteError says became of every item.
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
import pytest
from ninox_api.models import TableRecord as Record
from ninoxkit import (
    BadRequestError,
    InternalServerError,
    InvalidArgumentError,
    NinoxError,
    OutcomeUnknownError,
)
from ninoxkit._batch import BatchPlan, WriteItem, normalize_writes


def status_error(code: int) -> Exception:
    cls = InternalServerError if code >= 500 else BadRequestError
    return cls(f"status {code}", response=httpx.Response(code))


# normalize_writes ---------------------------------------------------------------------------


def test_update_and_upsert_take_record_objects_with_their_fields() -> None:
    record = Record.from_dict({"id": 3, "fields": {"Name": "a"}})
    for mode in ("update", "upsert"):
        (item,) = normalize_writes([record], mode=mode)
        assert item.id == 3
        assert dict(item.fields) == {"Name": "a"}
        assert item.upsert is (mode == "upsert")


def test_an_object_with_plain_mapping_fields_is_taken_too() -> None:
    class Row:
        id = 4
        fields: ClassVar[dict[str, int]] = {"x": 1}

    assert normalize_writes([Row()], mode="update") == [WriteItem(4, {"x": 1})]


def test_create_keeps_each_mapping_and_sends_no_id() -> None:
    rows = [{"a": 1}, {}]
    assert normalize_writes(rows, mode="create") == [WriteItem(None, {"a": 1}), WriteItem(None, {})]
    assert normalize_writes((r for r in rows), mode="create")[0].fields == {"a": 1}


def test_update_takes_pairs_and_mappings_and_never_marks_upsert() -> None:
    items = normalize_writes([(1, {"a": 1}), {"id": 2, "fields": {}}], mode="update")
    assert items == [WriteItem(1, {"a": 1}), WriteItem(2, {})]
    assert [i.upsert for i in items] == [False, False]


def test_upsert_without_an_id_creates() -> None:
    items = normalize_writes([(None, {"a": 1}), {"id": None, "fields": {"b": 2}}], mode="upsert")
    assert items == [WriteItem(None, {"a": 1}), WriteItem(None, {"b": 2})]


@pytest.mark.parametrize("records", [{"id": 1, "fields": {}}, "text", b"bytes"])
def test_a_single_record_is_refused_with_its_type(records: Any) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        normalize_writes(records, mode="update")
    assert str(info.value) == (
        f"update takes an iterable of records, not a single {type(records).__name__}"
    )


def test_a_non_iterable_is_refused_with_its_type() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        normalize_writes(5, mode="create")  # type: ignore[arg-type]
    assert str(info.value) == "create takes an iterable of records, not int"


@pytest.mark.parametrize(
    ("item", "mode", "message"),
    [
        ("x", "create", "item 1: create takes mappings of field → value"),
        ({"id": 1}, "update", "item 1: expected {'id': ..., 'fields': {...}}, got keys ['id']"),
        (
            {"id": 1, "fields": {}, "Name": "x"},
            "upsert",
            "item 1: expected {'id': ..., 'fields': {...}}, got keys ['Name', 'fields', 'id']",
        ),
        ((None, {}), "update", "item 1: update needs an id; use create or upsert"),
        ((0, {}), "upsert", "item 1 id must be 1 or more, got 0"),
        (("7", {}), "update", "item 1 id must be an int, got '7'"),
        ((1, [("a", 1)]), "update", "item 1: fields must be a mapping of field → value"),
        ((1, {}, 2), "update", "item 1: expected a mapping, an (id, fields) pair or a Record"),
        (42, "upsert", "item 1: expected a mapping, an (id, fields) pair or a Record"),
    ],
)
def test_a_bad_item_is_refused_by_its_index(item: Any, mode: Any, message: str) -> None:
    good = {"a": 1} if mode == "create" else (1, {"a": 1})
    with pytest.raises(InvalidArgumentError) as info:
        normalize_writes([good, item], mode=mode)
    assert str(info.value) == message


def test_an_object_with_an_id_but_no_fields_is_refused() -> None:
    class OnlyId:
        id = 1

    class OnlyFields:
        fields: ClassVar[dict[str, Any]] = {}

    for item in (OnlyId(), OnlyFields()):
        with pytest.raises(InvalidArgumentError, match="expected a mapping"):
            normalize_writes([item], mode="update")


# BatchPlan ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, -1, True, 1.5])
def test_a_batch_size_that_is_no_positive_int_is_refused(size: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="batch_size must be a positive int"):
        BatchPlan([1], size)


def test_batches_cover_every_item_once_in_order() -> None:
    assert list(BatchPlan(list(range(5)), 2).batches()) == [range(0, 2), range(2, 4), range(4, 5)]
    assert list(BatchPlan(list(range(4)), 4).batches()) == [range(0, 4)]
    assert list(BatchPlan([], 3).batches()) == []


def test_results_come_back_in_input_order_whatever_order_batches_finish() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(4)), 2)
    a, b = plan.batches()
    plan.done(b, ["c", "d"])
    plan.done(a, ["a", "b"])
    assert plan.results() == ["a", "b", "c", "d"]


def test_done_refuses_a_result_count_that_differs_from_the_batch() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(2)), 2)
    with pytest.raises(ValueError, match="shorter"):
        plan.done(range(0, 2), ["a"])


@pytest.mark.parametrize(("code", "unknown"), [(499, False), (500, True), (503, True)])
def test_the_5xx_boundary_decides_unknown_or_not_written(code: int, unknown: bool) -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(3)), 2)
    first, second = plan.batches()
    plan.done(first, ["a", "b"])
    err = plan.failure(second, status_error(code), verb="updated")
    assert err.written == [(0, "a"), (1, "b")]
    assert (err.unknown, err.not_written) == (([2], []) if unknown else ([], [2]))
    fate = "may or may not have been" if unknown else "were not"
    assert str(err) == (
        f"batch of items 2-2 failed ({err.error}); 2 item(s) were updated before it, "
        f"items 2-2 {fate} updated, 0 later item(s) were not sent"
    )


def test_a_failed_first_batch_names_the_later_items_not_sent() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(5)), 2)
    first = next(plan.batches())
    err = plan.failure(first, status_error(400), verb="written")
    assert (err.written, err.not_written, err.unknown) == ([], [0, 1, 2, 3, 4], [])
    assert str(err).endswith(
        "0 item(s) were written before it, items 0-1 were not written, "
        "3 later item(s) were not sent"
    )


@pytest.mark.parametrize(
    ("split", "fates"),
    [
        (([], [2, 3], []), "items 2-3 were not written"),
        (([], [], [2, 3]), "items 2-3 may or may not have been written"),
        (([], [2], [3]), "of items 2-3, 0 were written, 1 were not and 1 may or may not have been"),
        (([2], [3], []), "of items 2-3, 1 were written, 1 were not and 0 may or may not have been"),
    ],
)
def test_a_checked_split_is_told_item_by_item(split: Any, fates: str) -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(4)), 2)
    first, second = plan.batches()
    plan.done(first, ["a", "b"])
    err = plan.failure(second, OutcomeUnknownError("lost"), verb="written", split=split)
    assert err.not_written == split[1]
    assert err.unknown == split[2]
    assert [i for i, _ in err.written] == [0, 1, *split[0]]
    assert f"2 item(s) were written before it, {fates}, 0 later" in str(err)


def test_a_ninox_argument_error_is_not_written_and_kept_as_is() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(2)), 2)
    refused = InvalidArgumentError("bad value")
    err = plan.failure(next(plan.batches()), refused, verb="written")
    assert (err.not_written, err.unknown) == ([0, 1], [])
    assert err.error is refused


def test_an_unexpected_exception_is_wrapped_with_its_type_and_cause() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(2)), 2)
    cause = KeyError("k")
    err = plan.failure(next(plan.batches()), cause, verb="written")
    assert type(err.error) is NinoxError
    assert str(err.error) == "unexpected KeyError: 'k'"
    assert err.error.__cause__ is cause
    assert err.unknown == [0, 1]


def test_one_failure_of_the_last_batch_sent_reads_as_one_at_a_time() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(5)), 2)
    a, b, _ = plan.batches()
    plan.done(a, ["a", "b"])
    err = plan.failures([(b, status_error(400), None)], sent=4, verb="written")
    assert (err.written, err.not_written, err.unknown) == ([(0, "a"), (1, "b")], [2, 3, 4], [])
    assert str(err).startswith("batch of items 2-3 failed (")
    assert str(err).endswith("items 2-3 were not written, 1 later item(s) were not sent")


def test_batches_in_flight_are_each_accounted_for_by_their_own_outcome() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(10)), 2)
    a, b, c, d, _ = plan.batches()
    plan.done(a, ["a0", "a1"])
    plan.done(d, ["d6", "d7"])  # finished after the first failure: written
    refused, lost = status_error(400), status_error(502)
    err = plan.failures(
        [(c, lost, None), (b, refused, None)], sent=8, verb="written"
    )  # out of order: the first by position is named
    assert err.written == [(0, "a0"), (1, "a1"), (6, "d6"), (7, "d7")]
    assert err.not_written == [2, 3, 8, 9]
    assert err.unknown == [4, 5]
    assert err.error is refused
    assert str(err) == (
        f"2 batch(es) failed, the first of items 2-3 ({refused}); 4 item(s) were written, "
        "4 were not (2 of them never sent) and 2 may or may not have been"
    )


def test_a_single_failure_before_batches_that_finished_uses_the_totals() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(6)), 2)
    a, b, c = plan.batches()
    plan.done(b, ["b2", "b3"])
    plan.done(c, ["c4", "c5"])
    err = plan.failures([(a, RuntimeError("x"), None)], sent=6, verb="deleted")
    assert err.written == [(2, "b2"), (3, "b3"), (4, "c4"), (5, "c5")]
    assert (err.not_written, err.unknown) == ([], [0, 1])
    assert isinstance(err.error.__cause__, RuntimeError)
    assert str(err).startswith("1 batch(es) failed, the first of items 0-1 (unexpected")
    assert str(err).endswith(
        "4 item(s) were deleted, 0 were not (0 of them never sent) and 2 may or may not have been"
    )


def test_failures_with_checked_splits_put_each_item_in_its_bucket() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(7)), 3)
    a, b, c = plan.batches()
    plan.done(c, ["c6"])
    err = plan.failures(
        [(b, status_error(500), ([5], [3], [4])), (a, status_error(500), ([1], [2], [0]))],
        sent=7,
        verb="written",
    )
    assert [i for i, _ in err.written] == [1, 5, 6]
    assert (err.not_written, err.unknown) == ([2, 3], [0, 4])
    assert "2 batch(es) failed, the first of items 0-2" in str(err)


def test_unreadable_names_the_count_and_the_error() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(2)), 2)
    plan.done(next(plan.batches()), ["x", "y"])
    err = plan.unreadable(ValueError("bad date"), verb="updated")
    assert str(err) == (
        "all 2 item(s) were updated, but converting Ninox's answer failed "
        "(unexpected ValueError: bad date); .written holds the records as Ninox sent them"
    )
    assert err.error is not None
    assert isinstance(err.error.__cause__, ValueError)


def test_one_failure_of_the_last_batch_sent_keeps_its_checked_split() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(4)), 2)
    a, b = plan.batches()
    plan.done(a, ["a", "b"])
    err = plan.failures([(b, status_error(500), ([2], [3], []))], sent=4, verb="written")
    assert [i for i, _ in err.written] == [0, 1, 2]
    assert (err.not_written, err.unknown) == ([3], [])
    assert "of items 2-3, 1 were written, 1 were not and 0 may or may not have been" in str(err)

"""Pure logic shared by both twins: page tracking, batch accounting, name resolution."""

from __future__ import annotations

from typing import Any

import attrs
import httpx
import pytest
from ninoxkit import (
    APIResponseValidationError,
    BadRequestError,
    InternalServerError,
    InvalidArgumentError,
    OutcomeUnknownError,
    Schema,
    UnknownNameError,
)
from ninoxkit._batch import BatchPlan, WriteItem, normalize_writes
from ninoxkit._paging import PageTracker


@attrs.frozen
class Rec:
    id: int


def page(*ids: int) -> list[Rec]:
    return [Rec(i) for i in ids]


def accept(tracker: PageTracker, items: list[Rec]) -> list[Rec]:
    return tracker.accept(items, [r.id for r in items])


def test_tracker_walks_pages_and_stops_on_a_short_one() -> None:
    t = PageTracker(per_page=2)
    assert [r.id for r in accept(t, page(1, 2))] == [1, 2]
    assert (t.page, t.done) == (1, False)
    assert [r.id for r in accept(t, page(3))] == [3]
    assert t.done


def test_tracker_drops_records_it_already_yielded_and_stops_on_a_repeat() -> None:
    t = PageTracker(per_page=3)
    accept(t, page(1, 2, 3))
    assert [r.id for r in accept(t, page(3, 4, 5))] == [4, 5]  # overlap: shifted page
    assert accept(t, page(3, 4, 5)) == []  # identical page: Ninox's repeat quirk
    assert t.done
    assert t.repeated_pages == 1


def test_tracker_in_custom_order_only_compares_with_the_previous_page() -> None:
    t = PageTracker(per_page=2, ordered_by_id=False)
    accept(t, page(9, 3))
    assert [r.id for r in accept(t, page(1, 2))] == [1, 2]  # lower ids are fine when ordered
    assert not t.done
    # A page shifted by one (a record was inserted before it): the overlap is dropped.
    assert [r.id for r in accept(t, page(2, 5))] == [5]
    assert not t.done


def test_tracker_limit_and_zero_limit() -> None:
    t = PageTracker(per_page=5, limit=7)
    accept(t, page(1, 2, 3, 4, 5))
    assert [r.id for r in accept(t, page(6, 7, 8, 9, 10))] == [6, 7]
    assert t.done
    assert PageTracker(per_page=5, limit=0).done


def test_tracker_does_not_trust_a_page_of_exactly_100_when_more_were_asked() -> None:
    t = PageTracker(per_page=500)
    accept(t, page(*range(1, 101)))
    assert not t.done  # a server capping perPage at 100 would otherwise end the listing early
    accept(t, [])
    assert t.done


def test_tracker_refuses_ids_that_do_not_match_the_items() -> None:
    with pytest.raises(ValueError, match="3 items but 2 ids"):
        PageTracker(per_page=5).accept(page(1, 2, 3), [1, 2])


def test_batch_plan_accounts_for_every_item_on_a_refusal() -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(7)), 3)
    batches = list(plan.batches())
    assert batches == [range(0, 3), range(3, 6), range(6, 7)]
    plan.done(batches[0], ["a", "b", "c"])
    refused = BadRequestError("refused", response=httpx.Response(400))
    err = plan.failure(batches[1], refused, verb="written")
    assert err.written == [(0, "a"), (1, "b"), (2, "c")]
    assert err.not_written == [3, 4, 5, 6]
    assert err.unknown == []


@pytest.mark.parametrize(
    "error",
    [
        OutcomeUnknownError("lost"),
        InternalServerError("boom", response=httpx.Response(502)),
        # A 2xx whose body could not be read: Ninox took the batch.
        APIResponseValidationError("odd answer", status_code=200),
    ],
)
def test_batch_plan_marks_a_possibly_applied_batch_unknown(error: Any) -> None:
    plan: BatchPlan[str] = BatchPlan(list(range(4)), 2)
    first, second = plan.batches()
    plan.done(first, ["a", "b"])
    err = plan.failure(second, error, verb="written")
    assert err.unknown == [2, 3]
    assert err.not_written == []
    assert err.error is error


def test_normalize_writes_accepts_the_documented_shapes_and_refuses_others() -> None:
    items = normalize_writes(
        [{"id": 1, "fields": {"a": 1}}, (2, {"b": 2}), {"fields": {"c": 3}}], mode="upsert"
    )
    assert items == [
        WriteItem(1, {"a": 1}, upsert=True),
        WriteItem(2, {"b": 2}, upsert=True),
        WriteItem(None, {"c": 3}, upsert=False),
    ]
    for bad, mode in [
        ({"Name": "x"}, "create"),  # one mapping, not a list of them
        ([{"fields": {}}], "update"),
        ([{"id": 0, "fields": {}}], "update"),
        ([{"id": 1, "Name": "x"}], "update"),
        (["text"], "create"),
        ([(1, "not a mapping")], "upsert"),
    ]:
        with pytest.raises(InvalidArgumentError):
            normalize_writes(bad, mode=mode)  # type: ignore[arg-type]


TABLES = [
    {
        "id": "A",
        "name": "Contacts",
        "fields": [
            {"id": "A", "name": "Name", "type": "string"},
            {
                "id": "B",
                "name": "Status",
                "type": "choice",
                "choices": [{"id": "1", "caption": "Lead"}],
            },
        ],
    },
    {"id": "B", "name": "Companies", "fields": []},
    {"id": "C", "name": "Twin", "fields": []},
    {"id": "D", "name": "Twin", "fields": []},
]


def test_schema_resolves_ids_captions_and_reports_close_matches() -> None:
    schema = Schema.from_tables(TABLES)
    assert schema.table("A").name == "Contacts"
    assert schema.table("Contacts").id == "A"
    assert schema.table("contacts").id == "A"  # unique case-insensitive match
    assert schema.table("Contacts").field("Status").choices == {"1": "Lead"}
    with pytest.raises(UnknownNameError, match="did you mean 'Contacts'") as info:
        schema.table("Contact")
    assert info.value.candidates == ["Contacts"]
    with pytest.raises(UnknownNameError, match="ambiguous"):
        schema.table("Twin")
    with pytest.raises(UnknownNameError):
        schema.table("Contacts").field("Nmae")


def test_schema_from_the_database_document() -> None:
    schema = Schema.from_database(
        {
            "schema": {
                "types": {
                    "A": {
                        "caption": "Customer",
                        "fields": {
                            "A": {"base": "string", "caption": "First Name"},
                            "B": {
                                "base": "choice",
                                "caption": "Status",
                                "values": {"1": {"caption": "Lead"}},
                            },
                        },
                    }
                }
            }
        }
    )
    table = schema.table("Customer")
    assert table.types_by_name()["First Name"] == "string"
    assert table.choices_by_name()["B"] == {"1": "Lead"}

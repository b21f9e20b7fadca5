"""PageTracker and FilterCheck: what a listing yields, when it ends, what it counts."""

from __future__ import annotations

from typing import Any

import pytest
from ninoxkit._paging import FilterCheck, PageTracker, page_size_for
from ninoxkit._schema import FieldInfo, TableInfo


def take(t: PageTracker, *ids: int) -> list[int]:
    return t.accept(list(ids), list(ids))


@pytest.mark.parametrize("by_id", [True, False])
def test_a_record_returning_from_two_pages_back_is_not_yielded_again(by_id: bool) -> None:
    t = PageTracker(per_page=3, ordered_by_id=by_id)
    assert take(t, 1, 2, 3) == [1, 2, 3]
    assert take(t, 4, 5, 6) == [4, 5, 6]
    assert take(t, 2, 7, 8) == [7, 8]
    assert (t.done, t.repeated_records, t.pages_fetched) == (False, 1, 3)


@pytest.mark.parametrize("by_id", [True, False])
def test_a_page_of_only_seen_records_ends_the_listing(by_id: bool) -> None:
    t = PageTracker(per_page=2, ordered_by_id=by_id)
    take(t, 1, 2)
    take(t, 3, 4)
    assert take(t, 2, 1) == []
    assert t.done
    assert (t.pages_fetched, t.repeated_pages, t.repeated_records, t.yielded) == (3, 1, 2, 4)


@pytest.mark.parametrize("by_id", [True, False])
def test_alternating_pages_end_after_the_first_repeat(by_id: bool) -> None:
    t = PageTracker(per_page=2, ordered_by_id=by_id)
    assert take(t, 9, 8) == [9, 8]
    assert take(t, 7, 6) == [7, 6]
    assert take(t, 9, 8) == []
    assert t.done
    assert t.repeated_pages == 1


def test_limit_met_exactly_at_a_page_end_asks_for_no_more() -> None:
    t = PageTracker(per_page=2, limit=4)
    take(t, 1, 2)
    assert not t.done
    assert take(t, 3, 4) == [3, 4]
    assert t.done
    assert (t.page, t.yielded, t.pages_fetched) == (2, 4, 2)


def test_limit_across_three_pages_cuts_the_third() -> None:
    t = PageTracker(per_page=3, limit=7)
    take(t, 1, 2, 3)
    take(t, 4, 5, 6)
    assert not t.done
    assert take(t, 7, 8, 9) == [7]
    assert t.done
    assert t.yielded == 7


def test_descending_ids_are_all_yielded() -> None:
    t = PageTracker(per_page=3)
    assert take(t, 9, 8, 7) == [9, 8, 7]
    assert take(t, 6, 5, 4) == [6, 5, 4]
    assert take(t, 4, 3) == [3]  # a shifted page: the overlap is dropped
    assert t.done


def test_ids_repeated_inside_a_page_are_yielded_once() -> None:
    for by_id in (True, False):
        t = PageTracker(per_page=5, ordered_by_id=by_id)
        assert take(t, 1, 2, 2, 3, 1) == [1, 2, 3]
        assert t.repeated_records == 2


def test_a_short_first_page_is_confirmed_by_the_next() -> None:
    t = PageTracker(per_page=500)
    take(t, *range(1, 38))
    assert not t.done  # the server may cap perPage at 37
    take(t, *range(38, 75))
    assert not t.done  # as long as the first: still maybe capped
    take(t, 75, 76)
    assert t.done  # shorter than a page the server sent: the end
    assert t.pages_fetched == 3


def test_an_empty_page_ends_the_listing() -> None:
    t = PageTracker(per_page=5)
    take(t, 1, 2)
    assert take(t) == []
    assert t.done
    assert t.repeated_pages == 0


def test_a_full_page_then_a_short_one_ends_without_an_extra_request() -> None:
    t = PageTracker(per_page=3)
    take(t, 1, 2, 3)
    take(t, 4)
    assert t.done
    assert t.pages_fetched == 2


TABLE = TableInfo(
    "A",
    "Deals",
    {
        "A": FieldInfo("A", "Title", "string"),
        "B": FieldInfo("B", "Amount", "number"),
        "C": FieldInfo("C", "Stage", "choice", {"1": "Won", "2": "Lost"}),
        "D": FieldInfo("D", "Total", "fn"),
        "E": FieldInfo("E", "Tags", "multi", {"1": "x", "2": "y"}),
    },
)


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"Amount": 7}, {"Amount": 7.0}),
        ({"Amount": 7}, {"B": 7}),
        ({"Stage": "Won"}, {"Stage": "1"}),
        ({"C": "Won"}, {"Stage": "Won"}),
        ({"Tags": ["y", "x"]}, {"Tags": ["1", "2"]}),
        ({"Total": 3}, {}),  # formula values are not returned: nothing to compare
        ({"Title": ""}, {}),
    ],
)
def test_filter_check_accepts_equivalent_representations(
    sent: dict[str, Any], fields: dict[str, Any]
) -> None:
    check = FilterCheck(sent)
    assert check.mismatch(check.suspects([(1, fields)]), TABLE) is None


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"Amount": 7}, {"Amount": 8}),
        ({"Stage": "Won"}, {"Stage": "2"}),
        ({"Title": "a"}, {}),
        ({"Title": "a"}, {"Title": "A"}),
    ],
)
def test_filter_check_finds_a_record_that_does_not_match(
    sent: dict[str, Any], fields: dict[str, Any]
) -> None:
    check = FilterCheck(sent)
    found = check.mismatch(check.suspects([(1, {**sent}), (2, fields)]), TABLE)
    assert found is not None
    assert found[0] == 2
    assert found[1] == next(iter(sent))


def test_filter_check_passes_plain_matches_without_the_schema() -> None:
    check = FilterCheck({"Title": "a", "Amount": 7})
    assert check.suspects([(1, {"Title": "a", "Amount": 7, "Other": 1})]) == []


@pytest.mark.parametrize(
    ("limit", "size"),
    [(None, 500), (1, 1), (499, 499), (500, 500), (501, 251), (700, 350), (1000, 500), (1001, 334)],
)
def test_page_size_asks_for_no_more_than_a_limit_needs(limit: int | None, size: int) -> None:
    assert page_size_for(limit) == size
    if limit is not None:
        pages = -(-limit // size)
        assert pages == -(-limit // 500)  # as few pages as pages of 500 would take
        assert pages * size - limit < pages  # and less than one record per page over

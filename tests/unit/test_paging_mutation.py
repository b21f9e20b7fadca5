"""PageTracker and FilterCheck, to the letter (issue #19 item 6: mutation score of _paging).

Each test pins what a caller of a listing sees: the records yielded, when the listing ends,
what it counts and logs, and which answered records a filter check lets through.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from ninoxkit._paging import FilterCheck, PageTracker
from ninoxkit._schema import FieldInfo, TableInfo


def take(t: PageTracker, *ids: int) -> list[int]:
    return t.accept(list(ids), list(ids))


# PageTracker --------------------------------------------------------------------------------


def test_in_id_order_by_default_an_id_inside_the_listed_span_counts_as_listed() -> None:
    t = PageTracker(per_page=2)  # id order unless told otherwise: memory is one span
    take(t, 1, 3)
    assert take(t, 2, 4) == [4]
    assert t.repeated_records == 1


def test_in_another_order_only_the_ids_yielded_count_as_listed() -> None:
    t = PageTracker(per_page=2, ordered_by_id=False)
    take(t, 1, 3)
    assert take(t, 2, 4) == [2, 4]


def test_a_record_from_a_one_record_page_is_not_yielded_again() -> None:
    t = PageTracker(per_page=1)
    assert take(t, 5) == [5]
    assert take(t, 6) == [6]
    assert take(t, 5) == []
    assert t.done
    assert (t.pages_fetched, t.repeated_pages, t.yielded) == (3, 1, 2)


def test_repeated_records_add_up_over_pages() -> None:
    t = PageTracker(per_page=3, ordered_by_id=False)
    take(t, 1, 2, 3)
    take(t, 1, 4, 5)
    take(t, 2, 6, 7)
    assert t.repeated_records == 2
    assert t.repeated_pages == 0
    assert not t.done


def test_a_page_as_long_as_asked_after_a_longer_one_does_not_end_the_listing() -> None:
    t = PageTracker(per_page=3)
    take(t, 1, 2, 3, 4, 5)  # the server sent more than asked
    take(t, 6, 7, 8)
    assert not t.done
    take(t, 9)
    assert t.done


def test_limit_met_exactly_across_three_pages_stops_without_another_request() -> None:
    t = PageTracker(per_page=2, limit=6)
    assert take(t, 1, 2) == [1, 2]
    assert take(t, 3, 4) == [3, 4]
    assert not t.done
    assert take(t, 5, 6) == [5, 6]
    assert t.done
    assert (t.pages_fetched, t.yielded, t.page) == (3, 6, 3)


def test_a_repeated_page_logs_which_page_ended_the_listing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    t = PageTracker(per_page=2, start_page=4)
    take(t, 1, 2)
    with caplog.at_level(logging.WARNING, logger="ninoxkit"):
        take(t, 1, 2)
    assert caplog.messages == ["ninoxkit: page 5 held no new record; stopping the listing"]


def test_a_page_with_some_repeats_logs_how_many_were_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    t = PageTracker(per_page=3)
    with caplog.at_level(logging.WARNING, logger="ninoxkit"):
        take(t, 1, 2, 3)
        assert caplog.messages == []  # a clean page logs nothing
        take(t, 2, 3, 4)
    assert caplog.messages == ["ninoxkit: page 1 repeated 2 record(s) already listed; dropped them"]


# FilterCheck --------------------------------------------------------------------------------

TABLE = TableInfo(
    "A",
    "Deals",
    {
        "A": FieldInfo("A", "Title", "string"),
        "B": FieldInfo("B", "Amount", "number"),
        "C": FieldInfo("C", "Stage", "choice", {"1": "Won", "2": "Lost"}),
        "D": FieldInfo("D", "Total", "fn"),
    },
)


@pytest.mark.parametrize(
    ("want", "got"),
    [
        ("", None),
        (None, ""),
        ([], None),
        (None, []),
        (False, None),
        (None, False),
        (7, "7"),
        ("7", 7.0),
        (["a", "b"], ["b", "a"]),
    ],
)
def test_plain_matches_need_no_schema(want: Any, got: Any) -> None:
    assert FilterCheck({"T": want}).suspects([(1, {"T": got})]) == []


@pytest.mark.parametrize(
    ("want", "got"),
    [
        ("", "a"),
        (True, None),
        (None, True),
        (7, "n/a"),
        ("x", ["x"]),
        (["a"], ["a", "a"]),
        (["a", "b"], ["a", "c"]),
    ],
)
def test_anything_else_is_left_for_the_schema_to_decide(want: Any, got: Any) -> None:
    fields = {"T": got}
    assert FilterCheck({"T": want}).suspects([(1, fields)]) == [(1, fields)]


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"Stage": "1"}, {"Stage": "Won"}),  # a choice id sent, its caption answered
        ({"title": "a"}, {"title": "a"}),  # the key as sent, when neither name nor id
        ({"Amount": "n/a"}, {"Amount": "n/a"}),  # same odd value both sides
        ({"Nope": 1, "Amount": 7}, {"Amount": 7}),
    ],
)
def test_the_schema_accepts_what_means_the_same(sent: dict[str, Any], fields: Any) -> None:
    assert FilterCheck(sent).mismatch([(1, fields)], TABLE) is None


@pytest.mark.parametrize(
    ("sent", "fields", "key"),
    [
        ({"Title": ""}, {"Title": "a"}, "Title"),
        ({"Amount": 7}, {"Amount": "n/a"}, "Amount"),  # unreadable: no plain match
        ({"Nope": 1, "Amount": 7}, {"Amount": 8}, "Amount"),  # unknown keys are skipped
        ({"Total": 3, "Amount": 7}, {"Amount": 8}, "Amount"),  # so are formulas
    ],
)
def test_the_schema_finds_what_differs(sent: dict[str, Any], fields: Any, key: str) -> None:
    found = FilterCheck(sent).mismatch([(9, fields)], TABLE)
    assert found is not None
    assert found[:3] == (9, key, sent[key])

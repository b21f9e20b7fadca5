# Written by scripts/unasync.py from tests/unit/_async/test_resources.py.
# Do not edit: edit the source and re-run the script.
"""Resources over httpx.MockTransport and a fake Ninox (async source; _sync is its twin).

What a user would notice: every record exactly once across pages, batches that say exactly
what was written, values refused before anything is sent, paths that cannot escape their
segment, streamed downloads.
"""

from __future__ import annotations

import gc
import json
import math
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from ninoxkit import (
    APIResponseValidationError,
    BatchWriteError,
    ConfigurationError,
    FieldValueError,
    InvalidArgumentError,
    Ninox,
    NotFoundError,
    OutcomeUnknownError,
    PermissionDeniedError,
    UnknownNameError,
)
from ninoxkit._runtime import Slots

from tests.unit.fakeninox import DB, TEAM, FakeNinox


def make(fake: Any, **kwargs: Any) -> Ninox:
    http = httpx.Client(transport=httpx.MockTransport(fake))
    return Ninox(api_key="key", team_id=TEAM, database_id=DB, http_client=http, **kwargs)


def posts(fake: FakeNinox) -> int:
    """How many POSTs the fake has seen so far (including the one being handled)."""
    return len([r for r in fake.requests if r.method == "POST"])


def list_calls(fake: FakeNinox) -> list[httpx.Request]:
    return [r for r in fake.requests if r.method == "GET" and r.url.path.endswith("/records")]


# -- pager -------------------------------------------------------------------------------
def test_pager_on_an_empty_table_asks_once() -> None:
    fake = FakeNinox()
    records = [r for r in make(fake).records.list(table="A", prefetch=1)]
    assert records == []
    assert len(list_calls(fake)) == 1


@pytest.mark.parametrize("count", [0, 1, 499])
def test_a_small_table_costs_one_round_trip_of_two_pages(count: int) -> None:
    fake = FakeNinox()
    fake.add("A", count)
    pager = make(fake).records.list(table="A")
    assert [r.id for r in pager] == list(range(1, count + 1))
    # Pages 0 and 1 go out together (in either order: two requests in flight at once): a short
    # page 0 needs page 1 to tell the end of the table from a server that caps perPage; only
    # for an empty table it may be wasted (if it was not cancelled before it left).
    pages = sorted(r.url.params["page"] for r in list_calls(fake))
    if count:
        assert pages == ["0", "1"]
        assert pager.wasted_requests == 0
    else:
        assert pages == ["0", "1"][: 1 + pager.wasted_requests]
        assert pager.wasted_requests <= 1


def test_pager_yields_every_record_once_across_pages() -> None:
    fake = FakeNinox()
    fake.add("A", 250)
    pager = make(fake).records.list(table="A", per_page=100, prefetch=1)
    ids = [r.id for r in pager]
    assert ids == list(range(1, 251))
    assert [r.url.params["page"] for r in list_calls(fake)] == ["0", "1", "2"]
    assert pager.wasted_requests == 0


def test_pager_with_an_exact_multiple_of_the_page_size_stops_on_the_empty_page() -> None:
    fake = FakeNinox()
    fake.add("A", 200)
    ids = [r.id for r in make(fake).records.list(table="A", per_page=100, prefetch=1)]
    assert ids == list(range(1, 201))
    assert len(list_calls(fake)) == 3


def test_pager_stops_when_ninox_answers_the_same_page_twice() -> None:
    fake = FakeNinox()
    fake.add("A", 300)
    fake.repeat_page = 1  # page 1 comes back as page 0 again (peers.md §3 item 1)
    pager = make(fake).records.list(table="A", per_page=100, prefetch=1)
    ids = [r.id for r in pager]
    assert ids == list(range(1, 101))  # no duplicates, no endless loop
    assert pager.repeated_pages == 1
    assert len(list_calls(fake)) == 2


def test_read_ahead_keeps_the_repeated_page_guard() -> None:
    fake = FakeNinox()
    fake.add("A", 1000)
    fake.repeat_page = 1
    pager = make(fake).records.list(table="A", per_page=100)
    ids = [r.id for r in pager]
    assert ids == list(range(1, 101))
    assert pager.repeated_pages == 1
    assert 0 <= pager.wasted_requests <= 3
    assert len(list_calls(fake)) == 2 + pager.wasted_requests


def test_full_listings_ask_for_pages_of_500() -> None:
    fake = FakeNinox()
    fake.add("A", 1200)
    pager = make(fake).records.list(table="A")
    ids = [r.id for r in pager]
    assert ids == list(range(1, 1201))
    assert {r.url.params["perPage"] for r in list_calls(fake)} == {"500"}
    # Pages 0-2 are used; read-ahead may have asked for up to 3 more (max_concurrency 4).
    assert pager.pages_fetched == 3
    assert 0 <= pager.wasted_requests <= 3
    assert len(list_calls(fake)) == 3 + pager.wasted_requests


@pytest.mark.parametrize(
    ("limit", "per_page", "requests"), [(1, 1, 1), (150, 150, 1), (700, 350, 2), (1001, 334, 3)]
)
def test_a_limit_asks_for_no_more_than_it_needs(limit: int, per_page: int, requests: int) -> None:
    fake = FakeNinox()
    fake.add("A", 2000)
    pager = make(fake).records.list(table="A", limit=limit)
    ids = [r.id for r in pager]
    assert ids == list(range(1, limit + 1))
    calls = list_calls(fake)
    assert {r.url.params["perPage"] for r in calls} == {str(per_page)}
    assert len(calls) == requests
    assert pager.wasted_requests == 0


def test_a_limit_behind_a_capped_server_still_gets_every_record_asked_for() -> None:
    fake = FakeNinox()
    fake.add("A", 2000)
    fake.page_cap = 100
    pager = make(fake).records.list(table="A", limit=700)
    ids = [r.id for r in pager]
    assert ids == list(range(1, 701))


@pytest.mark.parametrize("prefetch", [1, 2, 4])
@pytest.mark.parametrize("count", [0, 1, 99, 100, 101, 499, 500, 501, 2300])
def test_read_ahead_behind_a_capped_server_loses_nothing(prefetch: int, count: int) -> None:
    fake = FakeNinox()
    fake.add("A", count)
    fake.page_cap = 100
    pager = make(fake).records.list(table="A", prefetch=prefetch)
    ids = [r.id for r in pager]
    assert ids == list(range(1, count + 1))
    assert 0 <= pager.wasted_requests <= prefetch - 1
    assert len(list_calls(fake)) == pager.pages_fetched + pager.wasted_requests


def test_prefetch_is_checked_and_capped_at_max_concurrency() -> None:
    fake = FakeNinox()
    client = make(fake, max_concurrency=2)
    for bad in (0, -1, "2", True, 1.5):
        with pytest.raises(InvalidArgumentError):
            client.records.list(table="A", prefetch=bad)
    assert "prefetch=2" in repr(client.records.list(table="A", prefetch=9))
    assert "prefetch=2" in repr(client.records.list(table="A"))
    assert "prefetch=1" in repr(client.records.list(table="A", prefetch=1))
    assert fake.requests == []


def test_a_pager_is_checked_when_made_and_its_repr_sends_nothing() -> None:
    fake = FakeNinox()
    client = Ninox(api_key="key", http_client=httpx.Client(transport=httpx.MockTransport(fake)))
    # No database id anywhere: refused by list() itself, not on the first iteration.
    with pytest.raises(ConfigurationError):
        client.records.list(table="A", team_id=TEAM)
    with pytest.raises(InvalidArgumentError):
        client.records.list(table="", team_id=TEAM, database_id=DB)
    pager = client.records.list(table="A", team_id=TEAM, database_id=DB, limit=3)
    assert repr(pager) == "RecordPager(table='A', per_page=3, limit=3, prefetch=4)"
    assert fake.requests == []


def test_breaking_off_a_read_ahead_listing_leaves_no_request_behind() -> None:
    fake = FakeNinox()
    fake.add("A", 3000)
    client = make(fake)
    pager = client.records.list(table="A", per_page=100)
    pages = pager.pages()
    seen = 0
    for page in pages:
        seen += len(page)
        if seen >= 300:
            break
    pages.close()
    assert seen == 300
    assert pager.wasted_requests == len(list_calls(fake)) - 3
    # Every slot is free again: max_concurrency requests can be taken at once.
    limiter = client._shared.limiter
    for _ in range(4):
        assert Slots.acquire(limiter, 0)


def test_pager_limit_stops_early() -> None:
    fake = FakeNinox()
    fake.add("A", 500)
    ids = [r.id for r in make(fake).records.list(table="A", per_page=100, limit=150)]
    assert ids == list(range(1, 151))
    assert len(list_calls(fake)) == 2


def test_pager_survives_a_server_that_silently_caps_per_page_at_100() -> None:
    fake = FakeNinox()
    fake.add("A", 230)
    fake.page_cap = 100
    ids = [r.id for r in make(fake).records.list(table="A", per_page=500)]
    # A full page of 100 with perPage=500 is suspicious: the pager asks again and gets the rest
    # instead of ending the listing after 100 records.
    assert ids == list(range(1, 231))


def test_pages_and_filters_are_sent_as_ninox_expects() -> None:
    fake = FakeNinox()
    fake.add("A", 3, Status="Lead")
    fake.add("A", 2, Status="Customer")
    pager = make(fake).records.list(table="A", filters={"Status": "Lead"}, per_page=2)
    pages = [page for page in pager.pages()]
    assert [[r.id for r in p] for p in pages] == [[1, 2], [3]]
    assert list_calls(fake)[0].url.params["filters"] == '{"fields":{"Status":"Lead"}}'


def test_list_refuses_bad_parameters_before_sending() -> None:
    fake = FakeNinox()
    client = make(fake)
    for kwargs in (
        {"per_page": 0},
        {"per_page": 501},
        {"limit": -1},
        {"limit": 0},
        {"order": "Name", "new": True},
    ):
        with pytest.raises(InvalidArgumentError):
            client.records.list(table="A", **kwargs)
    assert fake.requests == []


# -- names and URLs ------------------------------------------------------------------------
def test_table_caption_is_resolved_once_and_sent_as_its_id() -> None:
    fake = FakeNinox()
    fake.add("A", 1)
    client = make(fake)
    client.records.get(record_id=1, table="Kontakte/Übersicht")
    client.records.get(record_id=1, table="Kontakte/Übersicht")
    assert fake.paths() == [
        f"/v1/teams/{TEAM}/databases/{DB}/tables",
        f"/v1/teams/{TEAM}/databases/{DB}/tables/A/records/1",
        f"/v1/teams/{TEAM}/databases/{DB}/tables/A/records/1",
    ]


def test_unknown_table_name_lists_close_matches_without_a_records_request() -> None:
    fake = FakeNinox()
    with pytest.raises(UnknownNameError) as info:
        make(fake).records.get(record_id=1, table="Companys")
    assert "Companies" in str(info.value)
    assert info.value.candidates == ["Companies"]
    assert fake.paths() == [f"/v1/teams/{TEAM}/databases/{DB}/tables"]


@pytest.mark.parametrize("bad", ["", " ", ".", "..", "a\nb", "x" * 1001])
def test_ids_that_could_leave_their_path_segment_are_refused(bad: str) -> None:
    fake = FakeNinox()
    # Blank ids are a configuration error, the others a bad argument: both are ValueErrors.
    with pytest.raises((InvalidArgumentError, ConfigurationError)):
        make(fake).tables.list(team_id=bad)
    assert fake.requests == []


def test_file_names_are_percent_encoded_into_one_segment() -> None:
    fake = FakeNinox()
    fake.add("A", 1)
    client = make(fake)
    name = "a/b?c#d%e ü.txt"
    client.files.upload(b"data", record_id=1, table="A", file_name=name)
    assert client.files.download(record_id=1, file_name=name, table="A") == b"data"
    assert fake.paths()[-1] == (
        f"/v1/teams/{TEAM}/databases/{DB}/tables/A/records/1/files/a%2Fb%3Fc%23d%25e%20%C3%BC.txt"
    )


# -- batches -------------------------------------------------------------------------------
def test_create_sends_batches_and_answers_records_in_input_order() -> None:
    fake = FakeNinox()
    created = make(fake).records.create(
        [{"Name": f"p{i}"} for i in range(250)], table="A", batch_size=100
    )
    assert [r.fields["Name"] for r in created] == [f"p{i}" for i in range(250)]
    # Batches go out concurrently, so Ninox may number them in any batch order.
    assert sorted(r.id for r in created) == list(range(1, 251))
    assert all(fake.records["A"][r.id]["Name"] == r.fields["Name"] for r in created)
    posts = [r for r in fake.requests if r.method == "POST"]
    assert len(posts) == 3


def test_a_refused_batch_reports_exactly_what_was_written() -> None:
    fake = FakeNinox()
    fake.fail = lambda req: (
        httpx.Response(422, json={"message": "bad value"})
        if req.method == "POST" and posts(fake) == 2
        else None
    )
    with pytest.raises(BatchWriteError) as info:
        make(fake).records.create(
            [{"Name": f"p{i}"} for i in range(250)], table="A", batch_size=100, max_in_flight=1
        )
    err = info.value
    assert [i for i, _ in err.written] == list(range(100))
    assert [rec.id for _, rec in err.written] == list(range(1, 101))
    assert err.not_written == list(range(100, 250))
    assert "items 100-199 were not written" in str(err)
    assert err.unknown == []
    assert len(fake.records["A"]) == 100  # the store agrees


def test_a_create_whose_answer_is_lost_is_not_resent_and_is_reported_unknown() -> None:
    fake = FakeNinox()

    def lose_second_batch(req: httpx.Request) -> httpx.Response | None:
        if req.method == "POST" and posts(fake) == 2:
            fake.records["A"].update({101 + k: {"Name": "?"} for k in range(100)})  # it landed
            raise httpx.ReadError("connection reset", request=req)
        return None

    fake.fail = lose_second_batch
    with pytest.raises(BatchWriteError) as info:
        make(fake).records.create(
            [{"Name": f"p{i}"} for i in range(250)], table="A", batch_size=100, max_in_flight=1
        )
    err = info.value
    assert [i for i, _ in err.written] == list(range(100))
    assert err.unknown == list(range(100, 200))
    assert err.not_written == list(range(200, 250))
    assert len([r for r in fake.requests if r.method == "POST"]) == 2  # never re-sent
    assert len(fake.records["A"]) == 200  # nothing written twice


def test_updates_with_ids_are_retried_after_a_5xx() -> None:
    fake = FakeNinox()
    fake.add("A", 2)
    fake.fail = lambda _req: httpx.Response(503, text="busy") if posts(fake) == 1 else None
    updated = make(fake).records.update(
        [{"id": 1, "fields": {"Name": "x"}}, (2, {"Name": "y"})], table="A"
    )
    assert [r.fields["Name"] for r in updated] == ["x", "y"]
    assert len([r for r in fake.requests if r.method == "POST"]) == 2


def test_a_bad_value_anywhere_means_nothing_is_sent() -> None:
    fake = FakeNinox()
    items: list[dict[str, Any]] = [{"Name": f"p{i}"} for i in range(150)]
    items[140]["Score"] = math.nan
    with pytest.raises(FieldValueError, match="Score"):
        make(fake).records.create(items, table="A")
    assert [r for r in fake.requests if r.method == "POST"] == []


def test_upsert_marks_items_with_ids_and_creates_the_rest() -> None:
    fake = FakeNinox()
    result = make(fake).records.upsert(
        [(7, {"Name": "seven"}), {"id": None, "fields": {"Name": "new"}}], table="A"
    )
    assert [r.id for r in result] == [7, 8]
    sent = json.loads(fake.requests[-1].content)
    assert sent == [
        {"id": 7, "fields": {"Name": "seven"}, "_upsert": True},
        {"fields": {"Name": "new"}},  # no id: created, and no upsert flag
    ]


def test_update_without_an_id_is_refused() -> None:
    fake = FakeNinox()
    with pytest.raises(InvalidArgumentError, match="needs an id"):
        make(fake).records.update([{"fields": {"Name": "x"}}], table="A")
    assert fake.requests == []


def test_delete_many_in_batches() -> None:
    fake = FakeNinox()
    fake.add("A", 5)
    make(fake).records.delete_many(record_ids=[1, 2, 3, 4], table="A", batch_size=3)
    assert sorted(fake.records["A"]) == [5]
    assert len([r for r in fake.requests if r.method == "DELETE"]) == 2


# -- lookups, conversion, scripts ------------------------------------------------------------
def test_find_one_returns_the_match_or_none() -> None:
    fake = FakeNinox()
    fake.add("A", 2)
    client = make(fake)
    found = client.records.find_one({"Name": "n2"}, table="A")
    assert found is not None
    assert found.id == 2
    assert client.records.find_one({"Name": "nobody"}, table="A") is None
    with pytest.raises(NotFoundError):
        client.records.get(record_id=99, table="A")


def test_convert_reads_and_writes_python_values() -> None:
    import datetime as dt

    fake = FakeNinox()
    client = make(fake)
    seen = dt.datetime(2024, 5, 1, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    (created,) = client.records.create(
        [{"Name": "Lisa", "Birthday": dt.date(1990, 4, 12), "Status": "2", "Seen": seen}],
        table="A",
        convert=True,
    )
    stored = fake.records["A"][created.id]
    assert stored == {
        "Name": "Lisa",
        "Birthday": "1990-04-12",
        "Status": "Customer",
        "Seen": "2024-05-01T12:30:00",
    }
    assert created.fields["Birthday"] == dt.date(1990, 4, 12)
    assert created.fields["Seen"] == dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC)
    with pytest.raises(FieldValueError, match="not an option"):
        client.records.create([{"Status": "Unknown"}], table="A", convert=True)


def test_convert_refuses_a_field_name_the_table_lacks_before_sending() -> None:
    fake = FakeNinox()
    client = make(fake)
    with pytest.raises(UnknownNameError, match="'Nmae'"):
        client.records.create([{"Name": "ok"}, {"Nmae": "typo"}], table="A", convert=True)
    assert posts(fake) == 0
    # A unique case-insensitive caption is written with the field's exact caption.
    (created,) = client.records.create([{"status": "2"}], table="A", convert=True)
    assert fake.records["A"][created.id] == {"Status": "Customer"}


def test_convert_encodes_filters_like_records() -> None:
    fake = FakeNinox()
    fake.add("A", 2)
    fake.records["A"][2]["Status"] = "Customer"
    client = make(fake)
    # "2" is the option id of "Customer": with convert it is written as Ninox stores it.
    found = client.records.find_one({"Status": "2"}, table="A", convert=True)
    assert found is not None
    assert found.id == 2
    listed = client.records.list(table="A", filters={"Status": "2"}, convert=True)
    assert [r.id for r in listed] == [2]
    assert client.records.find_one({"Status": "2"}, table="A") is None  # no convert


def test_a_save_answered_2xx_but_unreadable_is_unknown_not_unwritten() -> None:
    fake = FakeNinox()
    client = make(fake)

    def odd_answer(request: httpx.Request) -> httpx.Response | None:
        if request.method == "POST" and posts(fake) == 2:
            return httpx.Response(200, json={"id": 99})  # Ninox took it; the answer is odd
        return None

    fake.fail = odd_answer
    with pytest.raises(BatchWriteError) as info:
        client.records.create(
            [{"Name": str(i)} for i in range(5)], table="A", batch_size=2, max_in_flight=1
        )
    err = info.value
    assert [i for i, _ in err.written] == [0, 1]
    assert err.unknown == [2, 3]  # must not be re-sent blindly: they may exist
    assert err.not_written == [4]
    assert isinstance(err.error, APIResponseValidationError)


def test_a_value_that_cannot_be_converted_back_still_reports_every_write() -> None:
    fake = FakeNinox()
    client = make(fake)

    def garbled(request: httpx.Request) -> httpx.Response | None:
        # The second batch (one record; the two batches are in flight together, so it may
        # arrive first) is answered with a value the table's types cannot read.
        if request.method == "POST" and len(json.loads(request.content)) == 1:
            meta = {"sequence": 3, "createdAt": "2024-01-01T00:00:00", "createdBy": "root"}
            meta |= {"modifiedAt": "2024-01-01T00:00:00", "modifiedBy": "root"}
            return httpx.Response(200, json=[{"id": 3, **meta, "fields": {"Birthday": "garbage"}}])
        return None

    fake.fail = garbled
    with pytest.raises(BatchWriteError) as info:
        client.records.create(
            [{"Name": "a"}, {"Name": "b"}, {"Name": "c"}], table="A", batch_size=2, convert=True
        )
    err = info.value
    assert [(i, r.id) for i, r in err.written] == [(0, 1), (1, 2), (2, 3)]  # raw records
    assert err.unknown == err.not_written == []
    assert "all 3 item(s) were written" in str(err)
    assert isinstance(err.error, APIResponseValidationError)


def test_short_queries_use_get_and_long_ones_post() -> None:
    fake = FakeNinox()
    client = make(fake)
    assert (client.scripts.query("1 + 1"))["method"] == "GET"
    long_script = "let x := " + " + ".join(["1"] * 800)
    assert (client.scripts.query(long_script))["method"] == "POST"
    assert (client.scripts.exec("1"))["method"] == "POST"
    with pytest.raises(InvalidArgumentError):
        client.scripts.query("  ")


# -- files ----------------------------------------------------------------------------------
def test_upload_is_binary_safe_where_the_generated_boundary_is_not() -> None:
    fake = FakeNinox()
    fake.add("A", 1)
    client = make(fake)
    nasty = b"line1\r\n--+++\r\nline2\x00\xff" * 3
    client.files.upload(nasty, record_id=1, table="A", file_name="x.bin")
    assert fake.files[("A", 1, "x.bin")] == nasty
    assert client.files.download(record_id=1, file_name="x.bin", table="A") == nasty


def test_responses_are_freed_without_waiting_for_a_garbage_collection() -> None:
    # httpx 0.28 puts every response in a reference cycle with its body stream
    # (encode/httpx#3733): a listing kept several pages' bodies alive until the cyclic GC ran.
    fake = FakeNinox()
    fake.add("A", 5)
    client = make(fake)

    def calls() -> None:
        assert len([r for r in client.records.list(table="A", per_page=2)]) >= 5
        client.records.create([{"n": 1}], table="A")
        client.files.upload(b"data", record_id=1, table="A", file_name="f.bin")
        assert client.files.download(record_id=1, file_name="f.bin", table="A") == b"data"
        with pytest.raises(NotFoundError):
            client.records.get(record_id=99, table="A")

    calls()  # warm up: pools, caches
    gc.collect()
    gc.disable()
    try:
        calls()
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        cyclic = [type(o).__name__ for o in gc.garbage if isinstance(o, httpx.Response)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert cyclic == []


def test_an_upload_answered_with_text_returns_it_instead_of_raising() -> None:
    fake = FakeNinox()
    fake.add("A", 1)
    fake.fail = lambda r: httpx.Response(200, text="OK") if r.method == "POST" else None
    client = make(fake)
    assert client.files.upload(b"data", record_id=1, table="A", file_name="f.bin") == "OK"
    assert posts(fake) == 1


def test_a_schema_update_whose_answer_was_lost_is_not_resent() -> None:
    fake = FakeNinox()

    def drop(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset", request=request)

    fake.fail = drop
    client = make(fake)
    with pytest.raises(OutcomeUnknownError):
        client.undocumented.update_schema({"version": 3, "types": {}})
    # A repeat would fail the version check and blame the caller's own change as a conflict.
    assert [r.method for r in fake.requests] == ["PATCH"]


def test_download_streams_in_constant_memory() -> None:
    size = 40 * 1024 * 1024

    def body() -> Iterator[bytes]:
        block = b"\xab" * (64 * 1024)
        for _ in range(size // len(block)):
            yield block

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body())

    client = make(handler)
    total = 0
    tracemalloc.start()
    try:
        for chunk in client.files.iter_bytes(record_id=1, file_name="big.bin", table="A"):
            total += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes for a {size}-byte download"


def test_download_to_a_path_leaves_no_partial_file_on_failure(tmp_path: Any) -> None:
    fake = FakeNinox()
    fake.add("A", 1)
    client = make(fake)
    target = tmp_path / "out.bin"
    with pytest.raises(NotFoundError):
        client.files.download(record_id=1, file_name="missing.bin", table="A", to=target)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("body", [b'{"not": "a list"}', b"[1, 2]", b"<html>oops</html>"])
def test_a_listing_page_that_is_no_array_of_records_is_a_validation_error(
    body: bytes,
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body)

    with pytest.raises(APIResponseValidationError) as info:
        [r for r in make(handler).records.list(table="A")]
    assert info.value.body == body


@pytest.mark.parametrize(
    "body",
    [b"[]", b'{"id": "7", "fields": {}}', b'{"id": 7}', b'{"id": 7, "fields": []}', b"<html>x"],
)
def test_a_get_answer_that_is_no_record_is_a_validation_error(body: bytes) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body)

    with pytest.raises(APIResponseValidationError, match="expected a record") as info:
        make(handler).records.get(record_id=7, table="A")
    assert info.value.body == body
    assert info.value.request is not None
    assert info.value.request.url.path.endswith("/records/7")


def test_get_builds_the_record_exactly_as_the_generated_model_would() -> None:
    from ninox_api.models import TableRecord

    wire = {
        "id": 7,
        "sequence": 3,
        "createdAt": "2024-01-01T00:00:01",
        "createdBy": "u1",
        "modifiedAt": "2024-01-02T00:00:01",
        "modifiedBy": "u2",
        "fields": {"Name": "x", "Score": 7, "Ratio": 7.0, "VIP": True},
        "extra": {"kept": 1},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=wire)

    record = make(handler).records.get(record_id=7, table="A")
    assert record == TableRecord.from_dict(wire)
    assert record.to_dict() == wire
    assert [type(record.fields[k]) for k in ("Score", "Ratio", "VIP")] == [int, float, bool]


def test_a_bad_record_fails_its_page_before_any_record_of_it_is_yielded() -> None:
    good = [{"id": i, "fields": {"n": i}} for i in (1, 2)]
    bodies = [good, [{"id": 3, "fields": {}}, {"id": "4", "fields": {}}]]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=bodies[int(request.url.params["page"])])

    seen: list[int] = []

    def consume() -> None:
        for record in make(handler).records.list(table="A", per_page=2):
            seen.append(record.id)

    with pytest.raises(APIResponseValidationError, match="item 1 has no integer 'id'") as info:
        consume()
    assert seen == [1, 2]  # record 3 sits on the bad page: not yielded
    assert info.value.request is not None
    assert info.value.request.url.params["page"] == "1"


def test_iterating_and_paging_build_the_same_records() -> None:
    fake = FakeNinox()
    fake.add("A", 7)
    client = make(fake)
    pager = client.records.list(table="A", per_page=3)
    one_by_one = [r for r in pager]
    paged = [r for page in pager.pages() for r in page]
    assert one_by_one == paged
    assert [r.id for r in paged] == list(range(1, 8))


# -- changes and handles ----------------------------------------------------------------------
def test_watch_yields_only_changes_and_follows_the_sequence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ninoxkit._sync.resources.changes as changes_module

    waited: list[float] = []

    def fake_sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(changes_module, "_sleep", fake_sleep)
    fake = FakeNinox()
    fake.change_sets = [
        {"seq": 5, "updates": {}, "removes": []},
        {"seq": 7, "updates": {"A1": {"fields": {"Name": "x"}}}, "removes": []},
        {"seq": 9, "removes": ["A2"]},
    ]
    client = make(fake)
    seen = [c.seq for c in client.changes.watch(0, table="A", interval=2.5, max_polls=4)]
    assert seen == [7, 9]
    assert [r.url.params["sinceSq"] for r in fake.requests] == ["0", "5", "7", "9"]
    assert waited == [2.5, 2.5, 2.5]

    fake.change_sets = [{"seq": 11, "removes": ["A3"]}, {"seq": 12, "removes": ["A4"]}]
    stopped = [c.seq for c in client.changes.watch(9, stop=lambda c: c.seq >= 11)]
    assert stopped == [11]

    # Files, views, reports and keys this SDK does not know are changes too.
    fake.change_sets = [
        {"seq": 13, "files": [{"rid": "A1", "name": "x.pdf"}]},
        {"seq": 14, "views": {"v1": {"caption": "All"}}},
        {"seq": 15, "reports": {"r1": {}}},
        {"seq": 16, "somethingNew": [1]},
        {"seq": 17, "updates": {}, "files": [], "views": {}},
    ]
    others = [c.seq for c in client.changes.watch(12, max_polls=5)]
    assert others == [13, 14, 15, 16]


def test_records_from_refs_fetches_this_tables_records_and_refuses_others() -> None:
    fake = FakeNinox()
    fake.add("A", 3)
    table = make(fake).database(team_id=TEAM, database_id=DB).table("Kontakte/Übersicht")
    records = table.records_from_refs(["A3", "A1"])
    assert [r.id for r in records] == [3, 1]
    with pytest.raises(InvalidArgumentError, match="B1"):
        table.records_from_refs(["B1"])


# -- batches in flight ---------------------------------------------------------------------


def _first_name(request: httpx.Request) -> str:
    """The ``Name`` of the first item of a save's body."""
    return str(json.loads(request.content)[0]["fields"]["Name"])


def _check_buckets(err: BatchWriteError, fake: FakeNinox, n: int) -> None:
    """Every input item is in exactly one bucket, and the store agrees with each."""
    written = [i for i, _ in err.written]
    assert written == sorted(written)
    buckets = [*written, *err.not_written, *err.unknown]
    assert sorted(buckets) == list(range(n))  # each item once
    stored = {f["Name"] for f in fake.records["A"].values()}
    assert all(f"p{i}" in stored for i in written)
    assert all(f"p{i}" not in stored for i in err.not_written)
    for i, record in err.written:
        assert record.fields["Name"] == f"p{i}"
        assert fake.records["A"][record.id]["Name"] == f"p{i}"


@pytest.mark.parametrize("status", [422, 500])
def test_a_failed_batch_among_several_in_flight_is_reported_exactly(status: int) -> None:
    fake = FakeNinox()
    fake.fail = lambda req: (
        httpx.Response(status, json={"message": "no"})
        if req.method == "POST" and _first_name(req) == "p30"
        else None
    )
    with pytest.raises(BatchWriteError) as info:
        make(fake).records.create(
            [{"Name": f"p{i}"} for i in range(100)], table="A", batch_size=10, max_in_flight=4
        )
    err = info.value
    _check_buckets(err, fake, 100)
    failed = list(range(30, 40))
    if status == 422:  # a refusal: certainly not written
        assert set(failed) <= set(err.not_written)
        assert err.unknown == []
    else:  # a 5xx to a create: may have been applied, never re-sent
        assert err.unknown == failed
    sent = [int(_first_name(r)[1:]) // 10 for r in fake.requests if r.method == "POST"]
    assert len(sent) == len(set(sent))  # no batch sent twice
    # No batch leaves once the failure is known: at most max_in_flight - 1 after it.
    assert max(sent) <= 3 + 3
    assert err.error.status_code == status  # type: ignore[attr-defined]


def test_batches_in_flight_keep_input_order_for_update_and_upsert() -> None:
    fake = FakeNinox()
    fake.add("A", 60)
    client = make(fake)
    updated = client.records.update(
        [(rid, {"Name": f"u{rid}"}) for rid in range(60, 0, -1)], table="A", batch_size=7
    )
    assert [r.id for r in updated] == list(range(60, 0, -1))
    upserted = client.records.upsert(
        [(rid, {"Name": f"v{rid}"}) for rid in range(1, 61)], table="A", batch_size=5
    )
    assert [r.fields["Name"] for r in upserted] == [f"v{rid}" for rid in range(1, 61)]
    assert all(fake.records["A"][rid]["Name"] == f"v{rid}" for rid in range(1, 61))


def test_delete_many_in_flight_reports_a_refused_batch_exactly() -> None:
    fake = FakeNinox()
    fake.add("A", 40)
    fake.fail = lambda req: (
        httpx.Response(403, json={"message": "no"})
        if req.method == "DELETE" and 21 in json.loads(req.content)
        else None
    )
    with pytest.raises(BatchWriteError) as info:
        make(fake).records.delete_many(record_ids=range(1, 41), table="A", batch_size=5)
    err = info.value
    gone = [i for i, _ in err.written]
    assert sorted([*gone, *err.not_written, *err.unknown]) == list(range(40))
    assert all(i + 1 not in fake.records["A"] for i in gone)
    assert all(i + 1 in fake.records["A"] for i in err.not_written)
    assert set(range(20, 25)) <= set(err.not_written)


def test_max_in_flight_is_checked_before_anything_is_sent() -> None:
    fake = FakeNinox()
    client = make(fake)
    for bad in (0, -1, "2", True, 1.5):
        with pytest.raises(InvalidArgumentError):
            client.records.create([{"Name": "x"}], table="A", max_in_flight=bad)
        with pytest.raises(InvalidArgumentError):
            client.records.delete_many(record_ids=[1], table="A", max_in_flight=bad)
        with pytest.raises(InvalidArgumentError):
            client.records.get_many(record_ids=[1], table="A", max_in_flight=bad)
    assert fake.requests == []


# -- get_many ------------------------------------------------------------------------------
def test_get_many_answers_in_the_order_asked() -> None:
    fake = FakeNinox()
    fake.add("A", 30)
    client = make(fake)
    wanted = [17, 3, 30, 3, 1, *range(29, 20, -1)]
    got = client.records.get_many(record_ids=wanted, table="A")
    assert [r.id for r in got] == wanted
    assert all(r.fields["Name"] == f"n{r.id}" for r in got)
    gets = [r for r in fake.requests if r.method == "GET"]
    assert len(gets) == len(set(wanted))  # an id asked twice is fetched once
    table = client.database(team_id=TEAM, database_id=DB).table("A")
    assert [r.id for r in table.get_many(record_ids=[2, 1], max_in_flight=1)] == [2, 1]


def test_get_many_names_every_missing_id() -> None:
    fake = FakeNinox()
    fake.add("A", 5)
    client = make(fake)
    with pytest.raises(NotFoundError) as info:
        client.records.get_many(record_ids=[1, 99, 2, 77], table="A")
    assert "2 of 4 record(s) not found in table A: 99, 77" in str(info.value)
    got = client.records.get_many(record_ids=[1, 99, 2, 77], table="A", missing="none")
    assert [None if r is None else r.id for r in got] == [1, None, 2, None]
    with pytest.raises(InvalidArgumentError):
        client.records.get_many(record_ids=[1], table="A", missing="skip")  # type: ignore[call-overload]
    for bad in ([0], ["1"], [True], "12", {1: 2}, 5):
        with pytest.raises(InvalidArgumentError):
            client.records.get_many(record_ids=bad, table="A")  # type: ignore[arg-type]


def test_get_many_stops_at_an_error_other_than_404() -> None:
    fake = FakeNinox()
    fake.add("A", 50)
    fake.fail = lambda req: (
        httpx.Response(403, json={"message": "no"}) if req.url.path.endswith("/7") else None
    )
    with pytest.raises(PermissionDeniedError):
        make(fake).records.get_many(record_ids=range(1, 51), table="A")
    gets = [int(r.url.path.rsplit("/", 1)[1]) for r in fake.requests if r.method == "GET"]
    assert max(gets) <= 7 + 3  # nothing asked once the failure was known

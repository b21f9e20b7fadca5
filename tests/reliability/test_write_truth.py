"""Every write says the truth about every item, also when Ninox applied it and the answer was lost.

For each write operation the emulator applies the request and the test-side fault layer
(``_faulty.py``) loses the answer. What the operation then reports (its result, or the buckets
of :class:`BatchWriteError`) is checked against the table, read fault-free afterwards. Values
that pass the checks but cannot be serialised are refused before anything is sent; anything
unexpected once a batch may have left still ends in a :class:`BatchWriteError` with exact
buckets; converting Ninox's answer after a write can never hide that the write happened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from ninoxkit import BatchWriteError, FieldValueError, Ninox, NotFoundError
from ninoxkit.testing import NinoxEmulator

from ._faulty import FaultyTransport
from .conftest import DB, PREFIX, SECRET, TALLY, TEAM

RECORDS = rf"^{PREFIX}/tables/C/records$"
ONE = rf"^{PREFIX}/tables/C/records/\d+$"


@contextmanager
def client_on(emu: NinoxEmulator, transport: httpx.BaseTransport) -> Iterator[Ninox]:
    with (
        httpx.Client(transport=transport, timeout=10) as http,
        Ninox(
            api_key=SECRET, base_url=emu.base_url, team_id=TEAM, database_id=DB, http_client=http
        ) as c,
    ):
        yield c


def stored(c: Ninox) -> dict[int, dict[str, Any]]:
    return {r.id: dict(r.fields.additional_properties) for r in c.records.list(table="C")}


def sends(emu: NinoxEmulator, method: str, pattern: str) -> int:
    return sum(1 for e in emu.requests() if e["method"] == method and re.search(pattern, e["path"]))


@pytest.mark.parametrize("fault", ["applied-reset", "applied-500"])
@pytest.mark.parametrize("op", ["update", "upsert", "upsert-new-id", "update_one"])
def test_a_lost_answer_to_an_applied_update_is_retried_and_reported_written(
    op: str, fault: str, emu: NinoxEmulator, client: Ninox
) -> None:
    faulty = FaultyTransport()
    method, path = ("PUT", ONE) if op == "update_one" else ("POST", RECORDS)
    rule = faulty.add(fault, method=method, path=path)
    with client_on(emu, faulty) as c:
        if op == "update_one":
            result = [c.records.update_one({"Amount": 777}, record_id=2, table="C")]
        elif op == "update":
            result = c.records.update([(1, {"Amount": 777}), (2, {"Amount": 777})], table="C")
        elif op == "upsert":
            result = c.records.upsert([(1, {"Amount": 777}), (2, {"Amount": 777})], table="C")
        else:
            result = c.records.upsert([(2, {"Amount": 777}), (40, {"Amount": 777})], table="C")
    assert rule.fired == 1
    TALLY["faults_injected_test_side"] += 1
    after = stored(client)
    assert all(after[r.id]["Amount"] == 777 == r.fields["Amount"] for r in result)
    assert len(after) == (4 if op == "upsert-new-id" else 3)  # nothing created twice
    TALLY["operations_survived"] += 1


def test_a_lost_answer_to_an_applied_create_is_reported_unknown(
    emu: NinoxEmulator, client: Ninox
) -> None:
    faulty = FaultyTransport()
    faulty.add("applied-reset", method="POST", path=RECORDS)
    with client_on(emu, faulty) as c, pytest.raises(BatchWriteError) as info:
        c.records.create([{"Title": "once"}], table="C")
    assert (info.value.written, info.value.unknown, info.value.not_written) == ([], [0], [])
    assert [f["Title"] for f in stored(client).values()].count("once") == 1


def test_a_lost_answer_to_an_applied_delete_is_success(emu: NinoxEmulator, client: Ninox) -> None:
    faulty = FaultyTransport()
    rule = faulty.add("applied-reset", method="DELETE", path=ONE)
    with client_on(emu, faulty) as c:
        c.records.delete(record_id=2, table="C")  # the retry is answered 404: gone, as asked
    assert rule.fired == 1
    assert sorted(stored(client)) == [1, 3]
    with pytest.raises(NotFoundError):  # a 404 to the first attempt is still an error
        client.records.delete(record_id=2, table="C")


def test_a_lost_answer_to_an_applied_delete_many_reports_the_records_deleted(
    emu: NinoxEmulator, client: Ninox
) -> None:
    client.records.create([{"Title": f"t{n}"} for n in range(4)], table="C")  # ids 4-7
    faulty = FaultyTransport()
    rule = faulty.add("applied-reset", method="DELETE", path=RECORDS)
    with client_on(emu, faulty) as c:
        c.records.delete_many(record_ids=[1, 2, 4, 5, 6], table="C", batch_size=2)
    assert rule.fired == 1
    assert sorted(stored(client)) == [3, 7]


def test_a_refused_retry_of_delete_many_reports_what_is_still_there(
    emu: NinoxEmulator, client: Ninox
) -> None:
    """The first attempt is refused before it is applied (a 503), the retry gets 404 because one
    id never existed: the records still there are reported not deleted, not as deleted."""
    emu.faults.add("status", status=503, path=RECORDS, method="DELETE", max_count=1)
    with pytest.raises(BatchWriteError) as info:
        client.records.delete_many(record_ids=[1, 99, 3], table="C")
    err = info.value
    assert [i for i, _ in err.written] == [1]  # record 99 is not there
    assert err.not_written == [0, 2]
    assert err.unknown == []
    assert sorted(stored(client)) == [1, 2, 3]


def test_a_lost_answer_to_an_applied_file_delete_is_success(
    emu: NinoxEmulator, client: Ninox
) -> None:
    faulty = FaultyTransport()
    rule = faulty.add("applied-reset", method="DELETE", path=r"/records/5/files/notes\.txt$")
    with client_on(emu, faulty) as c:
        c.files.delete(record_id=5, file_name="notes.txt", table="B")
    assert rule.fired == 1
    assert [f.name for f in client.files.list(record_id=5, table="B")] == []


@pytest.mark.parametrize(
    "value", [10**5000, "lone \ud800 surrogate"], ids=["int-of-5001-digits", "lone-surrogate"]
)
@pytest.mark.parametrize("op", ["create", "update", "update_one"])
def test_a_value_json_cannot_carry_is_refused_before_anything_is_sent(
    op: str, value: Any, emu: NinoxEmulator, client: Ninox
) -> None:
    before = stored(client)
    field = "Amount" if isinstance(value, int) else "Title"
    records = client.records
    calls = {
        "create": lambda: records.create(
            [{"Title": "a"}, {"Title": "b"}, {field: value}], table="C", batch_size=1
        ),
        "update": lambda: records.update(
            [(1, {"Title": "a"}), (2, {}), (3, {field: value})], table="C", batch_size=1
        ),
        "update_one": lambda: records.update_one({field: value}, record_id=1, table="C"),
    }
    with pytest.raises(FieldValueError, match="item 2" if op != "update_one" else "JSON"):
        calls[op]()
    assert issubclass(FieldValueError, ValueError)
    assert stored(client) == before
    assert sends(emu, "POST", RECORDS) + sends(emu, "PUT", ONE) == 0
    TALLY["bad_inputs_tried"] += 1


class _BreaksAfterApply(httpx.BaseTransport):
    """Forwards every request; the ``nth`` save is applied, then something unexpected breaks."""

    def __init__(self, nth: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.nth = nth
        self.saves = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "POST" and re.search(RECORDS, request.url.path):
            self.saves += 1
            if self.saves == self.nth:
                response.read()
                raise RuntimeError("something unexpected (test-side)")
        return response

    def close(self) -> None:
        self.inner.close()


def test_anything_unexpected_after_a_batch_left_is_a_batch_write_error(
    emu: NinoxEmulator, client: Ninox
) -> None:
    rows = [{"Title": f"u{n}"} for n in range(5)]
    with client_on(emu, _BreaksAfterApply(2)) as c, pytest.raises(BatchWriteError) as info:
        c.records.create(rows, table="C", batch_size=2, max_in_flight=1)
    err = info.value
    assert [i for i, _ in err.written] == [0, 1]
    assert err.unknown == [2, 3]  # applied here, but the client could not know
    assert err.not_written == [4]
    assert isinstance(err.error.__cause__, RuntimeError)  # err.error stays a NinoxError
    assert err.__cause__ is err.error
    titles = sorted(f["Title"] for f in stored(client).values() if f["Title"].startswith("u"))
    assert titles == ["u0", "u1", "u2", "u3"]


class _AbsurdDates(httpx.BaseTransport):
    """Forwards every request; the answer to a save says each record's date is 1e20."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method not in ("POST", "PUT") or "/records" not in request.url.path:
            return response
        response.read()
        body = json.loads(response.content)
        for rec in body if isinstance(body, list) else [body]:
            rec["fields"]["Close Date"] = 1e20
        return httpx.Response(response.status_code, json=body, request=request)

    def close(self) -> None:
        self.inner.close()


@pytest.mark.parametrize("op", ["create", "update", "upsert"])
def test_an_unconvertible_answer_after_a_write_says_everything_was_written(
    op: str, emu: NinoxEmulator, client: Ninox
) -> None:
    items: list[Any] = (
        [{"Title": "x"}, {"Title": "y"}]
        if op == "create"
        else [(1, {"Title": "x"}), (2, {"Title": "y"})]
    )
    with client_on(emu, _AbsurdDates()) as c, pytest.raises(BatchWriteError) as info:
        getattr(c.records, op)(items, table="C", convert=True)
    err = info.value
    assert [i for i, _ in err.written] == [0, 1]
    assert (err.not_written, err.unknown) == ([], [])
    after = stored(client)
    for _, record in err.written:  # the records as Ninox sent them, nothing lost
        assert after[record.id]["Title"] == record.fields["Title"]


def test_an_unconvertible_answer_to_update_one_says_it_was_saved(
    emu: NinoxEmulator, client: Ninox
) -> None:
    from ninoxkit import APIResponseValidationError

    with client_on(emu, _AbsurdDates()) as c, pytest.raises(APIResponseValidationError) as info:
        c.records.update_one({"Title": "saved"}, record_id=1, table="C", convert=True)
    assert "the record was saved" in str(info.value)
    assert json.loads(info.value.body or b"")[0]["fields"]["Title"] == "saved"
    assert stored(client)[1]["Title"] == "saved"

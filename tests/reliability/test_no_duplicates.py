"""Issue #9 part 2: a write that may have reached Ninox is never re-sent, and nothing is lost.

Two kinds of failure are injected into creates and upserts:

* emulator faults (``reset``, ``truncate``, 5xx): they fire *before* the emulator's handler, so
  the batch was not applied, but the client cannot know that;
* test-side faults (``_faulty.py``): the emulator applies the batch, then the answer is lost
  (``applied-reset``, ``applied-truncate``) or replaced by a 500 (``applied-500``).

Either way the create must not be re-sent (one request), the :class:`BatchWriteError` must name
exactly which items were written (checked against a fault-free listing of the table), flag the
failed batch as unknown and carry the request the caller needs to check; counting the records
afterwards finds no duplicate and no item that vanished without being reported.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any

import httpx
import pytest
from ninoxkit import (
    APIStatusError,
    BatchWriteError,
    Ninox,
    OutcomeUnknownError,
)
from ninoxkit.testing import NinoxEmulator

from ._faulty import FaultyTransport
from .conftest import PREFIX, TALLY, ClientFactory, async_client

RECORDS = rf"^{PREFIX}/tables/B/records$"
N, BATCH = 7, 3  # batches [0-2] [3-5] [6]; the second one fails
# One batch at a time here, so "the second batch fails" is exact; test_concurrent_writes.py
# covers the same faults with several batches in flight.


def items(tag: str) -> list[dict[str, Any]]:
    return [{"First Name": f"item{i}", "Last Name": tag, "Score": i} for i in range(N)]


def count_by_item(c: Ninox, tag: str) -> Counter[int]:
    """How many stored records carry each item's marker (read fault-free)."""
    found: Counter[int] = Counter()
    for rec in c.records.list(table="B", filters={"Last Name": tag}):
        found[int(rec.fields["Score"])] += 1
    return found


def check_accounting(c: Ninox, tag: str, err: BatchWriteError, *, unknown_applied: bool) -> None:
    """The error's account of every item matches the table; tally losses and duplicates."""
    stored = count_by_item(c, tag)
    written = [i for i, _ in err.written]
    assert written == [0, 1, 2]
    assert err.unknown == [3, 4, 5]
    assert err.not_written == [6]
    for index, record in err.written:  # the records the error hands back are the stored ones
        assert record is not None
        assert record.fields["Score"] == index
        assert c.records.get(record_id=record.id, table="B").fields["Last Name"] == tag
    # Each item stored exactly as often as the error says: once if written (or unknown but
    # applied), never otherwise. Extra records are duplicates; missing ones were lost.
    expected = Counter(written + (err.unknown if unknown_applied else []))
    TALLY["records_checked"] += N
    TALLY["records_lost"] += sum((expected - stored).values())
    TALLY["duplicate_records"] += sum((stored - expected).values())
    assert stored == expected


def check_unknown_error(err: BatchWriteError, tag: str) -> None:
    """The error says the outcome is unknown and carries what the caller needs to check."""
    assert "may or may not have been written" in str(err)
    inner = err.error
    assert err.__cause__ is inner
    assert getattr(inner, "outcome_unknown", False) is True
    assert inner.method == "POST"  # type: ignore[attr-defined]
    assert inner.url.endswith("/tables/B/records")  # type: ignore[attr-defined]
    assert inner.retries_taken == 0  # type: ignore[attr-defined]
    sent = json.loads(inner.request.content)  # type: ignore[attr-defined]
    assert [item["fields"]["Score"] for item in sent] == [3, 4, 5]
    assert all(item["fields"]["Last Name"] == tag for item in sent)
    if isinstance(inner, APIStatusError):
        assert "may or may not have been applied" in str(inner)
    else:
        assert isinstance(inner, OutcomeUnknownError)
        assert "outcome is unknown" in str(inner)


def posts(emu: NinoxEmulator) -> int:
    return sum(
        1 for e in emu.requests() if e["method"] == "POST" and e["path"].endswith("/records")
    )


EMULATOR_FAULTS = {
    "reset": {"kind": "reset"},
    "truncate": {"kind": "truncate"},
    "500-json": {"kind": "status", "status": 500, "body": "json"},
    "502-html": {"kind": "status", "status": 502, "body": "html"},
    "503-text": {"kind": "status", "status": 503, "body": "text"},
}


@pytest.mark.parametrize("fault", list(EMULATOR_FAULTS))
def test_create_fault_before_apply_is_not_resent(
    fault: str, emu: NinoxEmulator, shared_client: Ninox
) -> None:
    tag = f"pre-{fault}"
    emu.faults.add(path=RECORDS, method="POST", every=2, max_count=1, **EMULATOR_FAULTS[fault])
    with pytest.raises(BatchWriteError) as info:
        shared_client.records.create(items(tag), table="B", batch_size=BATCH, max_in_flight=1)
    assert posts(emu) == 2  # batch 1 ok, batch 2 failed once and was not re-sent
    emu.faults.clear()
    check_unknown_error(info.value, tag)
    check_accounting(shared_client, tag, info.value, unknown_applied=False)


@pytest.mark.parametrize("fault", ["applied-reset", "applied-truncate", "applied-500"])
def test_create_fault_after_apply_is_not_resent(
    fault: str, emu: NinoxEmulator, make_client: ClientFactory, shared_client: Ninox
) -> None:
    tag = f"post-{fault}"
    faulty = FaultyTransport()
    rule = faulty.add(fault, method="POST", path=RECORDS, max_count=1)
    with httpx.Client(transport=_SkipFirst(faulty, RECORDS), timeout=10) as http:
        c = make_client(http_client=http)
        with pytest.raises(BatchWriteError) as info:
            c.records.create(items(tag), table="B", batch_size=BATCH, max_in_flight=1)
    assert rule.fired == 1
    assert posts(emu) == 2
    TALLY["faults_injected_test_side"] += 1
    check_unknown_error(info.value, tag)
    check_accounting(shared_client, tag, info.value, unknown_applied=True)
    # What the caller does next: look the unknown items up, and finds each exactly once.
    for i in info.value.unknown:
        found = shared_client.records.find_one({"Last Name": tag, "Score": i}, table="B")
        assert found is not None


class _SkipFirst(httpx.BaseTransport):
    """Let the first matching request through untouched, then hand over to ``faulty``."""

    def __init__(self, faulty: FaultyTransport, path: str) -> None:
        self.faulty = faulty
        self.path = path
        self.seen = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        import re

        if request.method == "POST" and re.search(self.path, request.url.path):
            self.seen += 1
            if self.seen == 1:
                return self.faulty.inner.handle_request(request)
        return self.faulty.handle_request(request)

    def close(self) -> None:
        self.faulty.close()


def test_upsert_with_ids_is_retried_after_apply_without_duplicates(
    emu: NinoxEmulator, make_client: ClientFactory, shared_client: Ninox
) -> None:
    """A batch whose items all name their record is safe to re-send: retried, nothing doubled."""
    faulty = FaultyTransport()
    faulty.add("applied-reset", method="POST", path=RECORDS, max_count=2)
    batch = [(i, {"Last Name": "upserted", "Score": 100 + i}) for i in (1, 2, 60)]
    with httpx.Client(transport=faulty, timeout=10) as http:
        result = make_client(http_client=http).records.upsert(batch, table="B")
    assert [r.id for r in result] == [1, 2, 60]
    assert posts(emu) == 3
    TALLY["faults_injected_test_side"] += faulty.fired
    TALLY["operations_survived"] += 1
    stored = Counter(r.id for r in shared_client.records.list(table="B"))
    assert all(n == 1 for n in stored.values())
    assert sorted(stored) == [1, 2, 3, 4, 5, 60]
    TALLY["records_checked"] += 3


def test_upsert_batch_with_new_items_is_not_resent(
    emu: NinoxEmulator, make_client: ClientFactory, shared_client: Ninox
) -> None:
    """An upsert batch holding an item without id creates it: not re-sent, reported unknown."""
    tag = "upsert-mixed"
    faulty = FaultyTransport()
    faulty.add("applied-reset", method="POST", path=RECORDS, max_count=1)
    batch: list[Any] = [
        (1, {"Last Name": tag, "Score": 0}),
        {"fields": {"Last Name": tag, "Score": 1}},
    ]
    with (
        httpx.Client(transport=faulty, timeout=10) as http,
        pytest.raises(BatchWriteError) as info,
    ):
        make_client(http_client=http).records.upsert(batch, table="B")
    assert posts(emu) == 1
    assert info.value.unknown == [0, 1]
    assert info.value.written == []
    TALLY["faults_injected_test_side"] += 1
    stored = count_by_item(shared_client, tag)
    assert stored == Counter({0: 1, 1: 1})
    TALLY["records_checked"] += 2


def test_exec_and_upload_are_not_resent(
    emu: NinoxEmulator, make_client: ClientFactory, shared_client: Ninox
) -> None:
    faulty = FaultyTransport()
    faulty.add("applied-reset", method="POST", path=rf"^{PREFIX}/exec$", max_count=1)
    faulty.add("applied-truncate", method="POST", path=r"/records/1/files$", max_count=1)
    with httpx.Client(transport=faulty, timeout=10) as http:
        c = make_client(http_client=http)
        with pytest.raises(OutcomeUnknownError):
            c.scripts.exec('(create Contacts).("Last Name" := "via exec")')
        with pytest.raises(OutcomeUnknownError):
            c.files.upload(b"hello", record_id=1, table="B", file_name="once.txt")
    assert faulty.fired == 2
    TALLY["faults_injected_test_side"] += 2
    log = [(e["method"], e["path"]) for e in emu.requests()]
    assert log.count(("POST", f"{PREFIX}/exec")) == 1
    assert log.count(("POST", f"{PREFIX}/tables/B/records/1/files")) == 1
    names = [f.name for f in shared_client.files.list(record_id=1, table="B")]
    assert names.count("once.txt") == 1
    TALLY["records_checked"] += 1


def test_async_create_fault_is_not_resent(emu: NinoxEmulator, shared_client: Ninox) -> None:
    tag = "async-reset"
    emu.faults.add("reset", path=RECORDS, method="POST", every=2, max_count=1)

    async def run() -> BatchWriteError:
        async with async_client(emu) as c:
            try:
                await c.records.create(items(tag), table="B", batch_size=BATCH, max_in_flight=1)
            except BatchWriteError as exc:
                return exc
        raise AssertionError("no BatchWriteError")

    err = asyncio.run(run())
    assert posts(emu) == 2
    emu.faults.clear()
    check_unknown_error(err, tag)
    check_accounting(shared_client, tag, err, unknown_applied=False)

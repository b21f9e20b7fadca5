"""Issue #9 part 1: every idempotent operation survives transient faults within its retry budget.

Each case injects exactly two faults (the default budget is two retries) on the operation's own
request, then checks that the call succeeded, that the result equals the fault-free answer of
the same call on the same initial data, that the request was sent exactly three times and that
for a write the stored data equals the fault-free outcome.

Fault meanings (emulator, ``ninoxkit.testing._faults``; all fire *before* the handler runs, so
the faulted attempt changed nothing): ``status`` answers the given status with a json/text/html
body (429 always carries ``Retry-After``: seconds or an HTTP date); ``reset`` aborts the TCP
connection with RST before any response byte; ``truncate`` sends a 200 head with a
Content-Length larger than the half body it sends, then closes. ``bare-429`` (no
``Retry-After``) comes from the test-side layer in ``_faulty.py`` because the emulator always
adds the header.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest
from ninoxkit import Ninox
from ninoxkit.testing import NinoxEmulator

from ._faulty import FaultyTransport
from .conftest import PREFIX, TALLY, TEAM, ClientFactory, async_client

FAULTS: dict[str, dict[str, Any]] = {
    "429-retry-after-1s": {"kind": "status", "status": 429, "retry_after": 1},
    "429-retry-after-http-date": {
        "kind": "status",
        "status": 429,
        "retry_after": "http-date",
        "retry_after_seconds": 2,
    },
    "429-retry-after-0": {"kind": "status", "status": 429, "retry_after": 0},
    **{
        f"{status}-{body}": {"kind": "status", "status": status, "body": body}
        for status in (500, 502, 503)
        for body in ("json", "text", "html")
    },
    "503-empty": {"kind": "status", "status": 503, "body": "empty"},
    "reset": {"kind": "reset"},
    "truncate": {"kind": "truncate"},
}

B = f"{PREFIX}/tables/B"
LONG_QUERY = "1 + 1" + " " * 3000  # long enough to go as POST …/query


def _records(c: Ninox) -> list[Any]:
    return list(c.records.list(table="B"))


@attrs.frozen
class Op:
    """One idempotent operation: the method and raw-path regex of its request, and the call."""

    method: str
    path: str
    call: Callable[[Ninox], Any]
    writes: bool = False
    #: Requests the fault-free call sends to ``path``.
    requests: int = 1


OPS: dict[str, Op] = {
    "teams.list": Op("GET", r"^/v1/teams$", lambda c: c.teams.list()),
    "teams.get": Op("GET", rf"^/v1/teams/{TEAM}$", lambda c: c.teams.get()),
    "databases.list": Op("GET", rf"^/v1/teams/{TEAM}/databases$", lambda c: c.databases.list()),
    "databases.get": Op("GET", rf"^{PREFIX}$", lambda c: c.databases.get()),
    "databases.schema": Op("GET", rf"^{PREFIX}$", lambda c: c.databases.schema()),
    "tables.list": Op("GET", rf"^{PREFIX}/tables$", lambda c: c.tables.list()),
    "tables.get": Op("GET", rf"^{B}$", lambda c: c.tables.get(table="B")),
    "views.list": Op("GET", rf"^{PREFIX}/views$", lambda c: c.views.list()),
    "views.get": Op("GET", rf"^{PREFIX}/views/v1$", lambda c: c.views.get(view_id="v1")),
    # A short first page is confirmed by an empty one (a silent perPage cap loses nothing).
    "records.list": Op("GET", rf"^{B}/records$", _records, requests=2),
    "records.get": Op("GET", rf"^{B}/records/2$", lambda c: c.records.get(record_id=2, table="B")),
    "records.find_one": Op(
        "POST",
        rf"^{B}/record$",
        lambda c: c.records.find_one({"Email": "tom@globex.example"}, table="B"),
    ),
    "files.list": Op(
        "GET", rf"^{B}/records/5/files$", lambda c: c.files.list(record_id=5, table="B")
    ),
    "files.metadata": Op(
        "GET",
        rf"^{B}/records/5/files/notes\.txt/metadata$",
        lambda c: c.files.metadata(record_id=5, file_name="notes.txt", table="B"),
    ),
    "files.download": Op(
        "GET",
        rf"^{B}/records/5/files/notes\.txt$",
        lambda c: c.files.download(record_id=5, file_name="notes.txt", table="B"),
    ),
    "files.thumbnail": Op(
        "GET",
        rf"^{B}/records/5/files/notes\.txt/thumb",
        lambda c: c.files.thumbnail(record_id=5, file_name="notes.txt", table="B"),
    ),
    "scripts.query(GET)": Op("GET", rf"^{PREFIX}/query$", lambda c: c.scripts.query("1 + 1")),
    "scripts.query(POST)": Op("POST", rf"^{PREFIX}/query$", lambda c: c.scripts.query(LONG_QUERY)),
    "changes.since": Op("GET", rf"^{PREFIX}/changes", lambda c: c.changes.since(0)),
    "undocumented.get_schema": Op(
        "GET", rf"^{PREFIX}/schema$", lambda c: c.undocumented.get_schema()
    ),
    "undocumented.list_report_files": Op(
        "GET",
        rf"^{PREFIX}/reports/r1/files$",
        lambda c: c.undocumented.list_report_files(report_id="r1"),
    ),
    "undocumented.download_report_file": Op(
        "GET",
        rf"^{PREFIX}/reports/r1/files/template\.docx$",
        lambda c: c.undocumented.download_report_file(report_id="r1", file_name="template.docx"),
    ),
    "records.update_one(PUT)": Op(
        "PUT",
        rf"^{B}/records/3$",
        lambda c: c.records.update_one({"Score": 70, "Status": "Customer"}, record_id=3, table="B"),
        writes=True,
    ),
    "records.delete": Op(
        "DELETE",
        rf"^{B}/records/4$",
        lambda c: c.records.delete(record_id=4, table="B"),
        writes=True,
    ),
    "records.delete_many": Op(
        "DELETE",
        rf"^{B}/records$",
        lambda c: c.records.delete_many(record_ids=[3, 4], table="B"),
        writes=True,
    ),
    "records.update(ids)": Op(
        "POST",
        rf"^{B}/records$",
        lambda c: c.records.update(
            [{"id": 1, "fields": {"Score": 1}}, (2, {"Score": 2})], table="B"
        ),
        writes=True,
    ),
    "records.upsert(ids)": Op(
        "POST",
        rf"^{B}/records$",
        lambda c: c.records.upsert(
            [{"id": 2, "fields": {"Score": 3}}, {"id": 40, "fields": {"First Name": "New"}}],
            table="B",
        ),
        writes=True,
    ),
    "files.delete": Op(
        "DELETE",
        rf"^{B}/records/5/files/notes\.txt$",
        lambda c: c.files.delete(record_id=5, file_name="notes.txt", table="B"),
        writes=True,
    ),
}


def plain(value: Any) -> Any:
    """A comparable form of what an operation returned."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if attrs.has(type(value)):
        return repr(value)
    return value


def snapshot(c: Ninox) -> Any:
    """The data an idempotent write may have changed, read fault-free."""
    return {
        "B": plain(_records(c)),
        "files": plain(c.files.list(record_id=5, table="B")),
    }


_baselines: dict[str, tuple[Any, Any]] = {}


def baseline(name: str, emu: NinoxEmulator, make: ClientFactory) -> tuple[Any, Any]:
    """The fault-free answer and resulting data of ``name`` on the initial data (cached).

    Uses its own client, so nothing it caches (the schema) spares the faulted call a request.
    """
    if name not in _baselines:
        c = make()
        emu.reset()
        result = plain(OPS[name].call(c))
        after = snapshot(c) if OPS[name].writes else None
        _baselines[name] = (result, after)
        emu.reset()
    return _baselines[name]


def _target_requests(emu: NinoxEmulator, op: Op) -> list[dict[str, Any]]:
    import re

    return [e for e in emu.requests() if e["method"] == op.method and re.search(op.path, e["path"])]


@pytest.mark.parametrize("retries", [2, 4])
@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("name", list(OPS))
def test_idempotent_operation_survives_as_many_faults_as_retries(
    name: str,
    fault: str,
    retries: int,
    emu: NinoxEmulator,
    make_client: ClientFactory,
    shared_client: Ninox,
    sleeps: list[float],
) -> None:
    op = OPS[name]
    expected, expected_after = baseline(name, emu, make_client)
    client = shared_client if retries == 2 else shared_client.with_options(max_retries=retries)
    rule = emu.faults.add(path=op.path, method=op.method, max_count=retries, **FAULTS[fault])

    result = plain(op.call(client))

    assert rule.fired == retries, "every fault must have hit the operation's own request"
    assert result == expected
    # The faulted attempts and the ones that worked.
    assert len(_target_requests(emu, op)) == retries + op.requests
    assert len(sleeps) == retries
    if fault == "429-retry-after-1s":
        assert sleeps == [1.0] * retries  # the server's Retry-After is honoured
    emu.faults.clear()
    if op.writes:
        assert snapshot(client) == expected_after
    TALLY["operations_survived"] += 1


@pytest.mark.parametrize("name", list(OPS))
def test_bare_429_without_retry_after_is_retried(
    name: str, emu: NinoxEmulator, make_client: ClientFactory, sleeps: list[float]
) -> None:
    op = OPS[name]
    expected, expected_after = baseline(name, emu, make_client)
    faulty = FaultyTransport()
    faulty.add("bare-429", method=op.method, path=op.path, max_count=2)
    with httpx.Client(transport=faulty, timeout=10) as http:
        c = make_client(http_client=http)
        assert plain(op.call(c)) == expected
        assert faulty.fired == 2
        assert len(sleeps) == 2
        assert all(0 < s <= 8 for s in sleeps)
        if op.writes:
            assert snapshot(c) == expected_after
    TALLY["faults_injected_test_side"] += faulty.fired
    TALLY["operations_survived"] += 1


def test_third_fault_exhausts_the_budget(emu: NinoxEmulator, client: Ninox) -> None:
    """The budget is real: a third consecutive fault is raised, after exactly two retries."""
    from ninoxkit import InternalServerError

    emu.faults.add("status", status=503, path=r"^/v1/teams$", max_count=3)
    with pytest.raises(InternalServerError) as info:
        client.teams.list()
    assert info.value.retries_taken == 2
    assert len([e for e in emu.requests() if e["path"] == "/v1/teams"]) == 3


ASYNC_OPS = {
    "teams.list": (r"^/v1/teams$", "GET", lambda c: c.teams.list()),
    "records.get": (rf"^{B}/records/2$", "GET", lambda c: c.records.get(record_id=2, table="B")),
    "records.find_one": (
        rf"^{B}/record$",
        "POST",
        lambda c: c.records.find_one({"Email": "tom@globex.example"}, table="B"),
    ),
    "records.update_one(PUT)": (
        rf"^{B}/records/3$",
        "PUT",
        lambda c: c.records.update_one({"Score": 70}, record_id=3, table="B"),
    ),
    "scripts.query(POST)": (rf"^{PREFIX}/query$", "POST", lambda c: c.scripts.query(LONG_QUERY)),
    "files.download": (
        rf"^{B}/records/5/files/notes\.txt$",
        "GET",
        lambda c: c.files.download(record_id=5, file_name="notes.txt", table="B"),
    ),
}


@pytest.mark.parametrize("fault", ["429-retry-after-1s", "502-html", "reset", "truncate"])
@pytest.mark.parametrize("name", list(ASYNC_OPS))
def test_async_twin_survives_two_faults(name: str, fault: str, emu: NinoxEmulator) -> None:
    path, method, call = ASYNC_OPS[name]

    async def run() -> Any:
        async with async_client(emu) as c:
            return plain(await call(c))

    expected = asyncio.run(run())  # fault-free, on the fresh data the emu fixture reset to
    emu.reset()  # the baseline may have written (update_one)
    rule = emu.faults.add(path=path, method=method, max_count=2, **FAULTS[fault])
    assert asyncio.run(run()) == expected
    assert rule.fired == 2
    TALLY["operations_survived"] += 1

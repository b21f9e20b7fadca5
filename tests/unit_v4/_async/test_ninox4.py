"""AsyncNinox4 against the Ninox 4 emulator on loopback (async source; _sync is its twin).

What a user would notice: every record exactly once across pages, chunked writes that say
which chunks were applied, the quirks of reference ninox4 §9 turned into typed errors, a
script run never re-sent, values written the way Ninox 4 takes them.
"""

# The sync twin cannot combine `with` blocks that were `async with` + `with` here, and turns
# `[x async for x in ...]` into comprehensions ruff would write as list(); both are faithful.
# unasync: ruff: noqa: SIM117, C416

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from ninoxkit import (
    APIResponseValidationError,
    AsyncNinox4,
    AuthenticationError,
    BadRequestError,
    BatchWriteError,
    ConfigurationError,
    InternalServerError,
    InvalidArgumentError,
    OutcomeUnknownError,
    PermissionDeniedError,
    UnexpectedHTMLError,
)
from ninoxkit.testing.v4 import Ninox4Emulator

Fault = Callable[[httpx.Request, int], str | None]


class Wire(httpx.AsyncBaseTransport):
    """Forwards to the emulator, records every request, and injects faults on demand.

    ``fault(request, n)`` (``n``: requests so far, this one included) may answer ``"503"``
    (not forwarded), ``"drop"`` (forwarded, applied, then the answer is lost), ``"typo"`` (the
    path is misspelt on the way, like a user's typo) or ``None``.
    """

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.sent: list[httpx.Request] = []
        self.fault: Fault | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        action = self.fault(request, len(self.sent)) if self.fault else None
        if action == "503":
            return httpx.Response(503, text="busy", request=request)
        if action == "typo":
            request.url = request.url.copy_with(
                path=request.url.path.replace("/modules", "/modulez")
            )
        response = await self.inner.handle_async_request(request)
        if action == "drop":
            await response.aread()
            await response.aclose()
            raise httpx.ReadError("connection lost", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()

    def bodies(self, method: str, suffix: str) -> list[Any]:
        return [
            json.loads(r.content)
            for r in self.sent
            if r.method == method and r.url.path.endswith(suffix)
        ]


def make(emu: Ninox4Emulator, wire: Wire | None = None, **kwargs: Any) -> AsyncNinox4:
    http = httpx.AsyncClient(transport=wire or Wire(), timeout=10)
    options: dict[str, Any] = {
        "api_key": emu.token,
        "workspace_id": emu.workspace.id,
        "base_url": emu.url,
        **kwargs,
    }
    client = AsyncNinox4(http_client=http, **options)
    client._shared.owns_inner = True  # the test made the pool for it: closing closes it
    return client


def on(method: str, suffix: str, nth: int, action: str) -> Fault:
    """A fault on the ``nth`` request of ``method`` whose path ends with ``suffix``."""
    seen = [0]

    def fault(request: httpx.Request, _n: int) -> str | None:
        if request.method == method and request.url.path.endswith(suffix):
            seen[0] += 1
            if seen[0] == nth:
                return action
        return None

    return fault


# -- configuration -----------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["short", "5RDCO4S18SWU", "5rdco4s18swu0", "5rdco4s18sw_", ""])
def test_a_bad_workspace_id_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(ConfigurationError, match="workspace_id"):
        AsyncNinox4(api_key="k", workspace_id=bad)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NINOX4_API_KEY", "env-key")
    monkeypatch.setenv("NINOX4_WORKSPACE_ID", "abcdefghijk1")
    monkeypatch.setenv("NINOX4_BASE_URL", "https://go.example.com")
    client = AsyncNinox4()
    assert (client.workspace_id, client.base_url) == ("abcdefghijk1", "https://go.example.com")
    assert client.options.api_key == "env-key"
    assert "env-key" not in repr(client)
    monkeypatch.delenv("NINOX4_BASE_URL")
    assert AsyncNinox4().base_url == "https://go.ninox.com"


def test_a_missing_key_says_where_one_comes_from(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NINOX4_API_KEY", raising=False)
    monkeypatch.setenv("NINOX_API_KEY", "a-classic-key-is-not-used")
    with pytest.raises(ConfigurationError, match="NINOX4_API_KEY"):
        AsyncNinox4(workspace_id="abcdefghijk1")


@pytest.mark.parametrize(
    "url", ["https://api.ninox.com", "https://api.ninox.com/v1", "https://go.ninox.com/api/v1"]
)
def test_classic_hosts_and_paths_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        AsyncNinox4(api_key="k", workspace_id="abcdefghijk1", base_url=url)


@pytest.mark.asyncio
async def test_with_options_validates_the_workspace_and_shares_the_pool(
    emu: Ninox4Emulator,
) -> None:
    async with make(emu) as client:
        other = client.with_options(max_retries=0)
        assert other._shared is client._shared
        assert other.workspace_id == client.workspace_id
        with pytest.raises(ConfigurationError):
            client.with_options(workspace_id="nope")


# -- paging --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_paging_yields_every_record_once_in_order(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        new = await client.records.create(
            [{"name": f"c{i}"} for i in range(23)], module="crm", table="companies"
        )
        wire.sent.clear()
        got = [r["id"] async for r in client.records.list(module="crm", table="companies", limit=5)]
    assert got == ["1", "2", *new]
    assert len(set(got)) == 25
    offsets = [int(r.url.params["offset"]) for r in wire.sent]
    assert offsets == [0, 5, 10, 15, 20]  # 25 rows, 5 pages, the last says has_more: false
    assert {r.url.params["limit"] for r in wire.sent} == {"5"}


@pytest.mark.asyncio
async def test_paging_is_lazy(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        pages = client.records.list(module="crm", table="customers", limit=1)
        assert wire.sent == []
        first: dict[str, Any] = {}
        async for record in pages:
            first = record
            break
        assert first["id"] == "1"
        assert len(wire.sent) == 1


@pytest.mark.parametrize("limit", [0, 101, True, 2.5])
@pytest.mark.asyncio
async def test_limit_is_1_to_100(emu: Ninox4Emulator, limit: Any) -> None:
    async with make(emu) as client:
        with pytest.raises(InvalidArgumentError, match="limit"):
            [r async for r in client.records.list(module="crm", table="customers", limit=limit)]


def _page(offset: int, ids: list[int], has_more: bool, answered: int | None = None) -> Any:
    return {
        "data": [{"id": str(i), "values": {}} for i in ids],
        "page_info": {
            "has_more": has_more,
            "limit": 2,
            "offset": offset if answered is None else answered,
        },
    }


@pytest.mark.parametrize(
    ("pages", "why"),
    [
        ([_page(0, [1, 2], True, answered=2)], "offset"),  # the server answered another page
        ([_page(0, [1, 2], True), _page(2, [], True)], "empty page"),  # would loop forever
    ],
)
@pytest.mark.asyncio
async def test_a_page_that_would_repeat_drop_or_loop_is_an_error(
    pages: list[Any], why: str
) -> None:
    answers = iter(pages)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=next(answers))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncNinox4(api_key="k", workspace_id="abcdefghijk1", http_client=http) as client:
        with pytest.raises(APIResponseValidationError, match=why):
            [r async for r in client.records.list(module="crm", table="t", limit=2)]


@pytest.mark.asyncio
async def test_a_row_shifted_onto_the_next_page_is_yielded_once() -> None:
    answers = iter([_page(0, [1, 2], True), _page(2, [2, 3], False)])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=next(answers))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncNinox4(api_key="k", workspace_id="abcdefghijk1", http_client=http) as client:
        got = [r["id"] async for r in client.records.list(module="crm", table="t", limit=2)]
    assert got == ["1", "2", "3"]


# -- chunked, transactional writes -----------------------------------------------------------


async def _ids(client: AsyncNinox4, table: str) -> list[str]:
    return [r["id"] async for r in client.records.list(module="crm", table=table)]


@pytest.mark.asyncio
async def test_a_refused_chunk_says_what_was_written(emu: Ninox4Emulator) -> None:
    rows: list[dict[str, Any]] = [{"name": f"n{i}", "active": True} for i in range(5)]
    rows[3]["active"] = 1  # §7.3: booleans are true/false only; 1 is refused
    async with make(emu) as client:
        with pytest.raises(BatchWriteError) as caught:
            await client.records.create(rows, module="crm", table="customers", chunk_size=2)
        after = await _ids(client, "customers")
    error = caught.value
    assert [i for i, _ in error.written] == [0, 1]
    assert error.not_written == [2, 3, 4]
    assert error.unknown == []
    assert isinstance(error.error, BadRequestError)
    assert after == ["1", "2", "3", *[rid for _, rid in error.written]]  # chunk 2 rolled back


@pytest.mark.asyncio
async def test_a_lost_answer_mid_way_is_unknown_and_not_re_sent(emu: Ninox4Emulator) -> None:
    wire = Wire()
    wire.fault = on("POST", "/records", 2, "drop")
    rows = [{"name": f"n{i}"} for i in range(5)]
    async with make(emu, wire) as client:
        with pytest.raises(BatchWriteError) as caught:
            await client.records.create(rows, module="crm", table="customers", chunk_size=2)
        after = await _ids(client, "customers")
    error = caught.value
    assert [i for i, _ in error.written] == [0, 1]
    assert error.unknown == [2, 3]
    assert error.not_written == [4]
    assert isinstance(error.error, OutcomeUnknownError)
    assert len(wire.bodies("POST", "/records")) == 2  # the lost chunk was not sent again
    assert len(after) == 3 + 4  # ... and it had in fact been applied: hence "unknown"


@pytest.mark.asyncio
async def test_delete_is_transactional_per_chunk(emu: Ninox4Emulator) -> None:
    async with make(emu) as client:
        with pytest.raises(BatchWriteError) as caught:
            await client.records.delete(
                module="crm", table="customers", record_ids=[1, "2", 99, 3], chunk_size=2
            )
        assert await _ids(client, "customers") == ["3"]
    assert caught.value.written == [(0, "1"), (1, "2")]
    assert caught.value.not_written == [2, 3]


@pytest.mark.asyncio
async def test_chunks_stay_under_6_mb(emu: Ninox4Emulator) -> None:
    wire = Wire()
    big = "x" * 1_500_000
    rows = [{"name": f"{i}{big}"} for i in range(9)]  # the name field is unique
    async with make(emu, wire) as client:
        ids = await client.records.create(rows, module="crm", table="companies")
    sizes = [len(r.content) for r in wire.sent if r.method == "POST"]
    assert len(ids) == 9
    assert len(sizes) == 3
    assert max(sizes) < 6_000_000


@pytest.mark.asyncio
async def test_a_record_over_6_mb_is_refused_before_anything_is_sent(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        with pytest.raises(InvalidArgumentError, match="at most"):
            await client.records.create(
                [{"name": "small"}, {"name": "x" * 6_000_001}], module="crm", table="companies"
            )
    assert wire.sent == []


@pytest.mark.asyncio
async def test_update_writes_integer_ids_and_null_clears(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        ids = await client.records.update(
            [{"id": "1", "amount": None, "tags": ("new",)}],
            module="crm",
            table="customers",
            convert=True,
        )
        record = await client.records.get(module="crm", table="customers", record_id=ids[0])
    assert ids == ["1"]
    assert wire.bodies("PATCH", "/records") == [
        {"records": [{"id": 1, "amount": None, "tags": ["new"]}]}
    ]
    assert record["id"] == "1"
    assert record["values"]["amount"] is None
    assert record["values"]["tags"] == ["new"]


@pytest.mark.asyncio
async def test_convert_writes_utc_timestamps_with_z_and_reads_python_types(
    emu: Ninox4Emulator,
) -> None:
    wire = Wire()
    when = dt.datetime(2024, 2, 15, 14, 45, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    async with make(emu, wire) as client:
        (rid,) = await client.records.create(
            [{"name": "Zed", "since": dt.date(2024, 2, 15), "tags": {"vip"}}],
            module="crm",
            table="customers",
            convert=True,
        )
        got = await client.records.get(module="crm", table="customers", record_id=rid, convert=True)
    sent = wire.bodies("POST", "/records")[0]["records"][0]
    assert sent == {"name": "Zed", "since": "2024-02-15", "tags": ["vip"]}
    assert got["values"]["since"] == dt.date(2024, 2, 15)
    from ninoxkit._async.v4._values import encode_value

    assert encode_value("t", when) == "2024-02-15T13:45:30.000Z"
    with pytest.raises(InvalidArgumentError, match="naive"):
        encode_value("t", dt.datetime(2024, 2, 15))


@pytest.mark.asyncio
async def test_upsert_by_a_match_field(emu: Ninox4Emulator) -> None:
    async with make(emu) as client:
        result = await client.records.upsert(
            [{"email": "lisa@example.com", "name": "Lisa B."}, {"email": "new@example.com"}],
            module="crm",
            table="customers",
            match_field="email",
        )
        lisa = await client.records.get(module="crm", table="customers", record_id=1)
        with pytest.raises(InvalidArgumentError, match="email"):
            await client.records.upsert(
                [{"name": "x"}], module="crm", table="customers", match_field="email"
            )
    assert result["updatedIds"] == ["1"]
    assert len(result["createdIds"]) == 1
    assert lisa["values"]["name"] == "Lisa B."


@pytest.mark.parametrize("source", ["path", "file"])
@pytest.mark.asyncio
async def test_csv_import_streams_with_a_safe_boundary(
    emu: Ninox4Emulator, tmp_path: Path, source: str
) -> None:
    wire = Wire()
    text = b"name,city\nInitech,Austin\n--+++ sneaky,Rome\n"
    path = tmp_path / "firms.csv"
    path.write_bytes(text)
    async with make(emu, wire) as client:
        file: Any = path if source == "path" else io.BytesIO(text)
        result = await client.records.import_csv(
            file, module="crm", table="companies", file_name="firms.csv"
        )
        names = [
            r["values"]["name"] async for r in client.records.list(module="crm", table="companies")
        ]
    assert result["rowsImported"] == 2
    assert names[-2:] == ["Initech", "--+++ sneaky"]
    content_type = next(r for r in wire.sent if r.method == "POST").headers["content-type"]
    assert "boundary=+++" not in content_type
    assert "boundary=ninoxkit-" in content_type


# -- quirks of reference ninox4 §9 ------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_html_200_is_an_error_never_data(emu: Ninox4Emulator) -> None:
    wire = Wire()
    wire.fault = lambda _request, _n: "typo"
    async with make(emu, wire) as client:
        with pytest.raises(UnexpectedHTMLError, match="HTML") as caught:
            await client.modules.list()
    assert caught.value.status_code == 200
    assert isinstance(caught.value, APIResponseValidationError)


@pytest.mark.asyncio
async def test_the_text_401_keeps_its_message(emu: Ninox4Emulator) -> None:
    async with make(emu, api_key="wrong-key") as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.workspace.get()
    assert caught.value.status_code == 401
    assert "Workspace orchestrator error" in str(caught.value)
    assert "wrong-key" not in str(caught.value)


@pytest.mark.asyncio
async def test_a_missing_scope_names_the_scope(emu: Ninox4Emulator) -> None:
    async with make(emu, api_key=emu.read_token) as client:
        assert (await client.workspace.get())["name"] == "Acme"  # reading needs no scope
        with pytest.raises(PermissionDeniedError, match="schema:write"):
            await client.modules.create({"name": "hr", "labels": {"": "HR"}})
        with pytest.raises(PermissionDeniedError, match="records:write"):
            await client.scripts.exec("1", module="crm")


@pytest.mark.asyncio
async def test_script_exec_is_never_re_sent(emu: Ninox4Emulator) -> None:
    wire = Wire()
    wire.fault = on("POST", "/script/exec", 1, "503")
    async with make(emu, wire, max_retries=2) as client:
        with pytest.raises(InternalServerError) as caught:
            await client.scripts.exec("42", module="crm")
        assert caught.value.outcome_unknown
        assert len(wire.sent) == 1
        wire.fault = on("GET", "/modules", 1, "503")
        assert [m["name"] for m in await client.modules.list()] == ["crm"]  # a read is retried
        assert len(wire.sent) == 3
        wire.fault = on("POST", "/script/exec", 1, "drop")
        with pytest.raises(OutcomeUnknownError):
            await client.scripts.exec("42", module="crm")
        assert len(wire.sent) == 4
        assert await client.scripts.exec(
            "[1, 2]", module="crm", table="customers", record_id="1"
        ) == [1, 2]
    assert wire.bodies("POST", "/script/exec")[-1] == {
        "moduleName": "crm",
        "script": "[1, 2]",
        "tableName": "customers",
        "rowId": 1,
    }


# -- schema, change feeds, views, reports, functions ---------------------------------------------


@pytest.mark.asyncio
async def test_schema_round_trip(emu: Ninox4Emulator) -> None:
    async with make(emu) as client:
        await client.modules.create({"name": "hr", "labels": {"": "HR"}})
        await client.modules.update({"labels": {"": "People"}}, module="hr")
        await client.tables.create({"name": "staff", "labels": {"": "Staff"}}, module="hr")
        await client.tables.update({"hasHistory": True}, module="hr", table="staff")
        await client.fields.create(
            {"name": "name", "labels": {"": "Name"}, "type": "string"}, module="hr", table="staff"
        )
        made = await client.fields.create_many(
            [
                {"name": "age", "labels": {"": "Age"}, "type": "number"},
                {"name": "mail", "labels": {"": "Mail"}, "type": "string", "variant": "email"},
            ],
            module="hr",
            table="staff",
        )
        await client.fields.update(
            {"labels": {"": "Years"}}, module="hr", table="staff", field="age"
        )
        assert (await client.fields.get(module="hr", table="staff", field="age"))["labels"][
            ""
        ] == "Years"
        await client.fields.delete_many(module="hr", table="staff", fields=["age", "mail"])
        await client.fields.delete(module="hr", table="staff", field="name")
        assert await client.fields.list(module="hr", table="staff") == []
        assert [t["name"] for t in await client.tables.list(module="hr")] == ["staff"]
        assert (await client.tables.get(module="hr", table="staff"))["hasHistory"] is True
        assert (await client.modules.get(module="hr"))["labels"][""] == "People"
        await client.tables.delete(module="hr", table="staff")
        assert "id" in await client.modules.delete(module="hr")
        changes = await client.changes.schema(since="2026-01-01T00:00:00Z", limit=3)
    assert [f["name"] for f in made] == ["age", "mail"]
    assert len(changes["changes"]) >= 8
    assert changes["as_of"].endswith("Z")


@pytest.mark.asyncio
async def test_record_changes_pin_the_as_of_window(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        await client.records.create(
            [{"name": f"n{i}"} for i in range(5)], module="crm", table="customers"
        )
        wire.sent.clear()
        poll = await client.changes.records(
            module="crm", table="customers", since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), limit=2
        )
        again = await client.changes.records(module="crm", table="customers", since=poll["as_of"])
        with pytest.raises(BadRequestError):  # history tracking is off for companies (§6)
            await client.changes.records(module="crm", table="companies", since=poll["as_of"])
    assert [c["changeType"] for c in poll["changes"]] == ["created"] * 5
    pages = [r.url.params for r in wire.sent[:3]]
    assert "asOf" not in pages[0]
    assert {p["asOf"] for p in pages[1:]} == {poll["as_of"]}
    assert pages[0]["since"] == "2026-01-01T00:00:00.000Z"
    assert again["changes"] == []


@pytest.mark.parametrize("interval", [0, -1, float("nan"), float("inf"), "5", True])
def test_watch_refuses_a_bad_interval(interval: Any) -> None:
    client = AsyncNinox4(api_key="k", workspace_id="abcdefghijk1")
    with pytest.raises(InvalidArgumentError, match="interval"):
        client.changes.watch_records(
            module="crm", table="customers", since="2026-01-01T00:00:00Z", interval=interval
        )
    with pytest.raises(InvalidArgumentError, match="interval"):
        client.changes.watch_schema(since="2026-01-01T00:00:00Z", interval=interval)


@pytest.mark.asyncio
async def test_watch_is_bounded_and_moves_its_window(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        await client.records.create([{"name": "w"}], module="crm", table="customers")
        await client.modules.create({"name": "hr", "labels": {"": "HR"}})
        wire.sent.clear()
        seen = [
            c
            async for c in client.changes.watch_records(
                module="crm",
                table="customers",
                since="2026-01-01T00:00:00Z",
                interval=0.1,
                max_polls=3,
            )
        ]
        stopped = [
            c
            async for c in client.changes.watch_schema(
                since="2026-01-01T00:00:00Z", interval=0.1, max_polls=5, stop=lambda _c: True
            )
        ]
    assert [c["id"] for c in seen] == ["4"]
    since = [r.url.params["since"] for r in wire.sent if "records/changes" in r.url.path]
    assert len(since) == 3
    assert since[0] != since[1]
    assert len(stopped) == 1  # the first change ended the watch
    assert sum("schema/changes" in r.url.path for r in wire.sent) == 1


@pytest.mark.asyncio
async def test_views_reports_functions(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        views = await client.views.list(module="crm", table="customers")
        view = await client.views.get(view_id="v2")
        reports = await client.reports.list(module="crm", table="customers")
        report = await client.reports.get(report_id="r1")
        printed = await client.reports.print(report_id="r1", record_ids=["1", 2])
        functions = await client.functions.list(module="crm")
        with pytest.raises(InvalidArgumentError):
            await client.reports.print(report_id="r1", record_ids=range(1, 252))
    assert [v["id"] for v in views] == ["v1", "v2"]
    assert view["name"] == "Leads"
    assert [r["id"] for r in reports] == ["r1"]
    assert report["name"] == "Customer sheet"
    assert printed["url"].startswith("https://")
    assert wire.bodies("POST", "/print") == [{"rowId": 1, "rowIds": [2]}]
    assert [f["name"] for f in functions] == ["greet"]


@pytest.mark.asyncio
async def test_a_ninox4_client_never_sends_classic_paths(emu: Ninox4Emulator) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        await client.workspace.get()
        [r async for r in client.records.list(module="crm", table="customers")]
        await client.records.get(module="crm", table="customers", record_id=1)
        await client.scripts.exec("1", module="crm")
        await client.request("GET", "/modules")
        with pytest.raises(InvalidArgumentError):
            await client.request("GET", "https://api.ninox.com/v1/teams")
    root = f"/api/v1/workspace/{emu.workspace.id}"
    assert wire.sent
    assert all(r.url.path.startswith(root) for r in wire.sent)
    assert all(r.headers["authorization"] == f"Bearer {emu.token}" for r in wire.sent)


@pytest.mark.parametrize("name", ["Customers", "a/b", "", "x" * 101, 5])
@pytest.mark.asyncio
async def test_names_are_checked_before_sending(emu: Ninox4Emulator, name: Any) -> None:
    wire = Wire()
    async with make(emu, wire) as client:
        with pytest.raises(InvalidArgumentError):
            await client.tables.get(module="crm", table=name)
    assert wire.sent == []


def _mock(answer: httpx.Response) -> AsyncNinox4:
    http = httpx.AsyncClient(transport=httpx.MockTransport(lambda _request: answer))
    return AsyncNinox4(api_key="k", workspace_id="abcdefghijk1", http_client=http, max_retries=0)


@pytest.mark.asyncio
async def test_a_non_standard_status_is_a_typed_error() -> None:
    # The generated _build_response calls HTTPStatus(520), which raises ValueError
    # (toolchain-notes §3); the overlay never goes through it.
    async with _mock(httpx.Response(520, text="origin error")) as client:
        with pytest.raises(InternalServerError, match="origin error") as caught:
            await client.workspace.get()
    assert caught.value.status_code == 520


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, json={"name": "no envelope"}),
        httpx.Response(200, text="not json"),
        httpx.Response(200, json=[1, 2]),
    ],
)
@pytest.mark.asyncio
async def test_a_2xx_without_a_data_envelope_is_a_validation_error(answer: httpx.Response) -> None:
    async with _mock(answer) as client:
        with pytest.raises(APIResponseValidationError) as caught:
            await client.modules.get(module="crm")
    assert not isinstance(caught.value, UnexpectedHTMLError)

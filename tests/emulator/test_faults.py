"""Fault injection (Python and HTTP control API), verified with a plain httpx client."""

from __future__ import annotations

import email.utils
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from ninoxkit.testing import Faults, NinoxEmulator


def test_status_429_with_retry_after_seconds(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.faults.add("status", status=429, retry_after=3, path="/teams$", max_count=1)
    r = client.get("/teams")
    assert r.status_code == 429
    assert r.headers["retry-after"] == "3"
    assert r.json() == {"message": "emulated fault: HTTP 429"}
    assert client.get("/teams").status_code == 200  # max_count reached


def test_status_429_with_http_date(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.faults.add("status", status=429, retry_after="http-date", retry_after_seconds=5)
    r = client.get("/teams")
    when = email.utils.parsedate_to_datetime(r.headers["retry-after"]).timestamp()
    assert 3 <= when - time.time() <= 6


@pytest.mark.parametrize(
    ("body", "ctype", "start"),
    [
        ("json", "application/json", b"{"),
        ("text", "text/plain", b"emulated"),
        ("html", "text/html", b"<!DOCTYPE"),
        ("empty", None, b""),
    ],
)
def test_5xx_bodies(
    emu: NinoxEmulator, client: httpx.Client, body: str, ctype: str | None, start: bytes
) -> None:
    emu.faults.add("status", status=502, body=body)  # type: ignore[arg-type]
    r = client.get("/teams")
    assert r.status_code == 502
    assert r.content.startswith(start)
    assert (r.headers.get("content-type") or "").startswith(ctype or "")
    if ctype is None:
        assert r.content == b""


def test_connection_reset(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.faults.add("reset", path="/teams$", method="GET")
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        client.get("/teams")
    emu.faults.clear()
    assert client.get("/teams").status_code == 200


def test_truncated_body(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.faults.add("truncate", path="/teams$")
    with pytest.raises(httpx.RemoteProtocolError, match=r"incomplete|complete message body"):
        client.get("/teams")


def test_hang_outlasts_client_timeout(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.faults.add("hang", max_count=1)  # default 60 s, ends when the client leaves
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        client.get("/teams", timeout=0.3)
    assert time.monotonic() - started < 5
    assert client.get("/teams").status_code == 200  # the server is not wedged


def test_latency(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.faults.add("latency", seconds=0.3, path="/teams$")
    started = time.monotonic()
    assert client.get("/teams").status_code == 200
    assert time.monotonic() - started >= 0.3


def test_every_nth_and_method_filter(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.faults.add("status", status=503, every=3, method="GET")
    statuses = [client.get("/teams").status_code for _ in range(6)]
    assert statuses == [200, 200, 503, 200, 200, 503]
    assert client.post("/teams/x/databases/y/query", json={"query": "1"}).status_code == 404


def test_probability_is_reproducible_with_seed(emu: NinoxEmulator, client: httpx.Client) -> None:
    def run() -> list[int]:
        emu.faults.clear()
        emu.faults.add("status", status=500, probability=0.5)
        return [client.get("/teams").status_code for _ in range(12)]

    first = run()
    assert first == run()
    assert {200, 500} == set(first)


def test_http_control_api_and_request_log(emu: NinoxEmulator, client: httpx.Client) -> None:
    with httpx.Client(base_url=emu.url) as ctl:
        _control_api(emu, client, ctl)


def _control_api(emu: NinoxEmulator, client: httpx.Client, ctl: httpx.Client) -> None:
    r = ctl.post(
        "/_emulator/faults",
        json={"kind": "status", "status": 500, "path": "/databases$", "max_count": 1},
    )
    assert r.status_code == 201
    rule = r.json()
    assert rule["id"] >= 1
    assert ctl.get("/_emulator/faults").json()[0]["kind"] == "status"
    assert ctl.post("/_emulator/faults", json={"kind": "nope"}).status_code == 400
    assert ctl.post("/_emulator/faults", json={"kind": "status", "bogus": 1}).status_code == 400
    assert ctl.post("/_emulator/faults", json={"kind": "status", "path": "("}).status_code == 400
    ctl.delete("/_emulator/requests")
    assert client.get("/teams/AcmeTeam4mPLY6DMs/databases").status_code == 500
    client.get("/teams", params={"x": "1"})
    log = ctl.get("/_emulator/requests").json()
    assert [(e["method"], e["path"], e["query"], e["status"]) for e in log] == [
        ("GET", "/v1/teams/AcmeTeam4mPLY6DMs/databases", "", 500),
        ("GET", "/v1/teams", "x=1", 200),
    ]
    assert log[0]["fault"] == "status"
    assert emu.requests() == log
    assert ctl.delete(f"/_emulator/faults/{rule['id']}").status_code == 200
    assert ctl.delete(f"/_emulator/faults/{rule['id']}").status_code == 404
    ctl.post("/_emulator/faults", json={"kind": "reset"})
    assert ctl.delete("/_emulator/faults").status_code == 200
    assert ctl.get("/_emulator/faults").json() == []
    assert ctl.get("/_emulator/health").json() == {"status": "ok"}


def test_http_reset_restores_data(emu: NinoxEmulator, client: httpx.Client) -> None:
    base = "/teams/AcmeTeam4mPLY6DMs/databases/crm0acme0001/tables/B/records"
    client.delete(base + "/1")
    assert client.get(base + "/1").status_code == 404
    assert httpx.post(emu.url + "/_emulator/reset").status_code == 200
    assert client.get(base + "/1").status_code == 200


def test_latency_added_after_a_status_rule_still_delays(
    emu: NinoxEmulator, client: httpx.Client
) -> None:
    alone = Faults()
    alone.add("status", status=503)
    alone.add("latency", seconds=0.1)
    assert [r.kind for r in alone.select("GET", "/v1/teams")] == ["latency", "status"]

    status = emu.faults.add("status", status=503, path="/teams$", max_count=1)
    latency = emu.faults.add("latency", seconds=0.3, path="/teams$", max_count=1)
    started = time.monotonic()
    assert client.get("/teams").status_code == 503
    assert time.monotonic() - started >= 0.3  # the latency rule slept before the status answer
    assert (status.fired, latency.fired) == (1, 1)


@pytest.mark.parametrize("bad", ["5", -1, True, 1.5])
def test_retry_after_seconds_is_checked_when_the_rule_is_added(
    emu: NinoxEmulator, client: httpx.Client, bad: object
) -> None:
    with pytest.raises(ValueError, match="retry_after_seconds"):
        emu.faults.add("status", status=429, retry_after="http-date", retry_after_seconds=bad)
    rule = {"kind": "status", "retry_after": "http-date", "retry_after_seconds": bad}
    r = httpx.post(emu.url + "/_emulator/faults", json=rule)
    assert r.status_code == 400
    assert "retry_after_seconds" in r.json()["message"]
    assert client.get("/teams").status_code == 200


def test_latency_waits_overlap(emu: NinoxEmulator) -> None:
    # The latency rule waits without blocking the server (an asyncio sleep, not a thread
    # sleep): requests delayed at the same time are all received and waiting together. The
    # request log shows it: an entry is added on arrival and gets its status once answered.
    emu.faults.add("latency", seconds=2.0, path="/teams$")
    headers = {"Authorization": f"Bearer {emu.token}"}
    pending_at_once = 0

    def get() -> int:
        return httpx.get(emu.base_url + "/teams", headers=headers, timeout=30).status_code

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(get) for _ in range(4)]
        while not all(f.done() for f in futures):
            log = [e for e in emu.requests() if e["path"] == "/v1/teams"]
            pending_at_once = max(pending_at_once, sum(e["status"] is None for e in log))
            time.sleep(0.01)
        assert [f.result() for f in futures] == [200] * 4
    assert pending_at_once == 4


RECORDS_B = "/teams/AcmeTeam4mPLY6DMs/databases/crm0acme0001/tables/B/records"


@pytest.mark.parametrize("include_work", [False, True])
def test_latency_with_include_work_handles_first_and_holds_the_answer(
    emu: NinoxEmulator, client: httpx.Client, include_work: bool
) -> None:
    # Plain latency waits, then handles: the write is not made before the delay is over.
    # include_work handles at once and holds the answer: the write is there while the caller
    # still waits; either way the answer comes no sooner than `seconds` after the request.
    emu.faults.add("latency", seconds=0.6, method="POST", include_work=include_work)
    before = len(client.get(RECORDS_B).json())
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        posted = pool.submit(client.post, RECORDS_B, json=[{"fields": {"First Name": "Held"}}])
        time.sleep(0.3)
        written_while_waiting = len(client.get(RECORDS_B).json()) == before + 1
        assert not posted.done()
        assert posted.result().status_code == 200
    assert time.monotonic() - started >= 0.6
    assert written_while_waiting is include_work
    assert len(client.get(RECORDS_B).json()) == before + 1


def test_include_work_latency_before_a_status_rule_still_delays(
    emu: NinoxEmulator, client: httpx.Client
) -> None:
    emu.faults.add("latency", seconds=0.3, path="/teams$", include_work=True)
    emu.faults.add("status", status=503, path="/teams$", max_count=1)
    started = time.monotonic()
    assert client.get("/teams").status_code == 503
    assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize(
    "rule",
    [
        {"kind": "status", "include_work": True},
        {"kind": "latency", "include_work": 1},
        {"kind": "latency", "include_work": "yes"},
    ],
)
def test_include_work_is_checked_when_the_rule_is_added(
    emu: NinoxEmulator, rule: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match="include_work"):
        emu.faults.add(**rule)  # type: ignore[arg-type]
    r = httpx.post(emu.url + "/_emulator/faults", json=rule)
    assert r.status_code == 400
    assert "include_work" in r.json()["message"]

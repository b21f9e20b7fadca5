"""Fault injection on the Ninox 4 emulator: the classic rules with Ninox 4 bodies."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from ninoxkit import APIConnectionError, BatchWriteError, InternalServerError, Ninox4
from ninoxkit.testing.v4 import Ninox4Emulator

from .conftest import CUSTOMERS, FULL, LOOPBACK, W

pytestmark = LOOPBACK


@pytest.fixture(scope="module")
def server() -> Iterator[Ninox4Emulator]:
    with Ninox4Emulator("sample", deterministic=True) as emu:
        yield emu


@pytest.fixture
def emu(server: Ninox4Emulator) -> Ninox4Emulator:
    server.reset()
    return server


def sdk(emu: Ninox4Emulator, **kwargs: object) -> Ninox4:
    return Ninox4(api_key=emu.token, workspace_id=emu.workspace.id, base_url=emu.url, **kwargs)  # type: ignore[arg-type]


def test_a_status_fault_answers_the_ninox4_error_body(emu: Ninox4Emulator) -> None:
    rule = emu.add_fault("status", status=503, path="/records$", max_count=1)
    with httpx.Client(base_url=emu.url, headers=FULL) as http:
        first = http.get(CUSTOMERS + "/records")
        second = http.get(CUSTOMERS + "/records")
    assert first.status_code == 503
    assert first.json() == {"error": {"message": "emulated fault: HTTP 503"}}
    assert second.status_code == 200
    assert rule.fired == 1


def test_429_carries_retry_after_and_the_sdk_waits_and_retries(emu: Ninox4Emulator) -> None:
    emu.add_fault("status", status=429, path="/modules$", max_count=1, retry_after=0)
    with httpx.Client(base_url=emu.url, headers=FULL) as http:
        assert http.get(W + "/modules").headers["retry-after"] == "0"
    emu.add_fault("status", status=429, path="/modules$", max_count=1, retry_after=0)
    with sdk(emu) as ninox:
        assert [m["name"] for m in ninox.modules.list()] == ["crm"]


def test_a_reset_connection_is_retried_for_reads_only(emu: Ninox4Emulator) -> None:
    emu.add_fault("reset", path="/tables/customers$", max_count=1)
    with sdk(emu) as ninox:
        assert ninox.tables.get(module="crm", table="customers")["name"] == "customers"
    emu.add_fault("status", status=500, path="/records$", method="POST", max_count=1)
    with sdk(emu) as ninox:
        with pytest.raises(BatchWriteError) as caught:
            ninox.records.create([{"name": "Once"}], module="crm", table="customers")
        names = [r["values"]["name"] for r in ninox.records.list(module="crm", table="customers")]
    assert isinstance(caught.value.__cause__, InternalServerError)
    assert "Once" not in names  # the 500 wrote nothing, and the create was not re-sent


def test_truncate_and_hang_are_connection_errors(emu: Ninox4Emulator) -> None:
    emu.add_fault("truncate", path="/modules$")
    emu.add_fault("hang", path="/functions$", seconds=5)
    with sdk(emu, max_retries=0, timeout=1) as ninox:
        with pytest.raises(APIConnectionError):
            ninox.modules.list()
        with pytest.raises(APIConnectionError):
            ninox.functions.list(module="crm")


def test_rules_over_http_and_reset_clears_them(emu: Ninox4Emulator) -> None:
    with httpx.Client(base_url=emu.url) as control:
        added = control.post("/_emulator/faults", json={"kind": "status", "status": 502})
        assert added.status_code == 201
        assert [r["status"] for r in control.get("/_emulator/faults").json()] == [502]
        bad = control.post("/_emulator/faults", json={"kind": "status", "colour": "red"})
        assert bad.status_code == 400
        assert "colour" in bad.json()["error"]["message"]
        assert control.get(W, headers=FULL).status_code == 502
        emu.reset()
        assert control.get("/_emulator/faults").json() == []
        assert control.get(W, headers=FULL).status_code == 200
        control.post("/_emulator/faults", json={"kind": "status", "status": 502})
        assert control.delete("/_emulator/faults").status_code == 204
        assert control.get(W, headers=FULL).status_code == 200


@pytest.mark.parametrize("include_work", [False, True])
def test_latency_with_include_work_writes_while_the_answer_is_held(
    emu: Ninox4Emulator, include_work: bool
) -> None:
    import time
    from concurrent.futures import ThreadPoolExecutor

    emu.add_fault("latency", seconds=0.6, method="POST", include_work=include_work)
    with httpx.Client(base_url=emu.url, headers=FULL) as http:
        before = len(http.get(CUSTOMERS + "/records").json()["data"])
        with ThreadPoolExecutor(1) as pool:
            started = time.monotonic()
            posted = pool.submit(
                http.post, CUSTOMERS + "/records", json={"records": [{"name": "Held"}]}
            )
            time.sleep(0.3)
            now = len(http.get(CUSTOMERS + "/records").json()["data"])
            assert not posted.done()
            assert posted.result().status_code < 300
        assert time.monotonic() - started >= 0.6
        assert (now == before + 1) is include_work

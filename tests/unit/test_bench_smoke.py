"""``scripts/bench`` machinery at a tiny size, and an emulator socket bug the benchmarks found.

No timings are asserted here (speed goals live in scripts/bench); the smoke test only checks
that a run produces every named figure, with plausible values.
"""

from __future__ import annotations

import http.cookiejar
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from ninoxkit import Ninox
from ninoxkit.testing import NinoxEmulator
from ninoxkit.testing import _server as emulator_server

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {
    "overhead_get_ratio",
    "overhead_page_ratio",
    "overhead_first_page_ratio",
    "list_100k_ratio",
    "list_peak_rss_mb_10k",
    "list_peak_rss_mb_100k",
    "bulk_write_10k",
    "async_fanout_speedup",
    "import_time_ratio",
    "regenerate_seconds",
    "latency_list_20k_ratio_50ms",
    "latency_list_20k_ratio_200ms",
    "latency_create_10k_ratio_50ms",
    "latency_create_10k_ratio_200ms",
    "latency_get_many_200_ratio",
    "latency_export_20k_ratio",
}


@pytest.mark.slow
def test_bench_tiny_json_has_every_named_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    # The bench runs in its own process (emulators in further ones); --no-peer: no pip here.
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--tiny", "--no-peer", "--json", out],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out.read_text())
    figures = result["figures"]
    assert set(figures) == FIGURES
    for name in FIGURES - {"bulk_write_10k"}:
        assert isinstance(figures[name], float), name
        assert figures[name] > 0, name
    writes = figures["bulk_write_10k"]
    records = writes["records"]
    assert writes["ninoxkit"]["requests"] == -(-records // writes["batch_size"])
    assert writes["httpx_batched"]["requests"] == writes["ninoxkit"]["requests"]
    assert writes["httpx_one_per_record"]["requests"] == records
    assert "--no-peer" in writes["pypi_ninox"]["skipped"]
    assert result["machine"]["cpus"] >= 1
    # The printed table names every figure too.
    for name in FIGURES:
        assert name in proc.stdout


@pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])
def test_emulator_connections_have_nagle_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by scripts/bench: without TCP_NODELAY on the accepted socket, every response after
    # the first on a kept-alive connection waited ~40 ms (Nagle vs. the client's delayed ACK),
    # so emulator-backed tests and benchmarks measured the kernel, not the code.
    seen: list[int] = []
    original = emulator_server._TransportH11Protocol.connection_made

    def spy(self: Any, transport: Any) -> None:
        sock = transport.get_extra_info("socket")
        seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        original(self, transport)

    monkeypatch.setattr(emulator_server._TransportH11Protocol, "connection_made", spy)
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        headers = {"Authorization": f"Bearer {emu.token}"}
        with httpx.Client(base_url=emu.base_url, headers=headers) as client:
            assert client.get("/teams").status_code == 200
            assert client.get("/teams").status_code == 200
    assert seen, "no connection was accepted"
    assert all(seen), "TCP_NODELAY is off on the emulator's connections"


def test_cookie_parsing_only_where_a_response_sets_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by scripts/bench (overhead_get_ratio): each response was cookie-parsed twice, by
    # ninoxkit's own client and by the inner one (~15 µs each, a tenth of a records.get()).
    # ninoxkit's clients now skip the parse when no Set-Cookie header came; cookies still work.
    parsed: list[int] = []
    original = http.cookiejar.CookieJar.extract_cookies

    def spy(self: http.cookiejar.CookieJar, response: Any, request: Any) -> None:
        parsed.append(1)
        original(self, response, request)

    monkeypatch.setattr(http.cookiejar.CookieJar, "extract_cookies", spy)
    sent: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("cookie"))
        headers = {"content-type": "application/json"}
        if len(sent) == 1:
            headers["set-cookie"] = "lb=node7; Path=/"
        return httpx.Response(200, content=b'{"id": 1, "fields": {}}', headers=headers)

    user_client = httpx.Client(transport=httpx.MockTransport(handler))
    with (
        user_client,
        Ninox(
            api_key="k", base_url="http://127.0.0.1:9/v1", team_id="t", database_id="d",
            http_client=user_client,
        ) as ninox,
    ):  # fmt: skip
        ninox.records.get(record_id=1, table="A")
        parsed.clear()
        assert ninox.records.get(record_id=1, table="A").id == 1
        assert ninox.records.get(record_id=1, table="A").id == 1
    assert sent == [None, "lb=node7", "lb=node7"]  # the cookie is still kept and sent back
    assert len(parsed) == 2  # once per response (the user's client), not twice

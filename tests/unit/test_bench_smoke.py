"""``scripts/bench`` machinery at a tiny size, and an emulator socket bug the benchmarks found.

No timings are asserted here (speed goals live in scripts/bench); the smoke test only checks
that a run produces every named figure, with plausible values.
"""

from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest
from ninoxkit.testing import NinoxEmulator
from ninoxkit.testing import _server as emulator_server


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

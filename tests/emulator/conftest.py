"""Shared fixtures: one emulator server per module, data reset before each test.

pytest-recording's ``--block-network`` (project addopts) would refuse the loopback connections,
so every test here allows exactly the loopback hosts via ``block_network(allowed_hosts=...)``.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from ninoxkit.testing import NinoxEmulator

TEAM = "AcmeTeam4mPLY6DMs"
DB = "crm0acme0001"
P = f"/teams/{TEAM}/databases/{DB}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/emulator" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"]))


@pytest.fixture(scope="module")
def server() -> Iterator[NinoxEmulator]:
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        yield emu


@pytest.fixture
def emu(server: NinoxEmulator) -> NinoxEmulator:
    server.reset()
    return server


@pytest.fixture
def client(emu: NinoxEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=emu.base_url, headers={"Authorization": f"Bearer {emu.token}"}, timeout=10
    ) as c:
        yield c

"""Shared fixtures: one emulator server per module, data reset before each test.

Loopback is allowed under ``--block-network`` for every test here (``tests/conftest.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from ninoxkit.testing import NinoxEmulator

TEAM = "AcmeTeam4mPLY6DMs"
DB = "crm0acme0001"
P = f"/teams/{TEAM}/databases/{DB}"


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

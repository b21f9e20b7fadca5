"""Fixtures for the Ninox 4 emulator: one loopback server per module, data reset per test.

``--block-network`` is relaxed to exactly the loopback host by ``pytestmark`` in each module
(this directory is not among the suite's ``LOOPBACK_DIRS``).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from ninoxkit.testing.v4 import Ninox4Emulator, Workspace

WS = "5rdco4s18swu"
W = f"/api/v1/workspace/{WS}"
CRM = W + "/modules/crm"
CUSTOMERS = CRM + "/tables/customers"
FULL = {"Authorization": "Bearer ninox4-emulator-key"}
READ = {"Authorization": "Bearer ninox4-emulator-read-key"}
RECORDS_ONLY = {"Authorization": "Bearer ninox4-emulator-records-key"}
LOOPBACK = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])


@pytest.fixture(scope="module")
def server() -> Iterator[Ninox4Emulator]:
    with Ninox4Emulator("sample", deterministic=True) as emu:
        yield emu


@pytest.fixture
def ws(server: Ninox4Emulator) -> Workspace:
    server.reset()
    return server.workspace


@pytest.fixture
def anon(server: Ninox4Emulator, ws: Workspace) -> Iterator[httpx.Client]:
    """A client without a key."""
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


@pytest.fixture
def http(server: Ninox4Emulator, ws: Workspace) -> Iterator[httpx.Client]:
    """A client with the full-scope key of the sample workspace."""
    with httpx.Client(base_url=server.url, headers=FULL, timeout=10) as client:
        yield client

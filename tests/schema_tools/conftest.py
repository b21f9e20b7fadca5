"""Fixtures for the schema tools: emulators on 127.0.0.1 (one per module), clients on them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from ninoxkit import Ninox
from ninoxkit.testing import NinoxEmulator

TEAM = "AcmeTeam4mPLY6DMs"
DB = "crm0acme0001"
ITEMS_TEAM = "ItemsTeam0000001"
ITEMS_DB = "items0000001"

#: One table with every field type the query builder's property test draws values for; names
#: with spaces and punctuation, so quoting of identifiers is exercised too.
ITEMS_FIXTURE: dict[str, Any] = {
    "teams": [
        {
            "id": ITEMS_TEAM,
            "name": "Items",
            "databases": [
                {
                    "id": ITEMS_DB,
                    "name": "Items",
                    "tables": [
                        {
                            "name": "Item List",
                            "fields": [
                                {"name": "Full Name", "type": "string"},
                                {"name": "Score (pts)", "type": "number"},
                                {"name": "Active", "type": "boolean"},
                                {"name": "Day", "type": "date"},
                                {"name": "Kind", "type": "choice", "choices": ["A b", "C", "D"]},
                                {"name": "At", "type": "timestamp"},
                                {"name": "Took", "type": "timeinterval"},
                            ],
                            "records": [],
                        }
                    ],
                }
            ],
        }
    ]
}


@pytest.fixture(scope="module")
def crm_server() -> Iterator[NinoxEmulator]:
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        yield emu


@pytest.fixture
def crm(crm_server: NinoxEmulator) -> Iterator[Ninox]:
    crm_server.reset()
    with Ninox(
        api_key=crm_server.token, base_url=crm_server.base_url, team_id=TEAM, database_id=DB
    ) as client:
        yield client


@pytest.fixture(scope="module")
def items_server() -> Iterator[NinoxEmulator]:
    with NinoxEmulator(fixture=ITEMS_FIXTURE, deterministic=True) as emu:
        yield emu


@pytest.fixture(scope="module")
def items_client(items_server: NinoxEmulator) -> Iterator[Ninox]:
    with Ninox(
        api_key=items_server.token,
        base_url=items_server.base_url,
        team_id=ITEMS_TEAM,
        database_id=ITEMS_DB,
    ) as client:
        yield client

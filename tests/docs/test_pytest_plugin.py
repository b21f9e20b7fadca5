"""The pytest plugin's fixtures as the testing recipes in docs/ use them (run by pytester)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

TESTS = """
import pytest
from ninoxkit import AsyncNinox, Ninox

PORTS = set()


def test_one_server_for_the_session(ninox_emulator, ninox_client):
    PORTS.add(ninox_emulator.port)
    assert isinstance(ninox_client, Ninox)
    contacts = ninox_client.database().table("Contacts")
    assert len(contacts.list().to_list()) == 5
    contacts.create([{"First Name": "Extra"}])
    assert len(contacts.list().to_list()) == 6


def test_each_test_starts_from_the_same_data(ninox_emulator, ninox_client):
    PORTS.add(ninox_emulator.port)
    assert len(PORTS) == 1
    assert len(ninox_client.records.list(table="Contacts").to_list()) == 5
    assert ninox_emulator.requests()[-1]["method"] == "GET"
    assert len(ninox_emulator.requests()) <= 3


async def test_async_client(async_ninox_client):
    assert isinstance(async_ninox_client, AsyncNinox)
    record = await async_ninox_client.records.get(record_id=5, table="Contacts")
    assert record.fields["First Name"] == "Mei"


def test_seed_from_yaml_mid_test(ninox_seed, ninox_client, tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(
        "teams:\\n"
        "  - {id: t1, name: T, databases: [{id: d1, name: D, tables: "
        "[{name: Items, fields: [{name: Name, type: string}], records: [{Name: a}]}]}]}\\n"
    )
    emulator = ninox_seed(path)
    with Ninox(api_key=emulator.token, base_url=emulator.base_url) as ninox:
        items = ninox.database(team_id="t1", database_id="d1").table("Items")
        assert [r.fields["Name"] for r in items.list()] == ["a"]


class TestOwnData:
    @pytest.fixture
    def ninox_data(self):
        return {"teams": [{"id": "t2", "name": "T", "databases": [{"id": "d2", "name": "D",
                "tables": [{"name": "Notes", "fields": [{"name": "Text", "type": "string"}],
                            "records": [{"Text": "x"}, {"Text": "y"}]}]}]}]}

    def test_clients_see_the_seeded_data(self, ninox_client):
        notes = ninox_client.records.list(table="Notes").to_list()
        assert [r.fields["Text"] for r in notes] == ["x", "y"]


def test_back_to_the_session_data_after_a_seed(ninox_client):
    assert ninox_client.teams.list()[0].name == "Acme"


@pytest.mark.ninox_emulator(fixture=None, token="abc")
def test_a_marker_gets_its_own_server(ninox_emulator):
    assert ninox_emulator.token == "abc"
    assert ninox_emulator.port not in PORTS
"""


@pytest.mark.slow
def test_plugin_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["ninoxkit.testing.pytest_plugin"]\n')
    pytester.makepyfile(test_recipes=TESTS)
    pytester.makeini(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
        "filterwarnings = error\n"
    )
    result = pytester.runpytest_subprocess(
        "--block-network", "-p", "no:cacheprovider", "-p", "no:randomly"
    )
    result.assert_outcomes(passed=7)

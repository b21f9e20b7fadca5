"""Issue #16 item 3: traps a newcomer falls into in the first hour, each with what fixes it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from ninoxkit import AsyncNinox, ConfigurationError, InvalidArgumentError, Ninox, NotFoundError
from ninoxkit.testing import NinoxEmulator

# -- a base URL without /v1 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("https://api.ninox.com", "https://api.ninox.com/v1"),
        ("https://api.ninox.com/", "https://api.ninox.com/v1"),
        ("https://acme.ninox.com", "https://acme.ninox.com/v1"),  # private cloud
        ("https://10.0.0.5:8443", "https://10.0.0.5:8443/v1"),  # on-premises, IP and port
        ("https://api.ninox.com/v1/", "https://api.ninox.com/v1"),
    ],
)
def test_a_bare_host_means_its_v1(given: str, used: str) -> None:
    """Used to be taken as the API root itself: every request then got a bare 404."""
    assert Ninox(api_key="k", base_url=given).base_url == used
    assert AsyncNinox(api_key="k", base_url=given).base_url == used
    assert Ninox(api_key="k").with_options(base_url=given).base_url == used


def _not_found(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404, request=request)


def test_a_404_under_a_base_url_without_v1_says_where_the_api_is() -> None:
    with (
        httpx.Client(transport=httpx.MockTransport(_not_found)) as http,
        Ninox(api_key="k", base_url="https://ninox.example.org/api", http_client=http) as client,
        pytest.raises(NotFoundError) as caught,
    ):
        client.teams.list()
    assert "does not end in /v1" in str(caught.value)
    assert "base_url='https://ninox.example.org/v1'" in str(caught.value)


def test_a_404_under_v1_gets_no_hint() -> None:
    async def run() -> NotFoundError:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(_not_found)) as http,
            AsyncNinox(api_key="k", base_url="https://api.ninox.com/v1", http_client=http) as c,
        ):
            try:
                await c.teams.list()
            except NotFoundError as exc:
                return exc
        raise AssertionError("no 404")

    assert "/v1" not in asyncio.run(run()).message


# -- downloading into a folder that does not exist -----------------------------------------


def _never(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"nothing may be sent, got {request.method} {request.url}")


@pytest.mark.parametrize("where", ["missing/notes.txt", "afile/notes.txt", "."])
def test_a_download_to_a_path_that_cannot_be_written_is_refused_before_sending(
    tmp_path: Path, where: str
) -> None:
    """Used to fail after the table was resolved, with a FileNotFoundError naming a hidden
    ``.notes.txt.1a2b3c4d.part`` file the user never asked for."""
    (tmp_path / "afile").write_text("a file, not a folder")
    target = tmp_path / where
    with (
        httpx.Client(transport=httpx.MockTransport(_never)) as http,
        Ninox(api_key="k", http_client=http, team_id="t", database_id="d") as client,
        pytest.raises(InvalidArgumentError) as caught,
    ):
        client.files.download(record_id=5, file_name="notes.txt", table="Contacts", to=target)
    message = str(caught.value)
    assert ".part" not in message
    assert "cannot download to" in message
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["afile"]  # no stray file


def test_an_async_download_to_a_missing_folder_is_refused_before_sending(tmp_path: Path) -> None:
    async def run() -> None:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(_never)) as http,
            AsyncNinox(api_key="k", http_client=http, team_id="t", database_id="d") as client,
        ):
            await client.files.download(
                record_id=5, file_name="notes.txt", table="B", to=tmp_path / "no" / "x.txt"
            )

    with pytest.raises(InvalidArgumentError, match="does not exist; create it first"):
        asyncio.run(run())
    assert list(tmp_path.iterdir()) == []


# -- database() when the key reaches one team and one database ------------------------------


def _teams_and_databases(teams: dict[str, list[str]]) -> httpx.MockTransport:
    """A server whose key reaches ``teams`` (team id -> database ids); it counts requests."""

    def answer(request: httpx.Request) -> httpx.Response:
        parts = request.url.path.strip("/").split("/")  # v1, teams[, id, databases]
        if parts[1:] == ["teams"]:
            return httpx.Response(200, json=[{"id": t, "name": f"Team {t}"} for t in teams])
        if len(parts) == 4 and parts[3] == "databases":
            dbs = teams[parts[2]]
            return httpx.Response(200, json=[{"id": d, "name": f"DB {d}"} for d in dbs])
        return httpx.Response(404, json={"message": "not here"})

    return httpx.MockTransport(answer)


@pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])
def test_database_picks_the_only_team_and_database_the_key_reaches() -> None:
    """Used to raise "team_id is required" although the CLI finds both ids by itself."""
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        with Ninox(api_key=emu.token, base_url=emu.base_url) as ninox:
            db = ninox.database()
            assert (db.team_id, db.database_id) == ("AcmeTeam4mPLY6DMs", "crm0acme0001")
            assert db.table("Contacts").get(record_id=1).fields["First Name"] == "Lisa"

        async def run() -> tuple[str, str]:
            async with AsyncNinox(api_key=emu.token, base_url=emu.base_url) as client:
                with pytest.raises(ConfigurationError, match=r"await client\.discover_database"):
                    client.database()  # not awaited: it cannot look the ids up
                found = await client.discover_database()
                return found.team_id, found.database_id

        assert asyncio.run(run()) == ("AcmeTeam4mPLY6DMs", "crm0acme0001")


@pytest.mark.parametrize(
    ("teams", "given", "expected"),
    [
        (
            {"t1": ["d1"], "t2": ["d2"]},
            {},
            "reaches 2 teams: t1 (Team t1), t2 (Team t2)",
        ),
        ({"t1": ["d1", "d2"]}, {}, "reaches 2 databases in team t1: d1 (DB d1), d2 (DB d2)"),
        ({}, {}, "team_id is required: the API key reaches no team"),
        ({"t1": []}, {"team_id": "t1"}, "database_id is required: the API key reaches no database"),
    ],
)
def test_database_lists_the_candidates_when_it_cannot_pick(
    teams: dict[str, list[str]], given: dict[str, str], expected: str
) -> None:
    with (
        httpx.Client(transport=_teams_and_databases(teams)) as http,
        Ninox(api_key="k", http_client=http) as ninox,
        pytest.raises(ConfigurationError) as caught,
    ):
        ninox.database(**given)
    assert expected in str(caught.value)
    assert "pass " in str(caught.value)  # and says how to name it


def test_database_with_both_ids_sends_nothing_and_a_given_id_is_kept() -> None:
    with (
        httpx.Client(transport=httpx.MockTransport(_never)) as http,
        Ninox(api_key="k", http_client=http, team_id="t9", database_id="d9") as ninox,
    ):
        assert ninox.database().database_id == "d9"
    with (
        httpx.Client(transport=_teams_and_databases({"t1": ["d1"], "t2": ["d2"]})) as http,
        Ninox(api_key="k", http_client=http) as ninox,
    ):
        db = ninox.database(team_id="t2")  # only the database is looked up, in team t2
        assert (db.team_id, db.database_id) == ("t2", "d2")

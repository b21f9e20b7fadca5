"""Teams and databases (listTeams, getTeam, listDatabases, getDatabase) over cassettes."""

from __future__ import annotations

import pytest
from ninoxkit import AsyncNinox

from tests.resources.recording import CANONICAL_DATABASE_ID, CANONICAL_TEAM_ID, Session


@pytest.mark.asyncio
async def test_list_teams(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        teams = await client.teams.list()
    assert CANONICAL_TEAM_ID in [team.id for team in teams]


@pytest.mark.asyncio
async def test_get_team(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        team = await client.teams.get()
    assert team.id == CANONICAL_TEAM_ID
    assert team.name


@pytest.mark.asyncio
async def test_list_databases(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        databases = await client.databases.list()
    assert CANONICAL_DATABASE_ID in [db.id for db in databases]


@pytest.mark.asyncio
async def test_database_schema(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        raw = await client.databases.get()
        schema = await client.databases.schema()
    assert raw.schema is not None
    contacts = schema.table("Contacts")
    assert contacts.id == "B"
    assert set(contacts.field("Status").choices.values()) >= {"Lead", "Customer"}

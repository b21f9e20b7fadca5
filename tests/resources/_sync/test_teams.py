# Written by scripts/unasync.py from tests/resources/_async/test_teams.py.
# Do not edit: edit the source and re-run the script.
"""Teams and databases (listTeams, getTeam, listDatabases, getDatabase) over cassettes."""

from __future__ import annotations

from ninoxkit import Ninox

from tests.resources.recording import CANONICAL_DATABASE_ID, CANONICAL_TEAM_ID, Session


def test_list_teams(target: Session) -> None:
    with Ninox(**target.options()) as client:
        teams = client.teams.list()
    assert CANONICAL_TEAM_ID in [team.id for team in teams]


def test_get_team(target: Session) -> None:
    with Ninox(**target.options()) as client:
        team = client.teams.get()
    assert team.id == CANONICAL_TEAM_ID
    assert team.name


def test_list_databases(target: Session) -> None:
    with Ninox(**target.options()) as client:
        databases = client.databases.list()
    assert CANONICAL_DATABASE_ID in [db.id for db in databases]


def test_database_schema(target: Session) -> None:
    with Ninox(**target.options()) as client:
        raw = client.databases.get()
        schema = client.databases.schema()
    assert raw.schema is not None
    contacts = schema.table("Contacts")
    assert contacts.id == "B"
    assert set(contacts.field("Status").choices.values()) >= {"Lead", "Customer"}

# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/databases.py.
# Do not edit: edit the source and re-run the script.
"""``client.databases``: the databases of a team and their schema (reference §4.3–§4.4)."""

from __future__ import annotations

from ninox_api.api.databases import get_database, list_databases
from ninox_api.models import Database, DatabaseSchema

from ninoxkit._schema import Schema
from ninoxkit._sync._resource import APIResource
from ninoxkit._validate import check_id

__all__ = ["Databases"]


class Databases(APIResource):
    """Databases of a team."""

    def list(self, *, team_id: str | None = None) -> list[Database]:
        """List the databases of a team (default: the client's ``team_id``).

        Args:
            team_id: Team id; default: the client's ``team_id``.
        """
        team = check_id("team_id", self._team_id(team_id))
        response = self._call(list_databases.sync_detailed, team)
        return self._parsed_list(response, Database)

    def get(self, *, team_id: str | None = None, database_id: str | None = None) -> DatabaseSchema:
        """Get a database's settings and raw schema (tables as ``types``, fields, choices).

        See :meth:`schema` for the parsed, searchable form.

        Args:
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        response = self._call(get_database.sync_detailed, team, db)
        return self._parsed(response, DatabaseSchema)

    def schema(self, *, team_id: str | None = None, database_id: str | None = None) -> Schema:
        """The database's tables and fields, parsed: look up by id or caption, with types and
        choice options (reference §4.4, §7.4).

        Args:
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Example:
            >>> schema = client.databases.schema()  # doctest: +SKIP
            >>> schema.table("Contacts").field("Status").choices  # doctest: +SKIP
            {'1': 'Lead', '2': 'Customer'}
        """
        raw = self.get(team_id=team_id, database_id=database_id)
        return Schema.from_database(raw.to_dict())

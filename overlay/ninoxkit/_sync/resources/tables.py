# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/tables.py.
# Do not edit: edit the source and re-run the script.
"""``client.tables``: tables with their fields (reference §4.7–§4.8)."""

from __future__ import annotations

from ninox_api.api.tables import get_table, list_tables
from ninox_api.models import Table

from ninoxkit._sync._resource import APIResource

__all__ = ["Tables"]


class Tables(APIResource):
    """Tables of a database."""

    def list(self, *, team_id: str | None = None, database_id: str | None = None) -> list[Table]:
        """List the tables of a database, each with its fields.

        Args:
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        response = self._call(list_tables.sync_detailed, team, db)
        return self._parsed_list(response, Table)

    def get(
        self, *, table: str, team_id: str | None = None, database_id: str | None = None
    ) -> Table:
        """Get one table by id or caption (captions are resolved through :meth:`list`, cached).

        Args:
            table: Table id or caption.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        tid = self._table_id(table, team, db)
        response = self._call(get_table.sync_detailed, team, db, tid)
        return self._parsed(response, Table)

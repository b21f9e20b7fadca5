# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/teams.py.
# Do not edit: edit the source and re-run the script.
"""``client.teams``: teams, which the Ninox app calls workspaces (reference §4.1–§4.2)."""

from __future__ import annotations

from ninox_api.api.teams import get_team, list_teams
from ninox_api.models import Team

from ninoxkit._sync._resource import APIResource
from ninoxkit._validate import check_id

__all__ = ["Teams"]


class Teams(APIResource):
    """The teams the API key can reach."""

    def list(self) -> list[Team]:
        """List all teams (workspaces) of the key's user.

        Returns:
            The teams. Private clouds of 2021 were reported not to offer this (reference §1).
        """
        response = self._call(list_teams.sync_detailed)
        return self._parsed_list(response, Team)

    def get(self, *, team_id: str | None = None) -> Team:
        """Get one team (default: the client's ``team_id``).

        Args:
            team_id: Team id; default: the client's ``team_id``.

        Raises:
            NotFoundError: no such team.
        """
        team = check_id("team_id", self._team_id(team_id))
        response = self._call(get_team.sync_detailed, team)
        return self._parsed(response, Team)

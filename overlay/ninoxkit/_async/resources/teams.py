"""``client.teams``: teams, which the Ninox app calls workspaces (reference §4.1–§4.2)."""

from __future__ import annotations

from ninox_api.api.teams import get_team, list_teams
from ninox_api.models import Team

from ninoxkit._async._resource import AsyncAPIResource
from ninoxkit._validate import check_id

__all__ = ["AsyncTeams"]


class AsyncTeams(AsyncAPIResource):
    """The teams the API key can reach."""

    async def list(self) -> list[Team]:
        """List all teams (workspaces) of the key's user.

        Returns:
            The teams. Private clouds of 2021 were reported not to offer this (reference §1).
        """
        response = await self._call(list_teams.asyncio_detailed)
        return self._parsed_list(response, Team)

    async def get(self, *, team_id: str | None = None) -> Team:
        """Get one team (default: the client's ``team_id``).

        Args:
            team_id: Team id; default: the client's ``team_id``.

        Raises:
            NotFoundError: no such team.
        """
        team = check_id("team_id", self._team_id(team_id))
        response = await self._call(get_team.asyncio_detailed, team)
        return self._parsed(response, Team)

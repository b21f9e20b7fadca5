"""``client.scripts``: evaluate NX scripts, read-only (``query``) or writable (``exec``) (§4.6).

Build scripts from user data with :mod:`ninoxkit.nx`, never with string formatting.
"""

from __future__ import annotations

from typing import Any

from ninox_api.api.query import evaluate_query, exec_script, run_query
from ninox_api.models import QueryRequest

from ninoxkit._async._resource import AsyncAPIResource
from ninoxkit._constants import MAX_QUERY_URL_LENGTH
from ninoxkit._exceptions import InvalidArgumentError
from ninoxkit._validate import check_text

__all__ = ["AsyncScripts"]


def _check_script(script: object) -> str:
    if not isinstance(script, str) or not script.strip():
        raise InvalidArgumentError("the NX script must be a non-empty string")
    return check_text("script", script)


class AsyncScripts(AsyncAPIResource):
    """NX script evaluation in one database."""

    async def query(
        self, script: str, *, team_id: str | None = None, database_id: str | None = None
    ) -> Any:
        """Evaluate a read-only NX script and return its value as plain JSON.

        Short scripts go as ``GET …/query?query=``; longer ones as ``POST …/query`` so the URL
        stays well below common limits. Both are read-only and safe to retry.

        Args:
            script: The NX script (put values into it with :mod:`ninoxkit.nx`, never by string
                formatting).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            A number, string, bool, list (possibly nested) or ``None``. Records come back as
            references such as ``"A6"``: see :meth:`ninoxkit.nx.record_ref` and
            :meth:`AsyncTable.records_from_refs <ninoxkit.AsyncTable.records_from_refs>`.
        """
        nx = _check_script(script)
        team, db = self._ids(team_id, database_id)
        if len(self._client.base_url) + 120 + 3 * len(nx.encode()) <= MAX_QUERY_URL_LENGTH:
            response = await self._call(evaluate_query.asyncio_detailed, team, db, query=nx)
        else:
            response = await self._call(
                run_query.asyncio_detailed,
                team,
                db,
                body=QueryRequest(query=nx),
                idempotent=True,  # read-only (§4.6): repeating it changes nothing
            )
        return self._json(response)

    async def exec(
        self, script: str, *, team_id: str | None = None, database_id: str | None = None
    ) -> Any:
        """Execute an NX script that may write (create, change, delete records).

        Never re-sent once the request may have reached Ninox: if the answer is lost you get
        :class:`~ninoxkit.OutcomeUnknownError` and must check the data before running it again.

        Args:
            script: The NX script (put values into it with :mod:`ninoxkit.nx`, never by string
                formatting).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            The script's value as plain JSON.
        """
        nx = _check_script(script)
        team, db = self._ids(team_id, database_id)
        response = await self._call(
            exec_script.asyncio_detailed, team, db, body=QueryRequest(query=nx), idempotent=False
        )
        return self._json(response)

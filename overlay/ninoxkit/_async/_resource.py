"""Base class for resource namespaces (``client.records``, ``client.tables``, ...).

A resource module lives in ``ninoxkit/_async/resources/<tag>.py`` and looks like::

    from ninox_api.api.records import get_record

    class AsyncRecords(AsyncAPIResource):
        async def get(self, *, table: str, record_id: int, team_id: str | None = None,
                      database_id: str | None = None) -> Record:
            response = await self._call(
                get_record.asyncio_detailed,
                self._team_id(team_id), self._database_id(database_id), table, record_id,
            )
            return response.parsed

and is attached to :class:`AsyncNinox` as a ``functools.cached_property`` that imports the module
lazily. ``unasync`` writes the sync twin (``Records``) from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from ninox_api.types import Response

from ninoxkit._config import TimeoutTypes
from ninoxkit._types import NOT_GIVEN, AsyncOperation, NotGiven

if TYPE_CHECKING:
    from ninoxkit._async._client import AsyncNinox

__all__ = ["AsyncAPIResource"]

_T = TypeVar("_T")


class AsyncAPIResource:
    """Holds the client and forwards to its seams.

    Args:
        client: The facade this resource belongs to.
    """

    def __init__(self, client: AsyncNinox) -> None:
        self._client = client

    def _team_id(self, team_id: str | None) -> str:
        return self._client._team_id(team_id)

    def _database_id(self, database_id: str | None) -> str:
        return self._client._database_id(database_id)

    async def _call(
        self,
        op: AsyncOperation[_T],
        *args: Any,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        # An HTTP timeout that httpx enforces per request, not a cancel scope.
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,  # noqa: ASYNC109
        **kwargs: Any,
    ) -> Response[_T]:
        return await self._client._call(
            op,
            *args,
            idempotent=idempotent,
            max_retries=max_retries,
            timeout=timeout,
            **kwargs,
        )

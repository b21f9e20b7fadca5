# Written by scripts/unasync.py from overlay/ninoxkit/_async/_resource.py.
# Do not edit: edit the source and re-run the script.
"""Base class for resource namespaces (``client.records``, ``client.tables``, ...).

A resource module lives in ``ninoxkit/_sync/resources/<tag>.py`` and looks like::

    from ninox_api.api.records import get_record

    class Records(APIResource):
        def get(self, *, table: str, record_id: int, team_id: str | None = None,
                      database_id: str | None = None) -> Record:
            response = self._call(
                get_record.sync_detailed,
                self._team_id(team_id), self._database_id(database_id), table, record_id,
            )
            return response.parsed

and is attached to :class:`Ninox` as a ``functools.cached_property`` that imports the module
lazily. ``unasync`` writes the sync twin (``Records``) from it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from ninox_api.models import TableRecord as Record
from ninox_api.types import Response

from ninoxkit._config import TimeoutTypes
from ninoxkit._exceptions import APIResponseValidationError, validation_error
from ninoxkit._models import converted_record
from ninoxkit._schema import Schema, TableInfo
from ninoxkit._types import NOT_GIVEN, NotGiven, Operation
from ninoxkit._validate import check_id, check_record_id

if TYPE_CHECKING:
    from ninoxkit._sync._client import Ninox

__all__ = ["APIResource"]

_T = TypeVar("_T")
_M = TypeVar("_M")

#: Table ids are upper-case letters (``A`` … ``Z``, ``AA`` …; reference §7.2). Anything else is
#: a caption and is resolved through the cached table list first.
_TABLE_ID = re.compile(r"[A-Z]{1,3}")


class APIResource:
    """Holds the client and forwards to its seams.

    Args:
        client: The facade this resource belongs to.
    """

    def __init__(self, client: Ninox) -> None:
        self._client = client

    def _team_id(self, team_id: str | None) -> str:
        return self._client._team_id(team_id)

    def _database_id(self, database_id: str | None) -> str:
        return self._client._database_id(database_id)

    def _call(
        self,
        op: Operation[_T],
        *args: Any,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        # An HTTP timeout that httpx enforces per request, not a cancel scope.
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        **kwargs: Any,
    ) -> Response[_T]:
        """Run a generated operation: :meth:`Ninox._run_operation` (the call path is drawn
        in :mod:`ninoxkit._pipeline`)."""
        return self._client._run_operation(
            op,
            *args,
            idempotent=idempotent,
            max_retries=max_retries,
            timeout=timeout,
            **kwargs,
        )

    # -- helpers shared by every resource (no I/O except the schema lookup) ---------------

    def _ids(self, team_id: str | None, database_id: str | None) -> tuple[str, str]:
        """The team and database ids of a call (argument, else client default), checked."""
        return (
            check_id("team_id", self._team_id(team_id)),
            check_id("database_id", self._database_id(database_id)),
        )

    def _schema(self, team: str, db: str) -> Schema:
        return self._client._schema_for(team, db)

    def _table_id(self, table: str, team: str, db: str) -> str:
        """Resolve a table id or caption to the id (captions through the cached table list).

        Raises:
            UnknownNameError: no table has this caption; the message lists close matches.
        """
        name = check_id("table", table)
        if _TABLE_ID.fullmatch(name):
            return name
        return (self._schema(team, db)).table(name).id

    def _record_path(
        self, record_id: int, table: str, team_id: str | None, database_id: str | None
    ) -> tuple[str, str, str, int]:
        """Team, database and table ids and the checked record id of a one-record call."""
        rid = check_record_id(record_id)
        team, db = self._ids(team_id, database_id)
        tid = self._table_id(table, team, db)
        return team, db, tid, rid

    def _parsed(self, response: Response[Any], model: type[_M]) -> _M:
        """The parsed body, checked to be a ``model`` (a 2xx body of another shape is an error)."""
        parsed = response.parsed
        if not isinstance(parsed, model):
            raise self._shape_error(
                response, f"expected {model.__name__}, got {type(parsed).__name__}"
            )
        return parsed

    def _parsed_list(self, response: Response[Any], model: type[_M]) -> list[_M]:
        """The parsed body, checked to be a list of ``model``."""
        parsed = response.parsed
        if not isinstance(parsed, list) or not all(isinstance(x, model) for x in parsed):
            raise self._shape_error(response, f"expected a list of {model.__name__}")
        return parsed

    def _json(self, response: Response[Any]) -> Any:
        """An any-JSON body as plain Python (an empty body is ``None``; reference §4.6)."""
        if not response.content.strip():
            return None
        return response.parsed

    def _shape_error(
        self, response: Response[Any] | httpx.Response, why: str
    ) -> APIResponseValidationError:
        # An httpx response (from ``_send``) also names the request; a generated one cannot.
        if isinstance(response, httpx.Response):
            return validation_error(why, response)
        return validation_error(why, status_code=int(response.status_code), body=response.content)

    @staticmethod
    def _decode_record(record: Record, info: TableInfo) -> Record:
        """A copy of ``record`` with field values converted to Python types and typed
        metadata (a :class:`~ninoxkit.types.ConvertedRecord`)."""
        return converted_record(record, info.decode(record.fields.additional_properties))

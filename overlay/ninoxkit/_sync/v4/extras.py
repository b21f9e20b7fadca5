# Written by scripts/unasync.py from overlay/ninoxkit/_async/v4/extras.py.
# Do not edit: edit the source and re-run the script.
"""Ninox 4 scripts, views, reports and global functions (live-document operations, §3.2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ninox4_api.api.functions import list_functions
from ninox4_api.api.reports import get_report, list_reports, print_report
from ninox4_api.api.scripts import exec_script
from ninox4_api.api.views import get_view, list_views

from ninoxkit._exceptions import InvalidArgumentError
from ninoxkit._sync.v4._base import Base4, check_name, check_text_id
from ninoxkit._sync.v4._values import to_record_id

__all__ = ["Functions4", "Reports4", "Scripts4", "Views4"]

Json = dict[str, Any]
#: One print call takes at most 250 records (reference ninox4 §3.2).
MAX_PRINT_RECORDS = 250


class Scripts4(Base4):
    """``client.scripts``: run NX script in a module."""

    def exec(
        self,
        script: str,
        *,
        module: str,
        table: str | None = None,
        record_id: int | str | None = None,
    ) -> Any:
        """Run a script with writes and triggers on (needs scope ``records:write``).

        Never re-sent once the request may have reached Ninox: a lost answer raises
        :class:`~ninoxkit.OutcomeUnknownError`; check the data before running it again.

        Args:
            script: NX source.
            module: The module it runs in (``do as database`` stays inside it).
            table: Context table (for ``this``).
            record_id: Context record (needs ``table``).

        Returns:
            The script's value as plain JSON (``None`` for ``null``).
        """
        if not isinstance(script, str) or not script.strip():
            raise InvalidArgumentError("script must be non-empty NX source text")
        body: Json = {"moduleName": check_name("module", module), "script": script}
        if table is not None:
            body["tableName"] = check_name("table", table)
        if record_id is not None:
            if table is None:
                raise InvalidArgumentError("record_id needs table")
            body["rowId"] = to_record_id(record_id)
        return self._data(exec_script, body=body, idempotent=False)


class Views4(Base4):
    """``client.views``: table views."""

    def list(self, *, module: str, table: str) -> list[Json]:
        """The views of a table.

        Args:
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            The view objects.

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name (nothing is
                sent).
            NotFoundError: no such module or table.
            APIError: any other failed request.
        """
        data: list[Json] = self._data(
            list_views, check_name("module", module), check_name("table", table)
        )
        return data

    def get(self, *, view_id: str) -> Json:
        """One view by id.

        Args:
            view_id: The view's id (from :meth:`list`).

        Returns:
            The view object.

        Raises:
            InvalidArgumentError: ``view_id`` is empty or holds a ``/`` (nothing is sent).
            APIStatusError: a non-2xx answer (e.g. for an unknown id).
            APIError: any other failed request.
        """
        data: Json = self._data(get_view, check_text_id("view_id", view_id))
        return data


class Reports4(Base4):
    """``client.reports``: print layouts."""

    def list(self, *, module: str, table: str) -> list[Json]:
        """The reports of a table (each with the id ``print`` needs).

        Args:
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            The report objects.

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name (nothing is
                sent).
            NotFoundError: no such module or table.
            APIError: any other failed request.
        """
        data: list[Json] = self._data(
            list_reports, check_name("module", module), check_name("table", table)
        )
        return data

    def get(self, *, report_id: str) -> Json:
        """One report by id.

        Args:
            report_id: The report's id (from :meth:`list`).

        Returns:
            The report object.

        Raises:
            InvalidArgumentError: ``report_id`` is empty or holds a ``/`` (nothing is sent).
            APIStatusError: a non-2xx answer (e.g. for an unknown id).
            APIError: any other failed request.
        """
        data: Json = self._data(get_report, check_text_id("report_id", report_id))
        return data

    def print(self, *, report_id: str, record_ids: Iterable[int | str]) -> Json:
        """Print a report for up to 250 records.

        Args:
            report_id: The report's id (from :meth:`list`).
            record_ids: The records to print (1-250 ids, ints or decimal strings).

        Returns:
            ``{"fileName", "mimeType", "url"}``; ``url`` is a presigned download link.

        Raises:
            InvalidArgumentError: a bad ``report_id`` or id, or no or more than 250 ids
                (nothing is sent).
            APIStatusError: a non-2xx answer (e.g. for an unknown report or record).
            APIError: any other failed request.
        """
        ids = [to_record_id(r) for r in record_ids]
        if not 1 <= len(ids) <= MAX_PRINT_RECORDS:
            raise InvalidArgumentError(f"print takes 1-{MAX_PRINT_RECORDS} record ids")
        body: Json = {"rowId": ids[0]}
        if len(ids) > 1:
            body["rowIds"] = ids[1:]
        data: Json = self._data(
            print_report,
            check_text_id("report_id", report_id),
            body=body,
            idempotent=True,  # renders a file; sending it twice changes no data
        )
        return data


class Functions4(Base4):
    """``client.functions``: global functions of a module."""

    def list(self, *, module: str) -> list[Json]:
        """The module's global functions ``{id, name, moduleName, code}``, in compile order.

        Args:
            module: The module's machine name.

        Returns:
            One ``{id, name, moduleName, code}`` object per function.

        Raises:
            InvalidArgumentError: ``module`` is not a machine name (nothing is sent).
            NotFoundError: no such module.
            APIError: any other failed request.
        """
        data: list[Json] = self._data(list_functions, check_name("module", module))
        return data

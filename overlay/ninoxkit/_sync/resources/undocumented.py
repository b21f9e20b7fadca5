# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/undocumented.py.
# Do not edit: edit the source and re-run the script.
"""``client.undocumented``: the raw schema and print reports (reference §4.18–§4.19).

Ninox does not document these operations; its own developer CLI uses them. They may change
without notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ninox_api.api.undocumented import (
    download_report_file,
    get_report,
    get_schema,
    list_report_files,
    list_reports,
    update_reports,
    update_schema,
)
from ninox_api.models import Report, SchemaDocument, SchemaVersion

from ninoxkit._sync._resource import APIResource
from ninoxkit._types import opt
from ninoxkit._validate import check_bool, check_id, check_items, check_model

__all__ = ["Undocumented"]


class Undocumented(APIResource):
    """Operations Ninox's own CLI relies on but Ninox does not document."""

    def get_schema(
        self,
        *,
        include_reports_and_views: bool = False,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> SchemaDocument:
        """The raw schema document (§4.19 [1]).

        Args:
            include_reports_and_views: Also return the database's print reports and views.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        check_bool("include_reports_and_views", include_reports_and_views)
        team, db = self._ids(team_id, database_id)
        response = self._call(
            get_schema.sync_detailed,
            team,
            db,
            include_reports_and_views=opt(include_reports_and_views or None),
        )
        return self._parsed(response, SchemaDocument)

    def update_schema(
        self,
        schema: SchemaDocument | Mapping[str, Any],
        *,
        format_scripts: bool = False,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> SchemaVersion:
        """Overwrite the schema; fails with :class:`ConflictError` if its ``version`` is stale.

        Args:
            schema: The whole schema document, with the ``version`` it was read at.
            format_scripts: Ask Ninox to reformat the scripts it stores.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        check_bool("format_scripts", format_scripts)
        team, db = self._ids(team_id, database_id)
        body = check_model("schema", schema, SchemaDocument)
        response = self._call(
            update_schema.sync_detailed,
            team,
            db,
            body=body,
            format_scripts=opt("T" if format_scripts else None),
            # Not re-sent once it may have landed: the repeat of a write that went through would
            # fail the version check and blame the caller's own change as a conflict.
            idempotent=False,
        )
        return self._parsed(response, SchemaVersion)

    def list_reports(
        self, *, full: bool = False, team_id: str | None = None, database_id: str | None = None
    ) -> list[Report]:
        """List print reports (§4.18).

        Args:
            full: Include complete report definitions.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        check_bool("full", full)
        team, db = self._ids(team_id, database_id)
        response = self._call(list_reports.sync_detailed, team, db, full_report=opt(full or None))
        return self._parsed_list(response, Report)

    def get_report(
        self, *, report_id: str, team_id: str | None = None, database_id: str | None = None
    ) -> Report:
        """Get one print report.

        Args:
            report_id: The report's id (from :meth:`list_reports`).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        rid = check_id("report_id", report_id)
        response = self._call(get_report.sync_detailed, team, db, rid)
        return self._parsed(response, Report)

    def update_reports(
        self,
        reports: Iterable[Report | Mapping[str, Any]],
        *,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> Any:
        """Write complete report definitions (§4.18 [1]); returns Ninox's undocumented answer.

        Args:
            reports: Every report definition (``Report`` objects or their JSON form as mappings).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        body = [check_model("reports item", r, Report) for r in check_items("reports", reports)]
        response = self._call(update_reports.sync_detailed, team, db, body=body)
        return self._json(response)

    def list_report_files(
        self, *, report_id: str, team_id: str | None = None, database_id: str | None = None
    ) -> list[str]:
        """File names of a report's templates.

        Args:
            report_id: The report's id.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        rid = check_id("report_id", report_id)
        response = self._call(list_report_files.sync_detailed, team, db, rid)
        return [str(name) for name in self._parsed_list(response, str)]

    def download_report_file(
        self,
        *,
        report_id: str,
        file_name: str,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> bytes:
        """The bytes of a report template file.

        Args:
            report_id: The report's id.
            file_name: A name :meth:`list_report_files` returned.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        rid = check_id("report_id", report_id)
        name = check_id("file_name", file_name)
        response = self._call(download_report_file.sync_detailed, team, db, rid, name)
        return response.content

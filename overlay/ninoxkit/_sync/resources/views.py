# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/views.py.
# Do not edit: edit the source and re-run the script.
"""``client.views``: saved views and their public shares (reference §4.5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ninox_api.api.views import (
    get_view,
    get_view_share,
    list_table_views,
    list_views,
    share_view,
    unshare_view,
    update_views,
)
from ninox_api.models import ShareViewBody, View, ViewShare

from ninoxkit._sync._resource import APIResource
from ninoxkit._types import opt
from ninoxkit._validate import check_bool, check_id, check_items, check_model

__all__ = ["Views"]


class Views(APIResource):
    """Views of a database or a table."""

    def list(
        self,
        *,
        table: str | None = None,
        full: bool = False,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> list[View]:
        """List views: of the whole database, or of one ``table`` (id or caption).

        Args:
            table: Only this table's views.
            full: Include complete definitions (``fullView``); database-wide listing only.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        check_bool("full", full)
        team, db = self._ids(team_id, database_id)
        if table is None:
            response = self._call(list_views.sync_detailed, team, db, full_view=opt(full or None))
        else:
            tid = self._table_id(table, team, db)
            response = self._call(list_table_views.sync_detailed, team, db, tid)
        return self._parsed_list(response, View)

    def get(
        self, *, view_id: str, team_id: str | None = None, database_id: str | None = None
    ) -> View:
        """Get one complete view definition.

        Args:
            view_id: The view's id (from :meth:`list`).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db = self._ids(team_id, database_id)
        vid = check_id("view_id", view_id)
        response = self._call(get_view.sync_detailed, team, db, vid)
        return self._parsed(response, View)

    def update(
        self,
        views: Iterable[View | Mapping[str, Any]],
        *,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> Any:
        """Write complete view definitions (Ninox's CLI sends all views at once; §4.5 [1]).

        Args:
            views: Every view definition of the database (``View`` objects or their JSON form
                as mappings).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            Whatever Ninox answers (undocumented).
        """
        team, db = self._ids(team_id, database_id)
        body = [check_model("views item", v, View) for v in check_items("views", views)]
        response = self._call(update_views.sync_detailed, team, db, body=body)
        return self._json(response)

    def get_share(
        self,
        *,
        table: str,
        view_id: str,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> ViewShare:
        """Get the public share of a view.

        Args:
            table: Table id or caption.
            view_id: The view's id.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db, tid, vid = self._share_path(table, view_id, team_id, database_id)
        response = self._call(get_view_share.sync_detailed, team, db, tid, vid)
        return self._parsed(response, ViewShare)

    def share(
        self,
        *,
        table: str,
        view_id: str,
        settings: Mapping[str, Any] | None = None,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> ViewShare:
        """Share a view publicly, or update its share (settings are undocumented; §4.5 [1]).

        Args:
            table: Table id or caption.
            view_id: The view's id.
            settings: Share settings as Ninox takes them (undocumented; sent as given, ``{}``
                by default).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db, tid, vid = self._share_path(table, view_id, team_id, database_id)
        body = check_model("settings", {} if settings is None else settings, ShareViewBody)
        response = self._call(
            share_view.sync_detailed,
            team,
            db,
            tid,
            vid,
            body=body,
            idempotent=True,  # create-or-update of one share: repeating it changes nothing
        )
        return self._parsed(response, ViewShare)

    def unshare(
        self,
        *,
        table: str,
        view_id: str,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> None:
        """Remove the public share of a view.

        Args:
            table: Table id or caption.
            view_id: The view's id.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.
        """
        team, db, tid, vid = self._share_path(table, view_id, team_id, database_id)
        self._call(unshare_view.sync_detailed, team, db, tid, vid)

    def _share_path(
        self, table: str, view_id: str, team_id: str | None, database_id: str | None
    ) -> tuple[str, str, str, str]:
        """The checked team, database, table and view ids of a view-share call."""
        team, db = self._ids(team_id, database_id)
        return team, db, self._table_id(table, team, db), check_id("view_id", view_id)

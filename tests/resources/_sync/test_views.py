# Written by scripts/unasync.py from tests/resources/_async/test_views.py.
# Do not edit: edit the source and re-run the script.
"""Views and shares (listViews, getView, updateViews, listTableViews, shareView,
getViewShare, unshareView) over cassettes."""

from __future__ import annotations

import pytest
from ninoxkit import Ninox, NotFoundError

from tests.resources.recording import Session


def test_list_and_get_views(target: Session) -> None:
    target.emulator_only()
    with Ninox(**target.options()) as client:
        summary = client.views.list()
        full = client.views.list(full=True)
        of_contacts = client.views.list(table="Contacts")
        view = client.views.get(view_id="v2")
    assert [v.id for v in summary] == ["v1", "v2"]
    assert [v.id for v in full] == ["v1", "v2"]
    assert all(v.config for v in full)
    assert [v.id for v in of_contacts] == ["v1"]
    assert view.caption == "Open deals"


def test_update_views(target: Session) -> None:
    target.emulator_only()
    with Ninox(**target.options()) as client:
        views = client.views.list(full=True)
        first = views[0].to_dict()
        first["caption"] = "Everyone"
        client.views.update([first, *(v.to_dict() for v in views[1:])])
        again = client.views.get(view_id=first["id"])
    assert again.caption == "Everyone"


def test_share_lifecycle(target: Session) -> None:
    target.emulator_only()
    with Ninox(**target.options()) as client:
        shared = client.views.share(table="B", view_id="v1")
        fetched = client.views.get_share(table="B", view_id="v1")
        client.views.unshare(table="B", view_id="v1")
        with pytest.raises(NotFoundError):
            client.views.get_share(table="B", view_id="v1")
    assert fetched.to_dict() == shared.to_dict()
    assert "url" in shared.to_dict()

"""Views and shares (listViews, getView, updateViews, listTableViews, shareView,
getViewShare, unshareView) over cassettes."""

from __future__ import annotations

import pytest
from ninoxkit import AsyncNinox, NotFoundError

from tests.resources.recording import Session


@pytest.mark.asyncio
async def test_list_and_get_views(target: Session) -> None:
    target.emulator_only()
    async with AsyncNinox(**target.options()) as client:
        summary = await client.views.list()
        full = await client.views.list(full=True)
        of_contacts = await client.views.list(table="Contacts")
        view = await client.views.get(view_id="v2")
    assert [v.id for v in summary] == ["v1", "v2"]
    assert [v.id for v in full] == ["v1", "v2"]
    assert all(v.config for v in full)
    assert [v.id for v in of_contacts] == ["v1"]
    assert view.caption == "Open deals"


@pytest.mark.asyncio
async def test_update_views(target: Session) -> None:
    target.emulator_only()
    async with AsyncNinox(**target.options()) as client:
        views = await client.views.list(full=True)
        first = views[0].to_dict()
        first["caption"] = "Everyone"
        await client.views.update([first, *(v.to_dict() for v in views[1:])])
        again = await client.views.get(view_id=first["id"])
    assert again.caption == "Everyone"


@pytest.mark.asyncio
async def test_share_lifecycle(target: Session) -> None:
    target.emulator_only()
    async with AsyncNinox(**target.options()) as client:
        shared = await client.views.share(table="B", view_id="v1")
        fetched = await client.views.get_share(table="B", view_id="v1")
        await client.views.unshare(table="B", view_id="v1")
        with pytest.raises(NotFoundError):
            await client.views.get_share(table="B", view_id="v1")
    assert fetched.to_dict() == shared.to_dict()
    assert "url" in shared.to_dict()

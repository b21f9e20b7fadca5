"""The emulator's listing pages reuse each record's rendered JSON (issue #14: emulator CPU per
page) only while nothing it was rendered from changed.

Each test lists, changes one thing (through the API, the schema, or the store from Python, as
the ``store`` property allows), lists again and compares with a fresh rendering.
"""

from __future__ import annotations

import httpx
from ninoxkit.testing import NinoxEmulator
from ninoxkit.testing._app import dump
from ninoxkit.testing._store_model import Table

from .conftest import DB, TEAM, P

RECORDS = P + "/tables/B/records"


def contacts(emu: NinoxEmulator) -> Table:
    return emu.store.database(TEAM, DB).tables["B"]


def fresh(emu: NinoxEmulator, **opts: bool) -> bytes:
    """The page as the emulator renders it without any kept text."""
    table = contacts(emu)
    recs = [table.records[i] for i in table.ids]
    return dump(emu.store.render_records(table, recs, **opts))


def page(client: httpx.Client, **params: str) -> bytes:
    r = client.get(RECORDS, params={"perPage": "500", **params})
    assert r.status_code == 200
    return r.content


def test_a_listing_is_byte_identical_to_a_fresh_rendering(
    emu: NinoxEmulator, client: httpx.Client
) -> None:
    for _ in range(2):  # the second listing is served from kept text
        assert page(client) == fresh(emu)
        assert page(client, ids="true") == fresh(emu, by_id=True)
        assert page(client, choiceStyle="ids") == fresh(emu, choice_ids=True)


def test_a_write_through_the_api_shows_in_the_next_listing(
    emu: NinoxEmulator, client: httpx.Client
) -> None:
    before = page(client)
    rid = client.get(RECORDS).json()[0]["id"]
    r = client.post(RECORDS, json=[{"id": rid, "fields": {"First Name": "Changed"}}])
    assert r.status_code == 200
    after = page(client)
    assert after != before
    assert client.get(RECORDS).json()[0]["fields"]["First Name"] == "Changed"
    assert after == fresh(emu)


def test_a_value_changed_from_python_shows_in_the_next_listing(
    emu: NinoxEmulator, client: httpx.Client
) -> None:
    page(client)
    table = contacts(emu)
    rec = table.records[table.ids[0]]
    with emu.store.lock:
        rec.values["A"] = "From Python"  # no sequence or timestamp changes
    assert client.get(RECORDS).json()[0]["fields"]["First Name"] == "From Python"
    assert page(client) == fresh(emu)


def test_a_renamed_field_and_choice_show_in_the_next_listing(
    emu: NinoxEmulator, client: httpx.Client
) -> None:
    page(client)
    schema = client.get(P + "/schema").json()
    schema["types"]["B"]["fields"]["A"]["caption"] = "Given Name"
    schema["types"]["B"]["fields"]["D"]["values"]["1"]["caption"] = "Prospect"
    assert client.patch(P + "/schema", json=schema).status_code == 200
    records = client.get(RECORDS).json()
    assert all("First Name" not in r["fields"] for r in records)
    assert any(r["fields"].get("Status") == "Prospect" for r in records)
    assert page(client) == fresh(emu)


def test_a_lone_surrogate_falls_back_to_ascii_escapes_as_before(
    emu: NinoxEmulator, client: httpx.Client
) -> None:
    page(client)
    table = contacts(emu)
    with emu.store.lock:
        table.records[table.ids[1]].values["A"] = "x\ud800y"
    body = page(client)
    assert body == fresh(emu)
    assert b"\\ud800" in body
    assert body.isascii()

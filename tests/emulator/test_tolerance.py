"""Every side of a documented conflict is accepted (issue #20 items 2, 4, 5, 8; #18).

Each test names the sources of the variants it sends (reference §11, §13).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from ninoxkit.testing import EmulatorOptions, NinoxEmulator

from .conftest import P

T = P + "/tables/B"  # Contacts


def ids(client: httpx.Client, path: str = T + "/records", **params: object) -> list[int]:
    r = client.get(path, params=params)  # type: ignore[arg-type]
    assert r.status_code == 200, r.text
    return [x["id"] for x in r.json()]


# ---------------------------------------------------------------- item 2: both sides


def test_bulk_delete_with_delete_and_an_id_array(client: httpx.Client) -> None:
    # MindCloud, Metorial: DELETE …/records with a JSON array of ids (§4.15).
    assert client.request("DELETE", T + "/records", json=[1, 2]).status_code == 200
    assert ids(client) == [3, 4, 5]


def test_bulk_delete_with_post_records_delete(client: httpx.Client) -> None:
    # PyPI `ninox`: POST …/records/delete (§4.15 [conflict]).
    r = client.post(T + "/records/delete", json=[1, 3])
    assert r.status_code == 200, r.text
    assert ids(client) == [2, 4, 5]
    assert client.post(T + "/records/delete", json={"ids": ["4"]}).status_code == 200
    assert ids(client) == [2, 5]
    assert client.post(T + "/records/delete", json=[99]).status_code == 404
    assert client.post(T + "/records/delete", json="x").status_code == 400
    assert client.get(T + "/records/delete").status_code == 404  # a record id, not a route


def test_bulk_delete_of_an_empty_list_is_a_no_op(client: httpx.Client) -> None:
    # The contract no longer forbids it: nothing says Ninox refuses an empty list (#18).
    assert client.request("DELETE", T + "/records", json=[]).status_code == 200
    assert client.post(T + "/records/delete", json=[]).status_code == 200
    assert ids(client) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("style", "status"), [("ids", "2"), ("id", "2"), ("names", "Customer"), ("text", "Customer")]
)
def test_choice_style_values_of_every_client(client: httpx.Client, style: str, status: str) -> None:
    # ids/names (DVBase), id (PyPI ninox), text (MindCloud) (§11).
    for path in (T + "/records/1", T + "/records"):
        body = client.get(path, params={"choiceStyle": style}).json()
        rec = body if isinstance(body, dict) else body[0]
        assert rec["fields"]["Status"] == status


def test_per_page_above_500_is_served_as_asked(client: httpx.Client) -> None:
    # n8n says 500 is the maximum; ninoxjs sends 9999; no source says Ninox refuses (§13).
    client.post(T + "/records", json=[{"fields": {"Score": n}} for n in range(600)])
    assert len(ids(client, perPage=600)) == 600
    assert len(ids(client, perPage=9999)) == 605


@pytest.mark.parametrize(
    "path",
    [
        "/teams/",
        P + "/",
        P + "/tables/",
        T + "/",
        T + "/records/",
        T + "/records/1/",
        T + "/records/5/files/",
        T + "/records/5/files/notes.txt/",
        P + "/changes/",
        P + "/views//",
    ],
)
def test_a_trailing_slash_is_served_like_the_path_without(client: httpx.Client, path: str) -> None:
    # ninoxjs starts with GET /v1/teams/ (§13).
    with_slash = client.get(path)
    without = client.get(path.rstrip("/"))
    assert with_slash.status_code == 200 == without.status_code, with_slash.text
    assert with_slash.content == without.content


def test_trailing_slash_on_writes(client: httpx.Client) -> None:
    r = client.post(T + "/records/", json=[{"fields": {"First Name": "Slash"}}])
    assert r.status_code == 200
    assert client.put(T + f"/records/{r.json()[0]['id']}/", json={"fields": {}}).status_code == 200
    assert client.post(P + "/query/", json={"query": "1 + 1"}).json() == 2


def test_string_record_ids_on_writes(client: httpx.Client) -> None:
    # ninoxjs README updates with "id": "1" (§13).
    r = client.post(T + "/records", json=[{"id": "1", "fields": {"Score": 5}}])
    assert r.status_code == 200, r.text
    assert r.json()[0]["id"] == 1
    assert r.json()[0]["fields"]["Score"] == 5
    up = client.post(T + "/records", json=[{"id": "70", "_upsert": True, "fields": {}}])
    assert up.json()[0]["id"] == 70
    assert client.request("DELETE", T + "/records", json=["2", 3]).status_code == 200
    assert ids(client) == [1, 4, 5, 70]
    for bad in ("", "1.5", "A1", "-1", "١"):
        r = client.post(T + "/records", json=[{"id": bad, "fields": {}}])
        assert r.status_code in (400, 422), bad


def test_a_single_object_instead_of_an_array(client: httpx.Client) -> None:
    # n8n, Activepieces, an on-premises client (§4.12).
    r = client.post(T + "/records", json={"id": 2, "fields": {"Score": 1}})
    assert r.status_code == 200
    assert [x["id"] for x in r.json()] == [2]


def test_page_is_zero_based(client: httpx.Client) -> None:
    assert ids(client, perPage=2, page=0) == [1, 2]
    assert ids(client, perPage=2, page=2) == [5]


# ---------------------------------------------------------------- item 4: filters


def test_filters_in_both_documented_shapes(client: httpx.Client) -> None:
    # {"fields": {name or id: v}} (n8n, ninoxjs) and a flat object keyed by field id (Metorial,
    # the note quoting the docs' parameter table) (§13 [conflict]); names tolerated flat.
    for filters in (
        {"fields": {"Status": "Lead"}},
        {"fields": {"D": "Lead"}},
        {"D": "Lead"},
        {"D": "1"},
        {"Status": "Lead"},
    ):
        assert ids(client, filters=json.dumps(filters)) == [2, 3], filters
    assert ids(client, filters=json.dumps({"D": "Lead", "F": 42})) == [2]


def test_ignore_filters_option(emu: NinoxEmulator, client: httpx.Client) -> None:
    filters = json.dumps({"fields": {"Status": "Lead"}})
    emu.options = EmulatorOptions(ignore_filters=True)
    assert ids(client, filters=filters) == [1, 2, 3, 4, 5]
    assert ids(client, filters="not even json") == [1, 2, 3, 4, 5]
    found = client.post(T + "/record", json={"filters": {"Last Name": "Patel"}})
    assert found.json()["id"] == 1
    emu.reset()  # back to the constructor's options
    assert ids(client, filters=filters) == [2, 3]


def test_ignore_filters_through_the_control_api(emu: NinoxEmulator, client: httpx.Client) -> None:
    with httpx.Client(base_url=emu.url) as ctl:
        r = ctl.post("/_emulator/options", json={"ignore_filters": True})
        assert r.json() == {"page_cap": None, "ignore_filters": True, "quota": None, "calls": 0}
        assert ids(client, filters='{"D": "1"}') == [1, 2, 3, 4, 5]
        assert ctl.post("/_emulator/options", json={"ignore_filters": "yes"}).status_code == 400
        assert ctl.post("/_emulator/options", json={"nope": 1}).status_code == 400
        assert ctl.post("/_emulator/options", json=[1]).status_code == 400
        assert ctl.get("/_emulator/options").json()["ignore_filters"] is True
        ctl.post("/_emulator/reset")
        assert ctl.get("/_emulator/options").json()["ignore_filters"] is False


def test_ignore_filters_as_constructor_option() -> None:
    with (
        NinoxEmulator(fixture="crm", deterministic=True, ignore_filters=True) as emu,
        httpx.Client(base_url=emu.base_url, headers={"Authorization": f"Bearer {emu.token}"}) as c,
    ):
        assert ids(c, filters='{"D": "1"}') == [1, 2, 3, 4, 5]
        emu.reset()
        assert ids(c, filters='{"D": "1"}') == [1, 2, 3, 4, 5]


# ---------------------------------------------------------------- item 5: page cap


@pytest.fixture
def capped() -> Iterator[tuple[NinoxEmulator, httpx.Client]]:
    with (
        NinoxEmulator(fixture="crm", deterministic=True, page_cap=37) as emu,
        httpx.Client(base_url=emu.base_url, headers={"Authorization": f"Bearer {emu.token}"}) as c,
    ):
        c.post(T + "/records", json=[{"fields": {"Score": n}} for n in range(95)])
        yield emu, c


def test_page_cap_caps_per_page_silently(capped: tuple[NinoxEmulator, httpx.Client]) -> None:
    emu, client = capped
    first = ids(client, perPage=100)
    assert len(first) == 37
    assert first == list(range(1, 38))
    assert ids(client, perPage=100, page=1) == list(range(38, 75))  # pages of the capped size
    assert len(ids(client)) == 37  # the default 100 is capped too
    assert ids(client, perPage=10) == list(range(1, 11))  # below the cap: as asked
    with httpx.Client(base_url=emu.url) as ctl:
        assert ctl.post("/_emulator/options", json={"page_cap": 0}).status_code == 400
        assert ctl.post("/_emulator/options", json={"page_cap": 5}).json()["page_cap"] == 5
    assert len(ids(client, perPage=100)) == 5


def test_page_cap_is_checked() -> None:
    for bad in (0, -1, True, 1.5, "5"):
        with pytest.raises(ValueError, match="page_cap"):
            NinoxEmulator(page_cap=bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------- item 8: quota


def test_quota_after_n_calls(emu: NinoxEmulator, client: httpx.Client) -> None:
    emu.options = EmulatorOptions(quota=3)
    assert [client.get("/teams").status_code for _ in range(3)] == [200, 200, 200]
    for method, path in (("GET", "/teams"), ("POST", P + "/query"), ("GET", T + "/records")):
        r = client.request(method, path, json={"query": "1"})
        assert r.status_code == 429
        assert r.json() == {"message": "API call quota exceeded"}
        assert "retry-after" not in r.headers
    with httpx.Client(base_url=emu.url) as ctl:
        assert ctl.get("/_emulator/options").json()["calls"] == 3
        assert ctl.get("/_emulator/health").status_code == 200  # control API never counted
        ctl.post("/_emulator/options", json={"quota": None})
    assert client.get("/teams").status_code == 200


def test_quota_exhausted_immediately(emu: NinoxEmulator, client: httpx.Client) -> None:
    with httpx.Client(base_url=emu.url) as ctl:
        assert ctl.post("/_emulator/options", json={"quota": 0}).json()["quota"] == 0
    r = client.get("/teams")
    assert (r.status_code, r.json()) == (429, {"message": "API call quota exceeded"})
    emu.reset()
    assert client.get("/teams").status_code == 200


def test_quota_does_not_count_unauthorised_calls(emu: NinoxEmulator) -> None:
    emu.options = EmulatorOptions(quota=1)
    assert httpx.get(emu.base_url + "/teams").status_code == 401
    ok = httpx.get(emu.base_url + "/teams", headers={"Authorization": f"Bearer {emu.token}"})
    assert ok.status_code == 200


# ---------------------------------------------------------------- #18: contract agreement


def test_405_carries_an_allow_header(client: httpx.Client) -> None:
    r = client.patch(T + "/records")
    assert r.status_code == 405
    assert set(r.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST", "DELETE"}
    r = client.post("/teams")
    assert r.status_code == 405
    assert "GET" in r.headers["allow"]


def test_changes_without_since_sq_start_at_zero(client: httpx.Client) -> None:
    full = client.get(P + "/changes").json()
    assert full == client.get(P + "/changes", params={"sinceSq": 0}).json()
    assert set(full["updates"]) >= {"A1", "B1", "C1"}


@pytest.mark.parametrize("value", ["T", "true", "F", "x", ""])
def test_format_scripts_accepts_any_value(client: httpx.Client, value: str) -> None:
    r = client.patch(P + "/schema", params={"formatScripts": value}, json={})
    assert r.status_code == 200, r.text
    assert client.get(P, params={"formatScripts": value}).status_code == 200


def test_schema_patch_with_an_empty_document(client: httpx.Client) -> None:
    version = client.get(P + "/schema").json()["version"]
    assert client.patch(P + "/schema", json={}).json() == {"version": version + 1}


def test_empty_view_and_report_ids_are_refused(client: httpx.Client) -> None:
    assert client.post(P + "/views", json=[{"id": "", "type": "B"}]).status_code == 422
    assert client.post(P + "/reports", json=[{"id": ""}]).status_code == 422

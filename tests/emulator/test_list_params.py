"""List parameters of GET …/records (reference §4.9)."""

from __future__ import annotations

import json

import httpx
from ninoxkit.testing import NinoxEmulator

from .conftest import P

T = P + "/tables/B"


def ids(client: httpx.Client, **params: object) -> list[int]:
    r = client.get(T + "/records", params=params)  # type: ignore[arg-type]
    assert r.status_code == 200, r.text
    return [x["id"] for x in r.json()]


def test_paging_is_zero_based_with_default_and_max(
    client: httpx.Client, emu: NinoxEmulator
) -> None:
    client.post(T + "/records", json=[{"fields": {"Score": n}} for n in range(600)])
    assert len(ids(client)) == 100  # default perPage
    assert ids(client, perPage=2) == [1, 2]
    assert ids(client, perPage=2, page=1) == [3, 4]
    assert len(ids(client, perPage=500)) == 500
    assert ids(client, perPage=500, page=1)[-1] == 605
    assert ids(client, perPage=500, page=9) == []
    # Above 500 is served as asked: n8n's maximum is one source, ninoxjs sends 9999 (§13).
    assert len(ids(client, perPage=501)) == 501
    assert len(ids(client, perPage=9999)) == 605
    for bad in ({"perPage": 0}, {"page": -1}, {"page": "x"}):
        r = client.get(T + "/records", params=bad)
        assert r.status_code == 400
        assert "message" in r.json()


def test_order_desc_new_updated(client: httpx.Client) -> None:
    assert ids(client, order="Score") == [4, 2, 3, 1, 5]
    assert ids(client, order="F", desc="true") == [5, 1, 3, 2, 4]
    assert ids(client, order="Birthday") == [3, 1, 2, 5, 4]  # empty values last
    assert ids(client, desc="true") == [5, 4, 3, 2, 1]
    client.put(T + "/records/3", json={"fields": {"Score": 1}})
    assert ids(client, updated="true")[0] == 3
    client.post(T + "/records", json=[{"fields": {}}])
    assert ids(client, new="true")[0] == 6
    assert client.get(T + "/records", params={"order": "Nope"}).status_code == 400
    assert client.get(T + "/records", params={"order": "Score", "new": "true"}).status_code == 400
    assert client.get(T + "/records", params={"desc": "maybe"}).status_code == 400


def test_since_id_and_since_sq(client: httpx.Client) -> None:
    assert ids(client, sinceId=3) == [4, 5]
    seq = client.get(P + "/changes").json()["seq"]
    client.put(T + "/records/2", json={"fields": {"Score": 3}})
    assert ids(client, sinceSq=seq) == [2]
    assert ids(client, sinceSq=seq, sinceId=2) == []


def test_filters_exact_match_by_name_or_id(client: httpx.Client) -> None:
    f = json.dumps({"fields": {"Status": "Lead"}})
    assert ids(client, filters=f) == [2, 3]
    assert ids(client, filters=json.dumps({"fields": {"D": "1"}})) == [2, 3]
    assert ids(client, filters=json.dumps({"fields": {"Company": 1, "Status": "Churned"}})) == [4]
    assert ids(client, filters=json.dumps({"fields": {"Score": "not a number"}})) == []
    assert ids(client, filters=json.dumps({"Last Name": "Chen"})) == [5]
    assert ids(client, filters=f, perPage=1, page=1) == [3]
    assert client.get(T + "/records", params={"filters": "{"}).status_code == 400
    assert client.get(T + "/records", params={"filters": "[1]"}).status_code == 400
    assert (
        client.get(T + "/records", params={"filters": '{"fields":{"Nope":1}}'}).status_code == 400
    )


def test_ids_and_choice_style(client: httpx.Client) -> None:
    rec = client.get(
        T + "/records", params={"ids": "true", "choiceStyle": "ids", "perPage": 1}
    ).json()[0]
    assert rec["fields"]["D"] == "2"
    assert rec["fields"]["A"] == "Lisa"
    rec = client.get(T + "/records", params={"style": "ids", "perPage": 1}).json()[0]
    assert rec["fields"]["D"] == "Customer"
    weird = client.get(T + "/records", params={"style": "weird", "perPage": 1}).json()[0]
    assert "Status" in weird["fields"]  # unknown style values are ignored

"""Change sets in their real shape (reference §13 first row, §4.17; issue #20 item 3)."""

from __future__ import annotations

import datetime as dt

import httpx

from .conftest import P

T = P + "/tables/B"  # Contacts


def _ms(text: str) -> int:
    when = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    return int(when.timestamp() * 1000)


def test_update_entries_are_flat_objects_keyed_by_field_id(client: httpx.Client) -> None:
    seq = client.get(P + "/changes").json()["seq"]
    rec = client.put(T + "/records/2", json={"fields": {"Score": 1, "Status": "Customer"}}).json()
    body = client.get(P + "/changes", params={"sinceSq": seq}).json()
    entry = body["updates"]["B2"]
    assert entry == {
        "A": "Tom",
        "B": "Baker",
        "C": "tom@globex.example",
        "D": "Customer",
        "E": "1990-11-02",
        "F": 1,
        "G": 2,  # a link: the linked record's id
        "H": False,
        "_cd": _ms(rec["createdAt"]),
        "_cu": "root",
        "_md": _ms(rec["modifiedAt"]),
        "_mu": "root",
        "_sq": rec["sequence"],
    }
    assert isinstance(entry["_cd"], int)
    assert entry["_md"] - entry["_cd"] > 0


def test_top_level_keys(client: httpx.Client) -> None:
    seq = client.get(P + "/changes").json()["seq"]
    client.post(T + "/records", json=[{"fields": {"First Name": "New"}}])
    body = client.get(P + "/changes", params={"sinceSq": seq}).json()
    assert list(body) == [
        "seq", "nextRids", "nextRid", "config", "updates", "removes", "files", "views", "reports",
    ]  # fmt: skip
    assert body["seq"] == seq + 1
    assert body["nextRids"] == {"A": 4, "B": 7, "C": 4}
    assert body["nextRid"] == 7
    assert body["config"] is None  # the schema did not change
    assert list(body["updates"]) == ["B6"]
    table = client.get(T + "/changes", params={"sinceSq": seq}).json()
    assert table["nextRids"] == {"B": 7}
    assert table["config"] is None
    rec = client.get(T + "/records/6/changes", params={"sinceSq": seq}).json()
    assert rec["nextRids"] == {"B": 7}
    assert rec["config"] is None
    assert list(rec["updates"]) == ["B6"]


def test_config_carries_the_schema_after_a_schema_change(client: httpx.Client) -> None:
    full = client.get(P + "/changes").json()
    assert full["config"]["types"]["B"]["caption"] == "Contacts"  # a full set (from 0) has it
    seq = full["seq"]
    client.patch(P + "/schema", json={"globalCode": "1"})
    body = client.get(P + "/changes", params={"sinceSq": seq}).json()
    assert body["config"]["globalCode"] == "1"
    assert body["config"]["version"] == full["config"]["version"] + 1
    later = client.get(P + "/changes", params={"sinceSq": body["seq"]}).json()
    assert later["config"] is None


def test_removes_and_files_keep_their_form(client: httpx.Client) -> None:
    seq = client.get(P + "/changes").json()["seq"]
    client.delete(T + "/records/3")
    client.post(T + "/records/4/files", files={"file": ("a.txt", b"a")})
    body = client.get(P + "/changes", params={"sinceSq": seq}).json()
    assert body["removes"] == ["B3"]
    assert body["files"] == ["B4/a.txt"]
    assert body["updates"]["B4"]["_sq"] == body["seq"]


def test_computed_fields_are_not_in_change_sets(client: httpx.Client) -> None:
    body = client.get(P + "/tables/A/changes", params={"sinceSq": 0}).json()
    entry = body["updates"]["A1"]
    assert set(entry) == {"A", "B", "C", "D", "_cd", "_cu", "_md", "_mu", "_sq"}

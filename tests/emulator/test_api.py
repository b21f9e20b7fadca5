"""Every /v1 operation: happy path and its error statuses."""

from __future__ import annotations

import json

import httpx
import pytest
from ninoxkit.testing import NinoxEmulator
from starlette.datastructures import UploadFile
from starlette.requests import Request

from .conftest import DB, TEAM, P

T = P + "/tables/B"  # Contacts


def test_auth_missing_and_wrong_token_give_401(emu: NinoxEmulator) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {emu.token}"}):
        r = httpx.get(emu.base_url + "/teams", headers=headers)
        assert r.status_code == 401
        assert r.json() == {"message": "invalid or missing API key"}


def test_teams_and_databases(client: httpx.Client) -> None:
    assert client.get("/teams").json() == [{"id": TEAM, "name": "Acme"}]
    assert client.get(f"/teams/{TEAM}").json() == {"id": TEAM, "name": "Acme"}
    assert client.get(f"/teams/{TEAM}/databases").json() == [{"id": DB, "name": "CRM"}]
    assert client.get("/teams/nope").status_code == 404
    assert client.get("/teams/nope/databases").status_code == 404
    assert client.get(f"/teams/{TEAM}/databases/nope").status_code == 404


def test_get_database_and_schema(client: httpx.Client) -> None:
    body = client.get(P).json()
    assert body["settings"]["name"] == "CRM"
    schema = body["schema"]
    assert schema["types"]["B"]["caption"] == "Contacts"
    status = schema["types"]["B"]["fields"]["D"]
    assert status["base"] == "choice"
    assert status["values"]["2"]["caption"] == "Customer"
    assert client.get(P + "/schema").json()["version"] == schema["version"]
    full = client.get(P + "/schema", params={"includeReportsAndViews": "true"}).json()
    assert [v["id"] for v in full["views"]] == ["v1", "v2"]
    assert [r["id"] for r in full["reports"]] == ["r1"]


def test_update_schema_version_check_and_new_field(client: httpx.Client) -> None:
    schema = client.get(P + "/schema").json()
    schema["types"]["B"]["fields"]["Z"] = {"base": "string", "caption": "Nickname"}
    schema["globalCode"] = "function hi() do 1 end"
    r = client.patch(P + "/schema", params={"formatScripts": "T"}, json=schema)
    assert r.status_code == 200
    assert r.json() == {"version": schema["version"] + 1}
    assert client.get(P + "/schema").json()["globalCode"] == "function hi() do 1 end"
    fields = client.get(T).json()["fields"]
    assert fields[-1] == {"id": "Z", "name": "Nickname", "type": "string"}
    # Stale version → 409 (optimistic concurrency, reference §4.19).
    assert client.patch(P + "/schema", json=schema).status_code == 409
    # Without `version` there is nothing to compare: accepted (the contract calls it optional).
    assert client.patch(P + "/schema", json={"types": {}}).json() == {
        "version": schema["version"] + 2
    }
    assert client.patch(P + "/schema", json={"version": "1"}).status_code == 400
    for base in ("nope", ["string"], {"x": 1}):
        bad = {"types": {"B": {"fields": {"K": {"base": base}}}}}
        assert client.patch(P + "/schema", json=bad).status_code == 422, base


def test_tables(client: httpx.Client) -> None:
    tables = client.get(P + "/tables").json()
    assert [t["name"] for t in tables] == ["Companies", "Contacts", "Deals"]
    contacts = client.get(T).json()
    assert contacts["id"] == "B"
    assert contacts["fields"][3] == {
        "id": "D",
        "name": "Status",
        "type": "choice",
        "choices": [
            {"id": "1", "caption": "Lead"},
            {"id": "2", "caption": "Customer"},
            {"id": "3", "caption": "Churned"},
        ],
    }
    # Table names work in place of ids (reference §7.2).
    assert client.get(P + "/tables/Contacts").json() == contacts
    assert client.get(P + "/tables/ZZ").status_code == 404


def test_views_and_shares(client: httpx.Client) -> None:
    assert client.get(P + "/views").json() == [
        {"caption": "All contacts", "id": "v1", "seq": 13, "type": "B"},
        {"caption": "Open deals", "id": "v2", "seq": 14, "type": "C"},
    ]
    full = client.get(P + "/views", params={"fullView": "true"}).json()
    assert full[0]["config"]["cols"][0]["caption"] == "Name"
    assert client.get(P + "/views/v1").json()["caption"] == "All contacts"
    assert client.get(P + "/views/nope").status_code == 404
    r = client.post(P + "/views", json=[{"id": "v3", "caption": "VIPs", "type": "B"}])
    assert r.status_code == 200
    assert r.json()[0]["id"] == "v3"
    assert [v["id"] for v in client.get(T + "/views").json()] == ["v1", "v3"]
    assert client.post(P + "/views", json=[{"id": "v4", "type": "Q"}]).status_code == 422
    assert client.post(P + "/views", json={"id": "v4"}).status_code == 400

    assert client.get(T + "/views/v1/share").status_code == 404
    share = client.post(T + "/views/v1/share").json()
    assert share["url"].startswith("https://")
    assert client.get(T + "/views/v1/share").json() == share
    assert client.delete(T + "/views/v1/share").status_code == 200
    assert client.delete(T + "/views/v1/share").status_code == 404
    assert client.get(T + "/views/v2/share").status_code == 404  # view of another table


def test_get_record_and_404(client: httpx.Client) -> None:
    rec = client.get(T + "/records/1").json()
    assert rec["id"] == 1
    assert rec["createdBy"] == "root"
    assert rec["createdAt"] == "2024-01-01T00:00:04"  # no zone suffix (reference §7.1)
    assert rec["fields"]["Status"] == "Customer"
    assert (
        client.get(T + "/records/1", params={"choiceStyle": "ids"}).json()["fields"]["Status"]
        == "2"
    )
    assert "D" in client.get(T + "/records/1", params={"ids": "true"}).json()["fields"]
    assert client.get(T + "/records/999").status_code == 404
    assert client.get(T + "/records/abc").status_code == 404
    # Unknown choiceStyle values are ignored: no source says Ninox refuses them (§11).
    unknown = client.get(T + "/records/1", params={"choiceStyle": "x"})
    assert unknown.json()["fields"]["Status"] == "Customer"


def test_find_record(client: httpx.Client) -> None:
    r = client.post(T + "/record", json={"filters": {"Last Name": "Patel"}})
    assert r.json()["id"] == 4
    assert client.post(T + "/record", json={"filters": {"D": "Lead"}}).json()["id"] == 2
    assert client.post(T + "/record", json={"filters": {"Last Name": "Nobody"}}).json() == []
    assert client.post(T + "/record", json={"filters": {"Nope": 1}}).status_code == 422
    assert client.post(T + "/record", json={"nofilters": 1}).status_code == 400
    assert client.post(T + "/record", content=b"{").status_code == 400


def test_save_records_create_update_upsert(client: httpx.Client) -> None:
    before = client.get(P + "/changes").json()["seq"]
    r = client.post(
        T + "/records",
        json=[
            {"fields": {"First Name": "New", "Status": "Lead"}},
            {"id": 2, "fields": {"Score": 50}},
            {"id": 40, "_upsert": True, "fields": {"A": "Upserted"}},
        ],
    )
    assert r.status_code == 200
    created, updated, upserted = r.json()
    assert created["id"] == 6
    assert created["sequence"] == before + 1
    assert updated["fields"]["Score"] == 50
    assert updated["sequence"] == before + 2
    assert updated["modifiedAt"] > updated["createdAt"]
    assert upserted["id"] == 40
    assert client.post(T + "/records", json=[{"fields": {}}]).json()[0]["id"] == 41
    # A single object is accepted too (reference §4.12).
    assert client.post(T + "/records", json={"fields": {"A": "x"}}).json()[0]["id"] == 42


def test_save_records_errors_are_atomic(client: httpx.Client) -> None:
    n = len(client.get(T + "/records").json())
    assert (
        client.post(T + "/records", json=[{"fields": {}}, {"id": 77, "fields": {}}]).status_code
        == 404
    )
    assert client.post(T + "/records", json=[{"fields": {"Score": "abc"}}]).status_code == 422
    assert client.post(T + "/records", json=[{"fields": {"Status": "Nope"}}]).status_code == 422
    assert client.post(T + "/records", json=[{"fields": {"Nope": 1}}]).status_code == 422
    assert (
        client.post(T + "/records", json=[{"fields": {"Birthday": "2024-13-01"}}]).status_code
        == 422
    )
    assert client.post(T + "/records", json=[{"fields": {"VIP": "yes"}}]).status_code == 422
    assert client.post(T + "/records", json=[{"id": "x1", "fields": {}}]).status_code == 400
    assert client.post(T + "/records", json="x").status_code == 400
    assert client.post(T + "/records", content=b"[NaN]").status_code == 400
    assert len(client.get(T + "/records").json()) == n


def test_put_record(client: httpx.Client) -> None:
    r = client.put(T + "/records/3", json={"fields": {"Status": "Customer", "Birthday": None}})
    assert r.status_code == 200
    assert r.json()["fields"]["Status"] == "Customer"
    assert "Birthday" not in r.json()["fields"]
    assert client.put(T + "/records/999", json={"fields": {}}).status_code == 404
    assert client.put(T + "/records/3", json={"nofields": {}}).status_code == 400
    assert client.put(T + "/records/3", json={"fields": {"Score": [1]}}).status_code == 422


def test_delete_record_and_bulk(client: httpx.Client) -> None:
    r = client.delete(T + "/records/1")
    assert r.status_code == 200
    assert r.content == b""
    assert client.get(T + "/records/1").status_code == 404
    assert client.delete(T + "/records/1").status_code == 404
    r = client.request("DELETE", T + "/records", json=[2, 3])
    assert r.status_code == 200
    assert [x["id"] for x in client.get(T + "/records").json()] == [4, 5]
    assert client.request("DELETE", T + "/records", json=[4, 99]).status_code == 404
    assert client.get(T + "/records/4").status_code == 200  # nothing deleted
    assert client.request("DELETE", T + "/records", json={"x": [4]}).status_code == 400
    assert client.request("DELETE", T + "/records", json=[True]).status_code == 400


def test_files(client: httpx.Client) -> None:
    R = T + "/records/2"
    assert client.get(R + "/files").json() == []
    up = client.post(R + "/files", files={"file": ("cv.pdf", b"%PDF-1.4 x", "application/pdf")})
    assert up.status_code == 200
    meta = up.json()
    assert meta["name"] == "cv.pdf"
    assert meta["contentType"] == "application/pdf"
    assert meta["size"] == 10
    assert meta["modifiedUser"] == "root"
    assert isinstance(meta["modifiedDate"], int)
    assert client.get(R + "/files").json() == [meta]
    assert client.get(R + "/files/cv.pdf/metadata").json() == meta
    dl = client.get(R + "/files/cv.pdf")
    assert dl.content == b"%PDF-1.4 x"
    assert dl.headers["content-type"] == "application/pdf"
    thumb = client.get(R + "/files/cv.pdf/thumb.jpg")
    assert thumb.headers["content-type"] == "image/jpeg"
    assert thumb.content[:2] == b"\xff\xd8"
    assert thumb.content[-2:] == b"\xff\xd9"
    # Into a file field by name (reference §4.16, fieldName).
    up2 = client.post(R + "/files", files={"file": ("me.png", b"PNG")}, data={"fieldName": "Photo"})
    assert up2.json()["contentType"] == "image/png"
    assert client.get(R).json()["fields"]["Photo"] == "me.png"
    assert (
        client.post(
            R + "/files", files={"file": ("x", b"")}, data={"fieldName": "Score"}
        ).status_code
        == 422
    )
    assert client.post(R + "/files", data={"fieldName": "Photo"}).status_code == 400
    assert (
        client.post(
            R + "/files", content=b"junk", headers={"content-type": "multipart/form-data"}
        ).status_code
        == 400
    )
    assert client.delete(R + "/files/me.png").status_code == 200
    assert "Photo" not in client.get(R).json()["fields"]
    for path in ("/files/nope", "/files/nope/metadata", "/files/nope/thumb.jpg"):
        assert client.get(R + path).status_code == 404
    assert client.delete(R + "/files/nope").status_code == 404
    assert client.get(T + "/records/999/files").status_code == 404


def test_change_sets(client: httpx.Client) -> None:
    seq = client.get(P + "/changes").json()["seq"]
    client.put(T + "/records/2", json={"fields": {"Score": 1}})
    client.delete(T + "/records/3")
    client.post(T + "/records/4/files", files={"file": ("a.txt", b"a")})
    db = client.get(P + "/changes", params={"sinceSq": seq}).json()
    assert db["seq"] == seq + 3
    assert set(db["updates"]) == {"B2", "B4"}
    assert db["updates"]["B2"]["F"] == 1  # keyed by field id (reference §13)
    assert db["removes"] == ["B3"]
    assert db["files"] == ["B4/a.txt"]
    assert db["views"] == {}
    assert db["reports"] == {}
    table = client.get(T + "/changes", params={"sinceSq": seq}).json()
    assert table["nextRid"] == 6
    assert set(table["updates"]) == {"B2", "B4"}
    assert client.get(P + "/tables/A/changes", params={"sinceSq": seq}).json()["updates"] == {}
    rec = client.get(T + "/records/2/changes", params={"sinceSq": seq}).json()
    assert list(rec["updates"]) == ["B2"]
    assert "views" not in rec
    assert client.get(P + "/changes", params={"sinceSq": "x"}).status_code == 400
    assert client.get(T + "/records/3/changes").status_code == 404


def test_reports(client: httpx.Client) -> None:
    assert client.get(P + "/reports").json() == [
        {"id": "r1", "caption": "Contact sheet", "tid": "B"}
    ]
    assert client.get(P + "/reports/r1").json()["caption"] == "Contact sheet"
    assert client.get(P + "/reports", params={"fullReport": "T"}).json()[0]["tid"] == "B"
    assert client.get(P + "/reports/r1/files").json() == ["template.docx"]
    assert client.get(P + "/reports/r1/files/template.docx").content == b"not really a docx"
    assert client.get(P + "/reports/r1/files/nope").status_code == 404
    assert client.get(P + "/reports/nope").status_code == 404
    assert client.get(P + "/reports/nope/files").status_code == 404
    r = client.post(P + "/reports", json=[{"id": "r2", "caption": "Deals", "tid": "C"}])
    assert r.status_code == 200
    assert client.get(P + "/reports/r2/files").json() == []
    assert client.post(P + "/reports", json=[{"caption": "no id"}]).status_code == 422


def test_unknown_path_and_method_are_json(client: httpx.Client) -> None:
    r = client.get("/nope")
    assert r.status_code == 404
    assert r.json() == {"message": "Not Found"}
    r = client.patch(T + "/records")
    assert r.status_code == 405
    assert json.loads(r.text)["message"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # Found by schemathesis: an unhashable table reference crashed the membership check.
        (f"{P}/reports", [{"id": "r9", "tid": [[440, []], {}]}]),
        (f"{P}/views", [{"id": "v9", "type": ["B"]}]),
        (f"{P}/reports", [{"id": "r9", "tid": {"x": 1}}]),
    ],
)
def test_malformed_view_and_report_bodies_are_422_not_500(
    client: httpx.Client, path: str, body: object
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 422, response.text


def test_deleting_a_file_clears_only_file_fields_holding_its_name(client: httpx.Client) -> None:
    R = T + "/records/2"
    up = client.post(R + "/files", files={"file": ("2", b"x")}, data={"fieldName": "Photo"})
    assert up.status_code == 200
    # "Customer" is stored as option id "2", the same text as the file's name.
    client.put(R, json={"fields": {"Status": "Customer", "First Name": "2"}})
    assert client.delete(R + "/files/2").status_code == 200
    fields = client.get(R).json()["fields"]
    assert "Photo" not in fields
    assert fields["Status"] == "Customer"
    assert fields["First Name"] == "2"


def test_upload_reads_the_form_without_holding_the_store_lock(
    emu: NinoxEmulator, client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both run in the server thread; an RLock held there across an await would block Python
    # callers in other threads and not keep other requests on the event loop out.
    held: list[bool] = []
    real_form, real_read = Request.form, UploadFile.read

    def form(self: Request, **kwargs: object) -> object:
        held.append(emu.store.lock._is_owned())  # type: ignore[attr-defined]
        return real_form(self, **kwargs)  # type: ignore[arg-type]

    async def read(self: UploadFile, size: int = -1) -> bytes:
        held.append(emu.store.lock._is_owned())  # type: ignore[attr-defined]
        return await real_read(self, size)

    monkeypatch.setattr(Request, "form", form)
    monkeypatch.setattr(UploadFile, "read", read)
    r = client.post(T + "/records/2/files", files={"file": ("big.bin", b"x" * 2_000_000)})
    assert r.status_code == 200
    assert r.json()["size"] == 2_000_000
    assert held == [False, False]
    assert client.post(T + "/records/999/files", files={"file": ("a", b"a")}).status_code == 404


def test_change_sets_carry_views_and_reports_changed_since(client: httpx.Client) -> None:
    seq = client.get(P + "/changes").json()["seq"]
    client.post(P + "/views", json=[{"id": "vb", "type": "B"}, {"id": "vc", "type": "C"}])
    client.post(P + "/reports", json=[{"id": "rb", "tid": "B"}])
    db = client.get(P + "/changes", params={"sinceSq": seq}).json()
    assert {k: v["seq"] for k, v in db["views"].items()} == {"vb": seq + 1, "vc": seq + 2}
    assert list(db["reports"]) == ["rb"]
    table = client.get(T + "/changes", params={"sinceSq": seq}).json()
    assert list(table["views"]) == ["vb"]
    assert list(table["reports"]) == ["rb"]
    later = client.get(P + "/changes", params={"sinceSq": seq + 1}).json()
    assert list(later["views"]) == ["vc"]
    client.post(P + "/views", json=[{"id": "vb", "type": "B", "caption": "again"}])
    again = client.get(P + "/changes", params={"sinceSq": seq + 3}).json()
    assert again["views"]["vb"]["caption"] == "again"
    assert again["reports"] == {}

"""Link, reverse-link, formula and file fields (reference §13; issue #20 item 6)."""

from __future__ import annotations

import httpx

from .conftest import P

A = P + "/tables/A"  # Companies
B = P + "/tables/B"  # Contacts


def q(client: httpx.Client, src: str) -> object:
    r = client.post(P + "/query", json={"query": src})
    assert r.status_code == 200, r.text
    return r.json()


def test_schema_models_links_and_formulas(client: httpx.Client) -> None:
    types = client.get(P + "/schema").json()["types"]
    company = types["B"]["fields"]["G"]
    assert (company["base"], company["ref"]) == ("ref", "A")
    reverse = types["A"]["fields"]["E"]
    assert (reverse["base"], reverse["ref"], reverse["reverseField"]) == ("rev", "B", "G")
    formula = types["A"]["fields"]["F"]
    assert formula["base"] == "fn"
    assert "Employees" in formula["fn"]
    fields = {f["name"]: f for f in client.get(B).json()["fields"]}
    assert fields["Company"] == {"id": "G", "name": "Company", "type": "ref", "ref": "A"}


def test_a_link_value_is_the_linked_records_id(client: httpx.Client) -> None:
    assert client.get(B + "/records/1").json()["fields"]["Company"] == 1
    r = client.put(B + "/records/1", json={"fields": {"Company": 3}})
    assert r.json()["fields"]["Company"] == 3
    assert client.put(B + "/records/1", json={"fields": {"Company": "2"}}).status_code == 200
    assert client.get(B + "/records/1", params={"ids": "true"}).json()["fields"]["G"] == 2
    for bad in ("Acme", 0, -1, 1.5, True, [1]):
        assert client.put(B + "/records/1", json={"fields": {"Company": bad}}).status_code == 422
    assert client.put(B + "/records/1", json={"fields": {"Company": None}}).status_code == 200
    assert "Company" not in client.get(B + "/records/1").json()["fields"]


def test_computed_fields_are_not_returned_by_record_routes(client: httpx.Client) -> None:
    rec = client.get(A + "/records/1").json()
    assert set(rec["fields"]) == {"Name", "Website", "Industry", "Employees"}
    assert all("Summary" not in r["fields"] for r in client.get(A + "/records").json())
    for name in ("Summary", "Contacts"):
        r = client.put(A + "/records/1", json={"fields": {name: "x"}})
        assert r.status_code == 422, name


def test_formula_fields_are_evaluated_by_nx(client: httpx.Client) -> None:
    assert q(client, "record(Companies, 1).Summary") == "Acme Corp (250)"
    assert q(client, "(select Companies).Summary") == [
        "Acme Corp (250)",
        "Globex (1200)",
        "Initech (80)",
    ]
    assert q(client, 'first(select Companies where Summary = "Globex (1200)").Name') == "Globex"


def test_nx_follows_links_both_ways(client: httpx.Client) -> None:
    assert q(client, "record(Contacts, 1).Company") == "A1"
    assert q(client, "record(Contacts, 1).Company.Name") == "Acme Corp"
    assert q(client, "(select Contacts).Company.Name") == [
        "Acme Corp", "Globex", "Initech", "Acme Corp", "Globex",
    ]  # fmt: skip
    assert q(client, "record(Deals, 1).Contact.Company.Industry") == "Manufacturing"
    assert q(client, "record(Companies, 1).Contacts") == ["B1", "B4"]
    assert q(client, "count(record(Companies, 2).Contacts)") == 2
    assert q(client, "(record(Companies, 2).Contacts).'First Name'") == ["Tom", "Mei"]
    assert q(client, "count(select Contacts where Company = 1)") == 2
    assert q(client, "count(select Contacts where Company = record(Companies, 1))") == 2


def test_nx_writes_a_link(client: httpx.Client) -> None:
    r = client.post(
        P + "/exec", json={"query": "record(Contacts, 2).Company := record(Companies, 3)"}
    )
    assert r.status_code == 200, r.text
    assert client.get(B + "/records/2").json()["fields"]["Company"] == 3
    assert q(client, "record(Companies, 3).Contacts") == ["B2", "B3"]


def test_a_link_to_a_deleted_record_reads_as_null_in_nx(client: httpx.Client) -> None:
    client.delete(A + "/records/3")
    assert client.get(B + "/records/3").json()["fields"]["Company"] == 3  # stored id kept
    assert q(client, "record(Contacts, 3).Company") is None


def test_a_formula_cycle_is_a_400(client: httpx.Client) -> None:
    schema = client.get(P + "/schema").json()
    schema["types"]["A"]["fields"]["G"] = {"base": "fn", "caption": "Loop", "fn": "Loop + 1"}
    assert client.patch(P + "/schema", json=schema).status_code == 200
    r = client.post(P + "/query", json={"query": "record(Companies, 1).Loop"})
    assert r.status_code == 400
    assert "nests too deeply" in r.json()["message"]


def test_files_by_field_id_and_name(client: httpx.Client) -> None:
    R = B + "/records/2"
    up = client.post(R + "/files", files={"file": ("me.png", b"PNG")}, data={"fieldName": "I"})
    assert up.status_code == 200
    for path in ("/files/me.png", "/files/I/me.png", "/files/Photo/me.png"):
        r = client.get(R + path)
        assert r.status_code == 200, path
        assert r.content == b"PNG"
        assert r.headers["content-type"] == "image/png"
    assert client.get(R + "/files/A/me.png").status_code == 404  # not a file field
    assert client.get(R + "/files/Nope/me.png").status_code == 404
    assert client.get(R + "/files/I/other.png").status_code == 404
    assert client.get(R + "/files/me.png/metadata").json()["name"] == "me.png"

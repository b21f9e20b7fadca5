"""Review h12 #6/#7: the Ninox 4 emulator never 5xxs on a value and never changes one silently."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from ninoxkit.testing.v4 import Workspace
from ninoxkit.testing.v4._store import FIELD_TYPES, READ_ONLY_TYPES

from .conftest import CUSTOMERS, LOOPBACK, W

pytestmark = LOOPBACK

_NUMBERS = [0, 1, -1, 2**53, 2**53 + 1, -(2**53) - 1, 10**30, 1.5, 1e308, -1e308, 10**400]
#: The values the emulator fuzzers draw, plus a few of their shapes.
_LEAVES = [None, True, False, *_NUMBERS, "", " ", "-1", "0", "99999999999999999999999", "1e9",
           "1e400", "x", "%00", "ü", "\u0662\u0660\u0662\u0664", "null", "[]", "9" * 5000,
           "9007199254740993", "2024-01-01", "2024-01-01T00:00:00Z", "1:30:00", "09:00-17:00",
           [], {}, ["x"], [1], {"a": 1}]  # fmt: skip
_KINDS = sorted(FIELD_TYPES - READ_ONLY_TYPES - {"reference"})
KINDS = W + "/modules/crm/tables/kinds"


def _dump(value: Any) -> bytes:
    return json.dumps({"records": [{"v": value}]}).encode()


@pytest.mark.parametrize("kind", _KINDS)
def test_every_fuzzer_value_into_every_field_type_is_answered_without_a_5xx(
    http: httpx.Client, kind: str
) -> None:
    table = {"name": "kinds", "labels": {"": "Kinds"}}
    assert http.post(W + "/modules/crm/tables", json=table).status_code == 201
    field: dict[str, Any] = {"name": "v", "labels": {"": "V"}, "type": kind}
    if kind in ("choice", "multi"):
        field["options"] = [{"name": "a"}]
    created = http.post(KINDS + "/fields", json=field)
    assert created.status_code == 201, created.text
    for value in _LEAVES:
        body = _dump(value)
        r = http.post(
            KINDS + "/records", content=body, headers={"content-type": "application/json"}
        )
        assert r.status_code < 500, (kind, value, r.text)
        if r.status_code >= 400:
            assert "message" in r.json()["error"], (kind, value, r.text)
            continue
        if kind == "number" and value is not None:
            # What was accepted reads back exactly as written.
            record_id = r.json()["data"]["ids"][0]
            stored = http.get(KINDS + f"/record/{record_id}").json()["data"]["values"]["v"]
            assert stored == (value if not isinstance(value, str) else float(value))


@pytest.mark.parametrize("value", [2**53 + 1, -(2**53) - 1, 10**400, "9007199254740993"])
def test_an_integer_no_double_holds_exactly_is_refused(http: httpx.Client, value: Any) -> None:
    body = json.dumps({"records": [{"amount": value}]})
    r = http.post(
        CUSTOMERS + "/records", content=body, headers={"content-type": "application/json"}
    )
    assert r.status_code == 400
    assert "2**53" in r.json()["error"]["message"] or "too large" in r.json()["error"]["message"]


def test_the_largest_exact_integer_is_kept_exactly(http: httpx.Client) -> None:
    r = http.post(CUSTOMERS + "/records", json={"records": [{"amount": 2**53}]})
    record_id = r.json()["data"]["ids"][0]
    assert http.get(CUSTOMERS + f"/record/{record_id}").json()["data"]["values"]["amount"] == 2**53


def _emails(http: httpx.Client, email: str) -> int:
    found = http.get(CUSTOMERS + "/records", params={"filter": json.dumps({"email": email})})
    return len(found.json()["data"])


def test_a_unique_value_twice_in_one_create_is_refused_and_nothing_is_stored(
    http: httpx.Client,
) -> None:
    body = {"records": [{"email": "a@b.c"}, {"email": "a@b.c"}]}
    r = http.post(CUSTOMERS + "/records", json=body)
    assert r.status_code == 409
    assert "unique" in r.json()["error"]["message"]
    assert _emails(http, "a@b.c") == 0


def test_a_unique_value_already_stored_is_refused_on_create_and_update(http: httpx.Client) -> None:
    assert http.post(CUSTOMERS + "/records", json={"records": [{"email": "a@b.c"}]}).is_success
    again = http.post(CUSTOMERS + "/records", json={"records": [{"email": "a@b.c"}]})
    assert again.status_code == 409
    moved = http.patch(CUSTOMERS + "/records", json={"records": [{"id": 1, "email": "a@b.c"}]})
    assert moved.status_code == 409
    assert _emails(http, "a@b.c") == 1
    # Writing a record's own value again, or swapping nothing, is no violation.
    same = http.patch(CUSTOMERS + "/records", json={"records": [{"id": 1, "name": "L"}]})
    assert same.status_code == 200


def test_a_unique_value_twice_in_one_upsert_batch_is_refused(http: httpx.Client) -> None:
    body = {"matchField": "email", "records": [{"email": "z@b.c"}, {"email": "z@b.c"}]}
    r = http.post(CUSTOMERS + "/records/upsert", json=body)
    assert r.status_code == 409
    assert _emails(http, "z@b.c") == 0


def test_a_duplicate_already_in_the_data_does_not_block_other_writes(
    http: httpx.Client, ws: Workspace
) -> None:
    table = ws.table("crm", "customers")
    first = next(iter(table.records.values()))
    ws.insert(table, {**first})  # a duplicate e.g. from a fixture
    r = http.post(CUSTOMERS + "/records", json={"records": [{"email": "new@b.c"}]})
    assert r.status_code == 201

"""Date and time values: stored and rendered as the reference describes them (§7.1, §7.3)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from ninoxkit.nx import quote
from ninoxkit.testing import NinoxEmulator

TEAM = "ValuesTeam0000001"
DB = "values000001"
R = f"/teams/{TEAM}/databases/{DB}/tables/A/records/1"
TYPES = ("date", "time", "timestamp", "timeinterval", "appointment")
FIXTURE: dict[str, Any] = {
    "teams": [
        {
            "id": TEAM,
            "name": "Values",
            "databases": [
                {
                    "id": DB,
                    "name": "Values",
                    "tables": [
                        {
                            "name": "When",
                            "fields": [{"name": t, "type": t} for t in TYPES],
                            "records": [{}],
                        }
                    ],
                }
            ],
        }
    ]
}


@pytest.fixture(scope="module")
def values_emu() -> Iterator[NinoxEmulator]:
    with NinoxEmulator(fixture=FIXTURE, deterministic=True) as emu:
        yield emu


@pytest.fixture
def client(values_emu: NinoxEmulator) -> Iterator[httpx.Client]:
    values_emu.reset()
    headers = {"Authorization": f"Bearer {values_emu.token}"}
    with httpx.Client(base_url=values_emu.base_url, headers=headers, timeout=10) as c:
        yield c


@pytest.mark.parametrize(
    ("kind", "written", "stored"),
    [
        ("date", "2024-02-29", "2024-02-29"),
        ("date", 1709164800000, "2024-02-29"),  # docs.ninox.com types dates as numbers (§7.3)
        ("date", "2024-02-29T23:30:00-02:00", "2024-03-01"),
        ("time", "08:30", "08:30:00"),
        ("time", "8:30", "08:30:00"),
        ("time", "08:30:00.500", "08:30:00.500"),
        ("time", 830, "00:00:00.830"),
        ("timestamp", "2024-01-02T03:04:05", "2024-01-02T03:04:05"),
        ("timestamp", "2024-01-02 03:04", "2024-01-02T03:04:00"),
        ("timestamp", "2024-01-02T03:04:05.500", "2024-01-02T03:04:05.500"),
        ("timestamp", "2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05"),
        ("timestamp", "2024-01-02T05:04:05+0200", "2024-01-02T03:04:05"),
        ("timestamp", "2024-01-01T22:34:05-04:30", "2024-01-02T03:04:05"),
        ("timestamp", "2024-01-02T03:04:05.250Z", "2024-01-02T03:04:05.250"),
        ("timestamp", 1704164645250, "2024-01-02T03:04:05.250"),
        ("timeinterval", "1:30:00", "1:30:00.000"),
        ("timeinterval", "-0:00:01.5", "-0:00:01.500"),
        ("timeinterval", "123:25:16.123", "123:25:16.123"),
        ("timeinterval", 5400000, "1:30:00.000"),
        (
            "appointment",
            "2024-01-02T10:00:00 - 2024-01-02T11:30:00",
            "2024-01-02T10:00:00 - 2024-01-02T11:30:00",
        ),
        (
            "appointment",
            "[2024-01-02T10:00:00Z,2024-01-02T12:30:00+01:00)",
            "2024-01-02T10:00:00 - 2024-01-02T11:30:00",
        ),
    ],
)
def test_written_value_is_stored_in_the_reference_form(
    client: httpx.Client, kind: str, written: Any, stored: str
) -> None:
    # §7.1/§7.3 and issue #20 item 7: instants in UTC, rendered without a zone designator.
    r = client.put(R, json={"fields": {kind: written}})
    assert r.status_code == 200, r.text
    assert client.get(R).json()["fields"][kind] == stored


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("time", "99:99"),
        ("time", "08:30 am"),
        ("time", 86_400_000),
        ("timeinterval", "1:30"),
        ("timeinterval", "1:75:00"),
        ("appointment", "not an appointment"),
        ("appointment", "2024-01-02T10:00:00"),
        ("timestamp", "2024-01-02"),
        ("timestamp", "yesterday"),
        ("timestamp", "2024-01-02T03:04:05+25:00"),
        ("timestamp", "0000-01-01T00:00:00"),
        ("timestamp", 1e300),
        ("timestamp", True),
        ("date", "2024-13-01"),
        ("date", ""),
        ("date", "2024-01-01 and more"),
        ("timeinterval", "9" * 5000 + ":00:00"),
    ],
)
def test_value_that_is_no_such_value_is_refused(
    client: httpx.Client, kind: str, value: Any
) -> None:
    r = client.put(R, json={"fields": {kind: value}})
    assert r.status_code == 422, r.text
    assert kind not in client.get(R).json()["fields"]


def test_filter_matches_the_canonical_form(client: httpx.Client) -> None:
    client.put(R, json={"fields": {"time": "08:30:00", "timestamp": "2024-01-02T03:04:05.5"}})
    base = f"/teams/{TEAM}/databases/{DB}/tables/A/records"
    for filters in ('{"time": "08:30"}', '{"timestamp": "2024-01-02T03:04:05.500"}'):
        assert [r["id"] for r in client.get(base, params={"filters": filters}).json()] == [1]


def test_datetime_with_milliseconds_round_trips(client: httpx.Client) -> None:
    fields = {
        "timestamp": "2024-01-02T03:04:05.500",
        "time": "03:04:05.500",
        "appointment": "2024-01-02T04:04:05.500 - 2024-01-02T04:09:05.500",
    }
    assert client.put(R, json={"fields": fields}).status_code == 200
    assert client.get(R).json()["fields"] == fields


def test_nx_time_and_datetime_keep_milliseconds(client: httpx.Client) -> None:
    when = dt.datetime(2024, 1, 2, 3, 4, 5, 500_000, tzinfo=dt.UTC)
    fields = {"time": "08:30:00.500", "timestamp": "2024-01-02T03:04:05.500"}
    assert client.put(R, json={"fields": fields}).status_code == 200
    query = f"/teams/{TEAM}/databases/{DB}/query"
    for src in (
        f"select When where time = {quote(dt.time(8, 30, 0, 500_000))}",
        f"select When where timestamp = {quote(when)}",
        "select When where time = time(8, 30, 0, 500)",
    ):
        assert client.post(query, json={"query": src}).json() == ["A1"], src
    built = {
        "time(8, 30, 0)": "08:30:00",
        "time(8, 30, 0, 5)": "08:30:00.005",
        "datetime(2024, 1, 2, 3, 4, 5)": "2024-01-02T03:04:05",
        "datetime(2024, 1, 2, 3, 4, 5, 0)": "2024-01-02T03:04:05",
        "datetime(2024, 1, 2, 3, 4, 5, 250)": "2024-01-02T03:04:05.250",
    }
    for src, text in built.items():
        assert client.post(query, json={"query": src}).json() == text, src
    for src in ("time(8, 30, 0, 1000)", "time(8, 30, 0, -1)", "date(10000000000000000000, 1, 1)"):
        assert client.post(query, json={"query": src}).status_code == 400, src


def test_values_do_not_depend_on_the_local_time_zone(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The emulator runs in this process's server thread: a local zone must change nothing.
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        fields = {"timestamp": 1704164645000, "date": 1709164800000, "time": "23:30"}
        r = client.put(R, json={"fields": fields})
        assert r.status_code == 200, r.text
        assert r.json()["fields"] == {
            "timestamp": "2024-01-02T03:04:05",
            "date": "2024-02-29",
            "time": "23:30:00",
        }
        assert r.json()["modifiedAt"] == "2024-01-01T00:00:02"
        changes = client.get(f"/teams/{TEAM}/databases/{DB}/changes").json()
        assert changes["updates"]["A1"]["_md"] == 1704067202000
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()

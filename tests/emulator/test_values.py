"""Date and time values: the emulator stores only what ninoxkit reads back (decode_value)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from ninoxkit import Appointment, FieldValueError
from ninoxkit._values import decode_value, encode_value
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
        ("time", "08:30", "08:30:00"),
        ("time", "08:30:00.500", "08:30:00.500"),
        ("timestamp", "2024-01-02T03:04:05", "2024-01-02T03:04:05"),
        ("timestamp", "2024-01-02T03:04:05.500", "2024-01-02T03:04:05.500"),
        ("timestamp", "2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05"),
        ("timestamp", "2024-01-02T03:04:05.250Z", "2024-01-02T03:04:05.250"),
        ("timeinterval", "1:30:00", "1:30:00.000"),
        ("timeinterval", "-0:00:01.5", "-0:00:01.500"),
        (
            "appointment",
            "2024-01-02T10:00:00 - 2024-01-02T11:30:00",
            "2024-01-02T10:00:00 - 2024-01-02T11:30:00",
        ),
    ],
)
def test_written_value_reads_back_through_decode_value(
    client: httpx.Client, kind: str, written: str, stored: str
) -> None:
    r = client.put(R, json={"fields": {kind: written}})
    assert r.status_code == 200, r.text
    back = client.get(R).json()["fields"][kind]
    assert back == stored  # the canonical form ninoxkit writes
    assert decode_value(back, kind) == decode_value(written, kind)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("time", "8:30"),
        ("time", "99:99"),
        ("time", "08:30 am"),
        ("timeinterval", "1:30"),
        ("appointment", "not an appointment"),
        ("timestamp", "2024-01-02"),
        ("timestamp", "yesterday"),
        ("date", "2024-13-01"),
        ("date", ""),
        ("time", 830),
    ],
)
def test_value_the_sdk_cannot_read_is_refused(client: httpx.Client, kind: str, value: Any) -> None:
    if isinstance(value, str) and value:
        with pytest.raises(FieldValueError):
            decode_value(value, kind)
    r = client.put(R, json={"fields": {kind: value}})
    assert r.status_code == 422, r.text
    assert kind not in client.get(R).json()["fields"]


def test_filter_matches_the_canonical_form(client: httpx.Client) -> None:
    client.put(R, json={"fields": {"time": "08:30:00", "timestamp": "2024-01-02T03:04:05.5"}})
    base = f"/teams/{TEAM}/databases/{DB}/tables/A/records"
    for filters in ('{"time": "08:30"}', '{"timestamp": "2024-01-02T03:04:05.500"}'):
        assert [r["id"] for r in client.get(base, params={"filters": filters}).json()] == [1]


def test_datetime_with_milliseconds_round_trips(client: httpx.Client) -> None:
    when = dt.datetime(2024, 1, 2, 3, 4, 5, 500_000, tzinfo=dt.UTC)
    start = when + dt.timedelta(hours=1)
    fields = {
        "timestamp": encode_value(when, "timestamp"),
        "time": encode_value(when.time(), "time"),
        "appointment": encode_value(Appointment(start, start + dt.timedelta(minutes=5)), None),
    }
    assert client.put(R, json={"fields": fields}).status_code == 200
    back = client.get(R).json()["fields"]
    assert decode_value(back["timestamp"], "timestamp") == when
    assert decode_value(back["time"], "time") == dt.time(3, 4, 5, 500_000)
    assert decode_value(back["appointment"], "appointment").start == start


def test_nx_time_and_datetime_keep_milliseconds(client: httpx.Client) -> None:
    when = dt.datetime(2024, 1, 2, 3, 4, 5, 500_000, tzinfo=dt.UTC)
    fields = {"time": "08:30:00.500", "timestamp": encode_value(when, "timestamp")}
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

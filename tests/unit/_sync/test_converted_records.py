# Written by scripts/unasync.py from tests/unit/_async/test_converted_records.py.
# Do not edit: edit the source and re-run the script.
"""Records read with convert=True carry typed metadata (async source; _sync is its twin).

``created_at`` / ``modified_at`` are aware UTC datetimes (Ninox sends zone-less UTC, reference
§7.1), absent metadata is ``None`` rather than the generated ``Unset``; without ``convert`` the
record is exactly what Ninox sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from ninoxkit import APIResponseValidationError, Ninox
from ninoxkit.types import ConvertedRecord, Record

TEAM, DB = "t1", "db1"
PREFIX = f"/v1/teams/{TEAM}/databases/{DB}"
UTC = dt.UTC
TABLES = [
    {
        "id": "A",
        "name": "Contacts",
        "fields": [
            {"id": "A", "name": "Name", "type": "string"},
            {"id": "B", "name": "Seen", "type": "datetime"},
        ],
    }
]


def serve(record: dict[str, Any]) -> Ninox:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"{PREFIX}/tables":
            return httpx.Response(200, json=TABLES)
        if request.url.path == f"{PREFIX}/tables/A/records/1":
            return httpx.Response(200, json=record)
        raise AssertionError(f"unexpected {request.url}")

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return Ninox(api_key="key", team_id=TEAM, database_id=DB, http_client=http)


FULL = {
    "id": 1,
    "sequence": 45,
    "createdAt": "2025-07-18T11:19:58",
    "createdBy": "u1",
    "modifiedAt": "2025-07-18T11:20:01.250",
    "modifiedBy": "u2",
    "fields": {"Name": "Lisa", "Seen": "2025-07-18T11:19:58"},
}


def test_convert_gives_aware_utc_datetimes_for_metadata_and_datetime_fields() -> None:
    record = serve(FULL).records.get(record_id=1, table="A", convert=True)
    assert isinstance(record, ConvertedRecord)
    assert isinstance(record, Record)
    assert record.created_at == dt.datetime(2025, 7, 18, 11, 19, 58, tzinfo=UTC)
    assert record.modified_at == dt.datetime(2025, 7, 18, 11, 20, 1, 250_000, tzinfo=UTC)
    assert record.created_at.utcoffset() == dt.timedelta(0)
    assert record.fields["Seen"] == dt.datetime(2025, 7, 18, 11, 19, 58, tzinfo=UTC)
    assert (record.sequence, record.created_by, record.modified_by) == (45, "u1", "u2")
    # Back to Ninox's own JSON form.
    assert record.to_dict()["createdAt"] == "2025-07-18T11:19:58"
    assert record.to_dict()["modifiedAt"] == "2025-07-18T11:20:01.250"


def test_without_convert_the_record_is_as_sent() -> None:
    record = serve(FULL).records.get(record_id=1, table="A")
    assert type(record) is Record
    assert record.created_at == "2025-07-18T11:19:58"
    assert record.fields["Seen"] == "2025-07-18T11:19:58"


def test_absent_metadata_is_none_not_unset() -> None:
    record = serve({"id": 1, "fields": {}}).records.get(record_id=1, table="A", convert=True)
    assert isinstance(record, ConvertedRecord)
    assert (record.sequence, record.created_at, record.created_by) == (None, None, None)
    assert (record.modified_at, record.modified_by) == (None, None)
    assert record.to_dict() == {"id": 1, "fields": {}}


def test_millisecond_metadata_reads_too() -> None:
    record = serve({"id": 1, "fields": {}, "createdAt": 1_752_837_598_000}).records.get(
        record_id=1, table="A", convert=True
    )
    assert isinstance(record, ConvertedRecord)
    assert record.created_at == dt.datetime(2025, 7, 18, 11, 19, 58, tzinfo=UTC)


@pytest.mark.parametrize("when", ["2025-13-45T00:00:00", "yesterday", 1e20])
def test_unreadable_metadata_is_a_validation_error(when: Any) -> None:
    with pytest.raises(APIResponseValidationError):
        serve({"id": 1, "fields": {}, "modifiedAt": when}).records.get(
            record_id=1, table="A", convert=True
        )

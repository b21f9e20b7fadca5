"""Date-time values are UTC whatever the machine's time zone (reference §7.1, §7.3).

A datetime field's ``YYYY-MM-DDThh:mm:ss`` without a suffix means UTC; aware datetimes are
written converted to UTC without a suffix; naive datetimes are refused (their zone is unknown).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from ninoxkit import FieldValueError, format_timestamp, nx, parse_timestamp
from ninoxkit._values import decode_value, encode_value

UTC = dt.UTC
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


@pytest.fixture(params=["Asia/Kolkata", "America/St_Johns", "UTC"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test with the process in another local time zone."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_zone_less_text_means_utc_in_any_local_zone(local_zone: str) -> None:
    expected = dt.datetime(2021, 1, 23, 12, 30, tzinfo=UTC)
    assert decode_value("2021-01-23T12:30:00", "datetime") == expected
    assert decode_value("2021-01-23T12:30:00", "timestamp") == expected
    assert parse_timestamp(1611405000000) == expected
    assert decode_value(1611360000000, "date") == dt.date(2021, 1, 23)


def test_aware_datetimes_are_written_in_utc_without_suffix(local_zone: str) -> None:
    value = dt.datetime(2021, 1, 23, 18, 0, tzinfo=IST)
    assert encode_value(value, "datetime") == "2021-01-23T12:30:00"
    assert format_timestamp(value) == "2021-01-23T12:30:00"
    assert nx.quote(value) == "datetime(2021, 1, 23, 12, 30, 0, 0)"


@pytest.mark.parametrize("kind", ["datetime", "timestamp", None])
def test_naive_datetimes_are_refused_not_guessed(local_zone: str, kind: str | None) -> None:
    with pytest.raises(FieldValueError, match="naive datetime"):
        encode_value(dt.datetime(2021, 1, 23, 12, 30), kind)
    with pytest.raises(FieldValueError, match="naive datetime"):
        encode_value((dt.datetime(2021, 1, 23), dt.datetime(2021, 1, 24)), "appointment")
    with pytest.raises(nx.NXError, match="naive datetime"):
        nx.quote(dt.datetime(2021, 1, 23, 12, 30))

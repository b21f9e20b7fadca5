# Written by scripts/unasync.py from tests/resources/_async/test_errors.py.
# Do not edit: edit the source and re-run the script.
"""Error paths over cassettes: 401, 404, 422, 429 then success, 500, an HTML 502."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from ninoxkit import (
    APIStatusError,
    AuthenticationError,
    InternalServerError,
    Ninox,
    NotFoundError,
    UnprocessableEntityError,
)

from tests.resources.recording import CONTACTS, Session


def _error_of(call: Callable[[], Any]) -> APIStatusError:
    """The status error ``call()`` raises (the call must fail)."""
    with pytest.raises(APIStatusError) as excinfo:
        call()
    return excinfo.value


def test_wrong_key_is_401(target: Session) -> None:
    with Ninox(**target.options(api_key="wrong-key")) as client:
        error = _error_of(client.teams.list)
    assert isinstance(error, AuthenticationError)
    assert error.status_code == 401
    assert "wrong-key" not in str(error)


def test_unknown_record_is_404(target: Session) -> None:
    with Ninox(**target.options()) as client:
        error = _error_of(lambda: client.records.get(record_id=999999, table=CONTACTS))
    assert isinstance(error, NotFoundError)
    assert error.status_code == 404


def test_wrongly_typed_value_is_422(target: Session) -> None:
    with Ninox(**target.options()) as client:
        found = client.records.find_one({"Email": "tom@globex.example"}, table=CONTACTS)
        assert found is not None
        with pytest.raises(UnprocessableEntityError) as excinfo:
            client.records.update_one({"Score": "very high"}, record_id=found.id, table=CONTACTS)
    assert excinfo.value.status_code == 422
    assert excinfo.value.method == "PUT"


def test_429_then_success(target: Session, sleeps: list[float]) -> None:
    target.fault(kind="status", status=429, path="/teams$", max_count=1, retry_after=2)
    with Ninox(**target.options()) as client:
        teams = client.teams.list()
    assert teams
    assert sleeps == [2.0]  # waited what Retry-After asked, once


def test_500_is_internal_server_error(target: Session) -> None:
    target.fault(kind="status", status=500, path="/tables$", max_count=1)
    with Ninox(**target.options(max_retries=0)) as client:
        error = _error_of(client.tables.list)
    assert isinstance(error, InternalServerError)
    assert error.status_code == 500
    assert "emulated fault" in str(error)


def test_html_502_is_readable(target: Session) -> None:
    target.fault(kind="status", status=502, body="html", path="/databases$", max_count=1)
    with Ninox(**target.options(max_retries=0)) as client:
        error = _error_of(client.databases.list)
    assert isinstance(error, InternalServerError)
    assert error.status_code == 502
    assert error.message == "502"  # the page's <title>, not its markup
    assert str(error).endswith("/databases -> 502 Bad Gateway: 502")
    assert "<" not in str(error)

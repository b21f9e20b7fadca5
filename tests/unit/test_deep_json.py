"""A 2xx answer nested deeper than Python's stack is a typed error, never a RecursionError."""

from __future__ import annotations

import httpx
import pytest
from ninoxkit import APIResponseValidationError, BatchWriteError, Ninox

DEEP = b"[" * 60_000 + b"]" * 60_000


def _client(body: bytes) -> Ninox:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    return Ninox(api_key="k", http_client=http, team_id="t", database_id="d")


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.records.list(table="A").to_list(),
        lambda c: c.records.get(record_id=1, table="A"),
        lambda c: c.teams.list(),
    ],
    ids=["list", "get", "teams"],
)
def test_a_60000_level_answer_is_a_validation_error(call: object) -> None:
    with _client(DEEP) as client, pytest.raises(APIResponseValidationError):
        call(client)  # type: ignore[operator]


def test_a_60000_level_answer_to_a_create_says_the_batch_was_answered() -> None:
    with _client(DEEP) as client, pytest.raises(BatchWriteError) as info:
        client.records.create([{"Name": "x"}], table="A")
    assert isinstance(info.value.error, APIResponseValidationError)
    assert info.value.not_written == []  # Ninox answered 2xx: never "certainly not written"

"""Wrong-typed record arguments are InvalidArgumentErrors before anything is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from ninoxkit import InvalidArgumentError, Ninox

CALLS: dict[str, Callable[[Ninox], Any]] = {
    "create(5)": lambda c: c.records.create(5, table="A"),  # type: ignore[arg-type]
    "update(None)": lambda c: c.records.update(None, table="A"),  # type: ignore[arg-type]
    "update_one(1, 5)": lambda c: c.records.update_one(5, record_id=1, table="A"),  # type: ignore[arg-type]
    "list(order=5)": lambda c: c.records.list(table="A", order=5),  # type: ignore[arg-type]
    'list(desc="yes")': lambda c: c.records.list(table="A", desc="yes"),  # type: ignore[arg-type]
    "list(new=1)": lambda c: c.records.list(table="A", new=1),  # type: ignore[arg-type]
    "list(choice_style=5)": lambda c: c.records.list(table="A", choice_style=5),  # type: ignore[arg-type]
    "get(style=[])": lambda c: c.records.get(record_id=1, table="A", style=[]),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("name", list(CALLS))
def test_a_wrong_typed_argument_is_refused_before_sending(name: str) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[])

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = Ninox(api_key="k", http_client=http, team_id="t", database_id="d")
    with client, pytest.raises(InvalidArgumentError):
        CALLS[name](client)
    assert sent == []

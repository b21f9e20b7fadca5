"""NX scripts (evaluateQuery, runQuery, execScript) over cassettes."""

from __future__ import annotations

import pytest
from ninoxkit import AsyncNinox, nx

from tests.resources.recording import Session


@pytest.mark.asyncio
async def test_short_query_is_a_get(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        count = await client.scripts.query("count(select Contacts)")
        names = await client.scripts.query(
            "(select Contacts where Status = " + nx.quote("Customer") + ").'First Name'"
        )
    assert count == 5
    assert sorted(names) == ["Lisa", "Mei"]


@pytest.mark.asyncio
async def test_long_query_is_a_post(target: Session) -> None:
    # Over the URL budget the script goes in a POST body (runQuery); same answer.
    text = "ninox " * 120
    async with AsyncNinox(**target.options()) as client:
        echoed = await client.scripts.query(nx.quote(text))
    assert echoed == text


@pytest.mark.asyncio
async def test_exec_writes(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        await client.scripts.exec(
            "let r := (create Deals); r.Title := " + nx.quote("From NX") + "; r.Amount := 7"
        )
        found = await client.records.find_one({"Title": "From NX"}, table="C")
    assert found is not None
    assert found.fields["Amount"] == 7

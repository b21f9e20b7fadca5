"""What ``ninoxkit.nx.quote`` writes is NX the emulator can run."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from ninoxkit.nx import quote
from ninoxkit.testing._nx import NXError, parse

from .conftest import P


def q(client: httpx.Client, src: str) -> Any:
    r = client.post(P + "/query", json={"query": src})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([], []),
        ([1, 2], [1, 2]),
        (("a b", None, True, 2.5), ["a b", None, True, 2.5]),
        ([dt.date(2024, 1, 2), 'say "hi"'], ["2024-01-02", 'say "hi"']),
    ],
)
def test_array_literals_from_quote(client: httpx.Client, value: Any, expected: Any) -> None:
    assert q(client, quote(value)) == expected


def test_array_literals_work_with_list_functions(client: httpx.Client) -> None:
    assert q(client, "count([1, 2, null])") == 2
    assert q(client, "sum([1, 2 + 3])") == 6
    assert q(client, "first([])") is None
    assert q(client, "[1, 2] = [1, 2]") is True
    assert q(client, f"count(select Deals where Stage = first({quote(['Won'])}))") >= 1


@pytest.mark.parametrize("src", ["[1, 2", "[1,, 2]", "[,]", "[1 2]"])
def test_malformed_array_literals_are_400(client: httpx.Client, src: str) -> None:
    with pytest.raises(NXError):
        parse(src)
    assert client.post(P + "/query", json={"query": src}).status_code == 400

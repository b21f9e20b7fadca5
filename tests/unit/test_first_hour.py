"""Issue #16 item 3: traps a newcomer falls into in the first hour, each with what fixes it."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from ninoxkit import AsyncNinox, Ninox, NotFoundError

# -- a base URL without /v1 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("https://api.ninox.com", "https://api.ninox.com/v1"),
        ("https://api.ninox.com/", "https://api.ninox.com/v1"),
        ("https://acme.ninox.com", "https://acme.ninox.com/v1"),  # private cloud
        ("https://10.0.0.5:8443", "https://10.0.0.5:8443/v1"),  # on-premises, IP and port
        ("https://api.ninox.com/v1/", "https://api.ninox.com/v1"),
    ],
)
def test_a_bare_host_means_its_v1(given: str, used: str) -> None:
    """Used to be taken as the API root itself: every request then got a bare 404."""
    assert Ninox(api_key="k", base_url=given).base_url == used
    assert AsyncNinox(api_key="k", base_url=given).base_url == used
    assert Ninox(api_key="k").with_options(base_url=given).base_url == used


def _not_found(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404, request=request)


def test_a_404_under_a_base_url_without_v1_says_where_the_api_is() -> None:
    with (
        httpx.Client(transport=httpx.MockTransport(_not_found)) as http,
        Ninox(api_key="k", base_url="https://ninox.example.org/api", http_client=http) as client,
        pytest.raises(NotFoundError) as caught,
    ):
        client.teams.list()
    assert "does not end in /v1" in str(caught.value)
    assert "base_url='https://ninox.example.org/v1'" in str(caught.value)


def test_a_404_under_v1_gets_no_hint() -> None:
    async def run() -> NotFoundError:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(_not_found)) as http,
            AsyncNinox(api_key="k", base_url="https://api.ninox.com/v1", http_client=http) as c,
        ):
            try:
                await c.teams.list()
            except NotFoundError as exc:
                return exc
        raise AssertionError("no 404")

    assert "/v1" not in asyncio.run(run()).message

"""Issue #14 item 6: start-up costs only what is used.

``Ninox()`` with a plain-http base URL (the emulator, a local proxy) builds no TLS context: httpx
builds one, loading the CA bundle, whenever a transport is created, which is most of what
creating a client cost.
"""

from __future__ import annotations

import asyncio
import ssl
from typing import Any

import httpx
import pytest
from ninoxkit import AsyncNinox, Ninox
from ninoxkit.testing import NinoxEmulator

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])


@pytest.fixture
def no_tls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and refuse) every SSL context built while the test runs."""
    built: list[str] = []

    class Refused(ssl.SSLContext):
        def __new__(cls, *_args: Any, **_kwargs: Any) -> Refused:
            built.append("SSLContext")
            raise AssertionError("an SSL context was built")

    def create_default_context(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        built.append("create_default_context")
        raise AssertionError("an SSL context was built")

    monkeypatch.setattr(ssl, "SSLContext", Refused)
    monkeypatch.setattr(ssl, "create_default_context", create_default_context)
    return built


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/v1", "http://localhost:9", "http://[::1]:9"])
def test_a_plain_http_client_builds_no_tls_context(no_tls: list[str], url: str) -> None:
    Ninox(api_key="k", base_url=url).close()
    asyncio.run(AsyncNinox(api_key="k", base_url=url).aclose())
    assert no_tls == []


def test_an_https_client_still_builds_one(no_tls: list[str]) -> None:
    """The check above is not vacuous: an https client does build a context (and verifies)."""
    with pytest.raises(AssertionError, match="SSL context"):
        Ninox(api_key="k", base_url="https://api.ninox.com/v1")
    assert no_tls


def test_a_plain_http_client_works_without_tls() -> None:
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        with Ninox(api_key=emu.token, base_url=emu.base_url) as sync_client:
            assert [t.name for t in sync_client.teams.list()] == ["Acme"]

        async def run() -> list[str]:
            async with AsyncNinox(api_key=emu.token, base_url=emu.base_url) as client:
                return [t.name for t in await client.teams.list()]

        assert asyncio.run(run()) == ["Acme"]


def test_an_https_request_through_a_plain_http_client_gets_httpx_tls() -> None:
    """A ``with_options(base_url="https://...")`` copy shares the pool: its requests go
    through httpx's own transport (built then), so TLS is set up as httpx always does."""
    from ninoxkit._httpx_glue import PlainHTTPTransport

    transport = PlainHTTPTransport(limits=httpx.Limits())
    assert transport._tls is None
    with pytest.raises(httpx.ConnectError):  # port 9 on loopback: nothing listens
        transport.handle_request(httpx.Request("GET", "https://127.0.0.1:9/v1/teams"))
    assert isinstance(transport._tls, httpx.HTTPTransport)
    transport.close()

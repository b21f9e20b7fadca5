"""Option resolution and URL helpers (pure)."""

from __future__ import annotations

import math
from typing import Any

import httpx
import pytest
from ninoxkit import (
    DEFAULT_BASE_URL,
    LEGACY_BASE_URL,
    ConfigurationError,
    legacy_cloud_url,
    on_premises_url,
    private_cloud_url,
)
from ninoxkit._config import resolve_options, to_timeout
from ninoxkit._httpx_glue import LeanCookieClient

DEFAULTS: dict[str, Any] = {
    "api_key": None,
    "base_url": None,
    "timeout": 60,
    "max_retries": 2,
    "max_concurrency": 4,
    "team_id": None,
    "database_id": None,
    "allow_insecure_http": False,
}
ENV = {
    "NINOX_API_KEY": "env-key",
    "NINOX_BASE_URL": "https://env.ninox.com/v1",
    "NINOX_TEAM_ID": "env-team",
    "NINOX_DATABASE_ID": "env-db",
}


def resolve(environ: dict[str, str], **kwargs: Any) -> Any:
    return resolve_options(**{**DEFAULTS, **kwargs}, environ=environ)


def test_argument_beats_env_beats_default() -> None:
    from_env = resolve(ENV)
    assert (from_env.api_key, from_env.base_url) == ("env-key", "https://env.ninox.com/v1")
    assert (from_env.team_id, from_env.database_id) == ("env-team", "env-db")
    explicit = resolve(
        ENV, api_key="k", base_url="https://a.ninox.com/v1", team_id="t", database_id="d"
    )
    assert (explicit.api_key, explicit.base_url) == ("k", "https://a.ninox.com/v1")
    assert (explicit.team_id, explicit.database_id) == ("t", "d")
    default = resolve({"NINOX_API_KEY": "k", "NINOX_BASE_URL": ""})
    assert default.base_url == DEFAULT_BASE_URL
    assert default.team_id is None


def test_missing_key_message() -> None:
    with pytest.raises(ConfigurationError) as info:
        resolve({})
    assert "NINOX_API_KEY" in str(info.value)
    assert "Integrations" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_repr_hides_key() -> None:
    assert "env-key" not in repr(resolve(ENV))


@pytest.mark.parametrize(
    "url",
    [
        "ftp://api.ninox.com/v1",
        "api.ninox.com/v1",
        "https://u:p@api.ninox.com/v1",
        "https://api.ninox.com/v1?x=1",
        "http://api.ninox.com/v1",
        "http://10.0.0.5/v1",
    ],
)
def test_bad_base_urls(url: str) -> None:
    with pytest.raises(ConfigurationError):
        resolve({}, api_key="k", base_url=url)


def test_insecure_http_opt_in_and_loopback() -> None:
    assert (
        resolve({}, api_key="k", base_url="http://10.0.0.5/v1/", allow_insecure_http=True).base_url
        == "http://10.0.0.5/v1"
    )
    assert resolve({}, api_key="k", base_url="http://127.0.0.2:81/v1").base_url == (
        "http://127.0.0.2:81/v1"
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_retries", -1),
        ("max_concurrency", 0),
        ("team_id", " "),
        ("database_id", ""),
        ("api_key", "a\nb"),
    ],
)
def test_invalid_values(field: str, value: Any) -> None:
    with pytest.raises(ConfigurationError):
        resolve({"NINOX_API_KEY": "k"}, **{field: value})


def test_url_helpers() -> None:
    assert legacy_cloud_url() == LEGACY_BASE_URL == "https://api.ninoxdb.de/v1"
    assert private_cloud_url("Acme") == "https://acme.ninox.com/v1"
    assert private_cloud_url("acme", legacy_domain=True) == "https://acme.ninoxdb.de/v1"
    assert on_premises_url("https://ninox.example.org") == "https://ninox.example.org/v1"
    assert on_premises_url("https://ninox.example.org/v1/") == "https://ninox.example.org/v1"
    with pytest.raises(ConfigurationError):
        private_cloud_url("acme.evil.com")


def test_to_timeout() -> None:
    assert to_timeout(5) == httpx.Timeout(5.0)
    assert to_timeout(None) == httpx.Timeout(None)
    custom = httpx.Timeout(1, connect=2)
    assert to_timeout(custom) is custom
    with pytest.raises(ConfigurationError):
        to_timeout(-1)


def test_lean_cookie_client_keeps_cookies_from_the_constructor_and_from_answers() -> None:
    sent: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.get("cookie"))
        return httpx.Response(200, headers={"set-cookie": "s=1"} if len(sent) == 1 else {})

    with LeanCookieClient(cookies={"a": "b"}, transport=httpx.MockTransport(handler)) as client:
        client.get("https://api.ninox.com/v1/teams")
        client.get("https://api.ninox.com/v1/teams")
    assert sent[0] == "a=b"
    assert sorted((sent[1] or "").split("; ")) == ["a=b", "s=1"]


# -- issue #13: names that leave the machine, credentials, typed option errors ----------


@pytest.mark.parametrize(
    "url",
    [
        "http://api.localhost/v1",  # RFC 6761: resolvers MAY, hosts files and proxies need not
        "http://localhost.evil.com/v1",
        "http://127.0.0.1.nip.io/v1",
        "http://localhost./v1",
    ],
)
def test_plain_http_only_to_names_that_cannot_leave_the_machine(url: str) -> None:
    with pytest.raises(ConfigurationError, match="allow_insecure_http"):
        resolve({}, api_key="k", base_url=url)


@pytest.mark.parametrize(
    "url", ["http://localhost:8080/v1", "http://127.0.0.1/v1", "http://[::1]:9/v1"]
)
def test_plain_http_to_loopback_is_allowed(url: str) -> None:
    assert resolve({}, api_key="k", base_url=url).base_url == url


BAD_CREDENTIALS = [
    " nxk-secret-1234",
    "nxk-secret-1234 ",
    "nxk-secret-1234\n",
    "nxk-secret\x00-1234",
    "nxk-secret\t1234",
    "nxk-secret\x0b1234",
    "nxk-secret\x0c1234",
    "nxk-sécret-1234",
    "nxk-secret-\ud800-1234",
    "nxk-secret\u00a01234",
]


@pytest.mark.parametrize("key", BAD_CREDENTIALS, ids=repr)
def test_a_key_that_is_no_header_value_is_refused_without_showing_it(key: str) -> None:
    import traceback

    with pytest.raises(ConfigurationError, match="api_key is not valid") as info:
        resolve({}, api_key=key)
    shown = str(info.value) + repr(info.value) + "".join(traceback.format_exception(info.value))
    assert "secret" not in shown
    assert "1234" not in shown


@pytest.mark.parametrize("password", [*BAD_CREDENTIALS, "p\x7f"], ids=repr)
def test_a_password_that_is_no_header_value_is_refused_without_showing_it(password: str) -> None:
    with pytest.raises(ConfigurationError, match="database_password is not valid") as info:
        resolve({}, api_key="k", database_password=password)
    assert "secret" not in str(info.value) + repr(info.value)


def test_a_password_may_have_inner_spaces() -> None:
    assert resolve({}, api_key="k", database_password="my db pass").database_password == (
        "my db pass"
    )


@pytest.mark.parametrize(
    "value",
    [
        math.nan,
        math.inf,
        -math.inf,
        "5",
        True,
        [],
        httpx.Timeout(5, read=math.nan),
        httpx.Timeout(5, connect=math.inf),
        httpx.Timeout(5, pool=-1),
    ],
    ids=repr,
)
def test_timeouts_that_are_no_finite_seconds_are_refused(value: Any) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        to_timeout(value)
    with pytest.raises(ConfigurationError, match="timeout"):
        resolve({}, api_key="k", timeout=value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_concurrency", "4"),
        ("max_concurrency", True),
        ("max_concurrency", 0),
        ("max_concurrency", -3),
        ("max_concurrency", 2.5),
        ("max_retries", "2"),
        ("max_retries", 1.0),
        ("team_id", 5),
        ("database_id", b"db"),
        ("team_id", "t\ud800"),
        ("base_url", 5),
        ("allow_insecure_http", "yes"),
        ("deadline", 0),
        ("deadline", -1),
        ("deadline", math.nan),
        ("deadline", math.inf),
        ("deadline", "30"),
        ("max_response_size", 0),
        ("max_response_size", "1MB"),
        ("max_response_size", 1.5),
    ],
    ids=repr,
)
def test_wrong_types_give_the_documented_error(field: str, value: Any) -> None:
    with pytest.raises(ConfigurationError):
        resolve({}, api_key="k", **{field: value})


def test_deadline_and_response_size_defaults() -> None:
    from ninoxkit import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_SIZE

    options = resolve({}, api_key="k")
    assert options.deadline == DEFAULT_DEADLINE == 300.0
    assert options.max_response_size == DEFAULT_MAX_RESPONSE_SIZE == 64 * 1024 * 1024
    assert resolve({}, api_key="k", deadline=None).deadline is None


def test_an_async_client_used_under_a_second_event_loop_says_what_to_do() -> None:
    import asyncio

    from ninoxkit import AsyncNinox, EventLoopError

    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[])

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AsyncNinox(api_key="k", http_client=http)
    asyncio.run(client.teams.list())
    with pytest.raises(EventLoopError, match="one AsyncNinox per event loop") as info:
        asyncio.run(client.teams.list())
    assert isinstance(info.value, RuntimeError)
    assert len(sent) == 1  # refused before anything was sent


def test_repr_of_a_half_built_client_does_not_raise() -> None:
    from ninoxkit import AsyncNinox, Ninox

    for cls in (Ninox, AsyncNinox):
        half = cls.__new__(cls)
        assert "not initialised" in repr(half)
        assert half.is_closed

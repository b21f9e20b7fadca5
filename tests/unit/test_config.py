"""Option resolution and URL helpers (pure)."""

from __future__ import annotations

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
from ninoxkit._config import LeanCookieClient, resolve_options, to_timeout

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

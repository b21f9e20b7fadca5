"""The Ninox 4 recorder's scrubbing and mode checks (what keeps secrets out of cassettes)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.unit_v4.recording4 import (
    CANONICAL_BASE_URL,
    CANONICAL_WORKSPACE_ID,
    SETUP_HEADER,
    Scrubber4,
    mode_from_env,
)

LIVE = Scrubber4("https://go.ninox.com", "abcdefghijk1")


def test_live_host_and_workspace_become_canonical_in_requests() -> None:
    request = SimpleNamespace(
        uri="https://go.ninox.com/api/v1/workspace/abcdefghijk1/modules",
        headers={"Host": "go.ninox.com"},
    )
    scrubbed = LIVE.request(request)
    assert scrubbed.uri == f"{CANONICAL_BASE_URL}/api/v1/workspace/{CANONICAL_WORKSPACE_ID}/modules"
    assert scrubbed.headers["Host"] == "go.ninox.invalid"


def test_setup_requests_are_not_recorded() -> None:
    request = SimpleNamespace(uri="https://go.ninox.com/x", headers={SETUP_HEADER: "1"})
    assert LIVE.request(request) is None


def test_bodies_lose_the_workspace_cookies_and_url_signatures() -> None:
    body = b'{"data":{"url":"https://files.example/r.pdf?X-Sig=s3cr3t","ws":"abcdefghijk1"}}'
    response = {
        "headers": {"Set-Cookie": ["sid=1"], "Content-Length": [str(len(body))]},
        "body": {"string": body},
    }
    scrubbed = LIVE.response(response)
    text = scrubbed["body"]["string"].decode()
    assert "s3cr3t" not in text
    assert "abcdefghijk1" not in text
    assert '"url":"https://files.example/r.pdf"' in text
    assert "Set-Cookie" not in scrubbed["headers"]
    assert scrubbed["headers"]["Content-Length"] == [str(len(scrubbed["body"]["string"]))]


def test_live_recording_needs_its_variables() -> None:
    assert mode_from_env({}) == "replay"
    with pytest.raises(ValueError, match="NINOX4_API_KEY, NINOX4_WORKSPACE_ID"):
        mode_from_env({"NINOXKIT_RECORD_V4": "live"})
    with pytest.raises(ValueError, match="emulator' or 'live"):
        mode_from_env({"NINOXKIT_RECORD_V4": "yes"})

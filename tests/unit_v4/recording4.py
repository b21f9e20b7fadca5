"""Where the Ninox 4 cassette tests send their requests, and how recordings are scrubbed.

Three modes, chosen by ``NINOXKIT_RECORD_V4`` (set by ``scripts/record-cassettes --v4``, never
by hand):

- unset: **replay**. Every request goes to the canonical target below and is answered from
  ``tests/cassettes/v4/<test>.yaml``; the network is blocked.
- ``emulator``: record against a :class:`ninoxkit.testing.v4.Ninox4Emulator` the fixture starts
  itself (sample workspace, deterministic clock, data reset before each test), so two
  recordings are byte-identical.
- ``live``: record against a real, **throw-away** Ninox 4 workspace (``NINOX4_API_KEY``,
  ``NINOX4_WORKSPACE_ID``, optional ``NINOX4_BASE_URL``). Before each test its module ``crm``
  is deleted and rebuilt from the sample workspace by unrecorded setup requests. Tests that
  need the emulator's fixed views, reports or functions are skipped.

Whatever was recorded, the cassettes name one canonical target (``CANONICAL_BASE_URL``,
``CANONICAL_WORKSPACE_ID``): :class:`Scrubber4` rewrites the real host and workspace id in
requests and bodies before vcrpy stores or matches them. Authorization is replaced by the
marker (``filter_headers``), ``Set-Cookie`` is dropped, presigned URLs lose their query.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import yaml
from ninoxkit.testing.v4 import SAMPLE_WORKSPACE, Ninox4Emulator

#: The host and workspace every v4 cassette names (the ``.invalid`` TLD never resolves).
CANONICAL_BASE_URL = "https://go.ninox.invalid"
CANONICAL_HOST = "go.ninox.invalid"
CANONICAL_WORKSPACE_ID = "5rdco4s18swu"
REPLAY_KEY = "replay-key"
AUTH_MARKER = "Bearer REDACTED"
#: Requests carrying this header (setup of a live workspace) are not recorded.
SETUP_HEADER = "x-ninoxkit-cassette-setup"
MODES = ("emulator", "live")


@dataclass(frozen=True)
class Target4:
    """The Ninox 4 workspace the tests talk to in this run."""

    mode: str  # "replay", "emulator" or "live"
    base_url: str
    api_key: str
    workspace_id: str
    read_key: str = REPLAY_KEY  # a key without scopes (emulator only)

    @property
    def recording(self) -> bool:
        return self.mode != "replay"

    def options(self, **overrides: Any) -> dict[str, Any]:
        """Keyword arguments for ``Ninox4(...)`` / ``AsyncNinox4(...)`` aimed at this target."""
        return {
            "api_key": self.api_key,
            "workspace_id": self.workspace_id,
            "base_url": self.base_url,
            **overrides,
        }

    def emulator_only(self) -> None:
        """Skip a live recording: the test needs the emulator's fixed ids."""
        if self.mode == "live":
            pytest.skip("needs the emulator's views, reports or functions")


def mode_from_env(environ: dict[str, str] | None = None) -> str:
    """``replay``, ``emulator`` or ``live`` (see the module docstring).

    Raises:
        ValueError: an unknown mode, or ``live`` without its variables (the message names them).
    """
    env = dict(os.environ if environ is None else environ)
    mode = env.get("NINOXKIT_RECORD_V4", "") or "replay"
    if mode not in ("replay", *MODES):
        raise ValueError(f"NINOXKIT_RECORD_V4 must be 'emulator' or 'live', got {mode!r}")
    if mode == "live":
        missing = [n for n in ("NINOX4_API_KEY", "NINOX4_WORKSPACE_ID") if not env.get(n)]
        if missing:
            raise ValueError(f"recording mode 'live' needs {', '.join(missing)}")
    return mode


@dataclass
class Scrubber4:
    """vcrpy ``before_record_request``/``before_record_response`` hooks for one target."""

    base_url: str = CANONICAL_BASE_URL
    workspace_id: str = CANONICAL_WORKSPACE_ID

    def canonical(self, text: str) -> str:
        """``text`` with the real host and workspace id replaced by the canonical ones."""
        text = text.replace(self.base_url.rstrip("/"), CANONICAL_BASE_URL)
        return text.replace(self.workspace_id, CANONICAL_WORKSPACE_ID)

    def request(self, request: Any) -> Any:
        """Drop setup requests; rewrite the URL and Host to the canonical target."""
        if SETUP_HEADER in {name.lower() for name in request.headers}:
            return None
        request.uri = self.canonical(request.uri)
        for name in list(request.headers):
            if name.lower() == "host":
                request.headers[name] = CANONICAL_HOST
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any]:
        """Rewrite the host and workspace id in a body; drop cookies and URL signatures."""
        response = copy.deepcopy(response)
        headers = response.get("headers", {})
        for name in list(headers):
            if name.lower() == "set-cookie":
                del headers[name]
        body = response.get("body", {}).get("string", b"")
        if not isinstance(body, bytes) or not body:
            return response
        text = body.decode("utf-8", errors="replace")
        # A printed report's presigned URL carries its signature in the query.
        new_text = re.sub(r'("url":\s*"[^"?]*)\?[^"]*"', r'\1"', self.canonical(text))
        if new_text != text:
            new_body = new_text.encode("utf-8")
            response["body"]["string"] = new_body
            for name in headers:
                if name.lower() == "content-length":
                    headers[name] = [str(len(new_body))]
        return response


def reset_live(target: Target4) -> None:
    """Rebuild module ``crm`` of the live workspace from the sample (requests not recorded)."""
    data = yaml.safe_load(SAMPLE_WORKSPACE.read_text(encoding="utf-8"))
    root = f"{target.base_url}/api/v1/workspace/{target.workspace_id}"
    headers = {"Authorization": f"Bearer {target.api_key}", SETUP_HEADER: "1"}
    with httpx.Client(headers=headers, timeout=60) as http:
        for module in data["modules"]:
            name = module["name"]
            if http.get(f"{root}/modules/{name}").status_code == 200:
                http.delete(f"{root}/modules/{name}").raise_for_status()
            keys = {k: v for k, v in module.items() if k in {"name", "labels", "icon"}}
            http.post(f"{root}/modules", json=keys).raise_for_status()
            for table in module["tables"]:
                body = {k: v for k, v in table.items() if k not in {"fields", "records"}}
                http.post(f"{root}/modules/{name}/tables", json=body).raise_for_status()
            for table in module["tables"]:
                path = f"{root}/modules/{name}/tables/{table['name']}"
                fields = [{"labels": {"": f["name"]}, **f} for f in table["fields"]]
                http.post(f"{path}/fields/batch", json=fields).raise_for_status()
                if table.get("records"):
                    records = {"records": table["records"]}
                    http.post(f"{path}/records", json=records).raise_for_status()


def target_for(emulator: Ninox4Emulator | None) -> Target4:
    """The target of this run: the recording emulator, the live workspace, or the canonical one.

    Raises:
        ValueError: as :func:`mode_from_env`.
    """
    mode = mode_from_env()
    if emulator is not None:
        return Target4("emulator", emulator.url, emulator.token, emulator.workspace.id,
                       emulator.read_token)  # fmt: skip
    if mode == "live":
        env = os.environ
        base = env.get("NINOX4_BASE_URL", "https://go.ninox.com").rstrip("/")
        return Target4("live", base, env["NINOX4_API_KEY"], env["NINOX4_WORKSPACE_ID"])
    if mode == "emulator":
        raise ValueError("NINOXKIT_RECORD_V4=emulator needs the recording emulator fixture")
    return Target4("replay", CANONICAL_BASE_URL, REPLAY_KEY, CANONICAL_WORKSPACE_ID)

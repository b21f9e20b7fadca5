"""Where the cassette tests send their requests, and how recordings are scrubbed.

Three modes, chosen by ``NINOXKIT_RECORD`` (set by ``scripts/record-cassettes``, never by hand):

- unset: **replay**. Every request goes to the canonical target below and is answered from a
  cassette; the network is blocked.
- ``emulator``: record against a local :class:`ninoxkit.testing.NinoxEmulator` at
  ``NINOXKIT_RECORD_BASE_URL`` accepting ``NINOXKIT_RECORD_TOKEN``.
- ``live``: record against a real, throw-away Ninox database (``NINOX_API_KEY``,
  ``NINOX_TEAM_ID``, ``NINOX_DATABASE_ID``, optional ``NINOX_BASE_URL``).

Whatever was recorded, the cassettes name one **canonical target** (``CANONICAL_BASE_URL``,
``CANONICAL_TEAM_ID``, ``CANONICAL_DATABASE_ID``): :func:`scrub_request` rewrites the real base
URL and ids before vcrpy stores or matches a request, and :func:`scrub_response` rewrites them in
bodies. Replay is therefore independent of the emulator's port and of the live account, and the
tests take their target from one place (:class:`Target`).

Scrubbing also replaces the bearer token (``filter_headers`` in ``tests/conftest.py``), user ids
(``createdBy``/``modifiedBy``/``modifiedUser``, and ``_cu``/``_mu`` in change sets), e-mail
addresses outside the reserved example domains, and drops ``Set-Cookie``. Requests to the
emulator's control API (``/_emulator``) and setup requests carrying :data:`SETUP_HEADER` are not
recorded at all.
"""

from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import yaml
from ninoxkit.testing import CRM_FIXTURE

#: The base URL, team and database every cassette names (the ``.invalid`` TLD never resolves).
CANONICAL_BASE_URL = "https://ninox.invalid/v1"
CANONICAL_HOST = "ninox.invalid"
CANONICAL_TEAM_ID = "AcmeTeam4mPLY6DMs"
CANONICAL_DATABASE_ID = "crm0acme0001"
#: The key clients use in replay (any value works: Authorization is not matched).
REPLAY_KEY = "replay-key"
#: What every recorded Authorization header says.
AUTH_MARKER = "Bearer REDACTED"
#: What every recorded user id says.
USER_MARKER = "user-redacted"
#: What every recorded e-mail address outside the reserved domains says.
EMAIL_MARKER = "redacted@example.invalid"
#: The data the cassettes were recorded from (the emulator's sample CRM), and its table ids.
FIXTURE = CRM_FIXTURE
COMPANIES, CONTACTS, DEALS = "A", "B", "C"
#: Requests carrying this header (test setup against a live database) are not recorded.
SETUP_HEADER = "x-ninoxkit-cassette-setup"

#: What every recorded secret value (share tokens, passwords) says, wherever it appears.
SECRET_MARKER = "REDACTED"

#: User ids in records and views, and in change-set entries (`_cu`/`_mu`, reference §13).
USER_KEYS = frozenset({"createdBy", "modifiedBy", "modifiedUser", "_cu", "_mu"})
SECRET_KEYS = frozenset({"token", "accessToken", "apiKey", "password", "secret"})
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)")
#: RFC 2606 / RFC 6761 names that can never belong to a real person.
RESERVED_DOMAIN = re.compile(
    r"(^|\.)(example|invalid|test|localhost)$|^example\.(com|net|org)$", re.IGNORECASE
)


@dataclass(frozen=True)
class Target:
    """The Ninox instance the tests talk to in this run."""

    mode: str  # "replay", "emulator" or "live"
    base_url: str
    api_key: str
    team_id: str
    database_id: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def recording(self) -> bool:
        return self.mode != "replay"

    def client_options(self, **overrides: Any) -> dict[str, Any]:
        """Keyword arguments for ``Ninox(...)`` / ``AsyncNinox(...)`` aimed at this target."""
        options: dict[str, Any] = {
            "api_key": self.api_key,
            "base_url": self.base_url,
            "team_id": self.team_id,
            "database_id": self.database_id,
        }
        options.update(overrides)
        return options


def target_from_env(environ: dict[str, str] | None = None) -> Target:
    """The target of this run, from the environment (see the module docstring).

    Raises:
        ValueError: a recording mode without the variables it needs (the message names them).
    """
    env = dict(os.environ if environ is None else environ)
    mode = env.get("NINOXKIT_RECORD", "")
    if not mode:
        return Target(
            "replay", CANONICAL_BASE_URL, REPLAY_KEY, CANONICAL_TEAM_ID, CANONICAL_DATABASE_ID
        )
    if mode == "emulator":
        needed = ["NINOXKIT_RECORD_BASE_URL", "NINOXKIT_RECORD_TOKEN"]
        _require(env, needed, mode)
        return Target(
            "emulator",
            env["NINOXKIT_RECORD_BASE_URL"].rstrip("/"),
            env["NINOXKIT_RECORD_TOKEN"],
            CANONICAL_TEAM_ID,
            CANONICAL_DATABASE_ID,
        )
    if mode == "live":
        _require(env, ["NINOX_API_KEY", "NINOX_TEAM_ID", "NINOX_DATABASE_ID"], mode)
        return Target(
            "live",
            env.get("NINOX_BASE_URL", "https://api.ninox.com/v1").rstrip("/"),
            env["NINOX_API_KEY"],
            env["NINOX_TEAM_ID"],
            env["NINOX_DATABASE_ID"],
        )
    raise ValueError(f"NINOXKIT_RECORD must be 'emulator' or 'live', got {mode!r}")


def _require(env: dict[str, str], names: list[str], mode: str) -> None:
    missing = [name for name in names if not env.get(name)]
    if missing:
        raise ValueError(f"recording mode {mode!r} needs {', '.join(missing)}")


class Scrubber:
    """vcrpy ``before_record_request``/``before_record_response`` hooks for one target."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self._replacements: list[tuple[str, str]] = []
        if target.base_url != CANONICAL_BASE_URL:
            self._replacements.append((target.base_url, CANONICAL_BASE_URL))
        if target.team_id != CANONICAL_TEAM_ID:
            self._replacements.append((target.team_id, CANONICAL_TEAM_ID))
        if target.database_id != CANONICAL_DATABASE_ID:
            self._replacements.append((target.database_id, CANONICAL_DATABASE_ID))

    def canonical(self, text: str) -> str:
        """``text`` with the real base URL and ids replaced by the canonical ones."""
        for real, canonical in self._replacements:
            text = text.replace(real, canonical)
        return text

    def request(self, request: Any) -> Any:
        """Drop control and setup requests; rewrite the URL to the canonical target.

        vcrpy applies this to every request it records *and* to every request it matches, so
        a replayed request (already canonical) passes unchanged.
        """
        if SETUP_HEADER in {name.lower() for name in request.headers}:
            return None
        if request.path.startswith("/_emulator"):
            return None
        request.uri = self.canonical(request.uri)
        for name in list(request.headers):
            if name.lower() == "host":  # names the emulator's port or the live host
                request.headers[name] = CANONICAL_HOST
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any]:
        """Rewrite ids, user ids and personal e-mail addresses in a response body."""
        response = copy.deepcopy(response)
        headers = response.get("headers", {})
        for name in list(headers):
            if name.lower() == "set-cookie":
                del headers[name]
        body = response.get("body", {}).get("string", b"")
        if not isinstance(body, bytes) or not body:
            return response
        ctype = " ".join(v for k, vs in headers.items() if k.lower() == "content-type" for v in vs)
        if "json" not in ctype:
            return response
        text = body.decode("utf-8")
        new_text = self.canonical(text)
        try:
            data = json.loads(new_text)
        except ValueError:
            data = None
        if data is not None:
            scrubbed = data
            for secret in sorted(_secrets(data), key=len, reverse=True):
                scrubbed = json.loads(json.dumps(scrubbed).replace(secret, SECRET_MARKER))
            scrubbed = scrub_json(scrubbed)
            if scrubbed != data:
                new_text = json.dumps(scrubbed, ensure_ascii=False, separators=(",", ":"))
        if new_text != text:
            new_body = new_text.encode("utf-8")
            response["body"]["string"] = new_body
            for name in headers:
                if name.lower() == "content-length":
                    headers[name] = [str(len(new_body))]
        return response


def scrub_json(value: Any) -> Any:
    """``value`` with user ids replaced by :data:`USER_MARKER` and personal e-mail addresses
    by :data:`EMAIL_MARKER`."""
    if isinstance(value, dict):
        return {
            key: (USER_MARKER if key in USER_KEYS and item is not None else scrub_json(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_json(item) for item in value]
    if isinstance(value, str):
        return EMAIL.sub(_email, value)
    return value


def _secrets(value: Any) -> set[str]:
    """String values of :data:`SECRET_KEYS` anywhere in ``value`` (to replace everywhere: a
    share token also appears inside the share's URL)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in SECRET_KEYS and isinstance(item, str) and item and item != SECRET_MARKER:
                found.add(item)
            else:
                found |= _secrets(item)
    elif isinstance(value, list):
        for item in value:
            found |= _secrets(item)
    return found


def _email(match: re.Match[str]) -> str:
    return match.group(0) if RESERVED_DOMAIN.search(match.group(1)) else EMAIL_MARKER


class Session:
    """The target of one test, with the recording-only controls (no-ops in replay)."""

    def __init__(self, target: Target) -> None:
        self.target = target

    def options(self, **overrides: Any) -> dict[str, Any]:
        """Keyword arguments for ``Ninox``/``AsyncNinox``."""
        return self.target.client_options(**overrides)

    def emulator_only(self) -> None:
        """Skip a live recording: the test needs emulator state or fault injection."""
        if self.target.mode == "live":
            pytest.skip("needs the emulator (fault injection or fixed view/report ids)")

    def fault(self, **rule: Any) -> None:
        """Add an emulator fault rule while recording (see :class:`ninoxkit.testing.FaultRule`)."""
        self.emulator_only()
        if self.target.mode == "emulator":
            response = httpx.post(f"{self._emulator_root()}/_emulator/faults", json=rule)
            response.raise_for_status()

    def reset(self) -> None:
        """Back to the fixture's data before a recorded test."""
        if self.target.mode == "emulator":
            httpx.post(f"{self._emulator_root()}/_emulator/reset").raise_for_status()
        elif self.target.mode == "live":
            _reset_live(self.target)

    def _emulator_root(self) -> str:
        return self.target.base_url.removesuffix("/v1")


def _reset_live(target: Target) -> None:
    """Replace every record of the live tables A, B, C with the fixture's (not recorded)."""
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    tables = data["teams"][0]["databases"][0]["tables"]
    root = f"{target.base_url}/teams/{target.team_id}/databases/{target.database_id}/tables"
    headers = {"Authorization": f"Bearer {target.api_key}", SETUP_HEADER: "1"}
    with httpx.Client(headers=headers, timeout=30) as http:
        for index, table in enumerate(tables):
            tid = "ABC"[index]
            listed = http.get(f"{root}/{tid}/records", params={"perPage": 1000})
            ids = [record["id"] for record in listed.raise_for_status().json()]
            if ids:
                http.request("DELETE", f"{root}/{tid}/records", json=ids).raise_for_status()
            items = [r.get("fields", r) for r in table["records"]]
            created = http.post(f"{root}/{tid}/records", json=[{"fields": f} for f in items])
            created.raise_for_status()
            for spec, record in zip(table["records"], created.json(), strict=True):
                for file in spec.get("files", []) if "fields" in spec else []:
                    url = f"{root}/{tid}/records/{record['id']}/files"
                    content = (file["name"], file["text"].encode(), file["contentType"])
                    http.post(url, files={"file": content}).raise_for_status()

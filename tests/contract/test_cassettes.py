"""The recorded cassettes against the spec, and against leaked secrets.

- Every response in every cassette validates against ``openapi/ninox.yaml``: the request's
  method and path pick the operation, the status picks the response, the Content-Type picks the
  media type, and the body is validated as JSON Schema 2020-12 (OpenAPI 3.1 schemas are JSON
  Schema) with the spec's ``$ref``s resolved through a ``referencing`` registry.
- Every operation of the spec appears in at least one cassette.
- No cassette holds a credential: Authorization is the redaction marker, and no token-like value
  (a UUID, the emulator's tokens, ``Bearer <anything else>``, the key in ``NINOX_API_KEY``)
  appears anywhere; user ids and personal e-mail addresses are scrubbed.

Two deliberate media-type allowances, both from the spec's own prose: an operation whose only
success content is ``type: string, format: binary`` (a file download) may answer any
Content-Type, since the file's MIME type is sent ("with its MIME type as Content-Type"); and an
error answered as ``text/html`` (a proxy page) is validated as the ``text/plain`` ``ErrorText``
("An error message as plain text (or an HTML page from a proxy)").
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from jsonschema import Draft202012Validator
from ninoxkit.testing import DEFAULT_TOKEN
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.helpers import CLI_SECRET, RELIABILITY_SECRET
from tests.resources.recording import (
    AUTH_MARKER,
    CANONICAL_BASE_URL,
    EMAIL,
    RESERVED_DOMAIN,
    SECRET_KEYS,
    SECRET_MARKER,
    USER_KEYS,
    USER_MARKER,
)

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "ninox.yaml"
CASSETTES = ROOT / "tests" / "cassettes"
SPEC_URI = "urn:ninoxkit:openapi"
METHODS = ("get", "put", "post", "delete", "patch")
#: Tokens the recorder or the emulator suites ever used; none may appear in a cassette.
KNOWN_TOKENS = (DEFAULT_TOKEN, "cassette-emulator-token", RELIABILITY_SECRET, CLI_SECRET)
UUID = re.compile(
    r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
)
BEARER = re.compile(r"Bearer\s+(?!REDACTED\b)[A-Za-z0-9._~+/=-]+")
#: Headers that carry credentials; if present they must hold the marker.
CREDENTIAL_HEADERS = ("authorization", "nx-password", "cookie", "set-cookie", "x-api-key")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    template: str
    pointer: str  # JSON pointer of the operation object in the spec
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Interaction:
    cassette: Path
    index: int
    method: str
    uri: str
    request_headers: dict[str, list[str]]
    status: int
    response_headers: dict[str, list[str]]
    body: bytes

    @property
    def where(self) -> str:
        return f"{self.cassette.relative_to(ROOT)}#{self.index} ({self.method} {self.uri})"

    @property
    def content_type(self) -> str:
        values = _header(self.response_headers, "content-type")
        return values[0].split(";")[0].strip().lower() if values else ""


def _header(headers: dict[str, list[str]], name: str) -> list[str]:
    return [v for k, vs in headers.items() if k.lower() == name for v in vs]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def registry() -> Registry:
    resource: Resource[Any] = Resource(contents=spec(), specification=DRAFT202012)
    return Registry().with_resource(SPEC_URI, resource)


@cache
def operations() -> tuple[Operation, ...]:
    ops = []
    for template, item in spec()["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        for method in METHODS:
            if method in item:
                ops.append(
                    Operation(
                        item[method]["operationId"],
                        method.upper(),
                        template,
                        f"/paths/{_escape(template)}/{method}",
                        re.compile(pattern),
                    )
                )
    return tuple(ops)


def operation_for(method: str, uri: str) -> Operation | None:
    """The spec operation a recorded request belongs to."""
    base_path = urlsplit(CANONICAL_BASE_URL).path
    path = urlsplit(uri).path
    if not path.startswith(base_path + "/"):
        return None
    path = path[len(base_path) :]
    found = [op for op in operations() if op.method == method and op.regex.fullmatch(path)]
    return found[0] if len(found) == 1 else None


def _resolve(pointer: str) -> tuple[str, Any]:
    """Follow OpenAPI ``$ref``s (response objects) from ``pointer``; return (pointer, object)."""
    node: Any = spec()
    for part in pointer.lstrip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    if isinstance(node, dict) and set(node) == {"$ref"}:
        return _resolve(node["$ref"].removeprefix("#"))
    return pointer, node


def schema_errors(schema_pointer: str, instance: Any) -> list[str]:
    """JSON Schema 2020-12 errors of ``instance`` against the spec schema at the pointer."""
    validator = Draft202012Validator({"$ref": f"{SPEC_URI}#{schema_pointer}"}, registry=registry())
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _is_binary(media: dict[str, Any]) -> bool:
    schema = media.get("schema", {})
    return schema.get("type") == "string" and schema.get("format") == "binary"


def response_problems(interaction: Interaction) -> list[str]:
    """Why a recorded response does not fit the spec (empty when it does)."""
    op = operation_for(interaction.method, interaction.uri)
    if op is None:
        return ["no spec operation has this method and path"]
    responses = _resolve(op.pointer)[1]["responses"]
    status = str(interaction.status)
    key = status if status in responses else ("default" if "default" in responses else None)
    if key is None:
        return [f"{op.operation_id}: status {status} is not declared"]
    pointer, response = _resolve(f"{op.pointer}/responses/{key}")
    content: dict[str, Any] = response.get("content", {})
    body = interaction.body
    if not content:
        return [] if not body.strip() else [f"{op.operation_id} {status}: declares no body"]
    ctype = interaction.content_type
    media_type = ctype
    if ctype not in content:
        if len(content) == 1 and _is_binary(next(iter(content.values()))):
            return []  # a file download answers the file's own MIME type (see module doc)
        if ctype == "text/html" and "text/plain" in content and interaction.status >= 400:
            media_type = "text/plain"
        else:
            return [f"{op.operation_id} {status}: Content-Type {ctype!r} not in {sorted(content)}"]
    media = content[media_type]
    if _is_binary(media):
        return []
    schema_pointer = f"{pointer}/content/{_escape(media_type)}/schema"
    if media_type.endswith("json"):
        try:
            instance = json.loads(body) if body.strip() else None
        except ValueError as exc:
            return [f"{op.operation_id} {status}: body is not JSON ({exc})"]
    else:
        instance = body.decode("utf-8")
    return [f"{op.operation_id} {status}: {e}" for e in schema_errors(schema_pointer, instance)]


def _as_bytes(value: str | bytes | None) -> bytes:
    if value is None:
        return b""
    return value if isinstance(value, bytes) else value.encode("utf-8")


def load_interactions(path: Path) -> Iterator[Interaction]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for index, item in enumerate(data["interactions"]):
        request, response = item["request"], item["response"]
        yield Interaction(
            path,
            index,
            request["method"],
            request["uri"],
            request["headers"],
            response["status"]["code"],
            response["headers"],
            _as_bytes(response["body"]["string"]),
        )


def cassette_files() -> list[Path]:
    # tests/cassettes/v4 holds the Ninox 4 cassettes, checked by test_cassettes4.py.
    return sorted(
        p for p in CASSETTES.rglob("*.yaml") if "v4" not in p.relative_to(CASSETTES).parts
    )


# -------------------------------------------------------------------------- contract


def test_there_are_cassettes() -> None:
    assert cassette_files(), f"no cassettes under {CASSETTES}; run scripts/record-cassettes"


@pytest.mark.parametrize(
    "path", cassette_files(), ids=lambda p: p.relative_to(CASSETTES).as_posix()
)
def test_every_response_fits_the_spec(path: Path) -> None:
    problems = [
        f"{i.where}: {problem}" for i in load_interactions(path) for problem in response_problems(i)
    ]
    assert not problems, "\n".join(problems)


def test_every_operation_has_a_cassette() -> None:
    seen: dict[str, list[str]] = {}
    for path in cassette_files():
        for interaction in load_interactions(path):
            op = operation_for(interaction.method, interaction.uri)
            if op is not None and 200 <= interaction.status < 300:
                seen.setdefault(op.operation_id, []).append(path.name)
    missing = sorted(
        f"{op.operation_id} ({op.method} {op.template})"
        for op in operations()
        if op.operation_id not in seen
    )
    assert len(operations()) == 39
    assert not missing, "operations without a successful cassette interaction:\n" + "\n".join(
        missing
    )


def test_the_validator_rejects_a_body_off_the_spec() -> None:
    uri = f"{CANONICAL_BASE_URL}/teams"
    headers = {"content-type": ["application/json"]}
    good = Interaction(Path("x"), 0, "GET", uri, {}, 200, headers, b'[{"id":"a","name":"A"}]')
    bad = Interaction(Path("x"), 0, "GET", uri, {}, 200, headers, b'[{"id":"a","name":1}]')
    undeclared = Interaction(Path("x"), 0, "GET", uri, {}, 418, headers, b"{}")
    html_ok = Interaction(Path("x"), 0, "GET", uri, {}, 200, {"content-type": ["text/html"]}, b"")
    assert response_problems(good) == []
    assert any("name" in p and "string" in p for p in response_problems(bad))
    assert response_problems(undeclared) == ["listTeams: status 418 is not declared"]
    assert "not in" in response_problems(html_ok)[0]


# -------------------------------------------------------------------------- secrets


def secret_findings(text: str, interactions: list[Interaction]) -> list[str]:
    """Credentials or personal data in one cassette (its raw text and parsed interactions)."""
    found = [f"UUID-like token {m.group(0)!r}" for m in UUID.finditer(text)]
    found += [f"bearer token {m.group(0)!r}" for m in BEARER.finditer(text)]
    tokens = [*KNOWN_TOKENS, os.environ.get("NINOX_API_KEY", "")]
    found += [f"known token {t!r}" for t in tokens if len(t) >= 6 and t in text]
    for i in interactions:
        for name in CREDENTIAL_HEADERS:
            for headers in (i.request_headers, i.response_headers):
                values = _header(headers, name)
                allowed = [AUTH_MARKER] if name == "authorization" else [SECRET_MARKER]
                if any(v not in allowed for v in values):
                    found.append(f"#{i.index}: header {name} = {values!r}")
        if not _header(i.request_headers, "authorization"):
            found.append(f"#{i.index}: request without the Authorization marker")
        if "json" in i.content_type and i.body.strip():
            found += [f"#{i.index}: {p}" for p in _json_findings(json.loads(i.body))]
    return found


def _json_findings(value: Any, path: str = "") -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}/{key}"
            if key in USER_KEYS and item not in (USER_MARKER, None):
                found.append(f"user id {where} = {item!r}")
            elif key in SECRET_KEYS and item not in (SECRET_MARKER, None):
                found.append(f"secret {where} = {item!r}")
            else:
                found += _json_findings(item, where)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _json_findings(item, f"{path}/{n}")
    elif isinstance(value, str):
        for m in EMAIL.finditer(value):
            if not RESERVED_DOMAIN.search(m.group(1)):
                found.append(f"e-mail address at {path or '<root>'}: {m.group(0)!r}")
    return found


@pytest.mark.parametrize(
    "path", cassette_files(), ids=lambda p: p.relative_to(CASSETTES).as_posix()
)
def test_no_secrets_in_cassette(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    findings = secret_findings(text, list(load_interactions(path)))
    assert not findings, f"{path.relative_to(ROOT)}:\n" + "\n".join(findings)


@pytest.mark.parametrize(
    ("text", "headers", "body", "expected"),
    [
        ("id: 123e4567-e89b-12d3-a456-426614174000", {}, b"", "UUID-like"),
        ("Authorization: Bearer abc.def", {}, b"", "bearer token"),
        (f"x {DEFAULT_TOKEN} y", {}, b"", "known token"),
        ("", {"Authorization": ["Bearer live-key-1"]}, b"", "header authorization"),
        ("", {}, b'{"createdBy":"u7Hk2"}', "user id"),
        ("", {}, b'[{"token":"s3cr3t-share"}]', "secret"),
        ("", {}, b'{"Email":"jane.doe@gmail.com"}', "e-mail address"),
    ],
)
def test_the_secret_scan_finds_leaks(
    text: str, headers: dict[str, list[str]], body: bytes, expected: str
) -> None:
    request_headers = headers or {"authorization": [AUTH_MARKER]}
    interaction = Interaction(
        Path("x"), 0, "GET", "u", request_headers, 200, {"content-type": ["application/json"]}, body
    )
    findings = secret_findings(text, [interaction])
    assert any(expected in f for f in findings), findings

"""The recorded Ninox 4 cassettes (``tests/cassettes/v4``) against the v4 contract and leaks.

- Every response validates against ``openapi/ninox4.yaml``: method and path pick the operation,
  the status its response, the Content-Type its media type, and JSON bodies are validated as
  JSON Schema 2020-12 with the contract's ``$ref``s resolved.
- Every operation of the contract has a successful interaction in some cassette.
- No cassette holds a credential: Authorization is the redaction marker, and neither the
  emulator's keys, nor ``NINOX4_API_KEY``, nor the live workspace id appear anywhere.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.contract.test_cassettes import Interaction, load_interactions, secret_findings
from tests.unit_v4.recording4 import CANONICAL_BASE_URL, CANONICAL_WORKSPACE_ID

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "ninox4.yaml"
CASSETTES = ROOT / "tests" / "cassettes" / "v4"
SPEC_URI = "urn:ninoxkit:openapi4"
METHODS = ("get", "put", "post", "delete", "patch")
V4_TOKENS = ("ninox4-emulator-key", "ninox4-emulator-read-key", "ninox4-emulator-records-key")


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def registry() -> Registry:
    resource: Resource[Any] = Resource(contents=spec(), specification=DRAFT202012)
    return Registry().with_resource(SPEC_URI, resource)


@cache
def operations() -> tuple[tuple[str, str, str, re.Pattern[str]], ...]:
    """(operationId, METHOD, template, regex) per operation, literal segments first."""
    ops = []
    for template, item in spec()["paths"].items():
        pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)))
        for method in METHODS:
            if method in item:
                ops.append((item[method]["operationId"], method.upper(), template, pattern))
    return tuple(sorted(ops, key=lambda op: op[2].count("{")))


def operation_for(method: str, uri: str) -> tuple[str, str] | None:
    """(operationId, template) of a recorded request, or ``None``."""
    if not uri.startswith(CANONICAL_BASE_URL + "/"):
        return None
    path = urlsplit(uri).path
    for operation_id, op_method, template, regex in operations():
        if op_method == method and regex.fullmatch(path):
            return operation_id, template
    return None


def response_problems(interaction: Interaction) -> list[str]:
    """Why a recorded response does not fit the contract (empty when it does)."""
    found = operation_for(interaction.method, interaction.uri)
    if found is None:
        return ["no contract operation has this method and path"]
    operation_id, template = found
    op = spec()["paths"][template][interaction.method.lower()]
    response = op["responses"].get(str(interaction.status))
    if response is None:
        return [f"{operation_id}: status {interaction.status} is not declared"]
    content = response.get("content", {})
    media = content.get(interaction.content_type)
    if media is None:
        return [f"{operation_id}: Content-Type {interaction.content_type!r} not declared"]
    if interaction.content_type.endswith("json"):
        instance: Any = json.loads(interaction.body)
    else:
        instance = interaction.body.decode("utf-8")
    where = f"/paths/{_escape(template)}/{interaction.method.lower()}/responses"
    pointer = f"{where}/{interaction.status}/content/{_escape(interaction.content_type)}/schema"
    validator = Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry())
    return [
        f"{operation_id} {interaction.status}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def cassette_files() -> list[Path]:
    return sorted(CASSETTES.glob("*.yaml"))


def test_there_are_v4_cassettes() -> None:
    assert cassette_files(), f"no cassettes under {CASSETTES}; run scripts/record-cassettes --v4"


@pytest.mark.parametrize("path", cassette_files(), ids=lambda p: p.name)
def test_every_response_fits_the_v4_contract(path: Path) -> None:
    problems = [
        f"{i.where}: {problem}" for i in load_interactions(path) for problem in response_problems(i)
    ]
    assert not problems, "\n".join(problems)


def test_every_v4_operation_has_a_cassette() -> None:
    seen = set()
    for path in cassette_files():
        for interaction in load_interactions(path):
            found = operation_for(interaction.method, interaction.uri)
            if found is not None and 200 <= interaction.status < 300:
                seen.add(found[0])
    every = {op[0] for op in operations()}
    assert len(every) == 34
    assert not every - seen, "operations without a successful interaction: " + ", ".join(
        sorted(every - seen)
    )


def test_the_validator_rejects_a_body_off_the_contract() -> None:
    uri = f"{CANONICAL_BASE_URL}/api/v1/workspace/{CANONICAL_WORKSPACE_ID}/modules"
    headers = {"content-type": ["application/json"]}
    good = Interaction(Path("x"), 0, "GET", uri, {}, 200, headers, b'{"data":[{"name":"crm"}]}')
    bad = Interaction(Path("x"), 0, "GET", uri, {}, 200, headers, b'{"data":[{"name":1}]}')
    undeclared = Interaction(Path("x"), 0, "GET", uri, {}, 418, headers, b"{}")
    assert response_problems(good) == []
    assert response_problems(bad)
    assert response_problems(undeclared) == ["listModules: status 418 is not declared"]


@pytest.mark.parametrize("path", cassette_files(), ids=lambda p: p.name)
def test_no_secrets_in_v4_cassette(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    findings = secret_findings(text, list(load_interactions(path)))
    tokens = [*V4_TOKENS, os.environ.get("NINOX4_API_KEY", "")]
    findings += [f"known token {t!r}" for t in tokens if len(t) >= 6 and t in text]
    live_workspace = os.environ.get("NINOX4_WORKSPACE_ID", "")
    if live_workspace and live_workspace != CANONICAL_WORKSPACE_ID and live_workspace in text:
        findings.append("the live workspace id")
    assert "127.0.0.1" not in text, "the emulator's address leaked into the cassette"
    assert not findings, "\n".join(findings)

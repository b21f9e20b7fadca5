"""Every mainstream generator consumes the contracts cleanly (issue #18): the rules behind it.

scripts/check-consumers proves it by generating and running clients; these checks name the
rule a spec edit breaks, in a second, without the generators.
"""

from __future__ import annotations

import importlib.util
import keyword
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = [p for p in (ROOT / "openapi" / n for n in ("ninox.yaml", "ninox4.yaml")) if p.exists()]


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


SPECS = {p.name: _load(p) for p in CONTRACTS}


def _words(text: str) -> list[str]:
    return text.split()


# Names a schema must not have: generated type names that clash with a built-in type the
# generated code itself uses, or that a generator renames (openapi-generator 7.26's reserved
# words, from `openapi-generator-cli config-help -g <lang> --full-details`).
BUILT_IN_TYPES = {
    # TypeScript: utility and ES types generators emit (orval failed on `Record` with TS2315),
    # and the fetch/DOM types their clients use
    *_words(
        "Record Partial Required Readonly Pick Omit Exclude Extract NonNullable Parameters"
        " ReturnType InstanceType Awaited NoInfer Uppercase Lowercase Capitalize Uncapitalize"
        " ThisType PropertyKey Array ReadonlyArray Object String Number Boolean Symbol BigInt Date"
        " Error Map Set WeakMap WeakSet Promise PromiseLike Function RegExp JSON Math Iterable"
        " Iterator ArrayBuffer DataView Uint8Array Blob File FormData Response Request"
        " RequestInit Headers URL URLSearchParams AbortSignal ReadableStream"
    ),
    # openapi-generator typescript-fetch runtime names
    *_words(
        "ApiResponse BaseAPI BlobApiResponse Configuration ConfigurationParameters FetchAPI"
        " FetchParams HTTPBody HTTPHeaders HTTPMethod HTTPQuery Index JSONApiResponse Middleware"
        " RequestContext RequestOpts RequiredError ResponseContext TextApiResponse"
        " VoidApiResponse"
    ),
    # Java: java.lang (imported everywhere; a model `Record` breaks java.lang.Record) and the
    # openapi-generator client's own classes
    *_words(
        "Object String Integer Long Short Byte Double Float Boolean Character Number Class Enum"
        " Record Void Thread Runtime System Process Module Package Math Exception Error Throwable"
        " Override Deprecated Iterable Comparable Runnable StringBuilder ApiClient ApiException"
        " ApiResponse Configuration Pair StringUtil JSON LocalDate LocalTime OffsetDateTime"
    ),
    # C#: System types in scope of generated code, and the generator's reserved names
    *_words(
        "Object String Boolean Int32 Int64 Double Decimal DateTime DateTimeOffset Guid Task Type"
        " Attribute Exception Action Func Tuple Version Environment TimeZone OperatingSystem Client"
        " Configuration"
    ),
}
# Compared case-insensitively: generators lower-case or re-case names before checking them.
RESERVED_WORDS = {
    # TypeScript / JavaScript
    *_words(
        "abstract any as async await bigint boolean break case catch char class const constructor"
        " continue debugger declare default delete do double else enum export extends false final"
        " finally float for from function get goto if implements import in infer instanceof int"
        " interface is keyof let long module namespace native never new null number object of"
        " package private protected public readonly require return set short static string super"
        " switch symbol synchronized this throw transient true try type typeof undefined unique"
        " unknown var void volatile while with yield"
    ),
    # Java (plus openapi-generator's: file, list, object, localdate, …)
    *_words(
        "assert byte do double exports file list localdate localtime native offsetdatetime"
        " permits record sealed strictfp throws var yield _"
    ),
    # Go keywords and predeclared identifiers
    *_words(
        "break case chan const continue default defer else fallthrough for func go goto if import"
        " interface map package range return select struct switch type var bool byte complex64"
        " complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16"
        " uint32 uint64 uintptr any comparable nil iota true false append cap clear close copy"
        " delete len make max min new panic print println recover"
    ),
    # C#
    *_words(
        "base checked decimal delegate event explicit extern fixed foreach implicit internal lock"
        " object operator out override params ref sbyte sealed sizeof stackalloc struct uint ulong"
        " unchecked unsafe ushort using virtual parameter system"
    ),
    # Python keywords, builtins a model could shadow, and openapi-generator python's reserved
    # words (pydantic: `Field` became `ModelField`)
    *keyword.kwlist,
    *_words(
        "list dict set tuple str int float bool bytes object type property self field schema date"
        " datetime json base64 print none true false"
    ),
}


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    return schemas


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_schema_name_is_built_in_or_reserved(name: str) -> None:
    bad = sorted(
        s
        for s in _schemas(SPECS[name])
        if s in BUILT_IN_TYPES or s.lower() in {w.lower() for w in RESERVED_WORDS}
    )
    assert not bad, f"{name}: schema names built in or reserved in a target language: {bad}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_component_name_is_shared_between_sections(name: str) -> None:
    # openapi-typescript-codegen wrote `type RecordId = RecordId` for a parameter and a schema
    # of the same name; examples never become types and may share a schema's name.
    components = SPECS[name].get("components", {})
    sections = ("schemas", "parameters", "responses", "requestBodies", "headers")
    seen: dict[str, str] = {}
    clashes = []
    for section in sections:
        for component in components.get(section, {}):
            if component in seen:
                clashes.append(f"{component} ({seen[component]} and {section})")
            seen.setdefault(component, section)
    assert not clashes, f"{name}: component names used in two sections: {clashes}"


def _operations(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", op)
        for path, item in spec.get("paths", {}).items()
        for method, op in item.items()
        if method in {"get", "put", "post", "delete", "patch", "head", "options"}
    ]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_success_responses_and_request_bodies_are_written_inline(name: str) -> None:
    # Two generators did not follow a response or request body given by $ref; the schema inside
    # stays a shared $ref. Error responses stay shared (test_spec checks how).
    refs = []
    for label, op in _operations(SPECS[name]):
        body = op.get("requestBody", {})
        if "$ref" in body:
            refs.append(f"{label} requestBody")
        for status, response in op.get("responses", {}).items():
            if str(status).startswith("2") and "$ref" in response:
                refs.append(f"{label} {status}")
    assert not refs, f"{name}: success responses / request bodies given by $ref: {refs}"
    components = SPECS[name].get("components", {})
    assert not components.get("requestBodies"), "no shared request bodies are left"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_server_variables_have_no_description(name: str) -> None:
    # The OpenAPI 3.1 meta-schema bundled with @apidevtools/swagger-parser (orval) spells the key
    # `descriptions`, so orval warns on a server variable's description; the server says it.
    described = [
        f"{server['url']} {var}"
        for server in SPECS[name].get("servers", [])
        for var, spec in server.get("variables", {}).items()
        if "description" in spec
    ]
    assert not described, f"{name}: describe these in the server's description: {described}"


def _fix_contract() -> Any:
    path = ROOT / "openapi" / "consumers" / "fix_contract.py"
    spec = importlib.util.spec_from_file_location("fix_contract", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", CONTRACTS, ids=[p.name for p in CONTRACTS])
def test_the_replayable_fix_has_nothing_left_to_do(path: Path) -> None:
    text = path.read_text()
    fixed = _fix_contract().fix(text)
    assert fixed == text, f"run: python openapi/consumers/fix_contract.py {path}"


def test_the_replayable_fix_renames_and_inlines() -> None:
    fix = _fix_contract().fix
    before = """openapi: 3.1.0
servers:
  - url: https://{host}/v1
    variables:
      host:
        default: h
        description: |
          The host.
paths:
  /r/{recordId}:
    parameters:
      - $ref: "#/components/parameters/RecordId"
    post:
      requestBody:
        $ref: "#/components/requestBodies/Script"
      responses:
        "200":
          $ref: "#/components/responses/Result"
        "400": {$ref: "#/components/responses/BadRequest"}
components:
  parameters:
    RecordId:
      name: recordId
      in: path
      required: true
      schema: {$ref: "#/components/schemas/RecordId"}
  requestBodies:
    Script:
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Record"}
  responses:
    Result:
      description: The result.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Record"}
    BadRequest:
      description: Bad.
  schemas:
    RecordId: {type: integer}
    Record:
      type: object
      properties:
        id: {$ref: "#/components/schemas/RecordId"}
        fields: {$ref: "#/components/schemas/RecordFields"}
    RecordFields: {type: object}
"""
    after = fix(before)
    assert fix(after) == after
    spec = yaml.safe_load(after)
    op = spec["paths"]["/r/{recordId}"]["post"]
    assert op["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TableRecord"
    }
    assert op["responses"]["200"]["description"] == "The result."
    assert op["responses"]["400"] == {"$ref": "#/components/responses/BadRequest"}
    assert set(spec["components"]["responses"]) == {"BadRequest"}
    assert "requestBodies" not in spec["components"]
    assert set(spec["components"]["parameters"]) == {"RecordIdParam"}
    assert set(spec["components"]["schemas"]) == {"RecordId", "TableRecord", "RecordFields"}
    assert spec["servers"][0]["variables"]["host"] == {"default": "h"}
    assert re.search(r"schemas/Record\b(?!Id|Fields)", after) is None

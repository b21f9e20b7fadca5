"""Make an OpenAPI contract consumable by every mainstream generator (issue #18), in place.

    python openapi/consumers/fix_contract.py openapi/ninox.yaml [more.yaml ...]

Text edits, not a YAML round trip, so comments, order and formatting survive and the edit can be
replayed after other changes to the spec are merged. Idempotent: a second run changes nothing.

1. Schemas whose names are built in or reserved somewhere are renamed (``SCHEMA_RENAMES``):
   ``Record`` shadows TypeScript's ``Record<K, V>`` and Java's ``java.lang.Record``; ``Field``
   is reserved by openapi-generator's Python client (pydantic's ``Field``).
2. Component names shared between sections are split (``PARAMETER_RENAMES``): the path
   parameter ``RecordId`` and the schema ``RecordId`` became ``type RecordId = RecordId``.
3. Success responses and request bodies given by ``$ref`` to ``components/responses`` or
   ``components/requestBodies`` are written inline (the shared schema stays a ``$ref``), and the
   components they came from are removed. Shared *error* responses stay shared.
4. A server variable's ``description`` is dropped: the OpenAPI 3.1 meta-schema bundled with
   @apidevtools/swagger-parser (orval) misspells it ``descriptions`` and warns; the server's own
   description already says what ``host`` is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SCHEMA_RENAMES = {"Record": "TableRecord", "Field": "TableField"}
PARAMETER_RENAMES = {"RecordId": "RecordIdParam"}
INLINE_SECTIONS = ("responses", "requestBodies")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _component_blocks(lines: list[str]) -> dict[tuple[str, str], tuple[int, int]]:
    """(section, name) -> [start, end) line range of each entry under ``components:``."""
    blocks: dict[tuple[str, str], tuple[int, int]] = {}
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "components:"), None)
    if start is None:
        return blocks
    section = ""
    current: tuple[str, str] | None = None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.strip() == "" or line.lstrip().startswith("#"):
            continue
        ind = _indent(line)
        if ind == 0:
            break
        key = re.match(r"^ *([^\s:]+):", line)
        if ind == 2 and key:
            section = key.group(1)
        if ind <= 4 and current is not None:
            blocks[current] = (blocks[current][0], i)
            current = None
        if ind == 4 and key:
            current = (section, key.group(1).strip("\"'"))
            blocks[current] = (i, len(lines))
    if current is not None:
        end = len(lines)
        while end > blocks[current][0] + 1 and lines[end - 1].strip() == "":
            end -= 1
        blocks[current] = (blocks[current][0], end)
    return blocks


def _rename_key(lines: list[str], section: str, old: str, new: str) -> None:
    blocks = _component_blocks(lines)
    if (section, old) in blocks and (section, new) not in blocks:
        i = blocks[(section, old)][0]
        lines[i] = lines[i].replace(f"{old}:", f"{new}:", 1)


def _inline_refs(lines: list[str]) -> list[str]:
    blocks = _component_blocks(lines)
    used: set[tuple[str, str]] = set()
    out: list[str] = []
    ref = re.compile(r'^( *)\$ref: ["\']?#/components/(responses|requestBodies)/(\w+)["\']?\s*$')
    for line in lines:
        m = ref.match(line)
        parent = out[-1] if out else ""
        # only the multi-line form "<status or requestBody>:\n  $ref: ..." of a success response
        # or a request body; shared error responses are written "<status>: {$ref: ...}"
        if m and m.group(2) in INLINE_SECTIONS and (m.group(2), m.group(3)) in blocks:
            is_body = parent.strip() == "requestBody:"
            is_success = re.match(r'^ *"?2\d\d"?:\s*$', parent) is not None
            if is_body or is_success:
                key = (m.group(2), m.group(3))
                used.add(key)
                start, end = blocks[key]
                body = lines[start + 1 : end]
                shift = len(m.group(1)) - 6  # component bodies sit at 6 spaces
                for b in body:
                    if b.strip() == "":
                        out.append(b)
                    elif shift >= 0:
                        out.append(" " * shift + b)
                    else:
                        out.append(b[-shift:])
                continue
        out.append(line)
    # drop the inlined components that nothing references any more
    text = "\n".join(out)
    blocks = _component_blocks(out)
    drop: list[tuple[int, int]] = []
    for key in used:
        section, name = key
        if f"#/components/{section}/{name}" not in text:
            drop.append(blocks[key])
    for start, end in sorted(drop, reverse=True):
        del out[start:end]
    # a section left empty goes too
    blocks = _component_blocks(out)
    for section in INLINE_SECTIONS:
        if not any(s == section for s, _ in blocks):
            out = [line for line in out if line.rstrip() != f"  {section}:"]
    return out


def _drop_server_variable_descriptions(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_vars = False
    var_indent = -1
    skip_indent: int | None = None
    for line in lines:
        ind = _indent(line)
        if skip_indent is not None:
            if line.strip() == "" or ind > skip_indent:
                continue
            skip_indent = None
        if line.strip() == "variables:":
            in_vars, var_indent = True, ind
        elif in_vars and line.strip() and ind <= var_indent:
            in_vars = False
        if in_vars and ind == var_indent + 4 and line.strip().startswith("description:"):
            skip_indent = ind
            continue
        if ind == 0 and line.strip() and not line.startswith("servers:"):
            in_vars = False
        out.append(line)
    return out


def fix(text: str) -> str:
    """Return ``text`` (an OpenAPI YAML document) with the edits above applied."""
    lines = text.split("\n")
    for old, new in SCHEMA_RENAMES.items():
        _rename_key(lines, "schemas", old, new)
    for old, new in PARAMETER_RENAMES.items():
        _rename_key(lines, "parameters", old, new)
    text = "\n".join(lines)
    for old, new in SCHEMA_RENAMES.items():
        text = re.sub(
            rf"#/components/schemas/{old}(?=[\"'\s}}])", f"#/components/schemas/{new}", text
        )
    for old, new in PARAMETER_RENAMES.items():
        text = re.sub(
            rf"#/components/parameters/{old}(?=[\"'\s}}])", f"#/components/parameters/{new}", text
        )
    lines = _inline_refs(text.split("\n"))
    servers = next((i for i, line in enumerate(lines) if line.startswith("servers:")), None)
    if servers is not None:
        end = next(
            (i for i in range(servers + 1, len(lines)) if lines[i][:1] not in ("", " ")), len(lines)
        )
        lines[servers:end] = _drop_server_variable_descriptions(lines[servers:end])
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Entry point: fix each file named on the command line in place."""
    for name in argv or ["openapi/ninox.yaml"]:
        path = Path(name)
        before = path.read_text()
        after = fix(before)
        if after != before:
            path.write_text(after)
            print(f"fix_contract: rewrote {path}")
        else:
            print(f"fix_contract: {path} already fixed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Write the API map: every operation of each contract → its generated module → the ninoxkit
methods that send it, in both twins (docs/pages/reference/api-map.md).

    python scripts/api_map.py            rewrite the page
    python scripts/api_map.py --check    fail, showing the difference, if the page is stale

The map is read from the sources, not kept by hand: an overlay method sends an operation when it
names a module it imported from ``<package>.api.<tag>`` (``list_records.asyncio_detailed(...)``,
or the module handed to a helper), directly or through a ``self._helper`` of its class. Only
public methods with a docstring count. tests/contract/test_overlay_coverage*.py read the same
map to prove every operation is reachable from a documented method.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "pages" / "reference" / "api-map.md"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Contract:
    """One contract, its generated package and where the overlay code calling it lives."""

    title: str
    spec: Path
    package: str
    overlay: str  # under overlay/ninoxkit/<twin>/: "" for the whole twin, "v4" for that folder


CONTRACTS = (
    Contract("Classic API (openapi/ninox.yaml)", ROOT / "openapi" / "ninox.yaml", "ninox_api", ""),
    Contract(
        "Ninox 4 Public API (openapi/ninox4.yaml)",
        ROOT / "openapi" / "ninox4.yaml",
        "ninox4_api",
        "v4",
    ),
)
TWINS = ("_async", "_sync")


@dataclass(frozen=True)
class Operation:
    """One operation of a contract, as the map shows it."""

    operation_id: str
    method: str
    path: str

    @property
    def module_name(self) -> str:
        """The generated module's name: openapi-python-client's snake case of the operationId."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation_id).lower()


def operations(contract: Contract) -> list[Operation]:
    """Every operation of the contract, in the order of its paths."""
    spec = yaml.safe_load(contract.spec.read_text())
    return [
        Operation(op["operationId"], method.upper(), path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]


def _sources(contract: Contract, twin: str) -> Iterator[Path]:
    base = ROOT / "overlay" / "ninoxkit" / twin
    if contract.overlay:
        yield from sorted((base / contract.overlay).rglob("*.py"))
    else:
        yield from (p for p in sorted(base.rglob("*.py")) if "v4" not in p.relative_to(base).parts)


def senders(contract: Contract, twin: str) -> dict[str, set[str]]:
    """Generated module (``ninox_api.api.records.list_records``) → ``Class.method`` names of the
    twin that send it."""
    found: dict[str, set[str]] = {}
    for path in _sources(contract, twin):
        tree = ast.parse(path.read_text())
        imported = {
            alias.asname or alias.name: f"{node.module}.{alias.name}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith(f"{contract.package}.api.")
            for alias in node.names
        }
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            methods = [f for f in cls.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]
            uses: dict[str, set[str]] = {}
            helpers: dict[str, set[str]] = {}
            for fn in methods:
                for node in ast.walk(fn):
                    if isinstance(node, ast.Name) and node.id in imported:
                        uses.setdefault(fn.name, set()).add(imported[node.id])
                    elif (
                        isinstance(node, ast.Attribute)
                        and isinstance(node.value, ast.Name)
                        and node.value.id == "self"
                    ):
                        helpers.setdefault(fn.name, set()).add(node.attr)
            for fn in methods:
                if fn.name.startswith("_") or ast.get_docstring(fn) is None:
                    continue
                reached = set(uses.get(fn.name, ()))
                for helper in helpers.get(fn.name, ()):
                    reached |= uses.get(helper, set())
                for module in reached:
                    found.setdefault(module, set()).add(f"{cls.name}.{fn.name}")
    return found


def operation_map(contract: Contract) -> list[tuple[Operation, str | None, dict[str, list[str]]]]:
    """Per operation: the generated module sending it (None if the package has none) and the
    methods reaching it per twin (empty lists where none does)."""
    generated = ROOT / "generated" / contract.package / "api"
    modules = {p.stem: p for p in generated.glob("*/*.py") if p.stem != "__init__"}
    per_twin = {twin: senders(contract, twin) for twin in TWINS}
    rows = []
    for op in operations(contract):
        file = modules.get(op.module_name)
        module = f"{contract.package}.api.{file.parent.name}.{file.stem}" if file else None
        methods = {twin: sorted(per_twin[twin].get(module or "", ())) for twin in TWINS}
        rows.append((op, module, methods))
    return rows


def render() -> str:
    """The page, as Markdown."""
    lines = [
        "# API map",
        "",
        "Every operation of both contracts, the module openapi-python-client generated for it,",
        "and the ninoxkit methods that send it (async twin, then sync twin). Written by",
        "`python scripts/api_map.py` from the sources; the test suite fails when it is stale.",
        "",
    ]
    for contract in CONTRACTS:
        lines += [
            f"## {contract.title}",
            "",
            "| operationId | request | generated module | async | sync |",
            "|---|---|---|---|---|",
        ]
        for op, module, methods in operation_map(contract):
            cells = [
                f"`{op.operation_id}`",
                f"`{op.method} {op.path}`",
                f"`{module}`" if module else "(none)",
                *("<br>".join(f"`{m}`" for m in methods[t]) or "(none)" for t in TWINS),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    """Write the page, or with ``--check`` compare it."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the page is stale")
    args = parser.parse_args()
    text = render()
    if not args.check:
        PAGE.write_text(text)
        print(f"api_map: wrote {PAGE.relative_to(ROOT)}")
        return 0
    current = PAGE.read_text() if PAGE.exists() else ""
    if current == text:
        print(f"api_map --check: {PAGE.relative_to(ROOT)} is up to date")
        return 0
    diff = difflib.unified_diff(current.splitlines(), text.splitlines(), "page", "sources")
    print("\n".join(line.rstrip("\n") for line in diff), file=sys.stderr)
    print("api_map --check: stale; run python scripts/api_map.py", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

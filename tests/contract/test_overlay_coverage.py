"""Every operation of the spec is reachable through a documented ninoxkit method, in both twins.

The overlay calls generated operations only as ``<module>.asyncio_detailed`` / ``sync_detailed``
(or ``<module>._get_kwargs`` where it streams); this test reads the overlay's sources and maps
each such call back to an operationId, then checks each calling method has a docstring.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "openapi" / "ninox.yaml").read_text())
OPERATION_IDS = sorted(
    op["operationId"]
    for item in SPEC["paths"].values()
    for method, op in item.items()
    if method in {"get", "put", "post", "delete", "patch"}
)


def snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def calls_in(twin: str) -> dict[str, list[str]]:
    """operation module name → public, documented methods (Class.method) that lead to it.

    A call made in a private helper (``_write``) counts for the public methods of the same
    class that call that helper. Private and dunder methods (``__iter__``) do not count: some
    public method with a docstring must reach each operation.
    """
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "overlay" / "ninoxkit" / twin).rglob("*.py")):
        tree = ast.parse(path.read_text())
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            methods = [
                fn for fn in cls.body if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
            uses: dict[str, set[str]] = {}
            helpers: dict[str, set[str]] = {}
            for fn in methods:
                for node in ast.walk(fn):
                    if not isinstance(node, ast.Attribute):
                        continue
                    if node.attr in ("asyncio_detailed", "sync_detailed", "_get_kwargs") and (
                        isinstance(node.value, ast.Name)
                    ):
                        uses.setdefault(fn.name, set()).add(node.value.id)
                    elif isinstance(node.value, ast.Name) and node.value.id == "self":
                        helpers.setdefault(fn.name, set()).add(node.attr)
            for fn in methods:
                if fn.name.startswith("_") or ast.get_docstring(fn) is None:
                    continue
                reached = set(uses.get(fn.name, set()))
                for helper in helpers.get(fn.name, set()):
                    reached |= uses.get(helper, set())
                for module in reached:
                    found.setdefault(module, []).append(f"{cls.name}.{fn.name}")
    return found


@pytest.mark.parametrize("twin", ["_async", "_sync"])
def test_every_operation_has_a_documented_method(twin: str) -> None:
    calls = calls_in(twin)
    missing = [op for op in OPERATION_IDS if snake(op) not in calls]
    assert not missing, f"spec operations no documented {twin} method reaches: {missing}"


def test_the_overlay_writes_no_api_paths_of_its_own() -> None:
    """Paths belong to the spec: no overlay code (docstrings aside) spells out an API path."""
    offenders = []
    for path in (ROOT / "overlay" / "ninoxkit").rglob("*.py"):
        if "testing" in path.parts:
            continue  # the emulator serves the paths; it does not call them
        if "_codegen" in path.parts:
            continue  # writes a per-database OpenAPI document: the paths are its output
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("/teams")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert offenders == []

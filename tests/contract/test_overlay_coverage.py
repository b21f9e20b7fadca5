"""Every operation of the spec is reachable through a documented ninoxkit method, in both twins.

Which method sends which operation is read from the sources by scripts/api_map.py (the same
map the docs' API map page shows): a public method with a docstring must reach each operation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.contract._api_map import api_map

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("twin", api_map.TWINS)
def test_every_operation_has_a_documented_method(twin: str) -> None:
    (classic, _) = api_map.CONTRACTS
    rows = api_map.operation_map(classic)
    missing = [op.operation_id for op, _, methods in rows if not methods[twin]]
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

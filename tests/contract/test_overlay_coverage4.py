"""Every operation of openapi/ninox4.yaml is reachable through a documented Ninox4 method, in
both twins, and the Ninox 4 overlay never reaches a classic operation.

The v4 resources hand a generated operation module (``list_records``) to a helper that calls
its ``_get_kwargs``; this test reads the sources, finds which public, documented method names
each ``ninox4_api.api`` module (directly or through a ``self._helper``), and compares that with
the table below.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "openapi" / "ninox4.yaml").read_text())
OPERATION_IDS = sorted(
    op["operationId"]
    for item in SPEC["paths"].values()
    for method, op in item.items()
    if method in {"get", "put", "post", "delete", "patch"}
)

#: operationId → the public method (async class name) that sends it.
EXPECTED = {
    "getWorkspace": "AsyncWorkspace4.get",
    "listModules": "AsyncModules4.list",
    "createModule": "AsyncModules4.create",
    "getModule": "AsyncModules4.get",
    "updateModule": "AsyncModules4.update",
    "deleteModule": "AsyncModules4.delete",
    "listTables": "AsyncTables4.list",
    "createTable": "AsyncTables4.create",
    "getTable": "AsyncTables4.get",
    "updateTable": "AsyncTables4.update",
    "deleteTable": "AsyncTables4.delete",
    "listFields": "AsyncFields4.list",
    "createField": "AsyncFields4.create",
    "createFieldsBatch": "AsyncFields4.create_many",
    "deleteFieldsBatch": "AsyncFields4.delete_many",
    "getField": "AsyncFields4.get",
    "updateField": "AsyncFields4.update",
    "deleteField": "AsyncFields4.delete",
    "listRecords": "AsyncRecords4.list",
    "addRecords": "AsyncRecords4.create",
    "updateRecords": "AsyncRecords4.update",
    "deleteRecords": "AsyncRecords4.delete",
    "importRecordsCsv": "AsyncRecords4.import_csv",
    "getRecord": "AsyncRecords4.get",
    "upsertRecords": "AsyncRecords4.upsert",
    "listRecordChanges": "AsyncChanges4.records",
    "listSchemaChanges": "AsyncChanges4.schema",
    "execScript": "AsyncScripts4.exec",
    "listViews": "AsyncViews4.list",
    "getView": "AsyncViews4.get",
    "listReports": "AsyncReports4.list",
    "getReport": "AsyncReports4.get",
    "printReport": "AsyncReports4.print",
    "listFunctions": "AsyncFunctions4.list",
}


def snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def calls_in(twin: str) -> tuple[dict[str, set[str]], set[str]]:
    """(generated module → documented public methods reaching it, packages imported)."""
    found: dict[str, set[str]] = {}
    packages: set[str] = set()
    for path in sorted((ROOT / "overlay" / "ninoxkit" / twin / "v4").glob("*.py")):
        tree = ast.parse(path.read_text())
        ops: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                packages.add(node.module.split(".")[0])
                if node.module.startswith("ninox4_api.api."):
                    ops |= {alias.asname or alias.name for alias in node.names}
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            methods = [
                fn for fn in cls.body if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
            uses: dict[str, set[str]] = {}
            helpers: dict[str, set[str]] = {}
            for fn in methods:
                for node in ast.walk(fn):
                    if isinstance(node, ast.Name) and node.id in ops:
                        uses.setdefault(fn.name, set()).add(node.id)
                    elif (
                        isinstance(node, ast.Attribute)
                        and isinstance(node.value, ast.Name)
                        and node.value.id == "self"
                    ):
                        helpers.setdefault(fn.name, set()).add(node.attr)
            for fn in methods:
                if fn.name.startswith("_") or ast.get_docstring(fn) is None:
                    continue
                reached = set(uses.get(fn.name, set()))
                for helper in helpers.get(fn.name, set()):
                    reached |= uses.get(helper, set())
                for module in reached:
                    found.setdefault(module, set()).add(f"{cls.name}.{fn.name}")
    return found, packages


def test_the_table_names_every_operation_of_the_contract() -> None:
    assert sorted(EXPECTED) == OPERATION_IDS


@pytest.mark.parametrize("twin", ["_async", "_sync"])
def test_every_operation_has_its_documented_method(twin: str) -> None:
    calls, _ = calls_in(twin)
    prefix = "Async" if twin == "_async" else ""
    wrong = {}
    for op, method in EXPECTED.items():
        want = prefix + method.removeprefix("Async")
        if want not in calls.get(snake(op), set()):
            wrong[op] = (want, sorted(calls.get(snake(op), set())))
    assert not wrong, f"operations not reached by their {twin} method: {wrong}"


@pytest.mark.parametrize("twin", ["_async", "_sync"])
def test_the_v4_overlay_never_imports_the_classic_generated_client(twin: str) -> None:
    _, packages = calls_in(twin)
    assert "ninox4_api" in packages
    assert "ninox_api" not in packages  # Ninox: the two APIs must not be mixed (ref. §1)

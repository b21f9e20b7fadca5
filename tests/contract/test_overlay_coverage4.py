"""Every operation of openapi/ninox4.yaml is reachable through a documented Ninox4 method, in
both twins, and the Ninox 4 overlay never reaches a classic operation.

Which method sends which operation is read from the sources by scripts/api_map.py (the same map
the docs' API map page shows) and compared with the table below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.contract._api_map import api_map

ROOT = Path(__file__).resolve().parents[2]
V4 = api_map.CONTRACTS[1]

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


def test_the_table_names_every_operation_of_the_contract() -> None:
    assert sorted(EXPECTED) == sorted(op.operation_id for op in api_map.operations(V4))


@pytest.mark.parametrize("twin", api_map.TWINS)
def test_every_operation_has_its_documented_method(twin: str) -> None:
    prefix = "Async" if twin == "_async" else ""
    wrong = {}
    for op, _, methods in api_map.operation_map(V4):
        want = prefix + EXPECTED[op.operation_id].removeprefix("Async")
        if want not in methods[twin]:
            wrong[op.operation_id] = (want, methods[twin])
    assert not wrong, f"operations not reached by their {twin} method: {wrong}"


@pytest.mark.parametrize("twin", api_map.TWINS)
def test_the_v4_overlay_never_imports_the_classic_generated_client(twin: str) -> None:
    packages = set()
    for path in (ROOT / "overlay" / "ninoxkit" / twin / "v4").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                packages.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                packages |= {alias.name.split(".")[0] for alias in node.names}
    assert "ninox4_api" in packages
    assert "ninox_api" not in packages  # Ninox: the two APIs must not be mixed (ref. §1)

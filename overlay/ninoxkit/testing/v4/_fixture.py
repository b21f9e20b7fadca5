"""Build a :class:`Workspace` from fixture data (format in the package docstring)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ._store import ALL_SCOPES, Clock, Workspace

__all__ = ["DEFAULT_CLOCK", "DEFAULT_TOKEN", "READ_TOKEN", "SAMPLE_WORKSPACE", "load_workspace"]

#: The full-scope key of a fixture without ``keys`` (not a secret: loopback only).
DEFAULT_TOKEN = "ninox4-emulator-key"
#: A key with no scopes, for 403 tests, added to a fixture without ``keys``.
READ_TOKEN = "ninox4-emulator-read-key"
#: Start of the fixed clock of ``deterministic=True``.
DEFAULT_CLOCK = datetime(2026, 10, 1, tzinfo=UTC)
#: The shipped sample workspace.
SAMPLE_WORKSPACE = Path(__file__).with_name("sample.yaml")


def read_fixture(source: str | Path | Mapping[str, Any] | None) -> dict[str, Any]:
    """Fixture data from ``None`` (empty), ``"sample"``, a YAML/JSON path or a mapping.

    Args:
        source: ``None`` for an empty workspace, ``"sample"`` for the shipped sample, the path
            of a ``.json`` file (any other suffix is read as YAML), or the data itself (copied).

    Returns:
        The fixture data (format in the package docstring).

    Raises:
        OSError: If the file cannot be read.
        ValueError: If the file's content is not a mapping, or a JSON file is malformed.
        yaml.YAMLError: If a YAML file is malformed.
    """
    if source is None:
        return {}
    if isinstance(source, Mapping):
        return copy.deepcopy(dict(source))
    path = SAMPLE_WORKSPACE if source == "sample" else Path(source)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
    else:
        import yaml  # only needed for YAML fixtures

        data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"fixture {path} must be a mapping")
    return data


def load_workspace(data: Mapping[str, Any], *, deterministic: bool = False) -> Workspace:
    """A workspace holding the fixture's schema, records, keys, views, reports and functions.

    Loading leaves the change feeds empty: they start at the loaded state.

    Args:
        data: The fixture data (see :func:`read_fixture`).
        deterministic: Start the workspace's clock at :data:`DEFAULT_CLOCK` and advance it one
            second per change, instead of following real time.

    Returns:
        The loaded workspace.

    Raises:
        ValueError: If the workspace id is not 12 lower-case letters and digits, or a key
            names an unknown scope.
        ApiError: If the fixture's schema or records are refused as the API would refuse them
            (an invalid name or setting, a duplicate, a bad value, …).
        KeyError: If a key has no ``token``, a table no ``name`` or a field no ``type``.
    """
    info = data.get("workspace", {})
    clock = Clock(DEFAULT_CLOCK if deterministic else None)
    ws = Workspace(info.get("id", "emu4workspc1"), info.get("name", "Emulated workspace"), clock)
    keys = data.get("keys") or [
        {"token": DEFAULT_TOKEN, "scopes": sorted(ALL_SCOPES)},
        {"token": READ_TOKEN, "scopes": []},
    ]
    for key in keys:
        unknown = set(key.get("scopes", [])) - ALL_SCOPES
        if unknown:
            raise ValueError(f"unknown scopes {sorted(unknown)}")
        ws.keys[str(key["token"])] = frozenset(key.get("scopes", []))
    records: list[tuple[str, str, list[Any]]] = []
    for mod in data.get("modules", []):
        mod = dict(mod)
        tables = mod.pop("tables", [])
        extras = {k: mod.pop(k, []) for k in ("views", "reports", "functions")}
        module = ws.create_module(mod)
        module.views, module.reports = extras["views"], extras["reports"]
        module.functions = [{"moduleName": module.name, **f} for f in extras["functions"]]
        references: list[tuple[str, list[dict[str, Any]]]] = []
        for tab in tables:
            tab = dict(tab)
            fields = [{"labels": {"": f["name"]}, **f} for f in tab.pop("fields", [])]
            records.append((module.name, tab["name"], tab.pop("records", [])))
            tab.setdefault("labels", {"": tab["name"]})
            ws.create_table(module.name, tab)
            plain = [f for f in fields if f["type"] != "reference"]
            if plain:
                ws.create_fields(module.name, tab["name"], plain)
            references.append((tab["name"], [f for f in fields if f["type"] == "reference"]))
        # References last: their target tables must exist (reference §7.1).
        for table_name, refs in references:
            if refs:
                ws.create_fields(module.name, table_name, refs)
    for mod_name, tab_name, rows in records:
        if rows:
            ws.add_records(mod_name, tab_name, rows)
    for module in ws.modules.values():
        for table in module.tables.values():
            table.changes.clear()
    ws.schema_changes.clear()
    ws.retention_cutoff = ws.clock.now()
    return ws

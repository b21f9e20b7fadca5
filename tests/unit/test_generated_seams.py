"""The overlay uses only public names of the generated packages (issue #19 item 2).

Generated code is regenerated from the contracts (scripts/regenerate.py); a private name of it
(``_get_kwargs``, ``_parse_response``, a client's ``_async_client``) can change with any
generator release without notice. The overlay sends generated requests through its own
transport, so the generator's templates are customised (openapi/templates/) to make the one
thing it needs public: every endpoint module's ``request_kwargs(...)``.

Every module of ``overlay/ninoxkit`` is read with ``ast``. A finding is:

- an import of a private module or name of ``ninox_api`` / ``ninox4_api``
  (``from ninox_api.api.records.list_records import _get_kwargs``);
- a private attribute reached from a name bound by such an import (``list_records._x``);
- an attribute named like a private module-level name of any generated module (``op._x``, for
  an operation module passed around as a value);
- a private attribute of a generated client read through the overlay's handle on it
  (``self._generated._async_client``).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import ninox4_api
import ninox_api
import ninoxkit
import pytest

OVERLAY = Path(ninoxkit.__file__).resolve().parent
GENERATED = {
    name: Path(str(pkg.__file__)).resolve().parent
    for name, pkg in (("ninox_api", ninox_api), ("ninox4_api", ninox4_api))
}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _generated_private_names() -> tuple[set[str], set[str]]:
    """Private module-level names of every generated module, and private class attributes of
    the generated clients (client.py)."""
    module_level: set[str] = set()
    client_attrs: set[str] = set()
    for root in GENERATED.values():
        for path in root.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    module_level.add(node.name)
                elif isinstance(node, ast.Assign):
                    module_level.update(t.id for t in node.targets if isinstance(t, ast.Name))
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    module_level.add(node.target.id)
                if path.name == "client.py" and isinstance(node, ast.ClassDef):
                    for item in node.body:
                        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                            client_attrs.add(item.target.id)
    # ``_get_kwargs`` is what the generator's own endpoint template calls ``request_kwargs``.
    module_level.add("_get_kwargs")
    return {n for n in module_level if _private(n)}, {n for n in client_attrs if _private(n)}


PRIVATE_MODULE_NAMES, PRIVATE_CLIENT_ATTRS = _generated_private_names()


def _is_generated(module: str | None) -> bool:
    return module is not None and module.split(".")[0] in GENERATED


def private_uses(source: str, filename: str = "<overlay>") -> list[str]:
    """Every use of a private generated name in ``source`` (one line per finding)."""
    tree = ast.parse(source, filename=filename)
    bound: set[str] = set()  # local names bound by imports from the generated packages
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_generated(alias.name):
                    if any(map(_private, alias.name.split("."))):
                        found.append(f"line {node.lineno}: import {alias.name}")
                    bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_generated(node.module):
            assert node.module is not None
            for alias in node.names:
                if any(map(_private, [*node.module.split("."), alias.name])):
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
                bound.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not _private(node.attr):
            continue
        root: ast.expr = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        where = f"line {node.lineno}: .{node.attr}"
        if isinstance(root, ast.Name) and root.id in bound:
            found.append(f"{where} on {root.id} (imported from a generated package)")
        elif node.attr in PRIVATE_MODULE_NAMES:
            found.append(f"{where} (a private name of a generated module)")
        elif (
            node.attr in PRIVATE_CLIENT_ATTRS
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "_generated"
        ):
            found.append(f"{where} of the generated client")
    return found


OVERLAY_MODULES = sorted(OVERLAY.rglob("*.py"))


@pytest.mark.parametrize("path", OVERLAY_MODULES, ids=lambda p: str(p.relative_to(OVERLAY)))
def test_overlay_module_uses_no_private_generated_name(path: Path) -> None:
    assert private_uses(path.read_text(encoding="utf-8"), str(path)) == []


def test_the_scan_sees_every_kind_of_private_use() -> None:
    # What the overlay did before the custom templates (issue #19 item 2), and its variants.
    source = """
from ninox_api.api.records import list_records
from ninox_api.api.records.list_records import _get_kwargs
import ninox4_api._internal
from ninox4_api.api.records import import_records_csv as csv_op

list_records._get_kwargs("t", "d", "a")
csv_op._whatever
def send(op): return op._parse_response
def build(op): return op._get_kwargs("w")
client._generated._async_client
"""
    found = private_uses(source)
    assert len(found) == 7, found
    assert any("import _get_kwargs" in f for f in found)
    assert any("import ninox4_api._internal" in f for f in found)
    assert any("._get_kwargs on list_records" in f for f in found)
    assert any("._whatever on csv_op" in f for f in found)
    assert any("._parse_response (a private name" in f for f in found)
    assert any("._get_kwargs (a private name" in f for f in found)
    assert any("._async_client of the generated client" in f for f in found)
    # Public names and the overlay's own private attributes are not findings.
    fine = """
from ninox_api.api.records import list_records
list_records.request_kwargs("t", "d", "a")
self._client._send(kwargs)
self._generated.set_async_httpx_client(sender)
list_records.__name__
"""
    assert private_uses(fine) == []


def _endpoint_modules() -> list[str]:
    names: list[str] = []
    for pkg_name in GENERATED:
        api = importlib.import_module(f"{pkg_name}.api")
        for info in pkgutil.walk_packages(api.__path__, f"{pkg_name}.api."):
            if not info.ispkg:
                names.append(info.name)
    return sorted(names)


ENDPOINT_MODULES = _endpoint_modules()


def test_both_generated_packages_have_endpoint_modules() -> None:
    assert {name.split(".")[0] for name in ENDPOINT_MODULES} == set(GENERATED)


@pytest.mark.parametrize("name", ENDPOINT_MODULES)
def test_every_endpoint_module_describes_its_request_publicly(name: str) -> None:
    # openapi/templates/endpoint_module.py.jinja: `request_kwargs`, and no `_get_kwargs` left.
    module = importlib.import_module(name)
    assert callable(module.request_kwargs)
    assert not hasattr(module, "_get_kwargs")


@pytest.mark.parametrize("name", ENDPOINT_MODULES)
def test_generated_code_only_calls_request_on_the_injected_sender(name: str) -> None:
    # The overlay hands its sender to the generated client through the public
    # set_async_httpx_client hook, typed as an httpx.AsyncClient but only offering request():
    # that holds while generated code calls nothing else on it.
    module = importlib.import_module(name)
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses = 0
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get_httpx_client", "get_async_httpx_client"}
        ):
            uses += 1
            parent = parents[node]
            assert isinstance(parent, ast.Attribute), ast.unparse(parent)
            assert parent.attr == "request", ast.unparse(parent)
            assert isinstance(parents[parent], ast.Call)
    assert uses == 2  # sync_detailed and asyncio_detailed

"""The emulator is an independent oracle: it imports nothing of the SDK (issue #20 item 1).

Every module of ``ninoxkit.testing`` is read with ``ast``; an import of ``ninoxkit`` or of
``ninoxkit.<anything but testing>`` (absolute, or relative climbing out of the package) fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ninoxkit.testing
import pytest

PACKAGE = Path(ninoxkit.testing.__file__).resolve().parent
MODULES = sorted(PACKAGE.glob("*.py"))


#: The pytest plugin hands users SDK clients pointed at the emulator: it may import the two
#: client classes from the public namespace, and nothing that parses or encodes values.
ALLOWED = {"pytest_plugin.py": {"Ninox", "AsyncNinox"}}


def _sdk_imports(path: Path) -> list[str]:
    allowed = ALLOWED.get(path.name, set())
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level >= 2:
                # `from .. import x` / `from ..x import y` leaves ninoxkit.testing.
                bad.append(f"line {node.lineno}: relative import level {node.level}")
                continue
            if node.level == 1:
                continue
            if node.module == "ninoxkit" and {a.name for a in node.names} <= allowed:
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "ninoxkit" and (len(parts) < 2 or parts[1] != "testing"):
                bad.append(f"line {node.lineno}: import {name}")
    return bad


def test_the_package_has_modules() -> None:
    assert {p.name for p in MODULES} >= {"_app.py", "_store.py", "_nx.py", "_clock.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_imports_the_sdk(path: Path) -> None:
    assert _sdk_imports(path) == []


def test_the_checker_sees_every_form_of_sdk_import(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        "import ninoxkit\n"
        "import ninoxkit._values as v\n"
        "from ninoxkit import parse_timestamp\n"
        "from ninoxkit._values import encode_value\n"
        "from .. import nx\n"
        "from .._values import decode_value\n"
        "from . import _when\n"
        "from ninoxkit.testing import _store\n"
        "def f():\n    from ninoxkit.nx import quote\n"
    )
    assert len(_sdk_imports(sample)) == 7


def test_the_plugin_may_import_only_the_clients(tmp_path: Path) -> None:
    plugin = tmp_path / "pytest_plugin.py"
    plugin.write_text("from ninoxkit import AsyncNinox, Ninox\n")
    assert _sdk_imports(plugin) == []
    plugin.write_text("from ninoxkit import Ninox, parse_timestamp\n")
    assert _sdk_imports(plugin) == ["line 1: import ninoxkit"]
    other = tmp_path / "_store.py"
    other.write_text("from ninoxkit import Ninox\n")
    assert _sdk_imports(other) == ["line 1: import ninoxkit"]

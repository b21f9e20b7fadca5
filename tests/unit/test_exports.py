"""``ninoxkit.__all__`` is sorted, complete and points at ``ninoxkit`` (httpx's export test).

``ninoxkit`` imports its public names lazily (PEP 562, issue #14 item 6): ``_EXPORTS`` says
where each lives, the ``TYPE_CHECKING`` imports give type checkers the same names.
"""

from __future__ import annotations

import ast
import json
import pickle
import subprocess
import sys
from pathlib import Path

import ninoxkit
import pytest


def _isort_key(name: str) -> tuple[int, str]:
    # Ruff's RUF022 order: CONSTANTS, then Classes, then functions and dunders.
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_unique() -> None:
    assert ninoxkit.__all__ == sorted(ninoxkit.__all__, key=_isort_key)
    assert len(set(ninoxkit.__all__)) == len(ninoxkit.__all__)


def test_all_is_complete() -> None:
    """Every lazily exported name is in ``__all__``, listed by ``dir()`` and resolves."""
    assert set(ninoxkit._EXPORTS) == set(ninoxkit.__all__) - {"__version__"}
    assert set(ninoxkit.__all__) <= set(dir(ninoxkit))
    for name in ninoxkit.__all__:
        assert getattr(ninoxkit, name) is not None
    public = {
        name
        for name, value in vars(ninoxkit).items()
        if not name.startswith("_") and not isinstance(value, type(ninoxkit))
    }
    assert public == set(ninoxkit.__all__) - {"__version__"}


def test_the_type_checking_imports_name_the_same_modules() -> None:
    """The TYPE_CHECKING imports (what mypy and IDEs see) match ``_EXPORTS`` name by name."""
    tree = ast.parse(Path(ninoxkit.__file__).read_text(encoding="utf-8"))
    guarded = next(n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.dump(n))
    seen = {
        alias.name: "." * node.level + (node.module or "")
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == ninoxkit._EXPORTS


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Ninoxx'"):
        ninoxkit.Ninoxx  # type: ignore[attr-defined]  # noqa: B018  # the point of the test


def test_exported_names_live_in_ninoxkit() -> None:
    for name in ninoxkit.__all__:
        value = getattr(ninoxkit, name)
        if isinstance(value, type) or callable(value):
            assert value.__module__ == "ninoxkit", name


_FRESH = """
import json, pickle, sys
import ninoxkit
loaded = sorted(m for m in sys.modules if m.startswith(("ninoxkit.", "httpx", "ninox_api")))
from ninoxkit._exceptions import NotFoundError  # raised by the library, never named by the user
error = pickle.loads(pickle.dumps(NotFoundError.__new__(NotFoundError)))
print(json.dumps([loaded, NotFoundError.__module__, type(error).__name__]))
"""


def test_import_ninoxkit_loads_nothing_else_and_errors_still_say_ninoxkit() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _FRESH], capture_output=True, text=True, check=True
    ).stdout
    loaded, module, unpickled = json.loads(out.splitlines()[-1])
    assert loaded == ["ninoxkit._version"]
    # Tracebacks show ninoxkit.NotFoundError, and pickle finds it there (lazily).
    assert (module, unpickled) == ("ninoxkit", "NotFoundError")


def test_pickled_public_classes_round_trip() -> None:
    for name in ("Ninox", "ConfigurationError", "FieldValueError", "Schema"):
        value = getattr(ninoxkit, name)
        assert pickle.loads(pickle.dumps(value)) is value

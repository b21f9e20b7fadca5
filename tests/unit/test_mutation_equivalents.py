"""scripts/mutation's inputs stay valid: its modules and test files exist, and its list of
equivalent mutants parses and names only those modules (the mutation run itself is too slow for
./scripts/test)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "mutation_script", ROOT / "scripts" / "mutation.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_module_and_test_file_of_the_script_exists() -> None:
    script = load_script()
    for module, tests in script.MODULES.items():
        assert (ROOT / "overlay" / "ninoxkit" / f"{module}.py").is_file(), module
        for test in tests:
            assert (ROOT / test).is_file(), test


def test_the_equivalents_list_parses_and_gives_a_reason_for_each() -> None:
    script = load_script()
    equivalents = script.read_equivalents()
    for name, reason in equivalents.items():
        assert name.split(".")[1] in script.MODULES, name
        assert len(reason.split()) >= 3, name


def test_a_malformed_equivalents_line_is_refused(tmp_path: Path) -> None:
    script = load_script()
    bad = tmp_path / "equivalents.txt"
    bad.write_text("ninoxkit._nowhere.x_f__mutmut_1  a module the script does not run\n")
    with pytest.raises(ValueError, match=r"equivalents\.txt:1"):
        script.read_equivalents(bad)

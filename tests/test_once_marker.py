"""Every entry of ``ONCE`` (tests/conftest.py) names a test module, or a test in one, that
exists: a stale entry would silently stop leaving its tests to the main run, and a typo would
leave nothing out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import helpers
from tests.conftest import ONCE, ONCE_MODULES, pytest_ignore_collect

ROOT = Path(__file__).resolve().parents[1]


def test_every_once_entry_names_an_existing_test() -> None:
    for entry in ONCE:
        path, _, name = entry.partition("::")
        source = (ROOT / path).read_text(encoding="utf-8")
        assert not name or f"def {name}" in source, entry


class _Config:
    def __init__(self, skip_once: bool) -> None:
        self.skip_once = skip_once

    def getoption(self, name: str) -> bool:
        assert name == "--skip-once"
        return self.skip_once


def test_skip_once_leaves_the_whole_once_modules_uncollected() -> None:
    """``--skip-once`` (the runs on other Pythons) must not import the ``once`` modules at all,
    and without it every module is collected as usual."""
    modules = [ROOT / entry for entry in ONCE if "::" not in entry]
    assert modules
    assert set(modules) == ONCE_MODULES
    for path in modules:
        assert pytest_ignore_collect(path, _Config(skip_once=True)) is True  # type: ignore[arg-type]
        assert pytest_ignore_collect(path, _Config(skip_once=False)) is None  # type: ignore[arg-type]
    other = ROOT / "tests" / "unit" / "test_values.py"
    assert pytest_ignore_collect(other, _Config(skip_once=True)) is None  # type: ignore[arg-type]


def test_fewer_examples_only_under_skip_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main run draws every example a property test asks for; ``--skip-once`` a fifth."""
    monkeypatch.setattr(helpers, "FEWER_EXAMPLES", False)
    assert helpers.examples(300) == 300
    monkeypatch.setattr(helpers, "FEWER_EXAMPLES", True)
    assert helpers.examples(300) == 60
    assert helpers.examples(20) == 10  # never below 10

"""Every entry of ``ONCE`` (tests/conftest.py) names a test module, or a test in one, that
exists: a stale entry would silently stop leaving its tests to the main run, and a typo would
leave nothing out."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ONCE

ROOT = Path(__file__).resolve().parents[1]


def test_every_once_entry_names_an_existing_test() -> None:
    for entry in ONCE:
        path, _, name = entry.partition("::")
        source = (ROOT / path).read_text(encoding="utf-8")
        assert not name or f"def {name}" in source, entry

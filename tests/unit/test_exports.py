"""``ninoxkit.__all__`` is sorted, complete and points at ``ninoxkit`` (httpx's export test)."""

from __future__ import annotations

import ninoxkit


def _isort_key(name: str) -> tuple[int, str]:
    # Ruff's RUF022 order: CONSTANTS, then Classes, then functions and dunders.
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_unique() -> None:
    assert ninoxkit.__all__ == sorted(ninoxkit.__all__, key=_isort_key)
    assert len(set(ninoxkit.__all__)) == len(ninoxkit.__all__)


def test_all_is_complete() -> None:
    public = {
        name
        for name, value in vars(ninoxkit).items()
        if not name.startswith("_") and not isinstance(value, type(ninoxkit))
    }
    assert public == set(ninoxkit.__all__) - {"__version__"}


def test_exported_names_live_in_ninoxkit() -> None:
    for name in ninoxkit.__all__:
        value = getattr(ninoxkit, name)
        if isinstance(value, type) or callable(value):
            assert value.__module__ == "ninoxkit", name

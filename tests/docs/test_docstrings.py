"""What ``help()`` shows for the sync twins (written by scripts/unasync.py)."""

from __future__ import annotations

import inspect
import pydoc

import ninoxkit
import pytest

SYNC_CLASSES = [
    getattr(ninoxkit, name)
    for name in ninoxkit.__all__
    if inspect.isclass(getattr(ninoxkit, name)) and f"Async{name}" in ninoxkit.__all__
]


def test_there_are_sync_twins_to_check() -> None:
    assert ninoxkit.Ninox in SYNC_CLASSES


@pytest.mark.parametrize("cls", SYNC_CLASSES, ids=lambda c: c.__name__)
def test_a_sync_class_does_not_call_itself_async(cls: type) -> None:
    doc = inspect.getdoc(cls) or ""
    assert doc, f"{cls.__name__} has no docstring"
    assert not doc.lower().startswith("async"), doc.splitlines()[0]


def test_help_on_the_sync_client_opens_with_client() -> None:
    text = pydoc.render_doc(ninoxkit.Ninox, renderer=pydoc.plaintext)
    assert "Client for the Ninox REST API." in text
    assert "Async client" not in text
    assert (inspect.getdoc(ninoxkit.AsyncNinox) or "").startswith("Async client")

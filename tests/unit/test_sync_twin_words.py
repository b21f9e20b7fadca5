"""Issue #16 item 3: the sync twin reads as sync code (names, docstrings, help()).

``scripts/unasync.py`` writes ``ninoxkit._sync`` from ``ninoxkit._async``; a rule it lacks left
``help(ninoxkit.Ninox)`` opening with "Async client" and the sync sender named ``_AsyncSender``.
"""

from __future__ import annotations

import pydoc
import re
from pathlib import Path

import ninoxkit

SYNC = Path(ninoxkit.__file__).parent / "_sync"

#: Words about the module's origin, not about what it is: they may stay.
_ORIGIN = re.compile(r"unasync|ninoxkit\._async|``_async``|/_async/")
#: The only lines of the sync twin that may still say "async" (each says why).
_INTENDED = {
    # _Shared.loop_guard: the sync LoopGuard checks nothing; the field matters to the async twin.
    "#: The event loop the pool and the limiter belong to (async twin only).",
    # database(): one docstring tells what each twin does with an id it does not know.
    "here; in the async client this method is not awaited, so it raises a",
}


def test_the_sync_twin_says_async_nowhere_but_where_intended() -> None:
    found = []
    for path in sorted(SYNC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = _ORIGIN.sub("", line)
            if re.search(r"(?i)async", text) and line.strip() not in _INTENDED:
                found.append(f"{path.relative_to(SYNC)}:{number}: {line.strip()}")
    assert found == []


def test_help_of_the_sync_client_says_sync() -> None:
    text = pydoc.render_doc(ninoxkit.Ninox, renderer=pydoc.plaintext)
    assert "Client for the Ninox REST API" in text
    assert "Async" not in text
    assert "AsyncNinox" in pydoc.render_doc(ninoxkit.AsyncNinox, renderer=pydoc.plaintext)


def test_the_sync_sender_has_a_sync_name() -> None:
    from ninoxkit._sync import _client

    assert hasattr(_client, "_Sender")
    assert not hasattr(_client, "_AsyncSender")
    assert type(ninoxkit.Ninox(api_key="k")._sender).__name__ == "_Sender"

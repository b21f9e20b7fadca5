"""Write the sync twins from the async sources (modelled on httpcore's scripts/unasync.py).

    python scripts/unasync.py          rewrite every _sync/ file from its _async/ source
    python scripts/unasync.py --check  write nothing; fail naming each drifted or missing file

Pairs: ``_async`` -> ``_sync`` under overlay/ninoxkit (v4/ included), tests/unit, tests/resources
and tests/unit_v4 (``PAIRS``).
Token rules apply on word boundaries; the output is piped through ``ruff check --fix`` (import
order, imports a rule made unused) and ``ruff format``. The script fails if a rule went unused,
so a stale rule cannot hide.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [
    (ROOT / "overlay/ninoxkit/_async", ROOT / "overlay/ninoxkit/_sync"),
    (ROOT / "tests/unit/_async", ROOT / "tests/unit/_sync"),
    (ROOT / "tests/resources/_async", ROOT / "tests/resources/_sync"),
    (ROOT / "tests/unit_v4/_async", ROOT / "tests/unit_v4/_sync"),
]

# (pattern, replacement), applied in order. Specific rules come before the generic Async rule.
# Add a rule when the source first needs it (async for, __aiter__, StopAsyncIteration, ...):
# an unused rule fails the run.
RULES: list[tuple[str, str]] = [
    # A lint exemption only the twin needs (unused, hence refused by RUF100, in the source).
    (r"^# unasync: ruff: noqa: ", "# ruff: noqa: "),
    (r"^import anyio$", "import threading\nimport time"),
    (r"\banyio\.sleep\b", "time.sleep"),
    (r"\banyio\.Semaphore\b", "threading.Semaphore"),
    (r"\banyio\.Lock\b", "threading.Lock"),
    (r"^\s*@pytest\.mark\.(anyio|asyncio)\n", ""),
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\b__aiter__\b", "__iter__"),
    (r"\baiter_bytes\b", "iter_bytes"),
    (r"\basynccontextmanager\b", "contextmanager"),
    (r"\baclosing\b", "closing"),
    (r"\bawait ", ""),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\baclose\b", "close"),
    (r"\baread\b", "read"),
    (r"\basyncio_detailed\b", "sync_detailed"),
    (r"\bhandle_async_request\b", "handle_request"),
    (r"\bset_async_httpx_client\b", "set_httpx_client"),
    (r"\bhttpx\.AsyncByteStream\b", "httpx.SyncByteStream"),
    (r"\b_async\b", "_sync"),
    (r"  # noqa: ASYNC109$", ""),
    (r"\basync_plain_http_transport\b", "plain_http_transport"),
    (r"\bAsync([A-Z]\w*)", r"\1"),
    # Private names too (\b does not split "_Async"): the sync sender is not "_AsyncSender".
    (r"\b_Async([A-Z]\w*)", r"_\1"),
    (r"\bget_async_httpx_client\b", "get_httpx_client"),
    # Prose that names the flavour, matched after the token rules so the words they write stay:
    # help(ninoxkit.Ninox) must not open with "Async client" (issue #16).
    (r'^(\s*)"""Async client for ', r'\1"""Client for '),
    (
        r'^"""The async facade, :class:`Ninox` \(the sync ``Ninox`` is written from this file\)\.',
        '"""The sync facade, :class:`Ninox`, written by ``scripts/unasync.py`` from ``_async``.',
    ),
    (
        r'^"""The async Ninox 4 facade, :class:`Ninox4` \(the sync ``Ninox4`` is written from '
        r"this file\)\.",
        '"""The sync Ninox 4 facade, :class:`Ninox4`, written by ``scripts/unasync.py`` from '
        "``_async``.",
    ),
    (
        r'^"""DataFrames from async pagers, and frames written through an async table handle\.'
        r"\n\nThe same functions as :mod:`ninoxkit._frames` \(which has the column types\), "
        r"with ``await``::",
        '"""DataFrames from pagers, and frames written through a table handle.\n\n'
        "The same functions as :mod:`ninoxkit._frames` (which has the column types)::",
    ),
    (
        r'^"""Async I/O shells: the source from which ``\S+`` writes ``ninoxkit\._sync``\.',
        '"""Sync I/O shells, written by ``scripts/unasync.py`` from ``ninoxkit._async``.',
    ),
]
_COMPILED = [(re.compile(p, re.MULTILINE), r) for p, r in RULES]
HEADER = (
    "# Written by scripts/unasync.py from {src}.\n"
    "# Do not edit: edit the source and re-run the script.\n"
)


def _ruff(args: list[str], text: str, filename: Path) -> str:
    cmd = [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(filename), "-"]
    done = subprocess.run(cmd, input=text, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0 and not done.stdout:
        raise SystemExit(f"ruff {' '.join(args)} failed on {filename}:\n{done.stderr}")
    return done.stdout


def transform(text: str, used: set[int]) -> str:
    """Apply every rule to ``text``, recording which rules matched."""
    for index, (pattern, replacement) in enumerate(_COMPILED):
        text, count = pattern.subn(replacement, text)
        if count:
            used.add(index)
    return text


def render(src: Path, dst: Path, used: set[int]) -> str:
    """Return the formatted sync twin of ``src`` (to be written at ``dst``)."""
    body = transform(src.read_text(encoding="utf-8"), used)
    header = HEADER.format(src=src.relative_to(ROOT).as_posix())
    text = header + body
    text = _ruff(["check", "--fix", "--exit-zero", "--quiet", "--select", "I,F401"], text, dst)
    return _ruff(["format", "--quiet"], text, dst)


def main(argv: list[str] | None = None) -> int:
    """Run the rewrite or the check; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail on drift, write nothing")
    options = parser.parse_args(argv)
    used: set[int] = set()
    drifted: list[str] = []
    for src_dir, dst_dir in PAIRS:
        if not src_dir.is_dir():
            continue
        expected: set[Path] = set()
        for src in sorted(src_dir.rglob("*.py")):
            dst = dst_dir / src.relative_to(src_dir)
            expected.add(dst)
            new = render(src, dst, used)
            old = dst.read_text(encoding="utf-8") if dst.exists() else None
            if new == old:
                continue
            drifted.append(dst.relative_to(ROOT).as_posix())
            if not options.check:
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_text(new, encoding="utf-8")
        for stale in sorted(dst_dir.rglob("*.py")) if dst_dir.is_dir() else []:
            if stale not in expected:
                drifted.append(f"{stale.relative_to(ROOT).as_posix()} (no source)")
                if not options.check:
                    stale.unlink()
    unused = [RULES[i][0] for i in range(len(RULES)) if i not in used]
    if unused:
        print(f"unasync: rules never used (remove them or fix the source): {unused}")
        return 1
    if drifted:
        verb = "out of date" if options.check else "rewritten"
        for name in drifted:
            print(f"unasync: {verb}: {name}")
        return 1 if options.check else 0
    print("unasync: sync twins up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``import_time_ratio`` and ``regenerate_seconds``: fresh processes, wall time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .common import (
    ROOT,
    Sizes,
    alternate,
    median,
)


def run_seconds(cmd: Sequence[str | Path]) -> float:
    """Wall time of one subprocess run (which must succeed)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


#: What a program using ninoxkit runs first (``import ninoxkit`` alone loads only the version:
#: the names load on first use), and what one using httpx does.
KIT_IMPORT = "from ninoxkit import Ninox"
HTTPX_IMPORT = "import httpx"


def compile_what_loads(py: str, statement: str) -> None:
    """Compile the bytecode of every module ``statement`` loads, as a pip install leaves it.

    pip compiles a wheel's modules at install time; uv (``./scripts/bootstrap``) does not, and
    under ``PYTHONDONTWRITEBYTECODE=1`` (this machine, CI) an interpreter never writes ``.pyc``
    files, so each fresh process would compile from source and the figure would measure the
    compiler, for httpx as much as for ninoxkit.
    """
    import compileall

    listing = (
        "import sys\n"
        f"{statement}\n"
        "for m in list(sys.modules.values()):\n"
        "    f = getattr(m, '__file__', None)\n"
        "    if f and f.endswith('.py'): print(f)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    files = subprocess.run(
        [py, "-c", listing], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    for file in files:
        compileall.compile_file(file, quiet=2)


def bench_import(sizes: Sizes, profile: bool) -> dict[str, Any]:
    """``import_time_ratio``: fresh interpreters running ``from ninoxkit import Ninox`` vs
    ``import httpx``, every module either loads compiled as an install leaves it
    (:func:`compile_what_loads`)."""
    py = sys.executable
    for statement in (KIT_IMPORT, HTTPX_IMPORT):  # the first loads all "import ninoxkit" does
        compile_what_loads(py, statement)
    for _ in range(2):  # warm the OS file cache
        run_seconds([py, "-c", KIT_IMPORT])
        run_seconds([py, "-c", HTTPX_IMPORT])
    times = alternate(
        {
            "ninoxkit": lambda: run_seconds([py, "-c", KIT_IMPORT]),
            "httpx": lambda: run_seconds([py, "-c", HTTPX_IMPORT]),
            "bare_import": lambda: run_seconds([py, "-c", "import ninoxkit"]),
            "bare_python": lambda: run_seconds([py, "-c", "pass"]),
        },
        sizes.import_rounds,
    )
    kit, raw, lazy, bare = (
        median(times[k]) for k in ("ninoxkit", "httpx", "bare_import", "bare_python")
    )
    out: dict[str, Any] = {
        "ratio": kit / raw,
        "ninoxkit_s": kit,
        "httpx_s": raw,
        "import_ninoxkit_alone_s": lazy,
        "bare_python_s": bare,
        "ratio_without_interpreter_start": (kit - bare) / (raw - bare) if raw > bare else None,
        "rounds": sizes.import_rounds,
    }
    if profile:
        proc = subprocess.run(
            [py, "-X", "importtime", "-c", KIT_IMPORT], capture_output=True, text=True
        )
        rows = []
        for line in proc.stderr.splitlines()[1:]:
            parts = line.split("|")
            if len(parts) == 3 and parts[0].split(":")[-1].strip().isdigit():
                rows.append((int(parts[1].strip()), parts[2].rstrip()))
        rows.sort(reverse=True)
        out["profile_cumulative_us"] = [f"{us:>8} {name}" for us, name in rows[:25]]
    return out


def bench_regenerate(sizes: Sizes) -> dict[str, Any]:
    """``regenerate_seconds``: ``scripts/regenerate.py --check`` (writes only to a temp dir)."""
    times = [
        run_seconds([sys.executable, ROOT / "scripts" / "regenerate.py", "--check"])
        for _ in range(sizes.regenerate_rounds)
    ]
    return {"seconds": median(times), "runs": len(times)}

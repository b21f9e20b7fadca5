"""``import_time_ratio`` and ``regenerate_seconds``: fresh processes, wall time."""

from __future__ import annotations

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


def bench_import(sizes: Sizes, profile: bool) -> dict[str, Any]:
    """``import_time_ratio``: fresh interpreters importing ninoxkit vs httpx.

    Both are measured as installed: pip compiles a wheel's bytecode at install time, so httpx's
    ``.pyc`` files exist, but an editable install under ``PYTHONDONTWRITEBYTECODE=1`` would
    compile ninoxkit and ninox_api from source on every import. They are compiled first (into
    their git-ignored ``__pycache__``), or the figure would measure the compiler.
    """
    import compileall

    import ninox_api
    import ninoxkit

    py = sys.executable
    for package in (ninoxkit, ninox_api):
        assert package.__file__ is not None
        compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    for _ in range(2):  # warm the OS file cache
        run_seconds([py, "-c", "import ninoxkit"])
        run_seconds([py, "-c", "import httpx"])
    times = alternate(
        {
            "ninoxkit": lambda: run_seconds([py, "-c", "import ninoxkit"]),
            "httpx": lambda: run_seconds([py, "-c", "import httpx"]),
            "bare_python": lambda: run_seconds([py, "-c", "pass"]),
        },
        sizes.import_rounds,
    )
    kit, raw, bare = (median(times[k]) for k in ("ninoxkit", "httpx", "bare_python"))
    out: dict[str, Any] = {
        "ratio": kit / raw,
        "ninoxkit_s": kit,
        "httpx_s": raw,
        "bare_python_s": bare,
        "ratio_without_interpreter_start": (kit - bare) / (raw - bare) if raw > bare else None,
        "rounds": sizes.import_rounds,
    }
    if profile:
        proc = subprocess.run(
            [py, "-X", "importtime", "-c", "import ninoxkit"], capture_output=True, text=True
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

"""``scripts/bench_v4.py`` at its tiny size: every named figure, plausible values, no timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {
    "v4_overhead_list_ratio",
    "v4_overhead_create_ratio",
    "v4_list_ratio",
    "v4_bulk_write",
}


@pytest.mark.slow
def test_bench_v4_tiny_json_has_every_named_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_v4.py"), "--tiny", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(out.read_text())["figures"]
    assert set(figures) == FIGURES
    for name in FIGURES:
        assert figures[name]["ratio"] > 0, name
    writes = figures["v4_bulk_write"]
    assert writes["httpx_requests"] == -(-writes["records"] // 100)
    assert "v4_list_ratio" in proc.stdout

"""What every figure shares: names, sizes, goals, timing helpers and the emulator process."""

from __future__ import annotations

import cProfile
import gc
import io
import json
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
TEAM = "benchTeam0000001"
DB = "benchdb00001"
TOKEN = "bench-token"
#: A loopback base URL for the in-process (MockTransport) figures; nothing connects to it.
MOCK_BASE = "http://127.0.0.1:9/v1"
RECORDS_PATH = f"/teams/{TEAM}/databases/{DB}/tables/A/records"
PEER_SPEC = ["ninox==0.1.0", "requests"]
FIELDS = [
    {"name": "Name", "type": "string"},
    {"name": "Email", "type": "email"},
    {"name": "Score", "type": "number"},
    {"name": "Active", "type": "boolean"},
    {"name": "Joined", "type": "date"},
    {"name": "Notes", "type": "string"},
]
GOALS = {
    "overhead_get_ratio": 1.3,
    "overhead_page_ratio": 1.5,
    "list_100k_ratio": 1.15,
    "import_time_ratio": 2.0,
    "latency_list_20k_ratio_50ms": 1.3,
    "latency_list_20k_ratio_200ms": 1.3,
    "latency_create_10k_ratio_50ms": 1.3,
    "latency_create_10k_ratio_200ms": 1.3,
    "latency_get_many_200_ratio": 1.3,
    "latency_export_20k_ratio": 1.5,
}
FIGURES = (
    "overhead_get_ratio",
    "overhead_page_ratio",
    "overhead_first_page_ratio",
    "list_100k_ratio",
    "list_peak_rss_mb_10k",
    "list_peak_rss_mb_100k",
    "bulk_write_10k",
    "async_fanout_speedup",
    "import_time_ratio",
    "regenerate_seconds",
    "latency_list_20k_ratio_50ms",
    "latency_list_20k_ratio_200ms",
    "latency_create_10k_ratio_50ms",
    "latency_create_10k_ratio_200ms",
    "latency_get_many_200_ratio",
    "latency_export_20k_ratio",
)


@dataclass(frozen=True)
class Sizes:
    """How much work each figure does (``--quick`` and ``--tiny`` shrink it)."""

    get_calls: int  # records.get() calls per timed block
    page_calls: int  # 500-record pages per timed block
    overhead_rounds: int
    page_size: int
    list_records: int  # records in the big table (the "100k")
    list_small: int  # records iterated by the small RSS run (the "10k")
    list_rounds: int
    writes: int  # records created per contender (the "10k")
    write_rounds: int
    fanout_records: int  # records per fan-out table (8 tables)
    fanout_rounds: int
    import_rounds: int
    regenerate_rounds: int
    latency_list: int = 20_000  # records listed and exported by the latency figures
    latency_writes: int = 10_000  # records created (batches of 100)
    latency_gets: int = 200  # ids fetched by get_many
    latency_get_s: float = 0.2  # latency of the get_many figure
    latency_rounds: int = 3  # rounds of every job (the one-at-a-time path: once, mid-run)
    latency_slow_paths: bool = True  # time the one-at-a-time paths (a reference, no goal)


FULL = Sizes(2000, 40, 25, 500, 100_000, 10_000, 7, 10_000, 3, 250, 7, 21, 3)
# Under 45 s for both scripts on a loaded 2-core machine: the one-at-a-time latency paths
# (tens of seconds of sleeping) are left out, every other figure shrinks.
QUICK = Sizes(
    600, 12, 5, 500, 20_000, 10_000, 2, 1_000, 1, 250, 3, 5, 1,
    latency_list=10_000, latency_writes=2_000, latency_gets=100, latency_get_s=0.05,
    latency_rounds=1, latency_slow_paths=False,
)  # fmt: skip
TINY = Sizes(
    50, 3, 3, 500, 2_000, 500, 1, 300, 1, 120, 2, 3, 1,
    latency_list=2_000, latency_writes=300, latency_gets=20, latency_get_s=0.05,
    latency_rounds=1, latency_slow_paths=False,
)  # fmt: skip


# --------------------------------------------------------------------------- helpers


def median(values: Sequence[float]) -> float:
    """The median (0.0 for no values)."""
    return statistics.median(values) if values else 0.0


def sample_record(i: int) -> dict[str, Any]:
    """Field values of record ``i`` (the same shape in fixtures, canned bodies and writes)."""
    return {
        "Name": f"Customer {i}",
        "Email": f"customer{i}@example.com",
        "Score": i % 1000,
        "Active": i % 2 == 0,
        "Joined": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        "Notes": "Met at the fair; wants a demo." if i % 3 == 0 else "",
    }


def wire_record(i: int) -> dict[str, Any]:
    """A record as the emulator (and Ninox) send it."""
    return {
        "id": i,
        "sequence": i,
        "createdAt": "2024-01-01T00:00:01",
        "createdBy": "root",
        "modifiedAt": "2024-01-01T00:00:01",
        "modifiedBy": "root",
        "fields": sample_record(i),
    }


def fixture(tables: Sequence[tuple[str, int]]) -> dict[str, Any]:
    """An emulator fixture with one team, one database and ``(name, record count)`` tables."""
    return {
        "user": "root",
        "teams": [
            {
                "id": TEAM,
                "name": "Bench",
                "databases": [
                    {
                        "id": DB,
                        "name": "Bench",
                        "tables": [
                            {
                                "name": name,
                                "fields": FIELDS,
                                "records": [sample_record(i) for i in range(1, count + 1)],
                            }
                            for name, count in tables
                        ],
                    }
                ],
            }
        ],
    }


def table_ids(count: int) -> list[str]:
    """``A``, ``B``, … (enough for the fixtures here)."""
    return [chr(ord("A") + i) for i in range(count)]


def alternate(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run every contender once per round, rotating the order; collect what each returns."""
    names = list(contenders)
    results: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            gc.collect()
            results[name].append(contenders[name]())
    return results


def cpu_block(fn: Callable[[], object], calls: int) -> Callable[[], float]:
    """A contender measuring CPU seconds per call of ``fn`` over ``calls`` calls."""

    def run() -> float:
        start = time.process_time()
        for _ in range(calls):
            fn()
        return (time.process_time() - start) / calls

    return run


def wall(fn: Callable[[], object]) -> Callable[[], float]:
    """A contender measuring wall seconds of one ``fn()``."""

    def run() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return run


class Emulator:
    """``python -m ninoxkit.testing`` in a subprocess, serving a generated JSON fixture."""

    def __init__(self, data: dict[str, Any], workdir: Path, name: str) -> None:
        path = workdir / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        self._proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "ninoxkit.testing", "--port", "0"),
                *("--fixture", str(path), "--token", TOKEN, "--deterministic"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        if not line.startswith("http"):
            self.close()
            raise RuntimeError(f"the emulator did not start (said {line!r})")
        self.base_url = line
        self.root = line.rsplit("/v1", 1)[0]
        self._control = httpx.Client(base_url=self.root + "/_emulator", timeout=60)

    def add_fault(self, **rule: Any) -> None:
        """Add a fault rule (``kind=``, ``path=``, ``seconds=`` …)."""
        self._control.post("/faults", json=rule).raise_for_status()

    def clear_faults(self) -> None:
        """Remove every fault rule (the data stays)."""
        self._control.delete("/faults").raise_for_status()

    def reset(self) -> None:
        """Initial data back; faults and request log cleared."""
        self._control.post("/reset").raise_for_status()

    def clear_requests(self) -> None:
        """Empty the request log."""
        self._control.delete("/requests").raise_for_status()

    def requests(self) -> list[dict[str, Any]]:
        """The request log."""
        entries: list[dict[str, Any]] = self._control.get("/requests").json()
        return entries

    def close(self) -> None:
        """Stop the process."""
        if hasattr(self, "_control"):
            self._control.close()
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


@contextmanager
def emulator(data: dict[str, Any], workdir: Path, name: str) -> Iterator[Emulator]:
    """An :class:`Emulator` that is stopped on exit."""
    emu = Emulator(data, workdir, name)
    try:
        yield emu
    finally:
        emu.close()


def profile_top(fn: Callable[[], object], calls: int, limit: int = 18) -> str:
    """cProfile ``calls`` calls of ``fn``; the top functions by own time, as text."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        fn()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if "ncalls" in ln), 0)
    return "\n".join(lines[start:])

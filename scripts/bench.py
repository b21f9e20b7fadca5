"""Benchmarks for ninoxkit (issue #8); run through ``scripts/bench``.

This file is the entry point; each figure group is a module of ``scripts/benchlib/``
(``common`` holds the sizes, goals, timing helpers and the emulator process).

Every comparison is measured side by side in one run: the contenders alternate, each round runs
all of them (in a rotating order), and the figure is built from the medians, because absolute
times on shared machines drift (the CPU overhead figures: the median of each round's own ratio,
its two blocks having run back to back). The emulator runs in its own process (``python -m
ninoxkit.testing``) so its CPU time never counts as the client's.

Figures (``--json PATH`` writes them under ``"figures"``):

- ``overhead_get_ratio``: CPU time of one ``records.get()`` through the sync ``Ninox`` over an
  in-process ``httpx.MockTransport`` with a canned body, divided by raw httpx + ``json.loads``
  of the same body over the same transport (goal ≤ 1.3);
- ``overhead_page_ratio``: the same per page of a listing of 8 pages of 500 records (the last
  half full) as models through ``records.list(...).pages()`` at the defaults, read-ahead on,
  vs a hand-written httpx page loop (goal ≤ 1.5);
- ``overhead_first_page_ratio``: the first page alone, then stop (no goal: read-ahead asks for
  page 1 with page 0, which this charges to the one page read; see ``benchlib/overhead.py``);
- ``list_100k_ratio``: wall time to iterate a 100,000-record table from the emulator over
  loopback through the pager (``per_page=500``) divided by a hand-written httpx page loop
  (goal ≤ 1.15); ``list_peak_rss_mb_10k`` / ``list_peak_rss_mb_100k``: peak RSS of a fresh
  process iterating 10k / 100k records (the listing must stay O(page));
- ``bulk_write_10k``: seconds and requests to create 10,000 records with ninoxkit
  (``records.create``, default batch size), raw httpx batches of the same size, one request per
  record (the n8n node's pattern) and PyPI ``ninox`` 0.1.0 ``upsert_records`` (own venv);
- ``async_fanout_speedup``: 8 table listings with 20 ms injected latency per request through
  ``AsyncNinox(max_concurrency=8)``, concurrent (``gather``) vs one after the other;
- ``import_time_ratio``: ``python -c 'from ninoxkit import Ninox'`` vs ``python -c 'import
  httpx'`` (goal ≤ 2), every module either loads compiled as an install leaves it (``import
  ninoxkit`` alone loads only the version; it is shown beside);
- ``regenerate_seconds``: ``python scripts/regenerate.py --check`` (regenerates into a temporary
  folder; the repository is not modified);
- ``latency_*`` (issue #14): wall time of a latency-bound job with the emulator adding a fixed
  latency to every request, divided by its limit within the client's own concurrency,
  ``ceil(requests ÷ max_concurrency) × latency`` (``requests``: those the job needs, i.e. what
  the one-at-a-time path sends). Every job runs once per round, the order rotating, so load on
  a shared machine spreads over all of them; the figure is the median round, the table and JSON
  also give the spread (lowest and highest round). The one-at-a-time path (``prefetch=1`` /
  ``max_in_flight=1`` / ``--max-concurrency 1``) is timed once, in the middle round, for
  comparison (not in ``--quick``). The CLI is timed as an install leaves it: bytecode compiled
  (one untimed run first writes the ``.pyc`` files a pip install would have).
  ``latency_list_20k_ratio_{50,200}ms``: list 20,000 records at the defaults (goal ≤ 1.3);
  ``latency_create_10k_ratio_{50,200}ms``: create 10,000 records in batches of 100 (≤ 1.3);
  ``latency_get_many_200_ratio``: ``records.get_many`` of 200 ids (≤ 1.3);
  ``latency_export_20k_ratio``: ``ninoxkit records export`` of 20,000 records as a fresh
  process, start-up included (≤ 1.5).

``--quick`` keeps every figure but shrinks the sizes (the JSON says which sizes were used);
``--profile`` adds cProfile tops for the two overhead figures and ``-X importtime`` for imports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchlib.common import (
    FIGURES,
    FULL,
    GOALS,
    QUICK,
    TINY,
    emulator,
    fixture,
    table_ids,
)
from benchlib.fanout import bench_fanout
from benchlib.latency import bench_latency
from benchlib.listing import bench_listing
from benchlib.overhead import bench_overhead
from benchlib.processes import bench_import, bench_regenerate
from benchlib.report import machine, render
from benchlib.writes import bench_writes, peer_python


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table, optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick",
        action="store_true",
        help="smaller sizes (scripts/bench with the v4 figures: under 45 s on a loaded 2-core box)",
    )
    mode.add_argument("--tiny", action="store_true", help="minimal sizes (the smoke test)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    parser.add_argument("--profile", action="store_true", help="add profiles to the output")
    parser.add_argument("--no-peer", action="store_true", help="skip PyPI ninox (no pip)")
    parser.add_argument(
        "--peer-cache",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ninoxkit-bench",
        help="where the PyPI ninox venv is kept (default ~/.cache/ninoxkit-bench)",
    )
    args = parser.parse_args(argv)
    sizes = TINY if args.tiny else QUICK if args.quick else FULL
    mode_name = "tiny" if args.tiny else "quick" if args.quick else "full"
    notes: list[str] = []
    started = time.perf_counter()

    def step(name: str) -> None:
        print(f"bench: {name} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="ninoxkit-bench-") as tmp:
        workdir = Path(tmp)
        step("peer venv")
        peer = peer_python(None if args.no_peer else args.peer_cache, notes)
        step("overhead (in-process)")
        overhead = bench_overhead(sizes, args.profile)
        step(f"listing {sizes.list_records:,} records")
        listing = bench_listing(sizes, workdir)
        fan_tables = [(f"Fan{i}", sizes.fanout_records) for i in range(1, 9)]
        with emulator(fixture([("Writes", 0), *fan_tables]), workdir, "work") as emu:
            step(f"bulk writes of {sizes.writes:,} records")
            writes = bench_writes(sizes, emu, peer, workdir, notes)
            step("async fan-out")
            fanout = bench_fanout(sizes, emu, table_ids(9)[1:])
        step("latency-bound jobs")
        latency = bench_latency(sizes, workdir)
        step("import time")
        imports = bench_import(sizes, args.profile)
        step("regenerate --check")
        regen = bench_regenerate(sizes)
    result: dict[str, Any] = {
        "mode": mode_name,
        "sizes": asdict(sizes),
        "machine": machine(),
        "goals": GOALS,
        "figures": {
            "overhead_get_ratio": overhead["get"]["ratio"],
            "overhead_page_ratio": overhead["page"]["ratio"],
            "overhead_first_page_ratio": overhead["first_page"]["ratio"],
            "list_100k_ratio": listing["ratio"],
            "list_peak_rss_mb_10k": listing["rss_mb_small"],
            "list_peak_rss_mb_100k": listing["rss_mb_big"],
            "bulk_write_10k": writes,
            "async_fanout_speedup": fanout["speedup"],
            "import_time_ratio": imports["ratio"],
            "regenerate_seconds": regen["seconds"],
            **latency.pop("figures"),
        },
        "details": {
            "overhead": overhead,
            "listing": listing,
            "fanout": fanout,
            "import": imports,
            "regenerate": regen,
            "latency": latency,
        },
        "notes": notes,
        "elapsed_s": time.perf_counter() - started,
    }
    assert set(result["figures"]) == set(FIGURES)
    print(render(result))
    if notes:
        print("\n".join(f"note: {n}" for n in notes))
    print(f"mode {mode_name}; {result['elapsed_s']:.0f} s; machine {result['machine']}")
    if args.profile:
        for label in ("get", "page"):
            print(f"\n== profile: ninoxkit {label} (cProfile, by own time)")
            print(overhead[label]["profile_ninoxkit"])
        print("\n== import profile (-X importtime, cumulative µs)")
        print("\n".join(imports["profile_cumulative_us"]))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

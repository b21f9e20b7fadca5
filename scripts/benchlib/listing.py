"""``list_100k_ratio`` and the peak RSS figures: the pager over loopback against an httpx loop."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from .common import (
    DB,
    RECORDS_PATH,
    TEAM,
    TOKEN,
    Emulator,
    Sizes,
    alternate,
    emulator,
    fixture,
    median,
    wall,
)

RSS_SCRIPT = """
import resource, sys
from ninoxkit import Ninox
limit = int(sys.argv[2])
n = 0
with Ninox(api_key=sys.argv[3], base_url=sys.argv[1], team_id=sys.argv[4],
           database_id=sys.argv[5]) as c:
    for record in c.records.list(table="A", per_page=500, limit=limit or None):
        n += 1
# VmHWM: this process's own peak. (ru_maxrss would inherit the parent's peak across exec.)
status = open("/proc/self/status").read().split("VmHWM:")
rusage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kib = int(status[1].split()[0]) if len(status) > 1 else rusage
print(n, kib)
"""


def peak_rss(emu: Emulator, limit: int) -> tuple[int, float]:
    """Records iterated and peak RSS (MiB) of a fresh process listing ``limit`` records."""
    proc = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, emu.base_url, str(limit), TOKEN, TEAM, DB],
        capture_output=True,
        text=True,
        check=True,
    )
    count, kib = proc.stdout.split()
    return int(count), int(kib) / 1024


def bench_listing(sizes: Sizes, workdir: Path) -> dict[str, Any]:
    """``list_100k_ratio`` and the two peak RSS figures."""
    from ninoxkit import Ninox

    n = sizes.list_records
    started = time.perf_counter()
    with emulator(fixture([("Big", n)]), workdir, "big") as emu:
        seeded = time.perf_counter() - started

        def kit_list() -> int:
            count = 0
            with Ninox(api_key=TOKEN, base_url=emu.base_url, team_id=TEAM, database_id=DB) as c:
                for _record in c.records.list(table="A", per_page=500):
                    count += 1
            return count

        def raw_list() -> int:
            count = 0
            headers = {"Authorization": f"Bearer {TOKEN}"}
            with httpx.Client(base_url=emu.base_url, headers=headers, timeout=60) as c:
                page = 0
                while True:
                    response = c.get(RECORDS_PATH, params={"page": page, "perPage": 500})
                    response.raise_for_status()
                    records = json.loads(response.content)
                    count += len(records)
                    if len(records) < 500:
                        return count
                    page += 1

        assert kit_list() == raw_list() == n  # also warms both paths and the server
        times = alternate({"ninoxkit": wall(kit_list), "httpx": wall(raw_list)}, sizes.list_rounds)
        # Peak RSS: a baseline (client made, nothing listed), the small and the full table.
        _, rss_base = peak_rss(emu, 1)
        small_count, rss_small = peak_rss(emu, sizes.list_small)
        big_count, rss_big = peak_rss(emu, 0)
        assert (small_count, big_count) == (sizes.list_small, n)
    kit_s, raw_s = median(times["ninoxkit"]), median(times["httpx"])
    per_round = [k / r for k, r in zip(times["ninoxkit"], times["httpx"], strict=True)]
    return {
        "ratio": kit_s / raw_s,
        "ratio_min_round": min(per_round),
        "ratio_max_round": max(per_round),
        "records": n,
        "per_page": 500,
        "ninoxkit_s": kit_s,
        "httpx_s": raw_s,
        "ninoxkit_records_per_s": n / kit_s,
        "rounds": sizes.list_rounds,
        "emulator_start_and_seed_s": seeded,
        "rss_mb_baseline_1_record": rss_base,
        "rss_mb_small": rss_small,
        "rss_small_records": small_count,
        "rss_mb_big": rss_big,
        "rss_big_records": big_count,
    }

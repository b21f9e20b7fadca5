"""The ``latency_*`` figures (issue #14): latency-bound jobs against their limit."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .common import (
    DB,
    TEAM,
    TOKEN,
    Sizes,
    emulator,
    fixture,
    median,
    sample_record,
    wall,
)


def bench_latency(sizes: Sizes, workdir: Path) -> dict[str, Any]:
    """The ``latency_*`` figures: jobs against an emulator that delays every request."""
    from ninoxkit import Ninox
    from ninoxkit._constants import DEFAULT_MAX_CONCURRENCY, MAX_PAGE_SIZE

    width = DEFAULT_MAX_CONCURRENCY
    listed = sizes.latency_list
    data = fixture([("LatList", listed), ("LatWrite", 0), ("LatGet", sizes.latency_gets)])
    rows = [sample_record(i) for i in range(sizes.latency_writes)]
    ids = list(range(1, sizes.latency_gets + 1))
    out: dict[str, Any] = {"max_concurrency": width}
    figures: dict[str, float] = {}
    with (
        emulator(data, workdir, "latency") as emu,
        Ninox(api_key=TOKEN, base_url=emu.base_url, team_id=TEAM, database_id=DB) as client,
    ):

        def sent() -> int:
            return sum(1 for e in emu.requests() if e["path"].startswith("/v1/"))

        def cli_export(*options: str, env: Mapping[str, str] = os.environ) -> Callable[[], object]:
            env = {
                **env,
                "NINOX_API_KEY": TOKEN,
                "NINOX_BASE_URL": emu.base_url,
                "NINOX_TEAM_ID": TEAM,
                "NINOX_DATABASE_ID": DB,
            }
            cli = Path(sys.executable).with_name("ninoxkit")
            cmd = [str(cli), *options, "records", "export", "A", "-o", str(workdir / "e.csv")]
            return lambda: subprocess.run(cmd, check=True, capture_output=True, env=env)

        # (figure, latency, needed requests, fast job, one-at-a-time job)
        pages = listed // MAX_PAGE_SIZE + 1  # a full last page asks once more
        batches = -(-len(rows) // 100)
        jobs: list[tuple[str, float, int, Callable[[], object], Callable[[], object]]] = []
        for ms in (50, 200):
            jobs.append(
                (
                    f"latency_list_20k_ratio_{ms}ms",
                    ms / 1000,
                    pages,
                    lambda: sum(1 for _ in client.records.list(table="A")),
                    lambda: sum(1 for _ in client.records.list(table="A", prefetch=1)),
                )
            )
            jobs.append(
                (
                    f"latency_create_10k_ratio_{ms}ms",
                    ms / 1000,
                    batches,
                    lambda: client.records.create(rows, table="B", batch_size=100),
                    lambda: client.records.create(rows, table="B", batch_size=100, max_in_flight=1),
                )
            )
        jobs.append(
            (
                "latency_get_many_200_ratio",
                sizes.latency_get_s,
                len(ids),
                lambda: client.records.get_many(record_ids=ids, table="C"),
                lambda: client.records.get_many(record_ids=ids, table="C", max_in_flight=1),
            )
        )
        # The CLI reads the table list once before it lists.
        jobs.append(
            ("latency_export_20k_ratio", 0.2, pages + 1, cli_export(), cli_export(
                "--max-concurrency", "1"
            ))
        )  # fmt: skip
        client.tables.list()  # connections and the schema cache warm, outside the timing
        # The CLI as a user's install leaves it: pip compiles bytecode at install time, but the
        # uv-installed .venv has none and PYTHONDONTWRITEBYTECODE=1 (set by scripts/test, CI)
        # stops Python writing it, so each start would compile ~400 modules. One untimed run
        # with bytecode writing on leaves the .pyc files an install would have.
        # It also lists table A once, untimed, as the other warm-ups do for the in-process jobs.
        emu.reset()
        warm_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cli_export(env=warm_env)()
        rounds = sizes.latency_rounds
        runs: dict[str, list[float]] = {job[0]: [] for job in jobs}
        requests: dict[str, list[int]] = {job[0]: [] for job in jobs}
        slow_s: dict[str, float | None] = {job[0]: None for job in jobs}
        # Every job once per round, the order rotating, so load that comes and goes on a shared
        # machine spreads over every figure instead of landing on one; the one-at-a-time path
        # runs once, in the middle round. The data was reset once (writes only add records).
        for r in range(rounds):
            for name, latency, _needed, fast, slow in jobs[r % len(jobs) :] + jobs[: r % len(jobs)]:
                emu.clear_faults()
                # The answer comes `latency` after the request arrived, the emulator's own work
                # included: it is one Python process serving a round's requests one after the
                # other on one core, which a service does not do, and its serial work would
                # otherwise count against the client (include_work in testing/_faults.py).
                emu.add_fault(kind="latency", seconds=latency, include_work=True)
                if r == rounds // 2 and sizes.latency_slow_paths:
                    slow_s[name] = wall(slow)()
                emu.clear_requests()
                runs[name].append(wall(fast)())
                requests[name].append(sent())
        for name, latency, needed, _fast, _slow in jobs:
            limit = -(-needed // width) * latency
            times = runs[name]
            value = median(times) / limit
            slow_time = slow_s[name]
            figures[name] = value
            out[name] = {
                "ratio": value,
                "ratio_min_round": min(times) / limit,
                "ratio_max_round": max(times) / limit,
                "ratio_rounds": [t / limit for t in times],
                "seconds": median(times),
                "limit_s": limit,
                "latency_s": latency,
                "requests_needed": needed,
                "requests_sent": max(requests[name]),
                "one_at_a_time_s": slow_time,
                "speedup": None if slow_time is None else slow_time / median(times),
                "rounds": rounds,
            }
        emu.reset()
    out["figures"] = figures
    return out

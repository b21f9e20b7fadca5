"""``async_fanout_speedup``: 8 listings through ``AsyncNinox``, gathered vs one after another."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from .common import (
    DB,
    TEAM,
    TOKEN,
    Emulator,
    Sizes,
    alternate,
    median,
)


def bench_fanout(sizes: Sizes, emu: Emulator, tables: list[str]) -> dict[str, Any]:
    """``async_fanout_speedup``: 8 listings with 20 ms latency, gathered vs sequential."""
    from ninoxkit import AsyncNinox
    from ninoxkit._constants import MAX_PAGE_SIZE

    emu.reset()
    emu.add_fault(kind="latency", seconds=0.02, path="/records")

    async def listing(c: AsyncNinox, table: str) -> int:
        return len(await c.records.list(table=table).to_list())

    async def run(concurrent: bool) -> float:
        async with AsyncNinox(
            api_key=TOKEN, base_url=emu.base_url, team_id=TEAM, database_id=DB, max_concurrency=8
        ) as c:
            await c.teams.list()  # open the first connection outside the timing
            start = time.perf_counter()
            if concurrent:
                counts = await asyncio.gather(*(listing(c, t) for t in tables))
            else:
                counts = [await listing(c, t) for t in tables]
            elapsed = time.perf_counter() - start
        assert counts == [sizes.fanout_records] * len(tables), counts
        return elapsed

    times = alternate(
        {
            "concurrent": lambda: asyncio.run(run(True)),
            "sequential": lambda: asyncio.run(run(False)),
        },
        sizes.fanout_rounds,
    )
    emu.reset()
    conc, seq = median(times["concurrent"]), median(times["sequential"])
    # Default page size (500); a short page 0 asks for page 1 too (the pager's cap rule).
    pages = sizes.fanout_records // MAX_PAGE_SIZE + 1
    return {
        "speedup": seq / conc,
        "concurrent_s": conc,
        "sequential_s": seq,
        "tables": len(tables),
        "records_per_table": sizes.fanout_records,
        "requests_per_listing": pages,
        "latency_s": 0.02,
        "max_concurrency": 8,
        "rounds": sizes.fanout_rounds,
    }

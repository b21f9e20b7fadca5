"""Benchmarks for ninoxkit (issue #8); run through ``scripts/bench``.

Every comparison is measured side by side in one run: the contenders alternate, each round runs
all of them (in a rotating order), and the figure is built from the medians, because absolute
times on shared machines drift. The emulator runs in its own process (``python -m
ninoxkit.testing``) so its CPU time never counts as the client's.

Figures (``--json PATH`` writes them under ``"figures"``):

- ``overhead_get_ratio``: CPU time of one ``records.get()`` through the sync ``Ninox`` over an
  in-process ``httpx.MockTransport`` with a canned body, divided by raw httpx + ``json.loads``
  of the same body over the same transport (goal ≤ 1.3);
- ``overhead_page_ratio``: the same for the first page of 500 records as models through
  ``records.list(...).pages()`` (goal ≤ 1.5);
- ``list_100k_ratio``: wall time to iterate a 100,000-record table from the emulator over
  loopback through the pager (``per_page=500``) divided by a hand-written httpx page loop
  (goal ≤ 1.15); ``list_peak_rss_mb_10k`` / ``list_peak_rss_mb_100k``: peak RSS of a fresh
  process iterating 10k / 100k records (the listing must stay O(page));
- ``bulk_write_10k``: seconds and requests to create 10,000 records with ninoxkit
  (``records.create``, default batch size), raw httpx batches of the same size, one request per
  record (the n8n node's pattern) and PyPI ``ninox`` 0.1.0 ``upsert_records`` (own venv);
- ``async_fanout_speedup``: 8 table listings with 20 ms injected latency per request through
  ``AsyncNinox(max_concurrency=8)``, concurrent (``gather``) vs one after the other;
- ``import_time_ratio``: ``python -c 'import ninoxkit'`` vs ``python -c 'import httpx'``
  (goal ≤ 2), both with their bytecode compiled as an install leaves it;
- ``regenerate_seconds``: ``python scripts/regenerate.py --check`` (regenerates into a temporary
  folder; the repository is not modified);
- ``latency_*`` (issue #14): wall time of a latency-bound job with the emulator adding a fixed
  latency to every request, divided by its limit within the client's own concurrency,
  ``ceil(requests ÷ max_concurrency) × latency`` (``requests``: those the job needs, i.e. what
  the one-at-a-time path sends). The one-at-a-time path (``prefetch=1`` / ``max_in_flight=1``
  / ``--max-concurrency 1``) is measured in the same run for comparison.
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
import asyncio
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
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
    latency_rounds: int = 3  # rounds of the concurrent path (the one-at-a-time path: one)
    latency_slow_paths: bool = True  # also time the one-at-a-time path at 200 ms


FULL = Sizes(2000, 40, 9, 500, 100_000, 10_000, 7, 10_000, 3, 250, 7, 21, 3)
QUICK = Sizes(
    600, 12, 5, 500, 50_000, 10_000, 2, 2_000, 1, 250, 3, 9, 1,
    latency_writes=2_000, latency_get_s=0.05, latency_rounds=1, latency_slow_paths=False,
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


# --------------------------------------------------------------------------- 1 + 2: overhead


def canned_transport(body: bytes) -> httpx.MockTransport:
    """An in-process transport answering every request with ``body`` (JSON, 200)."""
    headers = {"content-type": "application/json"}

    def handler(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers=headers)

    return httpx.MockTransport(handler)


def overhead_case(
    label: str, body: bytes, calls: int, sizes: Sizes, profile: bool
) -> dict[str, Any]:
    """One overhead figure: ninoxkit vs httpx + ``json.loads`` over a canned ``body``."""
    from ninoxkit import Ninox

    kit_http = httpx.Client(transport=canned_transport(body))
    raw = httpx.Client(
        base_url=MOCK_BASE,
        headers={"Authorization": f"Bearer {TOKEN}"},
        transport=canned_transport(body),
    )
    kit = Ninox(
        api_key=TOKEN, base_url=MOCK_BASE, team_id=TEAM, database_id=DB, http_client=kit_http
    )

    def kit_get() -> object:
        return kit.records.get(record_id=1, table="A")

    def raw_get() -> object:
        return json.loads(raw.get(RECORDS_PATH + "/1").content)

    def kit_page() -> object:
        pages = kit.records.list(table="A", per_page=sizes.page_size).pages()
        first = next(pages)
        getattr(pages, "close", lambda: None)()  # a generator: end it without a 2nd request
        return first

    def raw_page() -> object:
        response = raw.get(RECORDS_PATH, params={"page": 0, "perPage": sizes.page_size})
        return json.loads(response.content)

    kit_fn, raw_fn = (kit_get, raw_get) if label == "get" else (kit_page, raw_page)
    # Sanity: both read the same records.
    kit_out, raw_out = kit_fn(), raw_fn()
    if label == "get":
        assert getattr(kit_out, "id", None) == 1 == raw_out["id"]  # type: ignore[index]
    else:
        assert len(kit_out) == len(raw_out) == sizes.page_size  # type: ignore[arg-type]
    for _ in range(max(3, calls // 10)):  # warm up
        kit_fn()
        raw_fn()
    times = alternate(
        {"ninoxkit": cpu_block(kit_fn, calls), "httpx": cpu_block(raw_fn, calls)},
        sizes.overhead_rounds,
    )
    kit_s, raw_s = median(times["ninoxkit"]), median(times["httpx"])
    per_round = [k / r for k, r in zip(times["ninoxkit"], times["httpx"], strict=True)]
    result: dict[str, Any] = {
        "ratio": kit_s / raw_s,
        "ratio_min_round": min(per_round),
        "ratio_max_round": max(per_round),
        "ninoxkit_us": kit_s * 1e6,
        "httpx_json_us": raw_s * 1e6,
        "calls_per_round": calls,
        "rounds": sizes.overhead_rounds,
    }
    if profile:
        result["profile_ninoxkit"] = profile_top(kit_fn, calls)
        result["profile_httpx"] = profile_top(raw_fn, calls, limit=8)
    kit.close()
    kit_http.close()
    raw.close()
    return result


def bench_overhead(sizes: Sizes, profile: bool) -> dict[str, Any]:
    """``overhead_get_ratio`` and ``overhead_page_ratio`` (CPU time, in-process transport)."""
    one = json.dumps(wire_record(1)).encode()
    page = json.dumps([wire_record(i) for i in range(1, sizes.page_size + 1)]).encode()
    return {
        "get": overhead_case("get", one, sizes.get_calls, sizes, profile),
        "page": overhead_case("page", page, sizes.page_calls, sizes, profile),
    }


# --------------------------------------------------------------------------- 3: listing

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


# --------------------------------------------------------------------------- 4: bulk writes

PEER_SCRIPT = """
import json, sys, time
from ninox import Ninox
rows = json.load(open(sys.argv[2]))
client = Ninox(sys.argv[3], base_url=sys.argv[1])  # it appends /v1 itself
start = time.perf_counter()
result = client.upsert_records(sys.argv[4], sys.argv[5], "A", [{"fields": r} for r in rows])
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "returned": len(result)}))
"""


def peer_python(cache: Path | None, log: list[str]) -> Path | None:
    """A venv with PyPI ``ninox`` 0.1.0 (created once under ``cache``); ``None`` if it fails."""
    if cache is None:
        log.append("PyPI ninox skipped (--no-peer)")
        return None
    venv_dir = cache / "peer-ninox-0.1.0"
    python = venv_dir / "bin" / "python"
    if python.exists() and subprocess.run([python, "-c", "import ninox"]).returncode == 0:
        return python
    shutil.rmtree(venv_dir, ignore_errors=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", venv_dir], check=True, capture_output=True)
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *PEER_SPEC],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        subprocess.run([python, "-c", "import ninox"], check=True, capture_output=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        lines = str(detail).strip().splitlines()
        log.append(
            f"PyPI ninox skipped: could not install {' '.join(PEER_SPEC)} into {venv_dir}: "
            + (lines[-1] if lines else type(exc).__name__)
        )
        return None
    return python


def bench_writes(
    sizes: Sizes, emu: Emulator, peer: Path | None, workdir: Path, notes: list[str]
) -> dict[str, Any]:
    """``bulk_write_10k``: seconds and requests per way of creating ``sizes.writes`` records."""
    from ninoxkit import Ninox
    from ninoxkit._constants import DEFAULT_BATCH_SIZE

    rows = [sample_record(i) for i in range(1, sizes.writes + 1)]
    rows_file = workdir / "rows.json"
    rows_file.write_text(json.dumps(rows), encoding="utf-8")
    headers = {"Authorization": f"Bearer {TOKEN}"}

    def kit_create() -> int:
        with Ninox(api_key=TOKEN, base_url=emu.base_url, team_id=TEAM, database_id=DB) as c:
            return len(c.records.create(rows, table="A"))

    def raw_post(batch: int) -> Callable[[], int]:
        def run() -> int:
            written = 0
            with httpx.Client(base_url=emu.base_url, headers=headers, timeout=60) as c:
                for i in range(0, len(rows), batch):
                    body = [{"fields": row} for row in rows[i : i + batch]]
                    response = c.post(RECORDS_PATH, json=body)
                    response.raise_for_status()
                    written += len(json.loads(response.content))
            return written

        return run

    peer_seconds: list[float] = []

    def peer_create() -> int:
        assert peer is not None
        proc = subprocess.run(
            [peer, "-c", PEER_SCRIPT, emu.root, str(rows_file), TOKEN, TEAM, DB],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        out = json.loads(proc.stdout)
        peer_seconds.append(out["seconds"])
        return int(out["returned"])

    contenders: dict[str, Callable[[], int]] = {
        "ninoxkit": kit_create,
        "httpx_batched": raw_post(DEFAULT_BATCH_SIZE),
        "httpx_one_per_record": raw_post(1),
    }
    if peer is not None:
        contenders["pypi_ninox"] = peer_create
    requests: dict[str, int] = {}

    def timed(name: str, create: Callable[[], int]) -> Callable[[], float]:
        """One contender's run on an emptied table: seconds, with its request count kept."""

        def run() -> float:
            emu.reset()
            start = time.perf_counter()
            written = create()
            elapsed = time.perf_counter() - start
            if written != sizes.writes:
                raise RuntimeError(f"{name} wrote {written} of {sizes.writes} records")
            log = emu.requests()
            requests[name] = sum(
                1 for e in log if e["method"] == "POST" and e["path"].endswith("/records")
            )
            if len(log) >= 10_000 and name != "pypi_ninox":
                # The emulator keeps the last 10,000 log entries; the count is exact otherwise.
                per_request = 1 if "one_per" in name else DEFAULT_BATCH_SIZE
                requests[name] = -(-sizes.writes // per_request)
            return elapsed

        return run

    seconds = alternate(
        {name: timed(name, create) for name, create in contenders.items()}, sizes.write_rounds
    )
    if peer is not None:
        # The peer's own process start and import are not its write time: use its inner timer.
        seconds["pypi_ninox"] = peer_seconds
    out: dict[str, Any] = {
        name: {"seconds": median(values), "requests": requests[name], "runs": len(values)}
        for name, values in seconds.items()
    }
    out["records"] = sizes.writes
    out["batch_size"] = DEFAULT_BATCH_SIZE
    if peer is None:
        out["pypi_ninox"] = {"skipped": next((n for n in notes if "PyPI" in n), "skipped")}
    return out


# --------------------------------------------------------------------------- 5: async fan-out


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


# --------------------------------------------------------------------------- 5b: latency


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

        def cli_export(*options: str) -> Callable[[], object]:
            env = {
                **os.environ,
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
        for name, latency, needed, fast, slow in jobs:
            emu.reset()
            emu.add_fault(kind="latency", seconds=latency)
            limit = -(-needed // width) * latency
            runs: list[float] = []
            requests: list[int] = []
            slow_s: float | None = None
            rounds = sizes.latency_rounds
            timed_slow = latency < 0.1 or sizes.latency_slow_paths
            for r in range(rounds):
                if timed_slow and r == rounds // 2:
                    # The one-at-a-time path, once, in the middle of the fast rounds.
                    slow_s = wall(slow)()
                emu.clear_requests()
                runs.append(wall(fast)())
                requests.append(sent())
            value = median(runs) / limit
            figures[name] = value
            out[name] = {
                "ratio": value,
                "ratio_min_round": min(runs) / limit,
                "ratio_max_round": max(runs) / limit,
                "seconds": median(runs),
                "limit_s": limit,
                "latency_s": latency,
                "requests_needed": needed,
                "requests_sent": max(requests),
                "one_at_a_time_s": slow_s,
                "speedup": None if slow_s is None else slow_s / median(runs),
                "rounds": rounds,
            }
        emu.reset()
    out["figures"] = figures
    return out


# --------------------------------------------------------------------------- 6 + 7: processes


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


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    import ninoxkit

    rev = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": mem_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "httpx": httpx.__version__,
        "ninoxkit": ninoxkit.__version__,
        "git": rev or None,
    }


def render(result: dict[str, Any]) -> str:
    """The table printed at the end."""
    fig = result["figures"]
    det = result["details"]
    rows: list[tuple[str, str, str, str]] = []

    def add(name: str, value: str, goal: str = "", note: str = "") -> None:
        rows.append((name, value, goal, note))

    def ratio(name: str, note: str) -> None:
        goal = GOALS[name]
        value = fig[name]
        status = "ok" if value <= goal else "MISSED"
        add(name, f"{value:.2f}", f"<= {goal} {status}", note)

    g, p = det["overhead"]["get"], det["overhead"]["page"]
    ratio("overhead_get_ratio", f"{g['ninoxkit_us']:.0f} us vs {g['httpx_json_us']:.0f} us CPU")
    ratio(
        "overhead_page_ratio",
        f"{p['ninoxkit_us'] / 1000:.2f} ms vs {p['httpx_json_us'] / 1000:.2f} ms CPU per page",
    )
    lst = det["listing"]
    ratio(
        "list_100k_ratio",
        f"{lst['records']:,} records: {lst['ninoxkit_s']:.2f} s vs {lst['httpx_s']:.2f} s",
    )
    add(
        "list_peak_rss_mb_10k",
        f"{fig['list_peak_rss_mb_10k']:.1f}",
        "",
        f"{lst['rss_small_records']:,} records; 1 record: {lst['rss_mb_baseline_1_record']:.1f}",
    )
    add("list_peak_rss_mb_100k", f"{fig['list_peak_rss_mb_100k']:.1f}", "", "")
    rows[-1] = (*rows[-1][:3], f"{lst['rss_big_records']:,} records")
    bw = fig["bulk_write_10k"]
    for name in ("ninoxkit", "httpx_batched", "httpx_one_per_record", "pypi_ninox"):
        entry = bw[name]
        if "skipped" in entry:
            add(f"bulk_write_10k.{name}", "skipped", "", entry["skipped"])
        else:
            add(
                f"bulk_write_10k.{name}",
                f"{entry['seconds']:.2f} s",
                "",
                f"{entry['requests']:,} requests, {bw['records']:,} records",
            )
    fo = det["fanout"]
    add(
        "async_fanout_speedup",
        f"{fig['async_fanout_speedup']:.2f}x",
        "",
        f"{fo['concurrent_s'] * 1000:.0f} ms vs {fo['sequential_s'] * 1000:.0f} ms sequential",
    )
    im = det["import"]
    ratio(
        "import_time_ratio",
        f"{im['ninoxkit_s'] * 1000:.0f} ms vs {im['httpx_s'] * 1000:.0f} ms "
        f"(bare python {im['bare_python_s'] * 1000:.0f} ms)",
    )
    add("regenerate_seconds", f"{fig['regenerate_seconds']:.2f} s", "", "regenerate.py --check")
    for name, entry in det["latency"].items():
        if not name.startswith("latency_"):
            continue
        slow = entry["one_at_a_time_s"]
        ratio(
            name,
            f"{entry['seconds']:.2f} s vs limit {entry['limit_s']:.2f} s "
            f"(rounds {entry['ratio_min_round']:.2f}-{entry['ratio_max_round']:.2f}; "
            f"{entry['requests_sent']} requests"
            + ("" if slow is None else f"; one at a time {slow:.2f} s")
            + ")",
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("figure", "value", "goal", "detail")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table, optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick",
        action="store_true",
        help="smaller sizes (meant for under 45 s on a quiet machine)",
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

"""Ninox 4 benchmarks: ninoxkit's ``Ninox4`` against raw httpx, listing and bulk writes.

Run by ``scripts/bench`` after the classic figures, or alone: ``python scripts/bench_v4.py
[--quick | --tiny] [--json PATH]``. As in ``scripts/bench.py`` the contenders alternate round by
round and the figures are medians; the emulator (``python -m ninoxkit.testing.v4``) runs in its
own process so its CPU time never counts as the client's.

Figures (``--json PATH`` writes them under ``"figures"``):

- ``v4_overhead_list_ratio``: CPU time to read one page of 100 records through
  ``records.list()`` over an in-process ``httpx.MockTransport`` with a canned body, divided by
  raw httpx + ``json.loads`` of the same body;
- ``v4_overhead_create_ratio``: the same for one ``records.create()`` of 100 records (the body
  encoded, the ids read back) against raw ``httpx.post(json=...)`` + ``json.loads``;
- ``v4_list_ratio``: wall time to page through a table of the emulator over loopback
  (``limit=100``, the API's maximum) divided by a hand-written httpx offset loop;
- ``v4_bulk_write``: seconds to create N records with ``records.create`` (chunks under 6 MB)
  against raw httpx batches of 100, each round into an empty table.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import socket
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
WS = "bench4space0"
TOKEN = "bench4-token"
MOCK_BASE = "http://127.0.0.1:9"
ROOT_PATH = f"/api/v1/workspace/{WS}/modules/bench/tables"
FIELDS = [
    {"name": "name", "type": "string"},
    {"name": "email", "type": "string", "variant": "email"},
    {"name": "score", "type": "number"},
    {"name": "active", "type": "boolean"},
    {"name": "notes", "type": "string"},
]


@dataclass(frozen=True)
class Sizes:
    """How big each figure is (``--quick``/``--tiny`` shrink them)."""

    overhead_calls: int
    overhead_rounds: int
    list_records: int
    list_rounds: int
    write_records: int
    write_rounds: int


FULL = Sizes(200, 7, 20_000, 5, 10_000, 3)
QUICK = Sizes(60, 5, 3_000, 3, 2_000, 3)
TINY = Sizes(5, 2, 300, 2, 200, 2)


def values(i: int) -> dict[str, Any]:
    """One record's values as written."""
    return {
        "name": f"Person {i}",
        "email": f"p{i}@example.test",
        "score": i % 100,
        "active": i % 2 == 0,
        "notes": "lorem ipsum " * 4,
    }


def median(items: Sequence[float]) -> float:
    return statistics.median(items)


def alternate(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run every contender once per round, rotating the order; collect what each returns."""
    names = list(contenders)
    results: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            gc.collect()
            results[name].append(contenders[name]())
    return results


def cpu_block(fn: Callable[[], object], calls: int) -> Callable[[], float]:
    """CPU seconds per call of ``fn`` over ``calls`` calls."""

    def run() -> float:
        start = time.process_time()
        for _ in range(calls):
            fn()
        return (time.process_time() - start) / calls

    return run


def canned(body: bytes, status: int = 200) -> httpx.MockTransport:
    """An in-process transport answering every request with ``body`` (JSON)."""
    headers = {"content-type": "application/json"}
    return httpx.MockTransport(lambda _r: httpx.Response(status, content=body, headers=headers))


def overhead_case(label: str, body: bytes, rows: list[dict[str, Any]], sizes: Sizes) -> Any:
    """One in-process CPU ratio: ``list`` (one page of 100) or ``create`` (100 records)."""
    from ninoxkit import Ninox4

    status = 200 if label == "list" else 201
    kit_http = httpx.Client(transport=canned(body, status))
    kit = Ninox4(api_key=TOKEN, workspace_id=WS, base_url=MOCK_BASE, http_client=kit_http)
    raw = httpx.Client(
        base_url=MOCK_BASE, headers={"Authorization": f"Bearer {TOKEN}"}, transport=canned(body)
    )
    path = f"{ROOT_PATH}/t0/records"

    def kit_list() -> object:
        return list(kit.records.list(module="bench", table="t0", limit=100))

    def raw_list() -> object:
        return json.loads(raw.get(path, params={"offset": 0, "limit": 100}).content)["data"]

    def kit_create() -> object:
        return kit.records.create(rows, module="bench", table="t0")

    def raw_create() -> object:
        return json.loads(raw.post(path, json={"records": rows}).content)["data"]["ids"]

    kit_fn, raw_fn = (kit_list, raw_list) if label == "list" else (kit_create, raw_create)
    assert len(kit_fn()) == len(raw_fn()) == 100  # type: ignore[arg-type]
    for _ in range(max(3, sizes.overhead_calls // 10)):
        kit_fn()
        raw_fn()
    times = alternate(
        {"ninoxkit": cpu_block(kit_fn, sizes.overhead_calls),
         "httpx": cpu_block(raw_fn, sizes.overhead_calls)},
        sizes.overhead_rounds,
    )  # fmt: skip
    kit.close()
    kit_http.close()
    raw.close()
    kit_s, raw_s = median(times["ninoxkit"]), median(times["httpx"])
    return {
        "ratio": kit_s / raw_s,
        "ninoxkit_us": kit_s * 1e6,
        "httpx_json_us": raw_s * 1e6,
        "calls_per_round": sizes.overhead_calls,
        "rounds": sizes.overhead_rounds,
    }


def overhead(sizes: Sizes) -> dict[str, Any]:
    """The two in-process CPU ratios."""
    page = [{"id": str(i), "values": values(i)} for i in range(1, 101)]
    page_body = json.dumps(
        {"data": page, "page_info": {"has_more": False, "limit": 100, "offset": 0}}
    ).encode()
    ids_body = json.dumps({"data": {"ids": [str(i) for i in range(1, 101)]}}).encode()
    rows = [values(i) for i in range(100)]
    return {
        "v4_overhead_list_ratio": overhead_case("list", page_body, rows, sizes),
        "v4_overhead_create_ratio": overhead_case("create", ids_body, rows, sizes),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def emulator(sizes: Sizes, workdir: Path) -> Iterator[str]:
    """A v4 emulator process with a big table and empty ones for the writes; yields its URL."""
    tables = [{"name": "big", "labels": {"": "Big"}, "fields": FIELDS,
               "records": [values(i) for i in range(sizes.list_records)]}]  # fmt: skip
    tables += [
        {"name": f"t{n}", "labels": {"": f"T{n}"}, "fields": FIELDS}
        for n in range(2 * sizes.write_rounds)
    ]
    data = {
        "workspace": {"id": WS, "name": "Bench"},
        "keys": [{"token": TOKEN, "scopes": ["records:write", "schema:write"]}],
        "modules": [{"name": "bench", "labels": {"": "Bench"}, "tables": tables}],
    }
    fixture = workdir / "bench4.json"
    fixture.write_text(json.dumps(data), encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ninoxkit.testing.v4", "--port", str(port), "--fixture",
         str(fixture), "--deterministic"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/api/v1/workspace/{WS}", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the v4 emulator did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def over_loopback(sizes: Sizes, url: str) -> dict[str, Any]:
    """Listing and bulk-write figures against the emulator process."""
    from ninoxkit import Ninox4

    kit = Ninox4(api_key=TOKEN, workspace_id=WS, base_url=url, timeout=120)
    raw = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)

    def kit_list() -> float:
        start = time.perf_counter()
        count = sum(1 for _ in kit.records.list(module="bench", table="big", limit=100))
        assert count == sizes.list_records
        return time.perf_counter() - start

    def raw_list() -> float:
        start = time.perf_counter()
        offset, count = 0, 0
        while True:
            answer = raw.get(f"{ROOT_PATH}/big/records", params={"offset": offset, "limit": 100})
            body = json.loads(answer.raise_for_status().content)
            count += len(body["data"])
            offset += len(body["data"])
            if not body["page_info"]["has_more"]:
                break
        assert count == sizes.list_records
        return time.perf_counter() - start

    listing = alternate({"ninoxkit": kit_list, "httpx": raw_list}, sizes.list_rounds)
    tables = iter(f"t{n}" for n in range(2 * sizes.write_rounds))
    rows = [values(i) for i in range(sizes.write_records)]

    def kit_write() -> float:
        table = next(tables)
        start = time.perf_counter()
        ids = kit.records.create(rows, module="bench", table=table)
        assert len(ids) == len(rows)
        return time.perf_counter() - start

    def raw_write() -> float:
        table = next(tables)
        start = time.perf_counter()
        for i in range(0, len(rows), 100):
            answer = raw.post(f"{ROOT_PATH}/{table}/records", json={"records": rows[i : i + 100]})
            json.loads(answer.raise_for_status().content)
        return time.perf_counter() - start

    writes = alternate({"ninoxkit": kit_write, "httpx": raw_write}, sizes.write_rounds)
    kit.close()
    raw.close()
    kit_s, raw_s = median(listing["ninoxkit"]), median(listing["httpx"])
    return {
        "v4_list_ratio": {
            "ratio": kit_s / raw_s,
            "ninoxkit_s": kit_s,
            "httpx_s": raw_s,
            "records": sizes.list_records,
            "rounds": sizes.list_rounds,
        },
        "v4_bulk_write": {
            "records": sizes.write_records,
            "ninoxkit_s": median(writes["ninoxkit"]),
            "httpx_batches_of_100_s": median(writes["httpx"]),
            "httpx_requests": -(-len(rows) // 100),
            "ratio": median(writes["ninoxkit"]) / median(writes["httpx"]),
            "rounds": sizes.write_rounds,
        },
    }


def render(figures: dict[str, Any]) -> str:
    """The figures as an aligned text table."""
    lines = ["Ninox 4 figures (ninoxkit vs raw httpx; ratio = ninoxkit / httpx)"]
    for name, figure in figures.items():
        details = ", ".join(
            f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
            for k, v in figure.items()
            if k != "ratio"
        )
        lines.append(f"  {name:<26} {figure['ratio']:6.2f}   {details}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the Ninox 4 figures; print them, and write JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    mode.add_argument("--tiny", action="store_true", help="minimal sizes (the smoke test)")
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="write the figures as JSON (from scripts/bench: next to its file, as NAME.v4.json)",
    )
    # scripts/bench passes its own options too; the classic-only ones are ignored here.
    args, _ = parser.parse_known_args(argv)
    sizes = TINY if args.tiny else QUICK if args.quick else FULL
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ninoxkit-bench4-") as tmp:
        figures = overhead(sizes)
        with emulator(sizes, Path(tmp)) as url:
            figures |= over_loopback(sizes, url)
    print(render(figures))
    if args.json is not None:
        target = args.json
        if os.environ.get("NINOXKIT_BENCH_FROM_BENCH"):
            target = target.with_name(target.stem + ".v4.json")
        result = {
            "sizes": asdict(sizes),
            "seconds": time.monotonic() - started,
            "figures": figures,
        }
        target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

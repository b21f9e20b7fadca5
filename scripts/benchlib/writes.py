"""``bulk_write_10k``: ninoxkit, raw httpx (batched and one per record) and PyPI ``ninox``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from .common import (
    DB,
    PEER_SPEC,
    RECORDS_PATH,
    TEAM,
    TOKEN,
    Emulator,
    Sizes,
    alternate,
    median,
    sample_record,
)

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

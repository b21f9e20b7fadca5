"""What the figures were measured on, and the table printed at the end."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import httpx

from .common import (
    GOALS,
    ROOT,
)


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
    f1 = det["overhead"]["first_page"]
    add(
        "overhead_first_page_ratio",
        f"{fig['overhead_first_page_ratio']:.2f}",
        "",
        f"{f1['ninoxkit_us'] / 1000:.2f} ms vs {f1['httpx_json_us'] / 1000:.2f} ms CPU"
        ", page 0 then stop",
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
        f"(bare python {im['bare_python_s'] * 1000:.0f} ms; "
        f"import ninoxkit alone {im['import_ninoxkit_alone_s'] * 1000:.0f} ms)",
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

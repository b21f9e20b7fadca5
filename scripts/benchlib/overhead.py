"""``overhead_get_ratio`` and ``overhead_page_ratio``: CPU per call over an in-process transport."""

from __future__ import annotations

import json
from typing import Any

import httpx

from .common import (
    DB,
    MOCK_BASE,
    RECORDS_PATH,
    TEAM,
    TOKEN,
    Sizes,
    alternate,
    cpu_block,
    median,
    profile_top,
    wire_record,
)


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

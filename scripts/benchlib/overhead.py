"""``overhead_get_ratio``, ``overhead_page_ratio`` and ``overhead_first_page_ratio``: CPU per call
over an in-process transport.

The page figure is CPU per page of a whole listing (``LISTING_PAGES`` pages, the last one half
full) at the pager's defaults, read-ahead included, against a hand-written httpx page loop that
stops at the short page. A listing read whole is what the pager is for; its read-ahead asks for
page 1 together with page 0 (a small table then costs one round trip, and a short page 0 needs
page 1 anyway to tell the end from a server capping the page size), and up to W - 1 pages past
the end, each counted in ``wasted_requests``. Reading one page and stopping therefore costs the
client a second request, which ``overhead_first_page_ratio`` shows (no goal: the request is
the price of the round trip a listing saves).
"""

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


#: Pages of the table the page figure lists (the last one half full).
LISTING_PAGES = 8


def paged_transport(pages: list[bytes]) -> httpx.MockTransport:
    """An in-process transport answering ``?page=N`` with ``pages[N]`` (``[]`` past the end)."""
    headers = {"content-type": "application/json"}

    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "0"))
        body = pages[number] if number < len(pages) else b"[]"
        return httpx.Response(200, content=body, headers=headers)

    return httpx.MockTransport(handler)


def overhead_case(
    label: str, bodies: list[bytes], calls: int, sizes: Sizes, profile: bool
) -> dict[str, Any]:
    """One overhead figure: ninoxkit vs httpx + ``json.loads`` over canned answers.

    ``label``: ``get`` (one record, ``bodies[0]``), ``first_page`` (page 0, then stop) or
    ``listing`` (every page of ``bodies``; per page). ``calls``: calls per timed block.
    """
    from ninoxkit import Ninox

    transport = paged_transport if label == "listing" else lambda b: canned_transport(b[0])
    kit_http = httpx.Client(transport=transport(bodies))
    raw = httpx.Client(
        base_url=MOCK_BASE,
        headers={"Authorization": f"Bearer {TOKEN}"},
        transport=transport(bodies),
    )
    kit = Ninox(
        api_key=TOKEN, base_url=MOCK_BASE, team_id=TEAM, database_id=DB, http_client=kit_http
    )
    size = sizes.page_size

    def kit_get() -> object:
        return kit.records.get(record_id=1, table="A")

    def raw_get() -> object:
        return json.loads(raw.get(RECORDS_PATH + "/1").content)

    def kit_page() -> object:
        pages = kit.records.list(table="A", per_page=size).pages()
        first = next(pages)
        getattr(pages, "close", lambda: None)()  # a generator: end it now
        return first

    def raw_page() -> object:
        response = raw.get(RECORDS_PATH, params={"page": 0, "perPage": size})
        return json.loads(response.content)

    def kit_listing() -> object:
        return [len(page) for page in kit.records.list(table="A", per_page=size).pages()]

    def raw_listing() -> object:
        counts, page = [], 0
        while True:
            response = raw.get(RECORDS_PATH, params={"page": page, "perPage": size})
            counts.append(len(json.loads(response.content)))
            if counts[-1] < size:
                return counts
            page += 1

    kit_fn, raw_fn = {
        "get": (kit_get, raw_get),
        "first_page": (kit_page, raw_page),
        "listing": (kit_listing, raw_listing),
    }[label]
    # Sanity: both read the same records.
    kit_out, raw_out = kit_fn(), raw_fn()
    if label == "get":
        assert getattr(kit_out, "id", None) == 1 == raw_out["id"]  # type: ignore[index]
    elif label == "first_page":
        assert len(kit_out) == len(raw_out) == size  # type: ignore[arg-type]
    else:
        assert kit_out == raw_out  # the same page sizes, in the same order
        assert len(raw_out) == len(bodies)  # type: ignore[arg-type]
    per_call = len(bodies) if label == "listing" else 1  # the figures are per page
    for _ in range(max(3, calls // 10)):  # warm up
        kit_fn()
        raw_fn()
    times = alternate(
        {"ninoxkit": cpu_block(kit_fn, calls), "httpx": cpu_block(raw_fn, calls)},
        sizes.overhead_rounds,
    )
    kit_s, raw_s = median(times["ninoxkit"]), median(times["httpx"])
    # The figure is the median of each round's own ratio: the two blocks of a round run back to
    # back, so a slow spell of the machine (seconds long on a shared VM) moves both.
    per_round = [k / r for k, r in zip(times["ninoxkit"], times["httpx"], strict=True)]
    result: dict[str, Any] = {
        "ratio": median(per_round),
        "ratio_of_medians": kit_s / raw_s,
        "ratio_min_round": min(per_round),
        "ratio_max_round": max(per_round),
        "ninoxkit_us": kit_s * 1e6 / per_call,
        "httpx_json_us": raw_s * 1e6 / per_call,
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
    """``overhead_get_ratio``, ``overhead_page_ratio`` (per page of a listing) and
    ``overhead_first_page_ratio`` (CPU time, in-process transport)."""
    one = json.dumps(wire_record(1)).encode()
    size = sizes.page_size
    listing = [
        json.dumps([wire_record(n * size + i) for i in range(1, size + 1)]).encode()
        for n in range(LISTING_PAGES - 1)
    ]
    last = (LISTING_PAGES - 1) * size
    listing.append(json.dumps([wire_record(last + i) for i in range(1, size // 2 + 1)]).encode())
    listings = max(1, sizes.page_calls // LISTING_PAGES)  # about page_calls pages per block
    return {
        "get": overhead_case("get", [one], sizes.get_calls, sizes, profile),
        "page": overhead_case("listing", listing, listings, sizes, profile),
        "first_page": overhead_case("first_page", listing[:1], sizes.page_calls, sizes, profile),
    }

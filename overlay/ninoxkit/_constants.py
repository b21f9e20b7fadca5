"""Defaults and fixed names shared by every part of ninoxkit.

Each default carries the reason it was chosen; change a number here, not at a call site.
"""

from __future__ import annotations

import httpx

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_TIMEOUT",
    "DOWNLOAD_CHUNK_SIZE",
    "ENV_API_KEY",
    "ENV_BASE_URL",
    "ENV_DATABASE_ID",
    "ENV_DATABASE_PASSWORD",
    "ENV_LOG",
    "ENV_TEAM_ID",
    "INITIAL_RETRY_DELAY",
    "LEGACY_BASE_URL",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_URL_LENGTH",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RETRIES_TAKEN_EXTENSION",
    "RETRY_JITTER",
]

#: The public Ninox cloud (reference/ninox-api.md: hosts).
DEFAULT_BASE_URL = "https://api.ninox.com/v1"
#: The older public host, still answered by Ninox; older accounts and peers use it.
LEGACY_BASE_URL = "https://api.ninoxdb.de/v1"

#: Stainless SDKs (openai, anthropic) and Fern all default to 2 retries: enough to ride out a
#: blip, few enough that a real outage surfaces within seconds.
DEFAULT_MAX_RETRIES = 2

#: connect 10 s: a TCP+TLS handshake that takes longer is a network problem, not a slow server.
#: read/write/pool 60 s: Ninox is slow on large tables and big files (peers.md §3 item 3; Make's
#: docs warn about load times), but a call that hangs for minutes is worse than an error the
#: caller can retry. Stainless uses 600 s read; that hides hung connections for too long.
#: Pool 60 s because with the concurrency limit a request may queue behind slow ones.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)

#: Wall-clock budget of one call, retries and their waits included. httpx's timeouts are per
#: network operation, so a server that sends one byte every few seconds never trips them; this
#: ends such a call. 300 s is well above the worst ordinary failure with the defaults (three
#: 60 s read timeouts plus backoff, ~190 s), so it only ends calls that would never end.
#: Streamed downloads are bounded by it until their headers arrive; their body is the caller's.
DEFAULT_DEADLINE = 300.0

#: Largest answer read into memory (bodies of ordinary calls and of errors). 64 MiB is far more
#: than any JSON page or schema Ninox sends (a 500-record page is a few MB) and small enough
#: that an endless or hostile body cannot exhaust memory. Streamed downloads have no limit.
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024

#: Ninox staff ask clients not to flood the API with parallel calls (peers.md §3 item 2). Four
#: keeps a bulk job moving while staying far from the parallelism that triggers throttling.
DEFAULT_MAX_CONCURRENCY = 4

#: Backoff numbers from the Stainless SDKs (sdk-anchors.md §2): 0.5 s, 1 s, 2 s, … capped at 8 s,
#: each multiplied by (1 - RETRY_JITTER * random()).
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
RETRY_JITTER = 0.25
#: A ``Retry-After`` up to this many seconds is honoured; longer waits are not done silently,
#: the error is raised instead (anthropic uses 60 s, openai 120 s; a blocked caller for more
#: than a minute should decide itself).
MAX_RETRY_AFTER = 60.0

#: Key in ``httpx.Response.extensions`` that holds how many retries a response needed.
RETRIES_TAKEN_EXTENSION = "ninoxkit.retries_taken"

ENV_API_KEY = "NINOX_API_KEY"
ENV_BASE_URL = "NINOX_BASE_URL"
ENV_TEAM_ID = "NINOX_TEAM_ID"
ENV_DATABASE_ID = "NINOX_DATABASE_ID"
ENV_LOG = "NINOXKIT_LOG"
ENV_DATABASE_PASSWORD = "NINOX_DATABASE_PASSWORD"

#: The page size Ninox is understood to use when ``perPage`` is not sent (reference §4.9;
#: Pipedream and Activepieces rely on it). ninoxkit always sends ``perPage``: MAX_PAGE_SIZE
#: for a full listing, no more than a ``limit`` needs otherwise (``_paging.page_size_for``).
DEFAULT_PAGE_SIZE = 100
#: The largest ``perPage`` Ninox is reported to accept (n8n: "Maximum allowed by Ninox API");
#: what a full listing asks for, since each page is a round trip (issue #14).
MAX_PAGE_SIZE = 500
#: Records per ``POST …/records`` call. Ninox documents no limit (reference §8); 100 keeps one
#: request small (well under a second on Ninox, a few hundred kB) while cutting the request
#: count a hundredfold against one call per record (what the n8n node does).
DEFAULT_BATCH_SIZE = 100
#: Bytes per chunk when streaming a download: big enough for throughput, small for memory.
DOWNLOAD_CHUNK_SIZE = 64 * 1024
#: ``query()`` switches from GET to POST above this URL length; 2,000 characters is the length
#: every proxy and server on the way is known to accept.
MAX_QUERY_URL_LENGTH = 2000

"""Fault injection rules and the request log.

A rule matches requests by path regex and method, fires on every Nth match or with a probability
(seeded RNG), at most ``max_count`` times, and does one of:

- ``latency``: wait ``seconds``, then handle the request normally (rules stack); with
  ``include_work=True``, handle it at once and hold the answer until ``seconds`` after the
  request arrived: a server that answers in ``seconds`` whatever its own work (the emulator is
  one Python process; concurrent requests would otherwise queue behind each other's work);
- ``status``: answer ``status`` (429 with ``Retry-After``, 5xx …) with a ``json``, ``text``,
  ``html`` or ``empty`` body;
- ``reset``: drop the connection without any response (TCP RST);
- ``truncate``: send headers with a Content-Length larger than the body, part of the body,
  then close the connection;
- ``hang``: send nothing for ``seconds`` (bounded by :data:`MAX_HANG`), then drop the
  connection; ends early when the client gives up.

The ``/_emulator`` control paths are never subject to faults.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import re
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from starlette.types import Message, Send

__all__ = ["MAX_HANG", "FaultRule", "Faults", "RequestLog", "held_send", "wait_latencies"]

FaultKind = Literal["latency", "status", "reset", "truncate", "hang"]
BodyFormat = Literal["json", "text", "html", "empty"]
#: Upper bound for ``hang`` and ``latency`` seconds, so a forgotten rule cannot wedge a test run.
MAX_HANG = 120.0
_KINDS = ("latency", "status", "reset", "truncate", "hang")
_FORMATS = ("json", "text", "html", "empty")


@dataclass
class FaultRule:
    """One fault rule.

    Args:
        kind: ``latency``, ``status``, ``reset``, ``truncate`` or ``hang``.
        path: regex searched in the raw request path (e.g. ``"/records"``); ``None`` = all.
        method: HTTP method to match (case-insensitive); ``None`` = all.
        every: fire on every Nth matching request (1 = each one).
        probability: fire with this probability instead (uses the seeded RNG).
        max_count: stop after firing this many times; ``None`` = unlimited.
        status: status code for ``status`` rules (default 503; 429 adds ``Retry-After``).
        body: ``json``, ``text``, ``html`` or ``empty`` for ``status`` rules.
        retry_after: ``Retry-After`` value: seconds (int) or ``"http-date"`` for a date that
            many seconds ahead (``retry_after_seconds``); ``None`` omits the header
            (for 429 the default is 1 second).
        retry_after_seconds: seconds used by ``retry_after="http-date"``.
        seconds: delay for ``latency`` (default 0.5), duration for ``hang`` (default 60).
        include_work: ``latency`` only: the request is handled at once and its answer held
            until ``seconds`` after it arrived, so the emulator's own work counts within the
            delay instead of adding to it.
        id: assigned when the rule is added.
        fired: how often the rule has fired.
    """

    kind: FaultKind
    path: str | None = None
    method: str | None = None
    every: int = 1
    probability: float | None = None
    max_count: int | None = None
    status: int = 503
    body: BodyFormat = "json"
    retry_after: int | str | None = None
    retry_after_seconds: int = 1
    seconds: float | None = None
    include_work: bool = False
    id: int = 0
    fired: int = 0
    _matched: int = field(default=0, repr=False)
    _regex: re.Pattern[str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}")
        if self.body not in _FORMATS:
            raise ValueError(f"body must be one of {', '.join(_FORMATS)}")
        if isinstance(self.every, bool) or not isinstance(self.every, int) or self.every < 1:
            raise ValueError("every must be an integer >= 1")
        if self.probability is not None and not (
            isinstance(self.probability, (int, float)) and 0.0 <= self.probability <= 1.0
        ):
            raise ValueError("probability must be between 0 and 1")
        if self.max_count is not None and (
            not isinstance(self.max_count, int) or self.max_count < 0
        ):
            raise ValueError("max_count must be an integer >= 0")
        if not isinstance(self.status, int) or not 100 <= self.status <= 599:
            raise ValueError("status must be an HTTP status code (100-599)")
        if self.seconds is None:
            # A hang must outlast any sensible client timeout; a latency should not.
            self.seconds = 60.0 if self.kind == "hang" else 0.5
        if not isinstance(self.seconds, (int, float)) or not 0 <= self.seconds <= MAX_HANG:
            raise ValueError(f"seconds must be between 0 and {MAX_HANG}")
        if self.retry_after is not None and not (
            (isinstance(self.retry_after, int) and self.retry_after >= 0)
            or self.retry_after == "http-date"
        ):
            raise ValueError("retry_after must be seconds (int >= 0) or 'http-date'")
        if (
            isinstance(self.retry_after_seconds, bool)
            or not isinstance(self.retry_after_seconds, int)
            or self.retry_after_seconds < 0
        ):
            raise ValueError("retry_after_seconds must be an integer >= 0")
        if not isinstance(self.include_work, bool):
            raise ValueError("include_work must be true or false")
        if self.include_work and self.kind != "latency":
            raise ValueError("include_work applies to latency rules only")
        if self.method is not None and not isinstance(self.method, str):
            raise ValueError("method must be a string")
        if self.path is not None:
            try:
                self._regex = re.compile(self.path)
            except (re.error, TypeError) as exc:
                raise ValueError(f"path is not a valid regex: {exc}") from None

    def to_json(self) -> dict[str, Any]:
        """The rule as JSON (control API)."""
        data = asdict(self)
        data.pop("_matched")
        data.pop("_regex")
        return data

    def retry_after_header(self) -> str | None:
        """The ``Retry-After`` header value, if any."""
        value = self.retry_after
        if value is None and self.status == 429:
            value = 1
        if value is None:
            return None
        if value == "http-date":
            return email.utils.formatdate(time.time() + self.retry_after_seconds, usegmt=True)
        return str(value)


class Faults:
    """The active fault rules; thread-safe, changeable while the server runs.

    Args:
        seed: seed of the RNG used by ``probability`` rules.
    """

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._next_id = 1
        self._seed = seed
        self._rng = random.Random(seed)

    def add(self, kind: FaultKind | FaultRule, **options: Any) -> FaultRule:
        """Add a rule and return it (with its ``id``).

        Args:
            kind: the fault kind, or a ready :class:`FaultRule`.
            **options: :class:`FaultRule` fields (``path``, ``method``, ``every``, ``status`` …).

        Returns:
            The stored rule.

        Raises:
            ValueError: an option is invalid.
            TypeError: an unknown option was given.

        Example:
            ``emu.faults.add("status", status=429, path="/records", max_count=2)``
        """
        rule = kind if isinstance(kind, FaultRule) else FaultRule(kind=kind, **options)
        with self._lock:
            rule.id = self._next_id
            self._next_id += 1
            self._rules.append(rule)
        return rule

    def remove(self, rule_id: int) -> bool:
        """Remove one rule.

        Args:
            rule_id: The ``id`` of a rule :meth:`add` returned.

        Returns:
            ``False`` if there was no rule with that id.
        """
        with self._lock:
            before = len(self._rules)
            self._rules = [r for r in self._rules if r.id != rule_id]
            return len(self._rules) != before

    def clear(self) -> None:
        """Remove all rules and reseed the RNG (so a rerun is reproducible)."""
        with self._lock:
            self._rules.clear()
            self._rng = random.Random(self._seed)

    def rules(self) -> list[FaultRule]:
        """A copy of the current rules."""
        with self._lock:
            return list(self._rules)

    def select(self, method: str, path: str) -> list[FaultRule]:
        """Decide which rules fire for this request (latencies first, then one terminal rule).

        Args:
            method: The request's HTTP method.
            path: The request's path (matched against each rule's ``path`` pattern).

        Returns:
            The rules that fire, in the order to apply them.
        """
        fired: list[FaultRule] = []
        with self._lock:
            for rule in self._rules:
                if rule.method is not None and rule.method.upper() != method.upper():
                    continue
                if rule._regex is not None and not rule._regex.search(path):
                    continue
                if rule.max_count is not None and rule.fired >= rule.max_count:
                    continue
                terminal = rule.kind != "latency"
                if terminal and any(r.kind != "latency" for r in fired):
                    continue
                rule._matched += 1
                if rule.probability is not None:
                    hit = self._rng.random() < rule.probability
                else:
                    hit = rule._matched % rule.every == 0
                if hit:
                    rule.fired += 1
                    fired.append(rule)
        # The caller sleeps through the latencies and stops at the terminal rule, so that one
        # must come last even when it was added before a latency rule (sort is stable).
        fired.sort(key=lambda r: r.kind != "latency")
        return fired


async def wait_latencies(fired: list[FaultRule], arrived: float) -> float | None:
    """Sleep through the ``latency`` rules among ``fired`` (the rules :meth:`Faults.select`
    chose for one request that arrived at ``arrived``, loop time).

    Returns:
        The loop time before which the answer must not start (``include_work`` rules), or
        ``None``.
    """
    held = 0.0
    for rule in fired:
        if rule.kind != "latency":
            break
        if rule.include_work:
            held += rule.seconds or 0.0
        else:
            await asyncio.sleep(rule.seconds or 0.0)
    if not held:
        return None
    if fired[-1].kind != "latency":  # a terminal fault has no work to overlap with
        await asyncio.sleep(max(0.0, arrived + held - asyncio.get_running_loop().time()))
        return None
    return arrived + held


def held_send(send: Send, until: float | None) -> Send:
    """``send`` with the answer's first message held until ``until`` (loop time; ``None``: not
    held)."""
    if until is None:
        return send
    waited = False

    async def send_held(message: Message) -> None:
        nonlocal waited
        if not waited:
            waited = True
            delay = until - asyncio.get_running_loop().time()
            if delay > 0:
                await asyncio.sleep(delay)
        await send(message)

    return send_held


class RequestLog:
    """The requests the emulator has seen (method, raw path, query, status), newest last.

    Args:
        maxlen: how many entries to keep.
    """

    def __init__(self, maxlen: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._entries: deque[dict[str, Any]] = deque(maxlen=maxlen)

    def append(self, entry: dict[str, Any]) -> None:
        """Record one request."""
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        """A copy of the log."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget all entries."""
        with self._lock:
            self._entries.clear()

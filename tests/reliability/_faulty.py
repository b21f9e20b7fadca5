"""A test-side fault layer for what the emulator cannot do: fail *after* the server applied.

The emulator's fault rules fire before its handler runs (``EmulatorApp.__call__`` consults
``faults.select`` first), so a ``reset``/``truncate``/``status`` fault means "the request was
*not* applied". Whether the client can tell is the point of the no-duplicate tests, but a real
Ninox can also apply a request and then lose the answer. :class:`FaultyTransport` wraps the real
httpx transport, forwards the request to the emulator (which applies it) and then replaces the
answer:

- ``applied-reset``: raise ``httpx.ReadError`` (the connection broke while reading);
- ``applied-truncate``: raise ``httpx.RemoteProtocolError`` (the body was cut short);
- ``applied-500``: answer ``500`` with a JSON body instead of the real 2xx;
- ``bare-429``: answer ``429`` *without* ``Retry-After`` and without forwarding (the emulator
  always adds the header to a 429).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import httpx

KINDS = ("applied-reset", "applied-truncate", "applied-500", "bare-429")


@dataclass
class Rule:
    kind: str
    method: str
    path: str
    max_count: int = 1
    fired: int = 0


@dataclass
class FaultyTransport(httpx.BaseTransport):
    inner: httpx.BaseTransport = field(default_factory=httpx.HTTPTransport)
    rules: list[Rule] = field(default_factory=list)

    def add(self, kind: str, *, method: str, path: str, max_count: int = 1) -> Rule:
        assert kind in KINDS
        rule = Rule(kind, method, path, max_count)
        self.rules.append(rule)
        return rule

    @property
    def fired(self) -> int:
        return sum(r.fired for r in self.rules)

    def _pick(self, request: httpx.Request) -> Rule | None:
        for rule in self.rules:
            if (
                rule.fired < rule.max_count
                and request.method == rule.method
                and re.search(rule.path, request.url.raw_path.decode("ascii").split("?")[0])
            ):
                rule.fired += 1
                return rule
        return None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        rule = self._pick(request)
        if rule is not None and rule.kind == "bare-429":
            return httpx.Response(429, json={"message": "slow down"}, request=request)
        response = self.inner.handle_request(request)
        if rule is None:
            return response
        response.read()
        response.close()
        if rule.kind == "applied-reset":
            raise httpx.ReadError("connection reset by peer (test-side)", request=request)
        if rule.kind == "applied-truncate":
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body (test-side)",
                request=request,
            )
        return httpx.Response(500, json={"message": "upstream failed"}, request=request)

    def close(self) -> None:
        self.inner.close()

"""Fault injection for the Ninox 4 emulator: the classic emulator's rules, Ninox 4 bodies.

The rules are :class:`ninoxkit.testing.FaultRule` (path regex, method, every Nth or a seeded
probability, ``max_count``) with the same kinds: ``latency`` (wait, then serve; rules stack),
``status`` (answer ``status`` with a ``json`` body ``{"error": {"message": …}}``, ``text``,
``html`` or ``empty``; 429 carries ``Retry-After``), and the socket-level ``reset``,
``truncate`` and ``hang``, which need the loopback server (:class:`Ninox4Emulator`); in-process
(``httpx.ASGITransport``) they raise instead.

Rules are added in Python (``emu.add_fault("status", status=503, path="/records")``) or over
HTTP on the emulator's control path, as on the classic emulator: ``POST /_emulator/faults``
with the rule's options as JSON, ``GET`` lists them, ``DELETE`` clears them. The control path
is never subject to faults and needs no key.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ninoxkit.testing._app import _apply_fault
from ninoxkit.testing._faults import FaultRule, Faults, held_send, wait_latencies

__all__ = ["FaultingApp"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
CONTROL = "/_emulator/faults"


def _body(rule: FaultRule) -> tuple[bytes, str | None]:
    message = f"emulated fault: HTTP {rule.status}"
    if rule.body == "json":
        return json.dumps({"error": {"message": message}}).encode(), "application/json"
    if rule.body == "text":
        return message.encode(), "text/plain; charset=utf-8"
    if rule.body == "html":
        page = f"<!DOCTYPE html><html><body><h1>{message}</h1></body></html>"
        return page.encode(), "text/html; charset=utf-8"
    return b"", None


async def _answer(send: Send, status: int, body: bytes, ctype: str | None, extra: Any = ()) -> None:
    headers = [(b"content-length", str(len(body)).encode()), *extra]
    if ctype:
        headers.append((b"content-type", ctype.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class FaultingApp:
    """ASGI wrapper applying ``faults`` before ``app`` serves a request.

    Args:
        app: the Ninox 4 emulator app.
        faults: the rules (shared with :class:`Ninox4Emulator`).
    """

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI request (control path, faults, then the API)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == CONTROL:
            await self._control(scope, receive, send)
            return
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        arrived = asyncio.get_running_loop().time()
        fired = self.faults.select(scope["method"], raw_path)
        held = await wait_latencies(fired, arrived) if fired else None
        if fired and fired[-1].kind != "latency":
            rule = fired[-1]
            if rule.kind == "status":
                retry_after = rule.retry_after_header()
                extra = [(b"retry-after", retry_after.encode())] if retry_after else []
                await _answer(send, rule.status, *_body(rule), extra)
            else:
                await _apply_fault(rule, scope, receive, send)  # socket level, as classic
            return
        await self.app(scope, receive, held_send(send, held))

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]
        if method == "GET":
            rules = [r.to_json() for r in self.faults.rules()]
            await _answer(send, 200, json.dumps(rules).encode(), "application/json")
            return
        if method == "DELETE":
            self.faults.clear()
            await _answer(send, 204, b"", None)
            return
        if method != "POST":
            await _answer(send, 405, b"", None, [(b"allow", b"GET, POST, DELETE")])
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        try:
            options = json.loads(b"".join(chunks))
            if not isinstance(options, dict):
                raise TypeError("a fault rule is a JSON object")
            allowed = set(FaultRule.__dataclass_fields__) - {"id", "fired", "_matched", "_regex"}
            unknown = sorted(set(options) - allowed)
            if unknown:
                raise TypeError(f"unknown fault option(s): {', '.join(unknown)}")
            rule = self.faults.add(FaultRule(**options))
        except (TypeError, ValueError) as exc:
            body = json.dumps({"error": {"message": str(exc)}}).encode()
            await _answer(send, 400, body, "application/json")
            return
        await _answer(send, 201, json.dumps(rule.to_json()).encode(), "application/json")

"""Test-side hostile servers: an httpx transport that bends the emulator's listing answers.

The emulator answers honestly; a real server (or a proxy) may not. :class:`HostileTransport`
forwards each request to the emulator and changes what the client sees, one behaviour per flag:

- ``cap``: ``perPage`` is silently capped at this many records (the server pages by the cap);
- ``ignore_filters``: the ``filters`` of a listing are dropped, and a lookup
  (``POST …/record``) answers the table's first record whatever was asked;
- ``repeat_in_page``: every page carries its first record twice more (at the end);
- ``alternate``: page ``n`` is answered with page ``n % 2`` (A, B, A, B … forever);
- ``reverse``: the listing comes in the opposite order (``desc`` flipped).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field

import httpx

_LISTING = re.compile(r"/tables/[^/]+/records$")
_LOOKUP = re.compile(r"/tables/[^/]+/record$")


@dataclass
class HostileTransport(httpx.BaseTransport):
    inner: httpx.BaseTransport = field(default_factory=httpx.HTTPTransport)
    cap: int | None = None
    ignore_filters: bool = False
    repeat_in_page: bool = False
    alternate: bool = False
    reverse: bool = False
    listings: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and _LISTING.search(path):
            return self._listing(request)
        if request.method == "POST" and _LOOKUP.search(path) and self.ignore_filters:
            url = request.url.copy_with(path=path + "s", params={"page": 0, "perPage": 1})
            auth = {"Authorization": request.headers["Authorization"]}
            first = self._forward(httpx.Request("GET", url, headers=auth))
            found = json.loads(first.content)
            return httpx.Response(200, json=found[0] if found else [], request=request)
        return self.inner.handle_request(request)

    def _forward(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        response.close()
        return response

    def _listing(self, request: httpx.Request) -> httpx.Response:
        with self._lock:  # read-ahead sends pages from several threads
            self.listings += 1
        params = dict(request.url.params)
        if self.cap is not None:
            params["perPage"] = str(min(int(params.get("perPage", "100")), self.cap))
        if self.ignore_filters:
            params.pop("filters", None)
        if self.alternate:
            params["page"] = str(int(params.get("page", "0")) % 2)
        if self.reverse:
            params["desc"] = "false" if params.get("desc") == "true" else "true"
        forwarded = httpx.Request(
            "GET", request.url.copy_with(params=params), headers=request.headers
        )
        response = self._forward(forwarded)
        if response.status_code != 200 or not self.repeat_in_page:
            return httpx.Response(
                response.status_code,
                content=response.content,
                headers={"content-type": "application/json"},
                request=request,
            )
        page = json.loads(response.content)
        if page:
            page = [*page, page[0], page[0]]
        return httpx.Response(200, json=page, request=request)

    def close(self) -> None:
        self.inner.close()

"""A small in-memory Ninox for httpx.MockTransport: enough of the API for resource unit tests.

The real emulator (ninoxkit.testing) serves HTTP over loopback; this one runs inside the
transport so the unit tests stay free of sockets and can script odd server behaviour (a page
answered twice, a silent perPage cap, a failing batch) with plain attributes.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import httpx

BASE = "https://api.ninox.com/v1"
TEAM = "t1"
DB = "db1"
PREFIX = f"/v1/teams/{TEAM}/databases/{DB}"

TABLES = [
    {
        "id": "A",
        "name": "Kontakte/Übersicht",
        "fields": [
            {"id": "A", "name": "Name", "type": "string"},
            {"id": "B", "name": "Birthday", "type": "date"},
            {
                "id": "C",
                "name": "Status",
                "type": "choice",
                "choices": [
                    {"id": "1", "caption": "Lead"},
                    {"id": "2", "caption": "Customer"},
                ],
            },
            {"id": "D", "name": "Seen", "type": "timestamp"},
            {"id": "E", "name": "Score", "type": "number"},
        ],
    },
    {"id": "B", "name": "Companies", "fields": [{"id": "A", "name": "Name", "type": "string"}]},
]

Hook = Callable[[httpx.Request], httpx.Response | None]


class FakeNinox:
    """State and behaviour of the fake; call it as a MockTransport handler.

    Attributes:
        records: table id → {record id → fields}.
        requests: every request seen (method, raw path, query, body).
        page_cap: if set, perPage is silently capped at this many records.
        repeat_page: if set, this page number is answered with the previous page's records.
        fail: a hook called before each request; a response it returns is sent instead.
    """

    def __init__(self) -> None:
        self.records: dict[str, dict[int, dict[str, Any]]] = {"A": {}, "B": {}}
        self.requests: list[httpx.Request] = []
        self.page_cap: int | None = None
        self.repeat_page: int | None = None
        self.fail: Hook | None = None
        self.files: dict[tuple[str, int, str], bytes] = {}
        self.change_sets: list[dict[str, Any]] = []
        self._lock = threading.RLock()

    def add(self, table: str, count: int, **fields: Any) -> None:
        for _ in range(count):
            rid = max(self.records[table], default=0) + 1
            self.records[table][rid] = {"Name": f"n{rid}", **fields}

    def record(self, table: str, rid: int) -> dict[str, Any]:
        return {
            "id": rid,
            "sequence": rid,
            "createdAt": "2024-01-01T00:00:00",
            "createdBy": "root",
            "modifiedAt": "2024-01-01T00:00:00",
            "modifiedBy": "root",
            "fields": self.records[table][rid],
        }

    def paths(self) -> list[str]:
        """The raw (still percent-encoded) paths requested, in order."""
        return [r.url.raw_path.decode().split("?")[0] for r in self.requests]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # One request at a time: the sync twin's read-ahead and batch writes call it from
        # several threads, and a store that hands out ids must not race.
        with self._lock:
            return self._handle(request)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.headers.get("authorization") != "Bearer key":
            return httpx.Response(401, json={"message": "bad key"})
        if self.fail is not None:
            scripted = self.fail(request)
            if scripted is not None:
                return scripted
        raw = request.url.raw_path.decode().split("?")[0]
        if not raw.startswith(PREFIX):
            if raw == "/v1/teams":
                return httpx.Response(200, json=[{"id": TEAM, "name": "Team"}])
            return httpx.Response(404, json={"message": "no such team or database"})
        rest = raw[len(PREFIX) :]
        method = request.method
        body = (
            json.loads(request.content)
            if request.content and "json" in request.headers.get("content-type", "")
            else None
        )
        if rest == "/tables" and method == "GET":
            return httpx.Response(200, json=TABLES)
        if rest.endswith("/changes"):
            # Scripted: the next change set, or "nothing new" at the asked sequence.
            since = int(request.url.params["sinceSq"])
            answer = self.change_sets.pop(0) if self.change_sets else {"seq": since}
            return httpx.Response(200, json=answer)
        if rest in ("/query", "/exec"):
            script = request.url.params.get("query") if method == "GET" else body["query"]
            return httpx.Response(200, json={"echo": script, "method": method})
        match = re.fullmatch(r"/tables/([^/]+)(/records?)(?:/(\d+))?(/files(?:/([^/]+))?)?", rest)
        if not match:
            return httpx.Response(404, json={"message": f"unknown path {rest}"})
        table = unquote(match.group(1))
        if table not in self.records:
            return httpx.Response(404, json={"message": f"no table {table}"})
        kind, rid_text, files, file_name = (
            match.group(2),
            match.group(3),
            match.group(4),
            match.group(5),
        )
        rows = self.records[table]
        if files:
            return self._files(method, table, int(rid_text), file_name, request)
        if kind == "/record" and method == "POST":
            wanted = body["filters"]
            for rid, fields in rows.items():
                if all(fields.get(k) == v for k, v in wanted.items()):
                    return httpx.Response(200, json=self.record(table, rid))
            return httpx.Response(200, json=[])
        if rid_text is None and method == "GET":
            return self._list(table, request)
        if rid_text is None and method == "POST":
            out = []
            for item in body:
                rid = item.get("id")
                if rid is None:
                    rid = max(rows, default=0) + 1
                    rows[rid] = {}
                elif rid not in rows and not item.get("_upsert"):
                    return httpx.Response(404, json={"message": f"no record {rid}"})
                rows.setdefault(rid, {}).update(item["fields"])
                out.append(self.record(table, rid))
            return httpx.Response(200, json=out)
        if rid_text is None and method == "DELETE":
            for rid in body:
                rows.pop(rid, None)
            return httpx.Response(200)
        rid = int(rid_text)
        if rid not in rows:
            return httpx.Response(404, json={"message": f"no record {rid}"})
        if method == "GET":
            return httpx.Response(200, json=self.record(table, rid))
        if method == "PUT":
            rows[rid].update(body["fields"])
            return httpx.Response(200, json=self.record(table, rid))
        if method == "DELETE":
            del rows[rid]
            return httpx.Response(200)
        return httpx.Response(405, text="method not allowed")

    def _list(self, table: str, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        page = int(params.get("page", "0"))
        per_page = int(params.get("perPage", "100"))
        if self.page_cap is not None:
            per_page = min(per_page, self.page_cap)
        if self.repeat_page is not None and page == self.repeat_page:
            page -= 1
        ids = sorted(self.records[table])
        if "filters" in params:
            wanted = json.loads(params["filters"])["fields"]
            ids = [
                i for i in ids if all(self.records[table][i].get(k) == v for k, v in wanted.items())
            ]
        chunk = ids[page * per_page : (page + 1) * per_page]
        return httpx.Response(200, json=[self.record(table, i) for i in chunk])

    def _files(
        self, method: str, table: str, rid: int, name: str | None, request: httpx.Request
    ) -> httpx.Response:
        if method == "POST":
            content_type = request.headers["content-type"]
            boundary = content_type.split("boundary=")[1].encode()
            body = request.content
            part = body.split(b"--" + boundary)[1]
            head, _, data = part.partition(b"\r\n\r\n")
            file_name = re.search(rb'filename="([^"]*)"', head).group(1).decode()  # type: ignore[union-attr]
            self.files[(table, rid, file_name)] = data[: -len(b"\r\n")]
            return httpx.Response(200, json={"name": file_name})
        key = (table, rid, unquote(name or ""))
        if key not in self.files:
            return httpx.Response(404, json={"message": "no such file"})
        return httpx.Response(
            200, content=self.files[key], headers={"content-type": "application/octet-stream"}
        )

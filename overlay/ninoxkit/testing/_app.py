"""The emulator's ASGI application: the Ninox ``/v1`` API plus the ``/_emulator`` control API.

List parameters (reference §4.9; where the reference says "unknown" the emulator's choice is
marked *choice*):

- ``page`` 0-based, ``perPage`` default 100, any value from 1 served as asked (n8n's 500 is
  one source's claim; ninoxjs sends 9999 and no source says Ninox refuses, §13). The option
  ``page_cap`` caps it silently, to test clients against a server that does.
- ``order`` field name or id; ``desc`` reverses (also the plain id order).
- ``new`` newest first, ``updated`` most recently changed first; combined with ``order`` → 400
  ("not combinable", *choice* to fail loudly).
- ``sinceId`` ids greater than it; ``sinceSq`` records whose ``sequence`` is greater.
- ``filters`` URL-encoded JSON, both documented shapes (§13 [conflict]): ``{"fields":
  {name-or-id: value}}`` and a flat object keyed by field id (names tolerated); exact match on
  the stored value (choices by caption or id). The option ``ignore_filters`` makes the
  emulator ignore them (on listings and ``POST …/record``), to test a client's guard.
- ``ids=true`` keys ``fields`` by field id; ``style`` ``names`` (default) or ``ids`` (same as
  ``ids=true``, *choice*); ``choiceStyle`` ``names`` (default) or ``ids``, plus the other
  values clients send: ``id`` (PyPI ``ninox``) as ``ids``, ``text`` (MindCloud) as ``names``
  (§11); unknown values of ``style``/``choiceStyle`` are ignored (no source says Ninox refuses).
Booleans accept ``true/false``, ``1/0`` and ``T/F`` (the CLI sends ``T``, reference §4.4).

Other tolerated variants (every side of a conflict, §11/§13): a trailing slash on any path
(ninoxjs), string record ids on writes (``"id": "1"``, ninoxjs), a single object instead of an
array on ``POST …/records`` (n8n, Activepieces), bulk delete as ``DELETE …/records`` with an id
array (MindCloud, Metorial) and as ``POST …/records/delete`` (PyPI ``ninox``).

Emulator options (constructor arguments of ``NinoxEmulator`` and ``GET|POST
/_emulator/options``): ``page_cap`` (int: serve at most that many records per page, silently),
``ignore_filters`` (bool), ``quota`` (int: API calls allowed before every ``/v1`` call answers
``429 {"message": "API call quota exceeded"}`` without ``Retry-After``; 0 = exhausted now).

Bodies are read with a limit (``MAX_JSON_BODY`` for JSON, ``MAX_UPLOAD_BODY`` for multipart):
a larger ``Content-Length`` or stream is answered 413 before it is parsed.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import socket
import struct
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ._clock import Clock
from ._errors import ApiError
from ._faults import FaultRule, Faults, RequestLog, held_send, wait_latencies
from ._nx import evaluate
from ._store import (
    Database,
    Field,
    ListQuery,
    Record,
    SqlitePersistence,
    Store,
    Table,
    coerce_value,
    record_id_value,
)

__all__ = [
    "MAX_JSON_BODY",
    "MAX_UPLOAD_BODY",
    "THUMBNAIL_JPEG",
    "TRANSPORT_KEY",
    "EmulatorOptions",
    "EmulatorState",
    "create_app",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

#: Key under ``scope["state"]`` where the emulator's uvicorn protocol puts the asyncio transport,
#: so faults can reset or cut a connection at socket level.
TRANSPORT_KEY = "ninoxkit.transport"

#: An 8x8 grey baseline JPEG: every thumbnail the emulator serves (reference §4.16 only says JPEG).
THUMBNAIL_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB"
    "AQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAA"
    "AAAAAAAAAAD/2gAIAQEAAD8AP//Z"
)
#: Largest JSON request body read (Ninox's limit is unknown, §8; Ninox 4 documents 6 MB).
MAX_JSON_BODY = 16 * 1024 * 1024
#: Largest multipart upload read (Ninox's limit is unknown, §4.16; Ninox 4 CSV import: 50 MB).
MAX_UPLOAD_BODY = 64 * 1024 * 1024
_CHOICE_STYLES = {"names": False, "text": False, "ids": True, "id": True}
_DEFAULT_PER_PAGE = 100  # probable default (reference §4.9)
_TRUE = frozenset({"true", "1", "t", "yes"})
_FALSE = frozenset({"false", "0", "f", "no"})
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class EmulatorOptions:
    """Behaviour switches for testing clients (constructor and ``/_emulator/options``).

    Args:
        page_cap: serve at most this many records per listing page, whatever ``perPage`` asks
            (silently, as a server with a lower maximum would); ``None`` = no cap.
        ignore_filters: ignore ``filters`` of listings and ``POST …/record`` (a server that
            does not apply them), so a client's own check can be tested.
        quota: number of ``/v1`` calls served before the monthly API-call quota counts as
            exhausted (§13: every classic plan caps calls per month; the real answer is
            unknown); then every call answers 429 ``{"message": "API call quota exceeded"}``
            without ``Retry-After``. 0 = exhausted from the start; ``None`` = no quota.
    """

    page_cap: int | None = None
    ignore_filters: bool = False
    quota: int | None = None

    def __post_init__(self) -> None:
        for name in ("page_cap", "quota"):
            value = getattr(self, name)
            low = 1 if name == "page_cap" else 0
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < low
            ):
                raise ValueError(f"{name} must be an integer >= {low} or null")
        if not isinstance(self.ignore_filters, bool):
            raise ValueError("ignore_filters must be a boolean")

    def to_json(self) -> dict[str, Any]:
        """The options as JSON (control API)."""
        return {
            "page_cap": self.page_cap,
            "ignore_filters": self.ignore_filters,
            "quota": self.quota,
        }


@dataclass
class EmulatorState:
    """Everything one emulator instance serves.

    Args:
        store: the data.
        token: the accepted bearer token.
        faults: fault rules.
        log: request log.
        persistence: optional SQLite snapshot target, written after each request that changed
            the data.
        initial: the snapshot restored by ``POST /_emulator/reset``, as JSON text (parsed anew
            for every reset, so the store never shares objects with it).
        options: behaviour switches; ``reset`` restores ``initial_options``.
        initial_options: the options given when the emulator was built.
        calls: ``/v1`` calls counted against ``options.quota`` since the last reset.
    """

    store: Store
    token: str
    faults: Faults = field(default_factory=Faults)
    log: RequestLog = field(default_factory=RequestLog)
    persistence: SqlitePersistence | None = None
    initial: str = '{"teams": []}'
    options: EmulatorOptions = field(default_factory=EmulatorOptions)
    initial_options: EmulatorOptions | None = None
    calls: int = 0

    def __post_init__(self) -> None:
        if self.initial_options is None:
            self.initial_options = EmulatorOptions(**self.options.to_json())

    @property
    def clock(self) -> Clock:
        """The store's clock."""
        return self.store.clock

    def reset(self) -> None:
        """Restore the initial data, clock, and clear faults and the request log."""
        with self.store.lock:
            self.store.restore(json.loads(self.initial))
            self.store.clock.reset()
            self.faults.clear()
            self.log.clear()
            assert self.initial_options is not None
            self.options = EmulatorOptions(**self.initial_options.to_json())
            self.calls = 0
            self.save()

    def save(self) -> None:
        """Write the SQLite snapshot, if persistence is on."""
        if self.persistence is not None:
            with self.store.lock:
                self.persistence.save(self.store.snapshot())


# --------------------------------------------------------------------------- helpers


def dump(data: Any) -> bytes:
    """Compact, deterministic JSON bytes (keys keep insertion order).

    A stored text may hold a lone surrogate (``"\\ud800"`` is valid JSON); UTF-8 cannot encode
    it, so such a body falls back to ASCII escapes instead of failing.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode()
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode()


def json_text_response(text: str, fallback: Callable[[], Any]) -> Response:
    """A 200 JSON response from ``dump``-form text; if UTF-8 cannot carry it (a lone
    surrogate), ``dump(fallback())`` instead, exactly as :func:`json_response` answers."""
    try:
        body = text.encode()
    except UnicodeEncodeError:
        body = dump(fallback())
    return Response(body, status_code=200, media_type="application/json")


def json_response(data: Any, status: int = 200) -> Response:
    """A JSON response."""
    return Response(dump(data), status_code=status, media_type="application/json")


def error_response(status: int, message: str) -> Response:
    """Ninox-style error: ``{"message": ...}`` (contract; reference §8)."""
    return json_response({"message": message}, status)


def empty_response() -> Response:
    """200 with an empty body (deletes, reference §4.14)."""
    return Response(b"", status_code=200)


def _bool(request: Request, name: str, default: bool = False) -> bool:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    low = raw.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ApiError(400, f"query parameter {name!r} must be true or false")


def _int(
    request: Request, name: str, default: int | None, lo: int | None = None, hi: int | None = None
) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"query parameter {name!r} must be an integer") from None
    if lo is not None and value < lo:
        raise ApiError(400, f"query parameter {name!r} must be >= {lo}")
    if hi is not None and value > hi:
        raise ApiError(400, f"query parameter {name!r} must be <= {hi}")
    return value


def _choice_ids(request: Request, name: str) -> bool:
    # names/ids (DVBase), id (PyPI ninox), text (MindCloud); anything else: the default (§11).
    return _CHOICE_STYLES.get(request.query_params.get(name) or "names", False)


async def _read_body(request: Request) -> bytes:
    """Read the body with a limit: a declared or streamed size above it is 413, unparsed."""
    ctype = request.headers.get("content-type", "")
    limit = MAX_UPLOAD_BODY if ctype.startswith("multipart/") else MAX_JSON_BODY
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise ApiError(400, "Content-Length is not a number") from None
        if too_big:
            raise ApiError(413, f"request body larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body larger than {limit} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    request._body = body  # Starlette's cache: body(), json() and form() read it from here
    return body


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise ApiError(400, "request body must be JSON")

    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not valid JSON")

    try:
        return json.loads(raw, parse_constant=no_constants)
    except (ValueError, RecursionError):
        raise ApiError(400, "request body is not valid JSON") from None


_NO_MATCH = object()


def _filter_pairs(table: Table, raw: Any, *, status: int = 400) -> list[tuple[Field, Any]]:
    if not isinstance(raw, dict):
        raise ApiError(status, "filters must be a JSON object")
    if isinstance(raw.get("fields"), dict) and len(raw) == 1:
        raw = raw["fields"]
    pairs: list[tuple[Field, Any]] = []
    for key, value in raw.items():
        fld = table.field(key)
        if fld is None:
            raise ApiError(status, f"unknown field {key!r} in filters")
        try:
            pairs.append((fld, coerce_value(fld, value)))
        except ApiError:
            # A value that cannot be stored in the field can never match (exact match, §4.9).
            pairs.append((fld, _NO_MATCH))
    return pairs


# --------------------------------------------------------------------------- /v1 handlers

_Handler = Callable[[Any, Request], Awaitable[Response]]


def _locks_itself(handler: _Handler) -> _Handler:
    """Mark a handler that takes the store lock itself, around its awaits rather than across."""
    handler._locks_itself = True  # type: ignore[attr-defined]
    return handler


class _Api:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.store = state.store

    # lookups -------------------------------------------------------------
    def db(self, request: Request) -> Database:
        p = request.path_params
        db = self.store.database(p["team"], p["db"])
        if db.password is not None and request.headers.get("nx-password") != db.password:
            # The optional nx-password header guards password-protected databases (contract).
            raise ApiError(403, "database password required (nx-password header)")
        return db

    def table(self, request: Request) -> tuple[Database, Table]:
        db = self.db(request)
        return db, db.table(request.path_params["table"])

    def record(self, request: Request) -> tuple[Database, Table, Record]:
        db, table = self.table(request)
        return db, table, self.store.record(table, request.path_params["rid"])

    def render_opts(self, request: Request) -> dict[str, bool]:
        by_id = _bool(request, "ids") or _choice_ids(request, "style")
        return {"by_id": by_id, "choice_ids": _choice_ids(request, "choiceStyle")}

    # teams and databases --------------------------------------------------
    async def list_teams(self, _request: Request) -> Response:
        return json_response([{"id": t.id, "name": t.name} for t in self.store.teams.values()])

    async def get_team(self, request: Request) -> Response:
        team = self.store.team(request.path_params["team"])
        return json_response({"id": team.id, "name": team.name})

    async def list_databases(self, request: Request) -> Response:
        team = self.store.team(request.path_params["team"])
        return json_response([{"id": d.id, "name": d.name} for d in team.databases.values()])

    async def get_database(self, request: Request) -> Response:
        db = self.db(request)
        return json_response(
            {"settings": dict(db.settings), "schema": self.store.render_schema(db)}
        )

    async def get_schema(self, request: Request) -> Response:
        db = self.db(request)
        full = _bool(request, "includeReportsAndViews")
        return json_response(self.store.render_schema(db, include_reports_and_views=full))

    async def update_schema(self, request: Request) -> Response:
        db = self.db(request)
        # formatScripts (`T`; older CLIs sent human=T, §4.4) only changes how scripts are
        # written; they are kept verbatim, so any value is accepted and none is refused.
        version = self.store.patch_schema(db, await _json_body(request))
        return json_response({"version": version})

    # views -----------------------------------------------------------------
    @staticmethod
    def _view_summary(view: dict[str, Any]) -> dict[str, Any]:
        # Without fullView the CLI types items as {caption, id, seq, type} (reference §4.5).
        return {k: view.get(k) for k in ("caption", "id", "seq", "type")}

    async def list_views(self, request: Request) -> Response:
        db = self.db(request)
        full = _bool(request, "fullView")
        views = [v if full else self._view_summary(v) for v in db.views.values()]
        return json_response(views)

    async def get_view(self, request: Request) -> Response:
        db = self.db(request)
        view = db.views.get(request.path_params["view"])
        if view is None:
            raise ApiError(404, f"view not found: {request.path_params['view']}")
        return json_response(view)

    async def update_views(self, request: Request) -> Response:
        db = self.db(request)
        return json_response(self.store.update_views(db, await _json_body(request)))

    async def list_table_views(self, request: Request) -> Response:
        db, table = self.table(request)
        views = [self._view_summary(v) for v in db.views.values() if v.get("type") == table.id]
        return json_response(views)

    def _table_view(self, request: Request) -> tuple[Database, str]:
        db, table = self.table(request)
        vid = request.path_params["view"]
        view = db.views.get(vid)
        if view is None or view.get("type") != table.id:
            raise ApiError(404, f"view not found: {vid}")
        return db, vid

    async def get_view_share(self, request: Request) -> Response:
        db, vid = self._table_view(request)
        share = db.shares.get(vid)
        if share is None:
            raise ApiError(404, f"view {vid} is not shared")
        return json_response(share)

    async def share_view(self, request: Request) -> Response:
        db, vid = self._table_view(request)
        share = db.shares.get(vid)
        if share is None:
            # The share token is derived, not random, so deterministic runs stay identical.
            token = hashlib.sha256(f"{db.id}/{vid}".encode()).hexdigest()[:24]
            share = {"viewId": vid, "token": token, "url": f"https://share.ninox.emulator/{token}"}
            db.shares[vid] = share
            self.store._bump(db)
        return json_response(share)

    async def unshare_view(self, request: Request) -> Response:
        db, vid = self._table_view(request)
        if db.shares.pop(vid, None) is None:
            raise ApiError(404, f"view {vid} is not shared")
        self.store._bump(db)
        return empty_response()

    # query and exec ---------------------------------------------------------
    async def query_get(self, request: Request) -> Response:
        db = self.db(request)
        src = request.query_params.get("query")
        if not src:
            raise ApiError(400, "query parameter 'query' is required")
        return json_response(evaluate(self.store, db, src, allow_writes=False))

    async def _script(self, request: Request, allow_writes: bool) -> Response:
        db = self.db(request)
        body = await _json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            raise ApiError(400, 'body must be {"query": "<NX script>"}')
        return json_response(evaluate(self.store, db, body["query"], allow_writes=allow_writes))

    async def query_post(self, request: Request) -> Response:
        return await self._script(request, False)

    async def exec(self, request: Request) -> Response:
        return await self._script(request, True)

    # tables -------------------------------------------------------------------
    async def list_tables(self, request: Request) -> Response:
        db = self.db(request)
        return json_response([self.store.render_table(t) for t in db.tables.values()])

    async def get_table(self, request: Request) -> Response:
        _, table = self.table(request)
        return json_response(self.store.render_table(table))

    # records ------------------------------------------------------------------
    async def list_records(self, request: Request) -> Response:
        _, table = self.table(request)
        opts = self.render_opts(request)
        order_key = request.query_params.get("order")
        order: Field | None = None
        if order_key:
            order = table.field(order_key)
            if order is None:
                raise ApiError(400, f"unknown field {order_key!r} in 'order'")
        new, updated = _bool(request, "new"), _bool(request, "updated")
        if sum((order is not None, new, updated)) > 1:
            raise ApiError(400, "'order', 'new' and 'updated' cannot be combined (reference §4.9)")
        filters: list[tuple[Field, Any]] = []
        raw_filters = request.query_params.get("filters")
        if raw_filters and not self.state.options.ignore_filters:
            try:
                parsed = json.loads(raw_filters, parse_constant=lambda _c: _NO_MATCH)
            except (ValueError, RecursionError):
                raise ApiError(400, "query parameter 'filters' must be JSON") from None
            filters = _filter_pairs(table, parsed)
        per_page = _int(request, "perPage", _DEFAULT_PER_PAGE, lo=1) or _DEFAULT_PER_PAGE
        cap = self.state.options.page_cap
        q = ListQuery(
            page=_int(request, "page", 0, lo=0, hi=10**9) or 0,
            per_page=per_page if cap is None else min(per_page, cap),
            order=order,
            desc=_bool(request, "desc"),
            new=new,
            updated=updated,
            since_id=_int(request, "sinceId", None, lo=-(2**63), hi=2**63),
            since_sq=_int(request, "sinceSq", None, lo=-(2**63), hi=2**63),
            filters=tuple(filters),
        )
        recs = self.store.list_records(table, q)
        return json_text_response(
            self.store.render_records_json(table, recs, **opts),
            lambda: self.store.render_records(table, recs, **opts),
        )

    async def get_record(self, request: Request) -> Response:
        _, table, rec = self.record(request)
        return json_response(self.store.render_record(table, rec, **self.render_opts(request)))

    async def find_record(self, request: Request) -> Response:
        _, table = self.table(request)
        opts = self.render_opts(request)
        body = await _json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("filters"), dict):
            raise ApiError(400, 'body must be {"filters": {field: value}}')
        pairs = (
            []
            if self.state.options.ignore_filters
            else _filter_pairs(table, body["filters"], status=422)
        )
        rec = self.store.find_record(table, pairs)
        # No match answers 200 with an empty array (AP treats [] as "not found", reference §4.11).
        return json_response([] if rec is None else self.store.render_record(table, rec, **opts))

    async def save_records(self, request: Request) -> Response:
        db, table = self.table(request)
        opts = self.render_opts(request)
        recs = self.store.save_records(db, table, await _json_body(request))
        return json_response(self.store.render_records(table, recs, **opts))

    async def update_record(self, request: Request) -> Response:
        db, table, rec = self.record(request)
        opts = self.render_opts(request)
        body = await _json_body(request)
        if not isinstance(body, dict) or "fields" not in body:
            raise ApiError(400, 'body must be {"fields": {...}}')
        values = self.store.parse_fields(table, body["fields"])
        self.store.update_record(db, rec, values)
        return json_response(self.store.render_record(table, rec, **opts))

    async def delete_record(self, request: Request) -> Response:
        db, table, rec = self.record(request)
        self.store.delete_records(db, table, [rec.id])
        return empty_response()

    async def delete_records(self, request: Request) -> Response:
        db, table = self.table(request)
        body = await _json_body(request)
        if isinstance(body, dict) and isinstance(body.get("ids"), list):
            body = body["ids"]  # tolerated: the body of the PyPI client is not documented
        if not isinstance(body, list):
            raise ApiError(400, "body must be a JSON array of record ids")
        body = [record_id_value(i) for i in body]
        if any(i is None for i in body):
            raise ApiError(400, "body must be a JSON array of record ids")
        missing = [i for i in body if i not in table.records]
        if missing:
            # All or nothing: an unknown id deletes nothing (bulk delete limits unknown, §4.15).
            raise ApiError(
                404, f"records not found: {', '.join(f'{table.id}{i}' for i in missing)}"
            )
        self.store.delete_records(db, table, list(dict.fromkeys(body)))
        return empty_response()

    # files ----------------------------------------------------------------------
    def _file(self, request: Request) -> tuple[Database, Table, Record, str]:
        db, table, rec = self.record(request)
        name = request.path_params["file"]
        if name not in rec.files:
            raise ApiError(404, f"file not found: {name}")
        return db, table, rec, name

    async def list_files(self, request: Request) -> Response:
        _, _, rec = self.record(request)
        return json_response([f.meta() for f in rec.files.values()])

    @_locks_itself
    async def upload_file(self, request: Request) -> Response:
        with self.store.lock:
            self.record(request)  # 403/404 before the body is looked at
        # Parsing the form and reading the file await (large parts spool to disk in a thread):
        # not under the store lock, which would block other threads and, being reentrant,
        # would not even keep other requests on the event loop out.
        form = await request.form()
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise ApiError(400, "multipart part 'file' with a filename is required")
            field_name = form.get("fieldName")
            if field_name is not None and not isinstance(field_name, str):
                raise ApiError(400, "'fieldName' must be a text part")
            filename, content_type = upload.filename, upload.content_type
            content = await upload.read()
        finally:
            await form.close()
        with self.store.lock:
            db, table, rec = self.record(request)  # looked up again: it may have gone meanwhile
            stored = self.store.add_file(
                db, table, rec, filename, content, content_type, field_name or None
            )
            return json_response(stored.meta())

    async def download_file(self, request: Request) -> Response:
        _, _, rec, name = self._file(request)
        stored = rec.files[name]
        # The file's own Content-Type, byte for byte (no charset added; reference §4.16).
        return Response(stored.content, headers={"content-type": stored.content_type})

    async def download_field_file(self, request: Request) -> Response:
        _, table, rec, name = self._file(request)
        fld = table.field(request.path_params["field"])
        if fld is None or fld.base != "file":
            raise ApiError(404, f"no file field {request.path_params['field']!r}")
        stored = rec.files[name]
        return Response(stored.content, headers={"content-type": stored.content_type})

    async def delete_file(self, request: Request) -> Response:
        db, table, rec, name = self._file(request)
        self.store.delete_file(db, table, rec, name)
        return empty_response()

    async def file_metadata(self, request: Request) -> Response:
        _, _, rec, name = self._file(request)
        return json_response(rec.files[name].meta())

    async def file_thumbnail(self, request: Request) -> Response:
        self._file(request)
        return Response(THUMBNAIL_JPEG, media_type="image/jpeg")

    # changes ---------------------------------------------------------------------
    def _since(self, request: Request) -> int:
        return _int(request, "sinceSq", 0) or 0

    async def db_changes(self, request: Request) -> Response:
        db = self.db(request)
        return json_response(self.store.changes(db, self._since(request)))

    async def table_changes(self, request: Request) -> Response:
        db, table = self.table(request)
        return json_response(self.store.changes(db, self._since(request), table))

    async def record_changes(self, request: Request) -> Response:
        db, table, rec = self.record(request)
        return json_response(self.store.changes(db, self._since(request), table, rec.id))

    # reports -----------------------------------------------------------------------
    def _report(self, request: Request) -> tuple[Database, dict[str, Any]]:
        db = self.db(request)
        rep = db.reports.get(request.path_params["report"])
        if rep is None:
            raise ApiError(404, f"report not found: {request.path_params['report']}")
        return db, rep

    async def list_reports(self, request: Request) -> Response:
        db = self.db(request)
        full = _bool(request, "fullReport")
        return json_response(
            [
                r if full else {k: r.get(k) for k in ("id", "caption", "tid")}
                for r in db.reports.values()
            ]
        )

    async def get_report(self, request: Request) -> Response:
        return json_response(self._report(request)[1])

    async def update_reports(self, request: Request) -> Response:
        db = self.db(request)
        return json_response(self.store.update_reports(db, await _json_body(request)))

    async def list_report_files(self, request: Request) -> Response:
        db, rep = self._report(request)
        return json_response(list(db.report_files.get(rep["id"], {})))

    async def download_report_file(self, request: Request) -> Response:
        db, rep = self._report(request)
        files = db.report_files.get(rep["id"], {})
        name = request.path_params["file"]
        if name not in files:
            raise ApiError(404, f"report file not found: {name}")
        content, ctype = files[name]
        return Response(content, headers={"content-type": ctype})


def _routes(api: _Api) -> list[Route]:
    p = "/v1/teams/{team}/databases/{db}"
    t = p + "/tables/{table}"
    r = t + "/records/{rid}"
    spec: list[tuple[str, str, Callable[[Request], Awaitable[Response]]]] = [
        ("GET", "/v1/teams", api.list_teams),
        ("GET", "/v1/teams/{team}", api.get_team),
        ("GET", "/v1/teams/{team}/databases", api.list_databases),
        ("GET", p, api.get_database),
        ("GET", p + "/schema", api.get_schema),
        ("PATCH", p + "/schema", api.update_schema),
        ("GET", p + "/views", api.list_views),
        ("POST", p + "/views", api.update_views),
        ("GET", p + "/views/{view}", api.get_view),
        ("GET", p + "/query", api.query_get),
        ("POST", p + "/query", api.query_post),
        ("POST", p + "/exec", api.exec),
        ("GET", p + "/changes", api.db_changes),
        ("GET", p + "/reports", api.list_reports),
        ("POST", p + "/reports", api.update_reports),
        ("GET", p + "/reports/{report}", api.get_report),
        ("GET", p + "/reports/{report}/files", api.list_report_files),
        ("GET", p + "/reports/{report}/files/{file}", api.download_report_file),
        ("GET", p + "/tables", api.list_tables),
        ("GET", t, api.get_table),
        ("GET", t + "/views", api.list_table_views),
        ("GET", t + "/views/{view}/share", api.get_view_share),
        ("POST", t + "/views/{view}/share", api.share_view),
        ("DELETE", t + "/views/{view}/share", api.unshare_view),
        ("GET", t + "/changes", api.table_changes),
        ("POST", t + "/record", api.find_record),
        ("GET", t + "/records", api.list_records),
        ("POST", t + "/records", api.save_records),
        ("DELETE", t + "/records", api.delete_records),
        # PyPI `ninox` deletes in bulk with POST …/records/delete (§4.15 [conflict]).
        ("POST", t + "/records/delete", api.delete_records),
        ("GET", r, api.get_record),
        ("PUT", r, api.update_record),
        ("DELETE", r, api.delete_record),
        ("GET", r + "/changes", api.record_changes),
        ("GET", r + "/files", api.list_files),
        ("POST", r + "/files", api.upload_file),
        ("GET", r + "/files/{file}", api.download_file),
        ("DELETE", r + "/files/{file}", api.delete_file),
        ("GET", r + "/files/{file}/metadata", api.file_metadata),
        ("GET", r + "/files/{file}/thumb.jpg", api.file_thumbnail),
        # DVBase downloads a file field's file as …/files/{fieldId}/{name} (§13).
        ("GET", r + "/files/{field}/{file}", api.download_field_file),
    ]
    by_path: dict[str, dict[str, Callable[[Request], Awaitable[Response]]]] = {}
    for method, path, handler in spec:
        by_path.setdefault(path, {})[method] = handler
    routes = []
    for path, handlers in by_path.items():
        routes.append(Route(path, _dispatch(api, handlers), methods=list(handlers)))
    return routes


def _dispatch(
    api: _Api, handlers: dict[str, Callable[[Request], Awaitable[Response]]]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        handler = handlers[method]
        # The store is shared with Python callers in other threads; handlers are short and do
        # not await while holding the lock, so one lock keeps them consistent. The body is read
        # before taking it; upload_file parses its form outside the lock itself.
        if method in _WRITE_METHODS:
            await _read_body(request)
        store = api.store
        with store.lock:
            before = _change_mark(store)
        try:
            if getattr(handler, "_locks_itself", False):
                return await handler(request)
            with store.lock:
                return await handler(request)
        finally:
            # Persist what changed, and only then: read-only POSTs (/query, find record)
            # and refused writes save nothing; a script failing halfway saves its writes.
            with store.lock:
                if api.state.persistence is not None and _change_mark(store) != before:
                    api.state.save()

    return endpoint


def _change_mark(store: Store) -> tuple[int, ...]:
    """The databases' change sequences: every write to the data advances one (reference §9)."""
    return tuple(db.seq for team in store.teams.values() for db in team.databases.values())


# --------------------------------------------------------------------------- control API


class _Control:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    async def faults(self, request: Request) -> Response:
        if request.method == "GET":
            return json_response([r.to_json() for r in self.state.faults.rules()])
        if request.method == "DELETE":
            self.state.faults.clear()
            return empty_response()
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise ApiError(400, "body must be a fault rule object")
        allowed = set(FaultRule.__dataclass_fields__) - {"id", "fired", "_matched", "_regex"}
        unknown = set(body) - allowed
        if unknown:
            raise ApiError(400, f"unknown fault option(s): {', '.join(sorted(unknown))}")
        try:
            rule = self.state.faults.add(FaultRule(**body))
        except (TypeError, ValueError) as exc:
            raise ApiError(400, str(exc)) from None
        return json_response(rule.to_json(), 201)

    async def fault(self, request: Request) -> Response:
        try:
            rule_id = int(request.path_params["rule"])
        except ValueError:
            raise ApiError(404, "no such fault rule") from None
        if not self.state.faults.remove(rule_id):
            raise ApiError(404, "no such fault rule")
        return empty_response()

    async def requests(self, request: Request) -> Response:
        if request.method == "DELETE":
            self.state.log.clear()
            return empty_response()
        return json_response(self.state.log.entries())

    async def reset(self, _request: Request) -> Response:
        self.state.reset()
        return empty_response()

    async def options(self, request: Request) -> Response:
        if request.method == "POST":
            body = await _json_body(request)
            if not isinstance(body, dict):
                raise ApiError(400, "body must be an object of options")
            known = self.state.options.to_json()
            unknown = set(body) - set(known)
            if unknown:
                raise ApiError(400, f"unknown option(s): {', '.join(sorted(unknown))}")
            try:
                self.state.options = EmulatorOptions(**{**known, **body})
            except (TypeError, ValueError) as exc:
                raise ApiError(400, str(exc)) from None
            if "quota" in body:
                self.state.calls = 0
        return json_response({**self.state.options.to_json(), "calls": self.state.calls})

    async def health(self, _request: Request) -> Response:
        return json_response({"status": "ok"})


# --------------------------------------------------------------------------- the app


async def _on_http_exception(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = error_response(exc.status_code, str(exc.detail))
    # Starlette puts `Allow` on its 405 (RFC 9110 §15.5.6 requires it); keep it.
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


async def _on_api_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message)


async def _on_crash(_request: Request, exc: Exception) -> Response:
    # Should never happen (the fuzz tests look for it); answer JSON rather than a bare 500.
    return error_response(500, f"internal emulator error: {type(exc).__name__}")


class EmulatorApp:
    """ASGI entry: request log, auth, faults, persistence around the Starlette app.

    Args:
        state: what the emulator serves.
    """

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        control = _Control(state)
        handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
            HTTPException: _on_http_exception,
            ApiError: _on_api_error,
            Exception: _on_crash,
        }
        self.api = Starlette(routes=_routes(_Api(state)), exception_handlers=handlers)
        self.control = Starlette(
            routes=[
                Route("/_emulator/faults", control.faults, methods=["GET", "POST", "DELETE"]),
                Route("/_emulator/faults/{rule}", control.fault, methods=["DELETE"]),
                Route("/_emulator/requests", control.requests, methods=["GET", "DELETE"]),
                Route("/_emulator/reset", control.reset, methods=["POST"]),
                Route("/_emulator/options", control.options, methods=["GET", "POST"]),
                Route("/_emulator/health", control.health, methods=["GET"]),
            ],
            exception_handlers=handlers,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI request."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if path.startswith("/_emulator/") or path == "/_emulator":
            await self.control(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or path.encode()
        entry: dict[str, Any] = {
            "method": scope["method"],
            "path": raw_path.decode("latin-1"),
            "query": scope.get("query_string", b"").decode("latin-1"),
            "status": None,
            "fault": None,
        }
        self.state.log.append(entry)

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry["status"] = int(message["status"])
            await send(message)

        arrived = asyncio.get_running_loop().time()
        fired = self.state.faults.select(scope["method"], entry["path"])
        held = await wait_latencies(fired, arrived) if fired else None
        if fired and fired[-1].kind != "latency":
            entry["fault"] = fired[-1].kind
            await _apply_fault(fired[-1], scope, receive, send_logged)
            return
        answer = held_send(send_logged, held)

        if not self._authorized(scope):
            # Missing or wrong bearer token → 401 (reference §2, §8).
            await error_response(401, "invalid or missing API key")(scope, receive, answer)
            return
        quota = self.state.options.quota
        if quota is not None:
            if self.state.calls >= quota:
                # Every classic plan caps API calls per month (§13); the real answer once the
                # cap is hit is unknown: 429 with a JSON message and no Retry-After (no date to
                # give: the cap resets with the billing month).
                response = error_response(429, "API call quota exceeded")
                await response(scope, receive, answer)
                return
            self.state.calls += 1
        if len(path) > 1 and path.endswith("/"):
            # A trailing slash is served like the path without it (ninoxjs, §13).
            scope = {**scope, "path": path.rstrip("/") or "/"}
        await self.api(scope, receive, answer)

    def _authorized(self, scope: Scope) -> bool:
        for key, value in scope.get("headers", []):
            if key == b"authorization":
                scheme, _, token = value.decode("latin-1").partition(" ")
                return bool(scheme.lower() == "bearer" and token.strip() == self.state.token)
        return False

    @staticmethod
    async def _lifespan(receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


# --------------------------------------------------------------------------- faults at socket level


def _transport(scope: Scope) -> asyncio.Transport | None:
    state = scope.get("state") or {}
    transport = state.get(TRANSPORT_KEY)
    return transport if isinstance(transport, asyncio.Transport) else None


async def _wait_disconnect(receive: Receive, limit: float) -> None:
    try:
        async with asyncio.timeout(limit):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
    except TimeoutError:
        return


def _reset(transport: asyncio.Transport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    transport.abort()


class FaultConnectionDropped(Exception):
    """Raised when a socket-level fault cannot reach the transport (e.g. in-process ASGI)."""


async def _apply_fault(rule: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
    transport = _transport(scope)
    if rule.kind == "status":
        headers: list[tuple[bytes, bytes]] = []
        retry_after = rule.retry_after_header()
        if retry_after is not None:
            headers.append((b"retry-after", retry_after.encode()))
        body, ctype = _fault_body(rule)
        if ctype:
            headers.append((b"content-type", ctype.encode()))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": rule.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return
    if rule.kind == "hang":
        # Say nothing until the client gives up or the bound passes, then drop the connection.
        await _wait_disconnect(receive, rule.seconds or 0.0)
        if transport is not None and not transport.is_closing():
            _reset(transport)
            await _wait_disconnect(receive, 1.0)
            return
        if transport is None:
            raise FaultConnectionDropped("hang fault ended")
        return
    if transport is None:
        raise FaultConnectionDropped(f"{rule.kind} fault")
    if rule.kind == "reset":
        _reset(transport)
        await _wait_disconnect(receive, 1.0)
        return
    # truncate: promise more bytes than are sent, then close.
    body = dump({"message": "this body is cut short by the emulator's truncate fault"})
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body) + 100).encode()),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
    transport.close()
    await _wait_disconnect(receive, 1.0)


def _fault_body(rule: FaultRule) -> tuple[bytes, str | None]:
    message = f"emulated fault: HTTP {rule.status}"
    if rule.body == "json":
        return dump({"message": message}), "application/json"
    if rule.body == "text":
        return message.encode(), "text/plain; charset=utf-8"
    if rule.body == "html":
        html = (
            f"<!DOCTYPE html><html><head><title>{rule.status}</title></head>"
            f"<body><h1>{message}</h1></body></html>"
        )
        return html.encode(), "text/html; charset=utf-8"
    return b"", None


def create_app(state: EmulatorState) -> EmulatorApp:
    """Build the ASGI app serving ``state``."""
    return EmulatorApp(state)

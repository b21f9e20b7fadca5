"""The Starlette app of the Ninox 4 emulator: routes under ``/api/v1/workspace/{workspaceId}``.

Behaviour a client must cope with, as reference/ninox4-public-api.md describes it:

- a missing, wrong or other workspace's key answers ``401`` ``text/plain``
  ``Workspace orchestrator error`` (§5);
- a key without the operation's scope answers ``403`` naming the scope (§5);
- an unknown path answers ``200`` with an HTML page (§6, §9 item 1);
- record writes over 6 MB and CSV files over 50 MB answer ``413`` (§8);
- every other error is JSON ``{"error": {"message": …}}`` (§6).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ._store import ROLE_KEYS, ApiError, Workspace, format_instant, parse_instant

__all__ = ["MAX_CSV_BYTES", "MAX_RECORDS_BYTES", "create_app"]

#: Records POST/PATCH (and upsert) payload limit (reference §8; 10⁶ or 2²⁰ unknown, 10⁶ here).
MAX_RECORDS_BYTES = 6_000_000
#: CSV import file limit (reference §8).
MAX_CSV_BYTES = 50_000_000
#: Page size when ``limit`` is omitted (the API's default is unknown, reference §4).
DEFAULT_LIMIT = 100
HTML_SHELL = "<!DOCTYPE html><html><head><title>Ninox</title></head><body></body></html>"
UNAUTHORIZED = "Workspace orchestrator error"

Handler = Callable[[Request, Workspace], Awaitable[Response]]


def _error(exc: ApiError) -> Response:
    return JSONResponse({"error": {"message": exc.message}}, status_code=exc.status)


def _int_param(request: Request, name: str, default: int, low: int, high: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"'{name}' must be an integer") from None
    if value < low or (high is not None and value > high):
        bounds = f"{low}-{high}" if high is not None else f">= {low}"
        raise ApiError(400, f"'{name}' must be {bounds}")
    return value


def _page(request: Request, items: list[Any]) -> dict[str, Any]:
    """``{data, page_info}`` for one page of ``items`` (reference §4)."""
    offset = _int_param(request, "offset", 0, 0, None)
    limit = _int_param(request, "limit", DEFAULT_LIMIT, 1, 100)
    page = items[offset : offset + limit]
    has_more = offset + limit < len(items)
    return {"data": page, "page_info": {"has_more": has_more, "limit": limit, "offset": offset}}


async def _json_body(request: Request, limit: int | None = None) -> Any:
    body = await request.body()
    if limit is not None and len(body) > limit:
        raise ApiError(413, f"request body exceeds {limit // 1_000_000} MB")
    try:
        return json.loads(body)
    except ValueError:
        raise ApiError(400, "the body is not valid JSON") from None


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ApiError(400, "the body must be a JSON object")
    return value


def _needs_permissions(body: Any) -> bool:
    items = body if isinstance(body, list) else [body]
    return any(isinstance(i, dict) and ROLE_KEYS & set(i) for i in items)


def create_app(workspace: Workspace) -> Starlette:
    """An ASGI app serving one workspace (mount it at the root; paths carry ``/api/v1``).

    Args:
        workspace: The workspace the app serves; requests hold its ``lock`` while they run.

    Returns:
        The Starlette app.
    """

    # Handlers await request bodies while they hold the workspace: the asyncio lock keeps other
    # requests of the event loop out, the workspace's threading lock keeps other threads out.
    serial = asyncio.Lock()

    def endpoint(handler: Handler, scope: str | None = None, roles: bool = False) -> Any:
        async def run(request: Request) -> Response:
            auth = request.headers.get("authorization", "")
            token = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else None
            scopes = workspace.keys.get(token or "")
            if token is None or scopes is None or request.path_params["ws"] != workspace.id:
                # The same text/plain answer for a missing and a wrong key (reference §5).
                return PlainTextResponse(UNAUTHORIZED, status_code=401)
            try:
                if scope is not None and scope not in scopes:
                    raise ApiError(403, f"Insufficient API key scope: requires '{scope}'")
                if roles and "schema:manage-permissions" not in scopes:
                    body = json.loads(await request.body() or b"null")
                    if _needs_permissions(body):
                        raise ApiError(
                            403,
                            "Insufficient API key scope: requires 'schema:manage-permissions'",
                        )
                async with serial:
                    with workspace.lock:
                        return await handler(request, workspace)
            except ApiError as exc:
                return _error(exc)
            except ValueError:
                return _error(ApiError(400, "malformed request"))

        return run

    def p(request: Request, name: str) -> str:
        value: str = request.path_params[name]
        return value

    # ------------------------------------------------------------------ schema

    async def get_workspace(_: Request, ws: Workspace) -> Response:
        return JSONResponse({"data": ws.to_json()})

    async def list_modules(request: Request, ws: Workspace) -> Response:
        return JSONResponse(_page(request, [m.to_json() for m in ws.modules.values()]))

    async def create_module(request: Request, ws: Workspace) -> Response:
        module = ws.create_module(_object(await _json_body(request)))
        return JSONResponse({"data": module.to_json()}, status_code=201)

    async def get_module(request: Request, ws: Workspace) -> Response:
        return JSONResponse({"data": ws.module(p(request, "m")).to_json()})

    async def update_module(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request))
        return JSONResponse({"data": ws.update_module(p(request, "m"), body).to_json()})

    async def delete_module(request: Request, ws: Workspace) -> Response:
        return JSONResponse({"data": {"id": ws.delete_module(p(request, "m"))}})

    async def list_tables(request: Request, ws: Workspace) -> Response:
        tables = ws.module(p(request, "m")).tables.values()
        return JSONResponse(_page(request, [t.to_json() for t in tables]))

    async def create_table(request: Request, ws: Workspace) -> Response:
        table = ws.create_table(p(request, "m"), _object(await _json_body(request)))
        return JSONResponse({"data": table.to_json()}, status_code=201)

    async def get_table(request: Request, ws: Workspace) -> Response:
        return JSONResponse({"data": ws.table(p(request, "m"), p(request, "t")).to_json()})

    async def update_table(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request))
        table = ws.update_table(p(request, "m"), p(request, "t"), body)
        return JSONResponse({"data": table.to_json()})

    async def delete_table(request: Request, ws: Workspace) -> Response:
        return JSONResponse({"data": {"id": ws.delete_table(p(request, "m"), p(request, "t"))}})

    async def list_fields(request: Request, ws: Workspace) -> Response:
        fields = ws.table(p(request, "m"), p(request, "t")).fields.values()
        return JSONResponse(_page(request, [f.to_json() for f in fields]))

    async def create_field(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request))
        (field,) = ws.create_fields(p(request, "m"), p(request, "t"), [body])
        return JSONResponse({"data": field.to_json()}, status_code=201)

    async def create_fields(request: Request, ws: Workspace) -> Response:
        body = await _json_body(request)
        if not isinstance(body, list):
            raise ApiError(400, "the body must be an array of fields")
        fields = ws.create_fields(p(request, "m"), p(request, "t"), body)
        return JSONResponse({"data": [f.to_json() for f in fields]}, status_code=201)

    async def delete_fields(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request))
        fields = ws.delete_fields(p(request, "m"), p(request, "t"), body.get("fieldNames") or [])
        return JSONResponse({"data": [f.to_json() for f in fields]})

    async def get_field(request: Request, ws: Workspace) -> Response:
        field = ws.field(p(request, "m"), p(request, "t"), p(request, "f"))
        return JSONResponse({"data": field.to_json()})

    async def update_field(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request))
        field = ws.update_field(p(request, "m"), p(request, "t"), p(request, "f"), body)
        return JSONResponse({"data": field.to_json()})

    async def delete_field(request: Request, ws: Workspace) -> Response:
        (field,) = ws.delete_fields(p(request, "m"), p(request, "t"), [p(request, "f")])
        return JSONResponse({"data": field.to_json()})

    # ------------------------------------------------------------------ records

    def fields_param(request: Request) -> list[str] | None:
        raw = request.query_params.get("fields")
        return [f.strip() for f in raw.split(",") if f.strip()] if raw else None

    async def list_records(request: Request, ws: Workspace) -> Response:
        rows = ws.list_records(
            p(request, "m"),
            p(request, "t"),
            filter_text=request.query_params.get("filter", request.query_params.get("filters")),
            sort=request.query_params.get("sort"),
            fields=fields_param(request),
        )
        return JSONResponse(_page(request, rows))

    async def get_record(request: Request, ws: Workspace) -> Response:
        table = ws.table(p(request, "m"), p(request, "t"))
        raw = p(request, "id")
        record_id = int(raw) if raw.isdigit() else 0
        if record_id not in table.records:
            raise ApiError(404, f"record-not-found: {raw}")
        fields = fields_param(request)
        for name in fields or []:
            ws.field(p(request, "m"), p(request, "t"), name)
        return JSONResponse({"data": table.row(record_id, fields)})

    async def add_records(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request, MAX_RECORDS_BYTES))
        ids = ws.add_records(p(request, "m"), p(request, "t"), body.get("records"))
        return JSONResponse({"data": {"ids": ids}}, status_code=201)

    async def update_records(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request, MAX_RECORDS_BYTES))
        ids = ws.update_records(p(request, "m"), p(request, "t"), body.get("records"))
        return JSONResponse({"data": {"updatedIds": ids}})

    async def delete_records(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request))
        ids = ws.delete_records(p(request, "m"), p(request, "t"), body.get("records"))
        return JSONResponse({"data": {"deletedIds": ids}})

    async def upsert_records(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request, MAX_RECORDS_BYTES))
        created, updated = ws.upsert_records(
            p(request, "m"), p(request, "t"), body.get("matchField"), body.get("records")
        )
        return JSONResponse({"data": {"createdIds": created, "updatedIds": updated}})

    async def import_csv(request: Request, ws: Workspace) -> Response:
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_CSV_BYTES:
            raise ApiError(413, "the CSV file exceeds 50 MB")
        # The form is closed (its spooled temporary files too) before answering.
        async with request.form() as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ApiError(400, "'file' is required")
            raw = await upload.read()
            if len(raw) > MAX_CSV_BYTES:
                raise ApiError(413, "the CSV file exceeds 50 MB")
            result = _import_csv(ws, p(request, "m"), p(request, "t"), raw, dict(form))
        return JSONResponse({"data": result}, status_code=201)

    # ------------------------------------------------------------------ change feeds

    def window(request: Request, ws: Workspace) -> tuple[Any, Any, str]:
        since_text = request.query_params.get("since")
        if since_text is None:
            raise ApiError(400, "'since' is required")
        since = parse_instant(since_text, "since")
        as_of_text = request.query_params.get("asOf")
        as_of = parse_instant(as_of_text, "asOf") if as_of_text else ws.clock.now()
        return since, as_of, format_instant(as_of)

    async def record_changes(request: Request, ws: Workspace) -> Response:
        since, as_of, as_of_text = window(request, ws)
        changes = ws.record_changes(p(request, "m"), p(request, "t"), since, as_of)
        return JSONResponse({**_page(request, changes), "meta": {"asOf": as_of_text}})

    async def schema_changes(request: Request, ws: Workspace) -> Response:
        since, as_of, as_of_text = window(request, ws)
        changes = ws.schema_changes_between(since, as_of)
        meta = {"asOf": as_of_text, "retentionCutoff": format_instant(ws.retention_cutoff)}
        return JSONResponse({**_page(request, changes), "meta": meta})

    # ------------------------------------------------------------------ scripts, views, reports

    async def exec_script(request: Request, ws: Workspace) -> Response:
        body = _object(await _json_body(request))
        ws.module(str(body.get("moduleName")))
        script = body.get("script")
        if not isinstance(script, str) or not script.strip():
            raise ApiError(400, "'script' is required")
        try:
            # The emulator has no Ninox script interpreter: it evaluates JSON literals only.
            value = json.loads(script)
        except ValueError:
            raise ApiError(
                400, "the emulator runs only literal scripts (numbers, strings, …)"
            ) from None
        return JSONResponse({"data": value})

    async def list_views(request: Request, ws: Workspace) -> Response:
        ws.table(p(request, "m"), p(request, "t"))
        views = [v for v in ws.module(p(request, "m")).views if v.get("table") == p(request, "t")]
        return JSONResponse({"data": views})

    def find(kind: str, ident: str) -> dict[str, Any]:
        for module in workspace.modules.values():
            for item in getattr(module, kind):
                if str(item.get("id")) == ident:
                    found: dict[str, Any] = item
                    return found
        raise ApiError(404, f"{kind[:-1]}-not-found: {ident}")

    async def get_view(request: Request, _: Workspace) -> Response:
        return JSONResponse({"data": find("views", p(request, "id"))})

    async def list_reports(request: Request, ws: Workspace) -> Response:
        ws.table(p(request, "m"), p(request, "t"))
        reports = [
            r for r in ws.module(p(request, "m")).reports if r.get("table") == p(request, "t")
        ]
        return JSONResponse({"data": reports})

    async def get_report(request: Request, _: Workspace) -> Response:
        return JSONResponse({"data": find("reports", p(request, "id"))})

    async def print_report(request: Request, _: Workspace) -> Response:
        report = find("reports", p(request, "id"))
        body = _object(await _json_body(request))
        ids = [body.get("rowId"), *(body.get("rowIds") or [])]
        if ids[0] is None:
            raise ApiError(400, "'rowId' is required")
        if len(ids) > 250:
            raise ApiError(400, "at most 250 records can be printed at once")
        name = f"{report.get('name', 'report')}.pdf"
        url = f"https://emulator.invalid/prints/{report['id']}/{len(ids)}/{name}"
        return JSONResponse({"data": {"fileName": name, "mimeType": "application/pdf", "url": url}})

    async def list_functions(request: Request, ws: Workspace) -> Response:
        return JSONResponse({"data": ws.module(p(request, "m")).functions})

    async def html_shell(_: Request) -> Response:
        # A typo in a path answers the web app with 200 (reference §6, §9 item 1).
        return HTMLResponse(HTML_SHELL)

    W = "/api/v1/workspace/{ws}"
    M = W + "/modules/{m}"
    T = M + "/tables/{t}"
    rw, sw = "records:write", "schema:write"
    routes = [
        Route(W, endpoint(get_workspace), methods=["GET"]),
        Route(W + "/modules", endpoint(list_modules), methods=["GET"]),
        Route(W + "/modules", endpoint(create_module, sw, roles=True), methods=["POST"]),
        Route(M, endpoint(get_module), methods=["GET"]),
        Route(M, endpoint(update_module, sw, roles=True), methods=["PATCH"]),
        Route(M, endpoint(delete_module, sw), methods=["DELETE"]),
        Route(M + "/tables", endpoint(list_tables), methods=["GET"]),
        Route(M + "/tables", endpoint(create_table, sw, roles=True), methods=["POST"]),
        Route(M + "/functions", endpoint(list_functions), methods=["GET"]),
        Route(T, endpoint(get_table), methods=["GET"]),
        Route(T, endpoint(update_table, sw, roles=True), methods=["PATCH"]),
        Route(T, endpoint(delete_table, sw), methods=["DELETE"]),
        Route(T + "/fields", endpoint(list_fields), methods=["GET"]),
        Route(T + "/fields", endpoint(create_field, sw, roles=True), methods=["POST"]),
        Route(T + "/fields/batch", endpoint(create_fields, sw, roles=True), methods=["POST"]),
        Route(T + "/fields/batch", endpoint(delete_fields, sw), methods=["DELETE"]),
        Route(T + "/fields/{f}", endpoint(get_field), methods=["GET"]),
        Route(T + "/fields/{f}", endpoint(update_field, sw, roles=True), methods=["PATCH"]),
        Route(T + "/fields/{f}", endpoint(delete_field, sw), methods=["DELETE"]),
        Route(T + "/records", endpoint(list_records), methods=["GET"]),
        Route(T + "/records", endpoint(add_records, rw), methods=["POST"]),
        Route(T + "/records", endpoint(update_records, rw), methods=["PATCH"]),
        Route(T + "/records", endpoint(delete_records, rw), methods=["DELETE"]),
        Route(T + "/records/import/csv", endpoint(import_csv, rw), methods=["POST"]),
        Route(T + "/records/upsert", endpoint(upsert_records, rw), methods=["POST"]),
        Route(T + "/records/changes", endpoint(record_changes), methods=["GET"]),
        Route(T + "/record/{id}", endpoint(get_record), methods=["GET"]),
        Route(T + "/views", endpoint(list_views), methods=["GET"]),
        Route(T + "/reports", endpoint(list_reports), methods=["GET"]),
        Route(W + "/schema/changes", endpoint(schema_changes), methods=["GET"]),
        Route(W + "/script/exec", endpoint(exec_script, rw), methods=["POST"]),
        Route(W + "/views/{id}", endpoint(get_view), methods=["GET"]),
        Route(W + "/reports/{id}", endpoint(get_report), methods=["GET"]),
        Route(W + "/reports/{id}/print", endpoint(print_report), methods=["POST"]),
        Route(
            "/{path:path}",
            html_shell,
            methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
        ),
    ]
    return Starlette(routes=routes)


def _one_char(form: Any, name: str, default: str) -> str:
    value = str(form.get(name) or default)
    if len(value) != 1 or value in "\r\n":
        raise ApiError(400, f"'{name}' must be one character")
    return value


def _import_csv(ws: Workspace, module: str, table_name: str, raw: bytes, form: Any) -> Any:
    """Apply a CSV file (reference §3.1 row 23); the whole import is checked first."""
    table = ws.table(module, table_name)
    encodings = {
        "utf8": "utf-8-sig",
        "ascii": "ascii",
        "latin1": "latin-1",
        "iso-latin1": "latin-1",
        "utf16": "utf-16",
        "windows-cp1252": "cp1252",
    }
    encoding = encodings.get(str(form.get("encoding", "utf8")))
    mode = str(form.get("importMode", "append"))
    if encoding is None or mode not in {"append", "update", "upsert"}:
        raise ApiError(400, "unsupported 'encoding' or 'importMode'")
    number_format = str(form.get("numberFormat", "us"))
    if number_format not in {"us", "european"}:
        raise ApiError(400, "'numberFormat' must be 'us' or 'european'")
    batch = str(form.get("batchSize", "100"))
    if not re.fullmatch(r"[0-9]{1,3}", batch) or not 10 <= int(batch) <= 200:
        raise ApiError(400, "'batchSize' must be an integer from 10 to 200")
    header_flag = str(form.get("hasHeader", "true")).lower()
    if header_flag not in {"true", "false"}:
        raise ApiError(400, "'hasHeader' must be true or false")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise ApiError(400, "the file does not match its encoding") from None
    quote = _one_char(form, "quoteChar", '"')
    if form.get("delimiter"):
        delimiter = _one_char(form, "delimiter", ",")
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    if delimiter == quote:
        raise ApiError(400, "'delimiter' and 'quoteChar' must differ")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quote))
    except csv.Error as exc:
        raise ApiError(400, f"the file is not valid CSV: {exc}") from None
    header = rows.pop(0) if header_flag == "true" and rows else []
    lookup = {f.lower(): f for f in table.fields}
    mapping: dict[int, str] = {}
    key: str | None = None
    if form.get("mappings"):
        try:
            entries = json.loads(str(form.get("mappings")))
        except ValueError:
            raise ApiError(400, "'mappings' must be JSON") from None
        if not isinstance(entries, list):
            raise ApiError(400, "'mappings' must be a JSON array")
        for entry in entries:
            if not isinstance(entry, dict):
                raise ApiError(400, "every mapping must be an object")
            column, name = entry.get("csvColumnName"), entry.get("fieldName")
            if not isinstance(column, str) or column not in header:
                raise ApiError(400, f"cannot map column {column!r}")
            if not isinstance(name, str) or name not in table.fields:
                raise ApiError(404, f"field-not-found: {name}")
            mapping[header.index(column)] = name
            if entry.get("updatePolicy") == "key":
                key = name
    else:
        # Columns match field names by header, case-insensitively.
        mapping = {i: lookup[h.lower()] for i, h in enumerate(header) if h.lower() in lookup}
    if mode != "append" and key is None:
        raise ApiError(400, f"importMode '{mode}' needs a key mapping")
    planned = []
    for row in rows:
        values: dict[str, Any] = {}
        for index, name in mapping.items():
            cell = row[index] if index < len(row) else ""
            kind = table.fields[name].type
            if cell == "":
                values[name] = None
            elif kind == "number" and number_format == "european":
                values[name] = cell.replace(".", "").replace(",", ".")
            elif kind == "boolean":
                values[name] = cell.lower() in {"true", "1", "yes"}
            elif kind == "multi":
                values[name] = [c.strip() for c in cell.split(",") if c.strip()]
            else:
                values[name] = cell
        planned.append({k: ws.check_value(table, k, v) for k, v in values.items()})
    return ws.import_rows(table, planned, key=key, mode=mode)

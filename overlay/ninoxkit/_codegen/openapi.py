"""An OpenAPI 3.1 document for one database: the classic record operations, typed per table.

For each table: list (``GET …/records``), get (``GET …/records/{recordId}``), create/upsert
(``POST …/records``), update (``PUT …/records/{recordId}``) and delete (``DELETE
…/records/{recordId}``), reference §4.9–§4.14. Each table's ``fields`` object is its own schema
(``ContactsFields``), with one property per stored field (by caption, as Ninox keys them,
§7.1), typed by field type (§7.3) and ``enum`` for choices; formula and reverse-link fields are
left out (the record routes do not carry them, §13). Paths carry the team, database and table
ids literally, so a client generated from the document needs no ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._spec import COMPUTED, FieldSpec, TableSpec, from_tables, identifier

__all__ = ["generate"]

_STRING = {"type": ["string", "null"]}


def _field_schema(field: FieldSpec, enum_ref: str | None) -> dict[str, Any] | None:
    kind = field.type
    if kind in COMPUTED or kind in {"file", "user", "signature"}:
        return None
    if kind == "number":
        return {"type": ["number", "null"]}
    if kind == "boolean":
        return {"type": ["boolean", "null"]}
    if kind == "ref":
        return {"type": ["integer", "null"], "description": "Id of the linked record."}
    if kind == "date":
        return {"type": ["string", "null"], "format": "date"}
    if kind in {"timestamp", "datetime"}:
        # Ninox writes UTC without a zone suffix (§7.1/§7.3): not RFC 3339 date-time.
        return {"type": ["string", "null"], "description": "UTC, YYYY-MM-DDThh:mm:ss"}
    if kind == "choice" and enum_ref is not None:
        return {"anyOf": [{"$ref": enum_ref}, {"type": "null"}]}
    if kind == "multi":
        items: dict[str, Any] = {"$ref": enum_ref} if enum_ref else {"type": "string"}
        return {"type": ["array", "null"], "items": items}
    return dict(_STRING)


def _params(*names: str) -> list[dict[str, Any]]:
    return [{"$ref": f"#/components/parameters/{n}"} for n in names]


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def generate(
    tables: Iterable[Any],
    *,
    team_id: str,
    database_id: str,
    server: str = "https://api.ninox.com/v1",
    title: str = "",
) -> dict[str, Any]:
    """The OpenAPI document (a JSON-ready dict).

    Args:
        tables: ``listTables`` JSON, the generated ``Table`` models, or :class:`TableSpec`.
        team_id: Team id, written into every path.
        database_id: Database id, written into every path.
        server: The API root (``…/v1``).
        title: ``info.title``; default names the database.
    """
    specs = [t if isinstance(t, TableSpec) else from_tables([t])[0] for t in tables]
    schemas: dict[str, Any] = {
        "Error": {
            "type": "object",
            "properties": {"message": {"type": "string"}},
            "additionalProperties": True,
        }
    }
    paths: dict[str, Any] = {}
    taken: set[str] = {"Error"}
    error = {"$ref": "#/components/responses/Error"}
    # 4XX: what Ninox answers a bad request, a wrong key or an unknown id with (§8); default:
    # everything else (5xx).
    errors = {"4XX": error, "default": error}
    tags: list[dict[str, str]] = []
    for t in specs:
        base = identifier(t.name, style="pascal", taken=taken)
        for suffix in ("Fields", "Record", "Write", "Update"):
            taken.add(base + suffix)
        props: dict[str, Any] = {}
        for f in t.fields:
            enum_ref = None
            if f.type in {"choice", "multi"} and f.choices:
                enum_name = identifier(f"{base} {f.name}", style="pascal", taken=taken)
                schemas[enum_name] = {"type": "string", "enum": list(f.choices)}
                enum_ref = f"#/components/schemas/{enum_name}"
            schema = _field_schema(f, enum_ref)
            if schema is not None:
                schema = {**schema, "title": f.name} if "$ref" not in schema else schema
                props[f.name] = schema
        ref = "#/components/schemas/"
        schemas[base + "Fields"] = {
            "type": "object",
            "description": f"Fields of table {t.name!r} (id {t.id}), keyed by caption.",
            "properties": props,
        }
        schemas[base + "Record"] = {
            "type": "object",
            "required": ["id", "fields"],
            "properties": {
                "id": {"type": "integer"},
                "sequence": {"type": "integer"},
                "createdAt": {"type": "string"},
                "createdBy": {"type": "string"},
                "modifiedAt": {"type": "string"},
                "modifiedBy": {"type": "string"},
                "fields": {"$ref": ref + base + "Fields"},
            },
        }
        schemas[base + "Write"] = {
            "type": "object",
            "required": ["fields"],
            "properties": {
                "id": {"type": "integer", "description": "Update this record (create without)."},
                "_upsert": {"type": "boolean", "description": "Create it if the id is unknown."},
                "fields": {"$ref": ref + base + "Fields"},
            },
        }
        schemas[base + "Update"] = {
            "type": "object",
            "required": ["fields"],
            "properties": {"fields": {"$ref": ref + base + "Fields"}},
        }
        prefix = f"/teams/{team_id}/databases/{database_id}/tables/{t.id}/records"
        snake = identifier(t.name, style="snake", taken=set())
        record = {"$ref": ref + base + "Record"}
        tags.append({"name": t.name, "description": f"Records of table {t.name!r} (id {t.id})."})
        paths[prefix] = {
            "get": {
                "operationId": f"list_{snake}",
                "summary": f"List records of {t.name}",
                "description": f"One page of {t.name}'s records, in ascending id order.",
                "tags": [t.name],
                "parameters": _params("page", "perPage"),
                "responses": {
                    "200": _json({"type": "array", "items": record}, "Records."),
                    **errors,
                },
            },
            "post": {
                "operationId": f"save_{snake}",
                "summary": f"Create or update (upsert) records of {t.name}",
                "description": "Each item without an id creates a record; with one, updates it.",
                "tags": [t.name],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"$ref": ref + base + "Write"}}
                        }
                    },
                },
                "responses": {
                    "200": _json({"type": "array", "items": record}, "The saved records."),
                    **errors,
                },
            },
        }
        paths[prefix + "/{recordId}"] = {
            "parameters": _params("recordId"),
            "get": {
                "operationId": f"get_{snake}",
                "summary": f"Get one record of {t.name}",
                "description": f"The record of {t.name} with this id (404 if there is none).",
                "tags": [t.name],
                "responses": {"200": _json(record, "The record."), **errors},
            },
            "put": {
                "operationId": f"update_{snake}",
                "summary": f"Change fields of one record of {t.name}",
                "description": "Writes the given fields; fields left out keep their values.",
                "tags": [t.name],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": ref + base + "Update"}}},
                },
                "responses": {"200": _json(record, "The updated record."), **errors},
            },
            "delete": {
                "operationId": f"delete_{snake}",
                "summary": f"Delete one record of {t.name}",
                "description": f"Deletes the record of {t.name} with this id.",
                "tags": [t.name],
                "responses": {"200": {"description": "Deleted."}, **errors},
            },
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title or f"Ninox database {database_id}",
            "version": "1",
            "description": "Record operations of one Ninox database; written by ninoxkit codegen.",
        },
        "servers": [{"url": server}],
        "security": [{"bearer": []}],
        "tags": tags,
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
                "page": {
                    "name": "page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 0},
                    "description": "0-based page (§4.9).",
                },
                "perPage": {
                    "name": "perPage",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1},
                },
                "recordId": {
                    "name": "recordId",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                },
            },
            "responses": {"Error": _json({"$ref": "#/components/schemas/Error"}, "An error.")},
            "schemas": schemas,
        },
    }

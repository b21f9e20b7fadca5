"""Typed Python models from a database's schema, and a check of such a module against it.

``generate(tables)`` writes one module: a frozen, keyword-only dataclass per table with one
attribute per stored field, typed by the field's Ninox type:

==================================  ===============================================
Ninox type                          attribute type (all ``… | None``: empty fields)
==================================  ===============================================
string, email, phone, link, html,   ``str``
color, icon
number                              ``float`` (JSON numbers are doubles; one type
                                    for every number field, so no int/float guess)
boolean                             ``bool``
date                                ``datetime.date``
timestamp / datetime                aware ``datetime.datetime`` (UTC)
time / timeinterval                 ``datetime.time`` / ``datetime.timedelta``
appointment / location              ``ninoxkit.Appointment`` / ``ninoxkit.Location``
choice                              ``Literal["Lead", "Customer", …]`` (captions)
multi                               ``tuple[Literal[…], ...]``
ref (a link)                        ``Link[Model]`` of the linked table's model: the
                                    linked record's id, and ``fetch(db)`` to read it
                                    (a link to a table not modelled: ``int``, the id)
fn (formula), rev (reverse link)    left out: the record routes do not carry them
file, user, anything else           left out (no stable JSON form, reference §7.3)
==================================  ===============================================

Each class has ``from_record(record)`` (raw or ``convert=True`` records), ``to_fields()`` (the
mapping ``Table.create``/``update`` take, by caption, with ``convert=True``), ``link(id)`` (a
typed link to one of its records, for another model's link field), the table's id and caption,
and the embedded schema the module was made from. The output is deterministic: the
same schema gives the same bytes. ``check(module_text, tables)`` lists what changed since.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._spec import COMPUTED, FieldSpec, TableSpec, fingerprint, from_tables, identifier, spec_json

__all__ = ["Change", "check", "embedded_schema", "generate", "python_type"]

_TEXT = {"string", "text", "email", "phone", "link", "url", "html", "color", "icon"}
_SIMPLE = {
    "number": "float",
    "boolean": "bool",
    "date": "datetime.date",
    "timestamp": "datetime.datetime",
    "datetime": "datetime.datetime",
    "time": "datetime.time",
    "timeinterval": "datetime.timedelta",
    "appointment": "Appointment",
    "location": "Location",
    "ref": "int",  # a link to a table the module does not model; else Link[Model] (_annotation)
}


def python_type(field: FieldSpec) -> str | None:
    """The annotation (without ``| None``) for a field, or ``None`` when it is left out."""
    if field.type in COMPUTED:
        return None
    if field.type in _TEXT:
        return "str"
    if field.type == "choice":
        return _literal(field.choices) if field.choices else "str"
    if field.type == "multi":
        return f"tuple[{_literal(field.choices) if field.choices else 'str'}, ...]"
    return _SIMPLE.get(field.type)


def _literal(choices: Sequence[str]) -> str:
    return "Literal[" + ", ".join(json.dumps(c, ensure_ascii=False) for c in choices) + "]"


def _names(tables: Sequence[TableSpec]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    taken_classes: set[str] = set()
    classes = {t.id: identifier(t.name, style="pascal", taken=taken_classes) for t in tables}
    attrs_: dict[str, dict[str, str]] = {}
    for t in tables:
        taken = {"id", "TABLE_ID", "TABLE_NAME", "FIELDS"}
        attrs_[t.id] = {
            f.id: identifier(f.name, style="snake", taken=taken)
            for f in t.fields
            if python_type(f) is not None
        }
    return classes, attrs_


def generate(tables: Iterable[Any], *, database: str = "") -> str:
    """The module text for these tables (``listTables`` JSON, models, or :class:`TableSpec`).

    Args:
        tables: The tables to model (all of a database, or a selection).
        database: A label for the header comment (e.g. the database id).

    Returns:
        Python source; ``mypy --strict`` clean.
    """
    specs = [t if isinstance(t, TableSpec) else from_tables([t])[0] for t in tables]
    classes, attr_names = _names(specs)
    schema = spec_json(specs)
    out: list[str] = [
        f'"""Typed models for Ninox database {database or "…"}; written by ninoxkit codegen.',
        "",
        "Do not edit: regenerate with ``ninoxkit codegen python``; check with ``--check``.",
        '"""',
        "",
        "# ruff: noqa",
        "from __future__ import annotations",
        "",
        "import dataclasses",
        "import datetime",
        "from collections.abc import Mapping",
        "from typing import Any, ClassVar, Literal",
        "",
        "from ninoxkit import Appointment, Location",
        "from ninoxkit._codegen._runtime import Link, decoded_fields, link, number",
        "from ninoxkit.types import Record",
        "",
        "__all__ = ["
        + ", ".join(json.dumps(classes[t.id]) for t in sorted(specs, key=lambda t: classes[t.id]))
        + "]",
        "",
        "#: The schema this module was generated from (``ninoxkit codegen python --check``).",
        "SCHEMA: list[dict[str, Any]] = " + json.dumps(schema, ensure_ascii=False, indent=None),
        f'SCHEMA_FINGERPRINT = "{fingerprint(specs)}"',
        "",
        "# Appointment, Location, Literal and links are used by some schemas only.",
        "_ = (Appointment, Location, Literal, Link, link)",
    ]
    for t in specs:
        out += ["", "", *_class(t, classes, attr_names[t.id])]
    text = "\n".join(out) + "\n"
    # A multi field's list becomes a tuple (the dataclasses are frozen).
    return text + (_TUPLE_HELPER if "_tuple(" in text else "")


def _class(t: TableSpec, classes: Mapping[str, str], names: Mapping[str, str]) -> list[str]:
    cls = classes[t.id]
    fields = [f for f in t.fields if f.id in names]
    types = {f.name: f.type for f in fields}
    choices = {
        f.name: dict(zip(f.choice_ids or f.choices, f.choices, strict=True))
        for f in fields
        if f.choices
    }
    lines = [
        "@dataclasses.dataclass(frozen=True, kw_only=True)",
        f"class {cls}:",
        f'    """Table {json.dumps(t.name, ensure_ascii=False)} (id {t.id}).',
        "",
        "    Build with keywords; every field may be ``None`` (empty). ``id`` is ``None`` for a",
        "    record not yet created.",
        '    """',
        "",
        f"    TABLE_ID: ClassVar[str] = {json.dumps(t.id)}",
        f"    TABLE_NAME: ClassVar[str] = {json.dumps(t.name, ensure_ascii=False)}",
        "    #: attribute → (field id, field caption, Ninox type)",
        "    FIELDS: ClassVar[Mapping[str, tuple[str, str, str]]] = {",
    ]
    for f in fields:
        lines.append(
            f"        {json.dumps(names[f.id])}: ({json.dumps(f.id)}, "
            f"{json.dumps(f.name, ensure_ascii=False)}, {json.dumps(f.type)}),"
        )
    lines += [
        "    }",
        f"    _TYPES: ClassVar[Mapping[str, str]] = {json.dumps(types, ensure_ascii=False)}",
        "    _CHOICES: ClassVar[Mapping[str, Mapping[str, str]]] = "
        + json.dumps(choices, ensure_ascii=False),
        "",
        "    id: int | None = None",
    ]
    for f in fields:
        lines.append(f"    {names[f.id]}: {_annotation(f, classes)} | None = None")
    lines += [
        "",
        "    @classmethod",
        f"    def from_record(cls, record: Record) -> {cls}:",
        '        """From a record of this table (read with or without ``convert=True``)."""',
        "        v = decoded_fields(record, cls._TYPES, cls._CHOICES)",
        "        return cls(",
        "            id=record.id,",
    ]
    for f in fields:
        getter = f"v.get({json.dumps(f.name, ensure_ascii=False)})"
        if f.type == "number":
            getter = f"number({getter})"
        elif f.type == "multi":
            getter = f"_tuple({getter})"
        elif linked := _linked(f, classes):
            getter = f"link({linked}, {getter})"
        lines.append(f"            {names[f.id]}={getter},")
    lines += [
        "        )",
        "",
        "    def to_fields(self, *, include_empty: bool = False) -> dict[str, Any]:",
        '        """Field caption → value, for ``Table.create/update(..., convert=True)``.',
        "",
        "        Empty (``None``) attributes are left out unless ``include_empty`` (then",
        "        they clear the field on update).",
        '        """',
        "        out: dict[str, Any] = {}",
    ]
    for f in fields:
        value = f"self.{names[f.id]}"
        if f.type == "multi":
            value = f"None if {value} is None else list({value})"
        elif _linked(f, classes):
            value = f"None if {value} is None else {value}.id"
        lines += [
            f"        if include_empty or self.{names[f.id]} is not None:",
            f"            out[{json.dumps(f.name, ensure_ascii=False)}] = {value}",
        ]
    lines += [
        "        return out",
        "",
        "    @classmethod",
        f"    def link(cls, record_id: int) -> Link[{cls}]:",
        '        """A link to the record ``record_id`` of this table, for a link field."""',
        "        return Link(cls, record_id)",
    ]
    return lines


def _linked(field: FieldSpec, classes: Mapping[str, str]) -> str | None:
    """The model class a link field points at, if the module models that table."""
    return classes.get(field.ref) if field.type == "ref" and field.ref else None


def _annotation(field: FieldSpec, classes: Mapping[str, str]) -> str | None:
    """The attribute's annotation: a link to a modelled table is ``Link[ThatModel]``."""
    linked = _linked(field, classes)
    return f"Link[{linked}]" if linked else python_type(field)


_TUPLE_HELPER = """


def _tuple(value: Any) -> Any:
    return None if value is None else tuple(value)
"""


@attrs.frozen
class Change:
    """One difference between a generated module's schema and the live one."""

    #: "table added", "table removed", "table renamed", "added", "removed", "renamed", "retyped",
    #: "choices changed"
    kind: str
    table: str
    field: str = ""
    detail: str = ""

    def __str__(self) -> str:
        where = f"{self.table}.{self.field}" if self.field else self.table
        return f"{self.kind}: {where}" + (f" ({self.detail})" if self.detail else "")


def embedded_schema(module_text: str) -> list[dict[str, Any]]:
    """The ``SCHEMA`` literal of a generated module, read without running it.

    Raises:
        ValueError: the text holds no ``SCHEMA`` assignment.
    """
    for node in ast.parse(module_text).body:
        if (
            isinstance(node, ast.AnnAssign | ast.Assign)
            and node.value is not None
            and any(
                isinstance(t, ast.Name) and t.id == "SCHEMA"
                for t in ([node.target] if isinstance(node, ast.AnnAssign) else node.targets)
            )
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, list):
                return value
    raise ValueError("not a module written by ninoxkit codegen python (no SCHEMA)")


def check(module_text: str, tables: Iterable[Any], *, new_tables: bool = False) -> list[Change]:
    """What changed between the schema a generated module embeds and ``tables`` (the live one).

    The tables the module models are compared; with ``new_tables`` a live table the module
    does not model is reported too (for a module made from the whole database). Tables and
    fields are matched by id, so a renamed one is reported as renamed, not removed and added.

    Returns:
        The changes; empty when the module is up to date.
    """
    old = {t["id"]: t for t in embedded_schema(module_text)}
    live = {
        t["id"]: t
        for t in spec_json(t if isinstance(t, TableSpec) else from_tables([t])[0] for t in tables)
    }
    changes: list[Change] = []
    for tid, table in old.items():
        now = live.get(tid)
        if now is None:
            changes.append(Change("table removed", table["name"]))
            continue
        if now["name"] != table["name"]:
            changes.append(Change("table renamed", table["name"], detail=f"now {now['name']!r}"))
        before = {f["id"]: f for f in table["fields"]}
        after = {f["id"]: f for f in now["fields"]}
        for fid, f in before.items():
            g = after.get(fid)
            if g is None:
                changes.append(Change("removed", table["name"], f["name"]))
                continue
            if g["name"] != f["name"]:
                changes.append(Change("renamed", table["name"], f["name"], f"now {g['name']!r}"))
            if g["type"] != f["type"]:
                changes.append(
                    Change("retyped", table["name"], f["name"], f"{f['type']} -> {g['type']}")
                )
            if g.get("choices", []) != f.get("choices", []):
                gone = [c for c in f.get("choices", []) if c not in g.get("choices", [])]
                new = [c for c in g.get("choices", []) if c not in f.get("choices", [])]
                detail = ", ".join(
                    part
                    for part in (
                        f"added {new}" if new else "",
                        f"removed {gone}" if gone else "",
                        "reordered" if not new and not gone else "",
                    )
                    if part
                )
                changes.append(Change("choices changed", table["name"], f["name"], detail))
            if g.get("ref") != f.get("ref"):
                changes.append(
                    Change(
                        "retyped",
                        table["name"],
                        f["name"],
                        f"link {f.get('ref')} -> {g.get('ref')}",
                    )
                )
        for fid, g in after.items():
            if fid not in before:
                changes.append(Change("added", table["name"], g["name"], g["type"]))
    if new_tables:
        changes += [Change("table added", t["name"]) for tid, t in live.items() if tid not in old]
    return changes

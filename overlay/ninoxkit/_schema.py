"""A database's tables and fields, resolved by id or caption (no I/O; shared by both twins).

Built from ``listTables`` (reference §4.7) or the database schema (§4.4/§7.4). Ninox accepts
table names in paths in practice (§7.2), but a typo there is a 404 with no hint; resolving names
here first turns it into an error that lists the close matches before anything is sent.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from ._exceptions import UnknownNameError
from ._values import FieldValueError, decode_fields, encode_fields

__all__ = ["FieldInfo", "Schema", "TableInfo", "resolve_name"]


@attrs.frozen
class FieldInfo:
    """One field: id, caption, Ninox type and, for choice fields, option id → caption.

    Link fields (reference §13) have type ``ref`` with the target table's id in ``ref``;
    reverse links have type ``rev`` with the link field they mirror in ``reverse_field``;
    formula fields have type ``fn`` with their NX code in ``formula`` (their values are not
    returned by the record routes: read them with :meth:`AsyncTable.formula_values`).

    Attributes:
        id: The field's id (``"A"``, ``"B"``…), the key Ninox writes records with.
        name: The field's caption.
        type: Ninox's field type (``string``, ``number``, ``date``, ``choice``, ``ref``…).
        choices: Option id → caption, for ``choice`` and ``multi`` fields.
        ref: The linked table's id, for a link field (``ref``).
        reverse_field: The link field a reverse link (``rev``) mirrors.
        formula: The NX code of a formula field (``fn``).
    """

    id: str
    name: str
    type: str
    choices: Mapping[str, str] = attrs.field(factory=dict)
    ref: str | None = None
    reverse_field: str | None = None
    formula: str | None = None


@attrs.frozen(slots=False)  # slots off: the conversion maps are cached per table
class TableInfo:
    """One table and its fields (keyed by field id, in Ninox's order).

    Attributes:
        id: The table's id (``"A"``, ``"B"``…).
        name: The table's caption.
        fields: Field id → :class:`FieldInfo`, in Ninox's order.
    """

    id: str
    name: str
    fields: Mapping[str, FieldInfo] = attrs.field(factory=dict)

    def field(self, name_or_id: str) -> FieldInfo:
        """The field with this id or caption.

        Args:
            name_or_id: A field id, or a caption (exact, or unique case-insensitively).

        Raises:
            UnknownNameError: no such field, or the name is ambiguous; lists the close matches.
        """
        key = resolve_name(
            name_or_id,
            ((f.id, f.name) for f in self.fields.values()),
            what=f"field of table {self.name!r}",
        )
        return self.fields[key]

    def types_by_name(self) -> dict[str, str]:
        """Field caption and id → type, for value conversion."""
        out = {f.name: f.type for f in self.fields.values()}
        out.update({f.id: f.type for f in self.fields.values()})
        return out

    def choices_by_name(self) -> dict[str, Mapping[str, str]]:
        """Field caption and id → options, for choice and multi fields."""
        out: dict[str, Mapping[str, str]] = {}
        for f in self.fields.values():
            if f.choices:
                out[f.name] = f.choices
                out[f.id] = f.choices
        return out

    def encode(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Encode a record's fields by this table's types, checking every name and value.

        A key must name a field (id or caption; a unique case-insensitive caption is written
        with its exact caption), so a typo is refused instead of being sent unconverted.

        Args:
            fields: Field id or caption → Python value.

        Returns:
            Field caption → the value in Ninox's JSON form.

        Raises:
            UnknownNameError: a key names no field; lists the close matches.
            FieldValueError: a value cannot be written to its field.
        """
        named: dict[str, Any] = {}
        for key, value in fields.items():
            if not isinstance(key, str) or not key:
                raise FieldValueError(f"field names must be non-empty strings, got {key!r}")
            field = self.field(key)
            named[key if key in (field.id, field.name) else field.name] = value
        return encode_fields(named, self._types, self._choices)

    def decode(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Decode a record's fields (as Ninox sent them) by this table's types.

        Args:
            fields: A record's ``fields`` as Ninox sent them (keyed by caption or id).

        Returns:
            The same keys with Python values, converted by each field's type.

        Raises:
            FieldValueError: a value does not fit its field's type.
        """
        return decode_fields(fields, self._types, self._choices)

    @functools.cached_property
    def _types(self) -> dict[str, str]:
        return self.types_by_name()

    @functools.cached_property
    def _choices(self) -> dict[str, Mapping[str, str]]:
        return self.choices_by_name()


@attrs.frozen
class Schema:
    """The tables of one database, with lookups by id or caption.

    Attributes:
        tables: Table id → :class:`TableInfo`, in Ninox's order.
    """

    tables: Mapping[str, TableInfo]

    def __iter__(self) -> Iterator[TableInfo]:
        return iter(self.tables.values())

    def table(self, name_or_id: str) -> TableInfo:
        """The table with this id or caption.

        Args:
            name_or_id: A table id, or a caption (exact, or unique case-insensitively).

        Raises:
            UnknownNameError: no such table, or the name is ambiguous; lists the close matches.
        """
        key = resolve_name(name_or_id, ((t.id, t.name) for t in self.tables.values()), "table")
        return self.tables[key]

    @classmethod
    def from_tables(cls, tables: Iterable[Mapping[str, Any]]) -> Schema:
        """Build from ``listTables`` JSON: ``[{id, name, fields: [{id, name, type, choices}]}]``."""
        out: dict[str, TableInfo] = {}
        for table in tables:
            fields: dict[str, FieldInfo] = {}
            for f in table.get("fields") or []:
                choices = {
                    str(c["id"]): str(c.get("caption", c["id"])) for c in f.get("choices") or []
                }
                fid = str(f["id"])
                fields[fid] = FieldInfo(
                    fid, str(f.get("name", fid)), str(f.get("type", "")), choices, **_links(f)
                )
            tid = str(table["id"])
            out[tid] = TableInfo(tid, str(table.get("name", tid)), fields)
        return cls(out)

    @classmethod
    def from_database(cls, database: Mapping[str, Any]) -> Schema:
        """Build from ``getDatabase`` JSON: ``{settings, schema: {types}}`` or bare (§4.4)."""
        schema = database.get("schema", database)
        types = schema.get("types") or {}
        out: dict[str, TableInfo] = {}
        for tid, table in types.items():
            fields: dict[str, FieldInfo] = {}
            for fid, f in (table.get("fields") or {}).items():
                values = f.get("values") or {}
                choices = {str(k): str(v.get("caption", k)) for k, v in values.items()}
                fields[fid] = FieldInfo(
                    fid, str(f.get("caption", fid)), str(f.get("base", "")), choices, **_links(f)
                )
            out[tid] = TableInfo(tid, str(table.get("caption", tid)), fields)
        return cls(out)


def _links(field: Mapping[str, Any]) -> dict[str, str | None]:
    """The link target, mirrored link field and formula code of a field's JSON (§13: ``ref``
    and ``reverseField``; GO guessed ``refTypeId``, §7.4; ``fn`` holds a formula's code)."""

    def text(*keys: str) -> str | None:
        for key in keys:
            value = field.get(key)
            if isinstance(value, str) and value:
                return value
        return None

    return {
        "ref": text("ref", "refTypeId"),
        "reverse_field": text("reverseField"),
        "formula": text("fn"),
    }


def resolve_name(wanted: str, candidates: Iterable[tuple[str, str]], what: str) -> str:
    """Find the id among ``(id, caption)`` pairs that ``wanted`` names.

    An exact id wins, then an exact caption, then a unique case-insensitive caption.

    Raises:
        UnknownNameError: nothing or more than one thing matches; the message lists close matches.
    """
    pairs = list(candidates)
    for id_, _ in pairs:
        if id_ == wanted:
            return id_
    exact = [id_ for id_, caption in pairs if caption == wanted]
    if len(exact) == 1:
        return exact[0]
    folded = [id_ for id_, caption in pairs if caption.casefold() == wanted.casefold()]
    if len(folded) == 1 and not exact:
        return folded[0]
    names = [caption for _, caption in pairs]
    if len(exact) > 1 or len(folded) > 1:
        ids = exact or folded
        raise UnknownNameError(
            f"{what} {wanted!r} is ambiguous: ids {', '.join(ids)} all have that name; use an id",
            candidates=ids,
        )
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    known = f" (known: {', '.join(repr(n) for n in names[:20])})" if names and not close else ""
    raise UnknownNameError(f"no {what} named {wanted!r}{hint}{known}", candidates=close)

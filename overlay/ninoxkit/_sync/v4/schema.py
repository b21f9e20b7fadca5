# Written by scripts/unasync.py from overlay/ninoxkit/_async/v4/schema.py.
# Do not edit: edit the source and re-run the script.
"""Ninox 4 schema resources: the workspace, modules, tables and fields (addressed by name)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ninox4_api.api.fields import (
    create_field,
    create_fields_batch,
    delete_field,
    delete_fields_batch,
    get_field,
    list_fields,
    update_field,
)
from ninox4_api.api.modules import (
    create_module,
    delete_module,
    get_module,
    list_modules,
    update_module,
)
from ninox4_api.api.tables import create_table, delete_table, get_table, list_tables, update_table
from ninox4_api.api.workspace import get_workspace

from ninoxkit._exceptions import InvalidArgumentError
from ninoxkit._sync.v4._base import Base4, Pager4, RawBody, check_name

__all__ = ["Fields4", "Modules4", "Tables4", "Workspace4"]

Json = dict[str, Any]
#: ``list`` is also a method name of the resources below.
_List = list


def _body(kind: str, data: object) -> Json:
    if not isinstance(data, Mapping):
        raise InvalidArgumentError(f"{kind} must be a mapping, got {type(data).__name__}")
    return dict(data)


class Workspace4(Base4):
    """The workspace root (``client.workspace``)."""

    def get(self) -> Json:
        """The workspace's name and modules, with their tables and fields embedded.

        Returns:
            The ``data`` object, e.g. ``{"name": "Acme", "modules": [...]}``.
        """
        data: Json = self._data(get_workspace)
        return data


class Modules4(Pager4):
    """Modules of the workspace (``client.modules``)."""

    def list(self) -> _List[Json]:
        """Every module (paged through ``has_more`` where the server pages the list, §4)."""
        return [m for m in self._paged(list_modules)]

    def get(self, *, module: str) -> Json:
        """One module, with its tables."""
        data: Json = self._data(get_module, check_name("module", module))
        return data

    def create(self, definition: Mapping[str, Any]) -> Json:
        """Create a module from a ``CreateModuleBody`` mapping (``name`` required)."""
        data: Json = self._data(create_module, body=_body("definition", definition))
        return data

    def update(self, changes: Mapping[str, Any], *, module: str) -> Json:
        """Change a module (``UpdateModuleBody``; ``name`` renames it)."""
        data: Json = self._data(
            update_module,
            check_name("module", module),
            body=_body("changes", changes),
            idempotent=True,  # the same PATCH twice leaves the same module
        )
        return data

    def delete(self, *, module: str) -> Json:
        """Delete a module with its tables; returns ``{"id": ...}``."""
        data: Json = self._data(delete_module, check_name("module", module), idempotent=False)
        return data


class Tables4(Pager4):
    """Tables of a module (``client.tables``)."""

    def list(self, *, module: str) -> _List[Json]:
        """Every table of ``module``, with its fields."""
        return [t for t in self._paged(list_tables, check_name("module", module))]

    def get(self, *, module: str, table: str) -> Json:
        """One table, with its fields."""
        data: Json = self._data(get_table, check_name("module", module), check_name("table", table))
        return data

    def create(self, definition: Mapping[str, Any], *, module: str) -> Json:
        """Create a table (``CreateTableBody``: ``name`` and ``labels`` required)."""
        data: Json = self._data(
            create_table, check_name("module", module), body=_body("definition", definition)
        )
        return data

    def update(self, changes: Mapping[str, Any], *, module: str, table: str) -> Json:
        """Change a table (``UpdateTableBody``)."""
        data: Json = self._data(
            update_table,
            check_name("module", module),
            check_name("table", table),
            body=_body("changes", changes),
            idempotent=True,
        )
        return data

    def delete(self, *, module: str, table: str) -> Json:
        """Delete a table; returns ``{"id": ...}``."""
        data: Json = self._data(
            delete_table,
            check_name("module", module),
            check_name("table", table),
            idempotent=False,
        )
        return data


class Fields4(Pager4):
    """Fields of a table (``client.fields``); a field is its name (no field ids)."""

    def list(self, *, module: str, table: str) -> _List[Json]:
        """Every field of the table."""
        path = (check_name("module", module), check_name("table", table))
        return [f for f in self._paged(list_fields, *path)]

    def get(self, *, module: str, table: str, field: str) -> Json:
        """One field."""
        data: Json = self._data(
            get_field,
            check_name("module", module),
            check_name("table", table),
            check_name("field", field),
        )
        return data

    def create(self, definition: Mapping[str, Any], *, module: str, table: str) -> Json:
        """Create one field (``CreateFieldBody``); the answer may carry ``expressionErrors``."""
        data: Json = self._data(
            create_field,
            check_name("module", module),
            check_name("table", table),
            body=_body("definition", definition),
        )
        return data

    def create_many(
        self, fields: Iterable[Mapping[str, Any]], *, module: str, table: str
    ) -> _List[Json]:
        """Create several fields in one transaction (all or none, reference ninox4 §8)."""
        items = [RawBody(_body("field", f)) for f in fields]
        if not items:
            raise InvalidArgumentError("create_many needs at least one field")
        data: _List[Json] = self._data(
            create_fields_batch,
            check_name("module", module),
            check_name("table", table),
            body=items,
        )
        return data

    def update(self, changes: Mapping[str, Any], *, module: str, table: str, field: str) -> Json:
        """Change a field (``UpdateFieldBody``: no ``type``, ``variant`` or ``refTableName``)."""
        data: Json = self._data(
            update_field,
            check_name("module", module),
            check_name("table", table),
            check_name("field", field),
            body=_body("changes", changes),
            idempotent=True,
        )
        return data

    def delete(self, *, module: str, table: str, field: str) -> Json:
        """Delete one field; returns the deleted field."""
        data: Json = self._data(
            delete_field,
            check_name("module", module),
            check_name("table", table),
            check_name("field", field),
            idempotent=False,
        )
        return data

    def delete_many(self, *, module: str, table: str, fields: Iterable[str]) -> _List[Json]:
        """Delete several fields in one transaction (a reference takes its reverse along)."""
        names = [check_name("field", f) for f in fields]
        if not names:
            raise InvalidArgumentError("delete_many needs at least one field name")
        data: _List[Json] = self._data(
            delete_fields_batch,
            check_name("module", module),
            check_name("table", table),
            body={"fieldNames": names},
            idempotent=False,
        )
        return data

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

from ninoxkit._async.v4._base import AsyncBase4, AsyncPager4, RawBody, check_name
from ninoxkit._exceptions import InvalidArgumentError

__all__ = ["AsyncFields4", "AsyncModules4", "AsyncTables4", "AsyncWorkspace4"]

Json = dict[str, Any]
#: ``list`` is also a method name of the resources below.
_List = list


def _body(kind: str, data: object) -> Json:
    if not isinstance(data, Mapping):
        raise InvalidArgumentError(f"{kind} must be a mapping, got {type(data).__name__}")
    return dict(data)


class AsyncWorkspace4(AsyncBase4):
    """The workspace root (``client.workspace``)."""

    async def get(self) -> Json:
        """The workspace's name and modules, with their tables and fields embedded.

        Returns:
            The ``data`` object, e.g. ``{"name": "Acme", "modules": [...]}``.
        """
        data: Json = await self._data(get_workspace)
        return data


class AsyncModules4(AsyncPager4):
    """Modules of the workspace (``client.modules``)."""

    async def list(self) -> _List[Json]:
        """Every module (paged through ``has_more`` where the server pages the list, §4)."""
        return [m async for m in self._paged(list_modules)]

    async def get(self, *, module: str) -> Json:
        """One module, with its tables.

        Args:
            module: The module's machine name.

        Returns:
            The module object (``name``, its settings and ``tables``).

        Raises:
            InvalidArgumentError: ``module`` is not a machine name (nothing is sent).
            NotFoundError: no such module.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(get_module, check_name("module", module))
        return data

    async def create(self, definition: Mapping[str, Any]) -> Json:
        """Create a module from a ``CreateModuleBody`` mapping (``name`` required).

        Args:
            definition: The ``CreateModuleBody``, e.g. ``{"name": "crm"}``; sent as given.

        Returns:
            The new module object.

        Raises:
            InvalidArgumentError: ``definition`` is not a mapping (nothing is sent).
            BadRequestError: Ninox refused the body (e.g. the name exists).
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(create_module, body=_body("definition", definition))
        return data

    async def update(self, changes: Mapping[str, Any], *, module: str) -> Json:
        """Change a module (``UpdateModuleBody``; ``name`` renames it).

        Args:
            changes: The ``UpdateModuleBody``: the settings to change; sent as given.
            module: The module's machine name.

        Returns:
            The changed module object.

        Raises:
            InvalidArgumentError: ``module`` is not a machine name or ``changes`` not a mapping
                (nothing is sent).
            NotFoundError: no such module.
            BadRequestError: Ninox refused the changes.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            update_module,
            check_name("module", module),
            body=_body("changes", changes),
            idempotent=True,  # the same PATCH twice leaves the same module
        )
        return data

    async def delete(self, *, module: str) -> Json:
        """Delete a module with its tables; returns ``{"id": ...}``.

        Args:
            module: The module's machine name.

        Returns:
            ``{"id": ...}``: the deleted module's id.

        Raises:
            InvalidArgumentError: ``module`` is not a machine name (nothing is sent).
            NotFoundError: no such module.
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(delete_module, check_name("module", module), idempotent=False)
        return data


class AsyncTables4(AsyncPager4):
    """Tables of a module (``client.tables``)."""

    async def list(self, *, module: str) -> _List[Json]:
        """Every table of ``module``, with its fields.

        Args:
            module: The module's machine name.

        Returns:
            The table objects, each with ``fields``.

        Raises:
            InvalidArgumentError: ``module`` is not a machine name (nothing is sent).
            NotFoundError: no such module.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        return [t async for t in self._paged(list_tables, check_name("module", module))]

    async def get(self, *, module: str, table: str) -> Json:
        """One table, with its fields.

        Args:
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            The table object (``name``, its settings and ``fields``).

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name (nothing is sent).
            NotFoundError: no such module or table.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            get_table, check_name("module", module), check_name("table", table)
        )
        return data

    async def create(self, definition: Mapping[str, Any], *, module: str) -> Json:
        """Create a table (``CreateTableBody``: ``name`` and ``labels`` required).

        Args:
            definition: The ``CreateTableBody``, e.g. ``{"name": "customers", "labels": {"en":
                "Customers"}}``; sent as given.
            module: The machine name of the module the table is created in.

        Returns:
            The new table object.

        Raises:
            InvalidArgumentError: ``module`` is not a machine name or ``definition`` not a mapping
                (nothing is sent).
            NotFoundError: no such module.
            BadRequestError: Ninox refused the body (e.g. the name exists).
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            create_table, check_name("module", module), body=_body("definition", definition)
        )
        return data

    async def update(self, changes: Mapping[str, Any], *, module: str, table: str) -> Json:
        """Change a table (``UpdateTableBody``).

        Args:
            changes: The ``UpdateTableBody``: the settings to change (``name`` renames); sent
                as given.
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            The changed table object.

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name, or ``changes``
                not a mapping (nothing is sent).
            NotFoundError: no such module or table.
            BadRequestError: Ninox refused the changes.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            update_table,
            check_name("module", module),
            check_name("table", table),
            body=_body("changes", changes),
            idempotent=True,
        )
        return data

    async def delete(self, *, module: str, table: str) -> Json:
        """Delete a table; returns ``{"id": ...}``.

        Args:
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            ``{"id": ...}``: the deleted table's id.

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name (nothing is sent).
            NotFoundError: no such module or table.
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            delete_table,
            check_name("module", module),
            check_name("table", table),
            idempotent=False,
        )
        return data


class AsyncFields4(AsyncPager4):
    """Fields of a table (``client.fields``); a field is its name (no field ids)."""

    async def list(self, *, module: str, table: str) -> _List[Json]:
        """Every field of the table.

        Args:
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            The field objects.

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name (nothing is sent).
            NotFoundError: no such module or table.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        path = (check_name("module", module), check_name("table", table))
        return [f async for f in self._paged(list_fields, *path)]

    async def get(self, *, module: str, table: str, field: str) -> Json:
        """One field.

        Args:
            module: The module's machine name.
            table: The table's machine name.
            field: The field's machine name.

        Returns:
            The field object.

        Raises:
            InvalidArgumentError: ``module``, ``table`` or ``field`` is not a machine name
                (nothing is sent).
            NotFoundError: no such module, table or field.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            get_field,
            check_name("module", module),
            check_name("table", table),
            check_name("field", field),
        )
        return data

    async def create(self, definition: Mapping[str, Any], *, module: str, table: str) -> Json:
        """Create one field (``CreateFieldBody``); the answer may carry ``expressionErrors``.

        Args:
            definition: The ``CreateFieldBody``, e.g. ``{"name": "email", "type": "string",
                "labels": {"en": "E-mail"}}``; sent as given.
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            The new field object.

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name, or
                ``definition`` not a mapping (nothing is sent).
            NotFoundError: no such module or table (or a reference's target table).
            BadRequestError: Ninox refused the body (e.g. the name exists).
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            create_field,
            check_name("module", module),
            check_name("table", table),
            body=_body("definition", definition),
        )
        return data

    async def create_many(
        self, fields: Iterable[Mapping[str, Any]], *, module: str, table: str
    ) -> _List[Json]:
        """Create several fields in one transaction (all or none, reference ninox4 §8).

        Args:
            fields: One ``CreateFieldBody`` mapping per field (at least one); sent as given.
            module: The module's machine name.
            table: The table's machine name.

        Returns:
            The new field objects.

        Raises:
            InvalidArgumentError: ``module`` or ``table`` is not a machine name, ``fields`` is
                empty or holds a non-mapping (nothing is sent).
            NotFoundError: no such module or table (or a reference's target table).
            BadRequestError: Ninox refused a body (e.g. duplicate names); no field is created.
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        items = [RawBody(_body("field", f)) for f in fields]
        if not items:
            raise InvalidArgumentError("create_many needs at least one field")
        data: _List[Json] = await self._data(
            create_fields_batch,
            check_name("module", module),
            check_name("table", table),
            body=items,
        )
        return data

    async def update(
        self, changes: Mapping[str, Any], *, module: str, table: str, field: str
    ) -> Json:
        """Change a field (``UpdateFieldBody``: no ``type``, ``variant`` or ``refTableName``).

        Args:
            changes: The ``UpdateFieldBody``: the settings to change (``name`` renames); sent
                as given.
            module: The module's machine name.
            table: The table's machine name.
            field: The field's machine name.

        Returns:
            The changed field object.

        Raises:
            InvalidArgumentError: ``module``, ``table`` or ``field`` is not a machine name, or
                ``changes`` not a mapping (nothing is sent).
            NotFoundError: no such module, table or field.
            BadRequestError: Ninox refused the changes.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            update_field,
            check_name("module", module),
            check_name("table", table),
            check_name("field", field),
            body=_body("changes", changes),
            idempotent=True,
        )
        return data

    async def delete(self, *, module: str, table: str, field: str) -> Json:
        """Delete one field; returns the deleted field.

        Args:
            module: The module's machine name.
            table: The table's machine name.
            field: The field's machine name.

        Returns:
            The deleted field object.

        Raises:
            InvalidArgumentError: ``module``, ``table`` or ``field`` is not a machine name
                (nothing is sent).
            NotFoundError: no such module, table or field.
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        data: Json = await self._data(
            delete_field,
            check_name("module", module),
            check_name("table", table),
            check_name("field", field),
            idempotent=False,
        )
        return data

    async def delete_many(self, *, module: str, table: str, fields: Iterable[str]) -> _List[Json]:
        """Delete several fields in one transaction (a reference takes its reverse along).

        Args:
            module: The module's machine name.
            table: The table's machine name.
            fields: The machine names of the fields (at least one).

        Returns:
            The deleted field objects.

        Raises:
            InvalidArgumentError: ``fields`` is empty, or a name is not a machine name (nothing
                is sent).
            NotFoundError: no such module, table or field; no field is deleted.
            OutcomeUnknownError: the connection failed after the request may have reached
                Ninox; it is not re-sent.
            APIError: any other failed request (a non-2xx answer, no usable answer, a body
                without ``data``).
        """
        names = [check_name("field", f) for f in fields]
        if not names:
            raise InvalidArgumentError("delete_many needs at least one field name")
        data: _List[Json] = await self._data(
            delete_fields_batch,
            check_name("module", module),
            check_name("table", table),
            body={"fieldNames": names},
            idempotent=False,
        )
        return data

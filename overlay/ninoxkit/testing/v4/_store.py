"""The data of one emulated Ninox 4 workspace and the operations on it, without HTTP.

Every operation raises :class:`ApiError` with the status and message the API would answer;
batches are checked completely before anything changes, so a failed batch changes nothing
(reference/ninox4-public-api.md §8).
"""

from __future__ import annotations

import copy
import json
import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = [
    "ALL_SCOPES",
    "ApiError",
    "Clock",
    "FieldDef",
    "Module",
    "Table",
    "Workspace",
    "format_instant",
    "parse_instant",
]

ALL_SCOPES = frozenset({"records:write", "schema:write", "schema:manage-permissions"})
NAME = re.compile(r"^[a-z0-9_]{1,100}$")
FIELD_TYPES = frozenset(
    {"string", "number", "boolean", "choice", "dchoice", "multi", "dmulti", "file", "date"}
    | {"timestamp", "time", "timeinterval", "appointment", "icon", "color", "user"}
    | {"reference", "reverse", "function"}
)
VARIANTS = frozenset({"text", "multiline-text", "phone", "email", "url", "location", "signature"})
READ_ONLY_TYPES = frozenset({"reverse", "function"})
MODULE_ROLES = frozenset({"admin", "editor"})
FIELD_ROLES = frozenset({"admin", "user"})
MODULE_KEYS = frozenset({"name", "labels", "icon", "isHidden", "hideNavigation", "openRoles"})
TABLE_ROLE_KEYS = ("createRoles", "readRoles", "writeRoles", "deleteRoles")
TABLE_KEYS = frozenset(
    {"name", "labels", "icon", "hasFiles", "hasGlobalSearch", "hasHistory"}
    | {"isEmailLinkingEnabled", "isHidden", *TABLE_ROLE_KEYS}
)
FIELD_UPDATE_KEYS = frozenset(
    {"name", "labels", "expression", "options", "optionName", "optionIcon", "optionColor"}
    | {"index", "required", "search", "unique", "readRoles", "writeRoles"}
)
FIELD_CREATE_KEYS = FIELD_UPDATE_KEYS | {"type", "variant", "refTableName"}
ROLE_KEYS = frozenset({"openRoles", "readRoles", "writeRoles", *TABLE_ROLE_KEYS})
MAX_RECORD_ID = 2**53 - 1


class ApiError(Exception):
    """An error answer: ``status`` and the ``message`` of ``{"error": {"message": …}}``.

    Args:
        status: The HTTP status the API answers.
        message: The error message the answer carries.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message


def format_instant(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and ``Z``, e.g. ``2026-10-01T00:00:00.000Z``."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def parse_instant(text: str, name: str) -> datetime:
    """Parse a ``…Z`` instant; 400 naming the parameter otherwise (reference §3.2)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", text):
        raise ApiError(400, f"'{name}' must be an ISO 8601 UTC timestamp ending in Z")
    try:
        return datetime.fromisoformat(text.removesuffix("Z") + "+00:00")
    except ValueError:
        raise ApiError(400, f"'{name}' is not a valid timestamp") from None


class Clock:
    """UTC time for change feeds: strictly increasing per change, never behind a served ``asOf``.

    ``start`` fixes the clock (deterministic tests): each change then advances it by ``step``.
    """

    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)):
        self._fixed = start
        self._step = step
        self._last = start or datetime.now(UTC)

    @staticmethod
    def _real() -> datetime:
        now = datetime.now(UTC)
        # Millisecond precision: the feeds format instants with milliseconds.
        return now.replace(microsecond=now.microsecond // 1000 * 1000)

    def now(self) -> datetime:
        """The instant a feed page is computed at (its ``asOf``)."""
        if self._fixed is None:
            self._last = max(self._last, self._real())
        return self._last

    def tick(self) -> datetime:
        """The instant of a new change: later than every earlier change and ``asOf``."""
        if self._fixed is not None:
            self._last += self._step
        else:
            self._last = max(self._real(), self._last + timedelta(milliseconds=1))
        return self._last


def _check_keys(body: Mapping[str, Any], allowed: Iterable[str]) -> None:
    extra = sorted(set(body) - set(allowed))
    if extra:
        raise ApiError(400, "Unrecognized key(s) in object: " + ", ".join(f"'{k}'" for k in extra))


BOOL_KEYS = frozenset(
    {"isHidden", "hideNavigation", "hasFiles", "hasGlobalSearch", "hasHistory"}
    | {"isEmailLinkingEnabled", "index", "required", "search", "unique"}
)
TEXT_KEYS = frozenset({"expression", "optionName", "optionIcon", "optionColor"})
OPTION_KEYS = frozenset({"name", "id", "labels", "color", "textColor", "icon", "order"})


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value_types(body: Mapping[str, Any]) -> None:
    """400 for a setting of the wrong JSON type (the body schemas of the contract, §7.1)."""
    for key, value in body.items():
        if key in BOOL_KEYS and not isinstance(value, bool):
            raise ApiError(400, f"'{key}' must be a boolean")
        if key in TEXT_KEYS and not isinstance(value, str):
            raise ApiError(400, f"'{key}' must be a string")
    if "icon" in body:
        icon = body["icon"]
        if (
            not isinstance(icon, dict)
            or not set(icon) <= {"icon", "color", "filling"}
            or not isinstance(icon.get("icon"), str)
            or not icon["icon"]
            or not isinstance(icon.get("color", ""), str)
            or (
                "filling" in icon
                and (not _is_int(icon["filling"]) or icon["filling"] not in (0, 1))
            )
        ):
            raise ApiError(400, "'icon' must be {icon, color?, filling? 0|1}")
    if body.get("refTableName") is not None and not isinstance(body["refTableName"], str):
        raise ApiError(400, "'refTableName' must be a table name or null")


def _check_option(option: Any) -> None:
    if (
        not isinstance(option, dict)
        or not set(option) <= OPTION_KEYS
        or not isinstance(option.get("name"), str)
        or not option["name"]
        or any(not isinstance(option.get(k, ""), str) for k in ("id", "color", "textColor", "icon"))
        or ("order" in option and (not _is_int(option["order"]) or option["order"] < 0))
    ):
        raise ApiError(400, "every option needs a 'name' and only option keys of the right type")
    if "labels" in option:
        _check_labels(option, required=False)


def _check_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not NAME.fullmatch(value):
        raise ApiError(400, f"{what} must match ^[a-z0-9_]+$ and have 1-100 characters")
    return value


def _check_roles(body: Mapping[str, Any], keys: Iterable[str], allowed: frozenset[str]) -> None:
    for key in keys:
        if key in body:
            roles = body[key]
            if (
                not isinstance(roles, list)
                or not 1 <= len(roles) <= 2
                or any(not isinstance(r, str) or r not in allowed for r in roles)
                or len(set(roles)) != len(roles)
            ):
                raise ApiError(400, f"'{key}' must be 1-2 of {sorted(allowed)}")


def _check_labels(body: Mapping[str, Any], required: bool) -> None:
    if "labels" not in body:
        if required:
            raise ApiError(400, "'labels' is required")
        return
    labels = body["labels"]
    if not isinstance(labels, dict) or not all(
        isinstance(v, str) and 1 <= len(v) <= 100 for v in labels.values()
    ):
        raise ApiError(400, "'labels' must map language codes to strings of 1-100 characters")


@dataclass
class FieldDef:
    """A field; ``options`` is a list of option dicts or a dchoice/dmulti expression."""

    name: str
    type: str
    settings: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The read shape (reference §7.2): ``refTableName`` reads as ``refTableId``."""
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        for key, value in self.settings.items():
            out["refTableId" if key == "refTableName" else key] = copy.deepcopy(value)
        return out

    def option_names(self) -> list[str]:
        """Labels of a choice/multi field's options."""
        options = self.settings.get("options")
        return [o["name"] for o in options] if isinstance(options, list) else []


@dataclass
class Table:
    """A table with its fields, records (id → flat values) and record change log."""

    name: str
    internal_id: str
    settings: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, FieldDef] = field(default_factory=dict)
    records: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 1
    #: ``(instant, change)`` pairs, oldest first; ``change`` is the answered JSON object.
    changes: list[tuple[datetime, dict[str, Any]]] = field(default_factory=list)

    @property
    def has_history(self) -> bool:
        """Whether record changes are tracked (``hasHistory``)."""
        return bool(self.settings.get("hasHistory"))

    def to_json(self) -> dict[str, Any]:
        """The read shape with fields."""
        return {
            "name": self.name,
            **copy.deepcopy(self.settings),
            "fields": [f.to_json() for f in self.fields.values()],
        }

    def row(self, record_id: int, only: list[str] | None = None) -> dict[str, Any]:
        """``{id, values}`` with the id as a string (reference §2, §9 item 2)."""
        values = self.records[record_id]
        names = only if only is not None else list(self.fields)
        return {
            "id": str(record_id),
            "values": {n: copy.deepcopy(values.get(n)) for n in names if n in self.fields},
        }


@dataclass
class Module:
    """A module with its tables."""

    name: str
    internal_id: str
    settings: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    views: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    functions: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The read shape with tables."""
        return {
            "name": self.name,
            **copy.deepcopy(self.settings),
            "tables": [t.to_json() for t in self.tables.values()],
        }


class Workspace:
    """One workspace: schema, records, change logs and API keys. Hold ``lock`` around calls.

    Args:
        workspace_id: The workspace id of the API's paths: 12 lower-case letters and digits.
        name: The workspace's name.
        clock: The clock the change feeds are stamped by (a real-time one by default).

    Raises:
        ValueError: If ``workspace_id`` is not 12 lower-case letters and digits.
    """

    def __init__(self, workspace_id: str, name: str, clock: Clock | None = None) -> None:
        if not re.fullmatch(r"[a-z0-9]{12}", workspace_id):
            raise ValueError("a workspace id is 12 lower-case letters and digits")
        self.id = workspace_id
        self.name = name
        self.clock = clock or Clock()
        self.retention_cutoff = self.clock.now()
        self.modules: dict[str, Module] = {}
        self.keys: dict[str, frozenset[str]] = {}
        #: ``(instant, change)`` pairs, oldest first, like ``Table.changes``.
        self.schema_changes: list[tuple[datetime, dict[str, Any]]] = []
        self.lock = threading.RLock()
        self._serial = 0

    # ------------------------------------------------------------------ lookup

    def _internal_id(self, prefix: str) -> str:
        self._serial += 1
        return f"{prefix}{self._serial}"

    def module(self, name: str) -> Module:
        """The module, or 404 ``module-not-found``.

        Args:
            name: The module's name.

        Returns:
            The module.

        Raises:
            ApiError: 404 ``module-not-found`` if there is no such module.
        """
        try:
            return self.modules[name]
        except KeyError:
            raise ApiError(404, f"module-not-found: {name}") from None

    def table(self, module: str, name: str) -> Table:
        """The table, or 404 ``table-not-found``.

        Args:
            module: The name of the module holding the table.
            name: The table's name.

        Returns:
            The table.

        Raises:
            ApiError: 404 ``module-not-found`` or ``table-not-found``.
        """
        try:
            return self.module(module).tables[name]
        except KeyError:
            raise ApiError(404, f"table-not-found: {name}") from None

    def field(self, module: str, table: str, name: str) -> FieldDef:
        """The field, or 404 ``field-not-found``.

        Args:
            module: The name of the module holding the table.
            table: The name of the table holding the field.
            name: The field's name.

        Returns:
            The field.

        Raises:
            ApiError: 404 ``module-not-found``, ``table-not-found`` or ``field-not-found``.
        """
        try:
            return self.table(module, table).fields[name]
        except KeyError:
            raise ApiError(404, f"field-not-found: {name}") from None

    def to_json(self) -> dict[str, Any]:
        """The workspace read shape."""
        return {"name": self.name, "modules": [m.to_json() for m in self.modules.values()]}

    def _schema_change(self, change: str, kind: str, **names: str) -> None:
        at = self.clock.tick()
        entry = {"changeType": change, "entityType": kind, **names, "changedAt": format_instant(at)}
        self.schema_changes.append((at, entry))

    # ------------------------------------------------------------------ modules and tables

    def create_module(self, body: Mapping[str, Any]) -> Module:
        """Create a module (400 when the name exists).

        Args:
            body: The request body: ``name`` and optional ``labels``, ``icon``, ``isHidden``,
                ``hideNavigation`` and ``openRoles``.

        Returns:
            The new module.

        Raises:
            ApiError: 400 for an unknown key, a setting of the wrong type, an invalid name,
                labels or roles, or a name another module has.
        """
        _check_keys(body, MODULE_KEYS)
        _check_value_types(body)
        name = _check_name(body.get("name"), "'name'")
        _check_labels(body, required=False)
        _check_roles(body, ["openRoles"], MODULE_ROLES)
        if name in self.modules:
            raise ApiError(400, f"module '{name}' already exists")
        settings = {k: copy.deepcopy(v) for k, v in body.items() if k != "name"}
        module = Module(name, self._internal_id("m"), settings)
        self.modules[name] = module
        self._schema_change("created", "module", moduleName=name)
        return module

    def update_module(self, name: str, body: Mapping[str, Any]) -> Module:
        """Change a module; ``name`` renames.

        Args:
            name: The module's current name.
            body: The settings to change (the keys of :meth:`create_module`).

        Returns:
            The changed module.

        Raises:
            ApiError: 404 ``module-not-found``; 400 for an unknown key, a setting of the wrong
                type, invalid labels or roles, or a new name that is invalid or taken.
        """
        module = self.module(name)
        _check_keys(body, MODULE_KEYS)
        _check_value_types(body)
        _check_labels(body, required=False)
        _check_roles(body, ["openRoles"], MODULE_ROLES)
        new = _check_name(body.get("name", name), "'name'")
        if new != name and new in self.modules:
            raise ApiError(400, f"module '{new}' already exists")
        module.settings.update({k: copy.deepcopy(v) for k, v in body.items() if k != "name"})
        if new != name:
            module.name = new
            self.modules = {(new if k == name else k): v for k, v in self.modules.items()}
        self._schema_change("updated", "module", moduleName=new)
        return module

    def delete_module(self, name: str) -> str:
        """Delete a module; answers its internal id.

        Args:
            name: The module's name.

        Returns:
            The deleted module's internal id.

        Raises:
            ApiError: 404 ``module-not-found``.
        """
        module = self.module(name)
        del self.modules[name]
        self._schema_change("deleted", "module", moduleName=name)
        return module.internal_id

    def create_table(self, module_name: str, body: Mapping[str, Any]) -> Table:
        """Create a table (``name`` and ``labels`` required).

        Args:
            module_name: The name of the module the table is created in.
            body: The request body: ``name``, ``labels`` and optional table settings
                (``icon``, ``hasHistory``, ``isHidden``, the role lists, …).

        Returns:
            The new table, without fields.

        Raises:
            ApiError: 404 ``module-not-found``; 400 for an unknown key, a setting of the wrong
                type, an invalid name or roles, missing or invalid labels, or a name another
                table of the module has.
        """
        module = self.module(module_name)
        _check_keys(body, TABLE_KEYS)
        _check_value_types(body)
        name = _check_name(body.get("name"), "'name'")
        _check_labels(body, required=True)
        _check_roles(body, TABLE_ROLE_KEYS, MODULE_ROLES)
        if name in module.tables:
            raise ApiError(400, f"table '{name}' already exists")
        settings = {k: copy.deepcopy(v) for k, v in body.items() if k != "name"}
        table = Table(name, self._internal_id("t"), settings)
        module.tables[name] = table
        self._schema_change("created", "table", moduleName=module_name, tableName=name)
        return table

    def update_table(self, module_name: str, name: str, body: Mapping[str, Any]) -> Table:
        """Change a table; ``name`` renames.

        Args:
            module_name: The name of the module holding the table.
            name: The table's current name.
            body: The settings to change (the keys of :meth:`create_table`).

        Returns:
            The changed table.

        Raises:
            ApiError: 404 ``module-not-found`` or ``table-not-found``; 400 for an unknown key, a
                setting of the wrong type, invalid labels or roles, or a new name that is
                invalid or taken.
        """
        module = self.module(module_name)
        table = self.table(module_name, name)
        _check_keys(body, TABLE_KEYS)
        _check_value_types(body)
        _check_labels(body, required=False)
        _check_roles(body, TABLE_ROLE_KEYS, MODULE_ROLES)
        new = _check_name(body.get("name", name), "'name'")
        if new != name and new in module.tables:
            raise ApiError(400, f"table '{new}' already exists")
        table.settings.update({k: copy.deepcopy(v) for k, v in body.items() if k != "name"})
        if new != name:
            table.name = new
            module.tables = {(new if k == name else k): v for k, v in module.tables.items()}
        self._schema_change("updated", "table", moduleName=module_name, tableName=new)
        return table

    def delete_table(self, module_name: str, name: str) -> str:
        """Delete a table with its records; answers its internal id.

        Args:
            module_name: The name of the module holding the table.
            name: The table's name.

        Returns:
            The deleted table's internal id.

        Raises:
            ApiError: 404 ``module-not-found`` or ``table-not-found``.
        """
        table = self.table(module_name, name)
        del self.modules[module_name].tables[name]
        self._schema_change("deleted", "table", moduleName=module_name, tableName=name)
        return table.internal_id

    # ------------------------------------------------------------------ fields

    def _field_settings(
        self, module: Module, body: Mapping[str, Any], create: bool
    ) -> tuple[str, str, dict[str, Any]]:
        _check_keys(body, FIELD_CREATE_KEYS if create else FIELD_UPDATE_KEYS)
        _check_value_types(body)
        _check_labels(body, required=create)
        _check_roles(body, ["readRoles", "writeRoles"], FIELD_ROLES)
        name = _check_name(body.get("name"), "'name'") if create or "name" in body else ""
        kind = body.get("type", "")
        if create and (not isinstance(kind, str) or kind not in FIELD_TYPES):
            raise ApiError(400, f"'type' must be one of {sorted(FIELD_TYPES)}")
        variant = body.get("variant")
        if (
            create
            and "variant" in body
            and (not isinstance(variant, str) or variant not in VARIANTS)
        ):
            raise ApiError(400, f"'variant' must be one of {sorted(VARIANTS)}")
        if create and kind == "reference":
            target = body.get("refTableName")
            if not isinstance(target, str) or target not in module.tables:
                # A reference resolves within its own module only (reference §7.1).
                raise ApiError(404, f"table-not-found: {target}")
        if "options" in body:
            options = body["options"]
            if isinstance(options, list):
                if create and kind not in {"choice", "multi"}:
                    raise ApiError(400, "'options' must be an expression for this field type")
                for option in options:
                    _check_option(option)
            elif (
                not isinstance(options, str)
                or not options
                or (create and kind in {"choice", "multi"})
            ):
                raise ApiError(400, "'options' must be a list of options for this field type")
        settings = {k: copy.deepcopy(v) for k, v in body.items() if k not in {"name", "type"}}
        if isinstance(settings.get("options"), list):
            settings["options"] = [
                {"id": str(o.get("id") or i + 1), "order": o.get("order", i), **o}
                for i, o in enumerate(settings["options"])
            ]
        return name, kind, settings

    def create_fields(self, module_name: str, table_name: str, bodies: list[Any]) -> list[FieldDef]:
        """Create fields in one transaction; a reference also creates its reverse field.

        Args:
            module_name: The name of the module holding the table.
            table_name: The name of the table the fields are added to.
            bodies: One field definition each: ``name``, ``type``, ``labels`` and optional
                settings (``variant``, ``refTableName``, ``options``, …).

        Returns:
            The new fields in input order (reverse fields not included).

        Raises:
            ApiError: 404 ``module-not-found`` or ``table-not-found``, also for a reference
                whose target table is not in the module; 400 for an empty list, a definition
                that is no object or is invalid, or a name the table (or the list) already
                has. Nothing is created then.
        """
        module = self.module(module_name)
        table = self.table(module_name, table_name)
        if not bodies:
            raise ApiError(400, "at least one field is required")
        planned: list[tuple[str, str, dict[str, Any]]] = []
        for body in bodies:
            if not isinstance(body, dict):
                raise ApiError(400, "every field must be an object")
            name, kind, settings = self._field_settings(module, body, create=True)
            if name in table.fields or any(p[0] == name for p in planned):
                raise ApiError(400, f"field '{name}' already exists")
            planned.append((name, kind, settings))
        created = []
        for name, kind, settings in planned:
            new = FieldDef(name, kind, settings)
            table.fields[name] = new
            created.append(new)
            self._schema_change(
                "created", "field", moduleName=module_name, tableName=table_name, fieldName=name
            )
            if kind == "reference":
                target = module.tables[settings["refTableName"]]
                reverse = f"{table_name}_{name}"[:100]
                while reverse in target.fields:
                    reverse = (reverse + "_")[-100:]
                target.fields[reverse] = FieldDef(reverse, "reverse", {"refTableName": table_name})
        return created

    def update_field(
        self, module_name: str, table_name: str, name: str, body: Mapping[str, Any]
    ) -> FieldDef:
        """Change a field; its type, variant and target cannot change.

        Args:
            module_name: The name of the module holding the table.
            table_name: The name of the table holding the field.
            name: The field's current name.
            body: The settings to change; ``name`` renames (stored values move with it).

        Returns:
            The changed field.

        Raises:
            ApiError: 404 ``module-not-found``, ``table-not-found`` or ``field-not-found``; 400
                for an unknown key (``type``, ``variant`` and ``refTableName`` among them), an
                invalid setting, options of the wrong form for the field's type, or a new name
                that is invalid or taken.
        """
        module = self.module(module_name)
        table = self.table(module_name, table_name)
        current = self.field(module_name, table_name, name)
        new, _, settings = self._field_settings(module, body, create=False)
        if isinstance(body.get("options"), list) and current.type not in {"choice", "multi"}:
            raise ApiError(400, "'options' must be an expression for this field type")
        if isinstance(body.get("options"), str) and current.type in {"choice", "multi"}:
            raise ApiError(400, "'options' must be a list of options for this field type")
        new = new or name
        if new != name and new in table.fields:
            raise ApiError(400, f"field '{new}' already exists")
        current.settings.update(settings)
        if new != name:
            current.name = new
            table.fields = {(new if k == name else k): v for k, v in table.fields.items()}
            for values in table.records.values():
                if name in values:
                    values[new] = values.pop(name)
        self._schema_change(
            "updated", "field", moduleName=module_name, tableName=table_name, fieldName=new
        )
        return current

    def delete_fields(self, module_name: str, table_name: str, names: list[Any]) -> list[FieldDef]:
        """Delete fields in one transaction; a reference takes its reverse field with it.

        Args:
            module_name: The name of the module holding the table.
            table_name: The name of the table holding the fields.
            names: The names of the fields to delete (a name given twice is deleted once).

        Returns:
            The deleted fields, in input order.

        Raises:
            ApiError: 404 ``module-not-found``, ``table-not-found`` or ``field-not-found`` (then
                nothing is deleted); 400 if ``names`` is empty or holds a non-string.
        """
        module = self.module(module_name)
        table = self.table(module_name, table_name)
        if not names or not all(isinstance(n, str) for n in names):
            raise ApiError(400, "'fieldNames' must be a non-empty list of names")
        for name in names:
            self.field(module_name, table_name, name)
        deleted = []
        for name in dict.fromkeys(names):
            gone = table.fields.pop(name)
            deleted.append(gone)
            for values in table.records.values():
                values.pop(name, None)
            self._schema_change(
                "deleted", "field", moduleName=module_name, tableName=table_name, fieldName=name
            )
            if gone.type == "reference":
                target = module.tables.get(gone.settings.get("refTableName", ""))
                if target is not None:
                    for other in [
                        f
                        for f in target.fields.values()
                        if f.type == "reverse" and f.settings.get("refTableName") == table_name
                    ]:
                        del target.fields[other.name]
        return deleted

    # ------------------------------------------------------------------ records

    def check_value(self, table: Table, name: str, value: Any) -> Any:
        """Check and normalise one written value (reference §7.3).

        Args:
            table: The table written to.
            name: The field's name.
            value: The value as the request sent it.

        Returns:
            The value to store: ``None`` for ``None``, a number for a number field (numeric
            text read as one), the first label of a choice, a copy of a multi list, the id as
            text for a reference or user field, otherwise the value itself.

        Raises:
            ApiError: 400 for an unknown field, a read-only field (reverse, function), a value
                of the wrong JSON type, an option the field does not have, or a number that
                cannot be stored exactly.
        """
        if name not in table.fields:
            raise ApiError(400, f"Unrecognized key(s) in object: '{name}'")
        spec = table.fields[name]
        if spec.type in READ_ONLY_TYPES:
            raise ApiError(400, f"field type '{spec.type}' is read-only and cannot be set directly")
        if value is None:
            return None
        kind = spec.type
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise ApiError(400, f"{name}: expected a string or number")
            return _number(name, value)
        if kind == "boolean":
            if not isinstance(value, bool):
                raise ApiError(400, f"{name}: expected a boolean")
            return value
        if kind == "choice":
            labels = [value] if isinstance(value, str) else value
            if not isinstance(labels, list) or not all(isinstance(v, str) for v in labels):
                raise ApiError(400, f"{name}: expected an option label")
            for label in labels:
                if label not in spec.option_names():
                    raise ApiError(400, f"{name}: no option '{label}'")
            return labels[0] if labels else None
        if kind in {"multi", "dmulti"}:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ApiError(400, f"{name}: expected an array of strings")
            if kind == "multi":
                for label in value:
                    if label not in spec.option_names():
                        raise ApiError(400, f"{name}: no option '{label}'")
            return list(value)
        if kind in {"date", "timestamp", "appointment", "reference", "user"}:
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ApiError(400, f"{name}: expected a string or number")
            return str(value) if kind in {"reference", "user"} else value
        if not isinstance(value, str):
            raise ApiError(400, f"{name}: expected a string")
        return value

    def _values(self, table: Table, record: Mapping[str, Any], skip: str = "") -> dict[str, Any]:
        return {k: self.check_value(table, k, v) for k, v in record.items() if k != skip}

    def record_change(self, table: Table, record_id: int, change: str) -> None:
        """Log a record change in the table's change feed, if it tracks history.

        Args:
            table: The table the record is in.
            record_id: The record's id.
            change: ``created``, ``updated`` or ``deleted``.
        """
        if table.has_history:
            at = self.clock.tick()
            entry = {"id": str(record_id), "changeType": change, "changedAt": format_instant(at)}
            table.changes.append((at, entry))

    def _check_id(self, table: Table, raw: Any) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise ApiError(400, "record ids are positive integers")
        if isinstance(raw, str) and not re.fullmatch(r"[1-9][0-9]{0,15}", raw):
            raise ApiError(400, f"invalid record id '{raw}'")
        record_id = int(raw)
        if not 1 <= record_id <= MAX_RECORD_ID:
            raise ApiError(400, f"invalid record id '{raw}'")
        if record_id not in table.records:
            raise ApiError(404, f"record-not-found: {record_id}")
        return record_id

    def add_records(self, module: str, name: str, records: Any) -> list[str]:
        """Create records; ids in input order.

        Args:
            module: The name of the module holding the table.
            name: The table's name.
            records: The request's ``records``: a non-empty list of field name → value objects.

        Returns:
            The new records' ids, as strings, in input order.

        Raises:
            ApiError: 404 ``module-not-found`` or ``table-not-found``; 400 if ``records`` is no
                non-empty list of objects or a value is refused (:meth:`check_value`); 409
                ``unique-violation``. Nothing is created then.
        """
        table = self.table(module, name)
        rows = self._record_list(records)
        planned = [self._values(table, r) for r in rows]
        _check_unique(table, [(None, values) for values in planned])
        return [self.insert(table, values) for values in planned]

    def insert(self, table: Table, values: dict[str, Any]) -> str:
        """Store checked values as a new record under the table's next id and log it.

        Args:
            table: The table the record is created in.
            values: The record's values, already checked (field name → value).

        Returns:
            The new record's id, as a string.
        """
        record_id = table.next_id
        table.next_id += 1
        table.records[record_id] = values
        self.record_change(table, record_id, "created")
        return str(record_id)

    def import_rows(
        self, table: Table, rows: list[dict[str, Any]], *, key: str | None, mode: str
    ) -> dict[str, int]:
        """Apply checked CSV rows: ``append`` creates, ``update``/``upsert`` match on ``key``.

        The whole import is planned first and refused (409) when it would leave two records
        with one value in a ``unique`` field, within the file or against stored records, so a
        refused import changes nothing.

        Args:
            table: The table imported into.
            rows: The file's rows, already checked, as field id → value.
            key: The field id ``update``/``upsert`` match records on.
            mode: ``append``, ``update`` or ``upsert``.

        Returns:
            ``rowsImported``, ``rowsUpdated`` and ``rowsSkipped``: the counts Ninox 4 answers.
        """
        planned: list[tuple[int | None, dict[str, Any]]] = []
        skipped = 0
        for values in rows:
            hits = [
                i
                for i, stored in table.records.items()
                if key is not None
                and values.get(key) is not None
                and stored.get(key) == values.get(key)
            ]
            if mode != "append" and hits:
                planned.append((hits[0], values))
            elif mode == "update":
                skipped += 1
            else:
                planned.append((None, values))
        _check_unique(table, planned)
        imported = updated = 0
        for record_id, values in planned:
            if record_id is None:
                self.insert(table, values)
                imported += 1
            else:
                table.records[record_id].update(values)
                self.record_change(table, record_id, "updated")
                updated += 1
        return {"rowsImported": imported, "rowsSkipped": skipped, "rowsUpdated": updated}

    @staticmethod
    def _record_list(records: Any) -> list[dict[str, Any]]:
        if not isinstance(records, list) or not records:
            raise ApiError(400, "'records' must be a non-empty array")
        if not all(isinstance(r, dict) for r in records):
            raise ApiError(400, "every record must be an object")
        return records

    def update_records(self, module: str, name: str, records: Any) -> list[str]:
        """Change records in one transaction: any bad row changes nothing.

        Args:
            module: The name of the module holding the table.
            name: The table's name.
            records: The request's ``records``: a non-empty list of objects, each with the
                record's ``id`` and the values to change.

        Returns:
            The changed records' ids, as strings, in input order.

        Raises:
            ApiError: 404 ``module-not-found``, ``table-not-found`` or ``record-not-found``; 400
                if ``records`` is no non-empty list of objects, a row has no or an invalid
                ``id``, or a value is refused (:meth:`check_value`); 409 ``unique-violation``.
        """
        table = self.table(module, name)
        rows = self._record_list(records)
        planned = []
        for row in rows:
            if "id" not in row:
                raise ApiError(400, "every record needs an 'id'")
            planned.append((self._check_id(table, row["id"]), self._values(table, row, "id")))
        _check_unique(table, planned)
        for record_id, values in planned:
            table.records[record_id].update(values)
            self.record_change(table, record_id, "updated")
        return [str(record_id) for record_id, _ in planned]

    def delete_records(self, module: str, name: str, ids: Any) -> list[str]:
        """Delete records in one transaction: a missing or invalid id deletes nothing.

        Args:
            module: The name of the module holding the table.
            name: The table's name.
            ids: The request's ``records``: a non-empty list of record ids (ints or digit
                strings).

        Returns:
            The deleted records' ids, as strings, each once, in input order.

        Raises:
            ApiError: 404 ``module-not-found``, ``table-not-found`` or ``record-not-found``; 400
                if ``ids`` is no non-empty list or holds an invalid id.
        """
        table = self.table(module, name)
        if not isinstance(ids, list) or not ids:
            raise ApiError(400, "'records' must be a non-empty array of ids")
        checked = list(dict.fromkeys(self._check_id(table, raw) for raw in ids))
        for record_id in checked:
            del table.records[record_id]
            self.record_change(table, record_id, "deleted")
        return [str(record_id) for record_id in checked]

    def upsert_records(
        self, module: str, name: str, match: Any, records: Any
    ) -> tuple[list[str], list[str]]:
        """Update the record whose unique ``match`` field equals the input's, else create one.

        Args:
            module: The name of the module holding the table.
            name: The table's name.
            match: The name of the ``unique`` field records are matched on.
            records: The request's ``records``: a non-empty list of objects, each carrying a
                value for ``match``.

        Returns:
            The ids of the created records and of the updated records, as strings.

        Raises:
            ApiError: 404 ``module-not-found``, ``table-not-found`` or ``field-not-found`` (for
                ``match``); 400 if ``match`` is not unique, ``records`` is no non-empty list of
                objects, a row lacks ``match`` or a value is refused; 409 for a match on more
                than one record or a ``unique-violation``. Nothing changes then.
        """
        table = self.table(module, name)
        if not isinstance(match, str) or match not in table.fields:
            raise ApiError(404, f"field-not-found: {match}")
        if not table.fields[match].settings.get("unique"):
            raise ApiError(400, f"'{match}' is not marked unique")
        rows = self._record_list(records)
        planned: list[tuple[int | None, dict[str, Any]]] = []
        for row in rows:
            if match not in row or row[match] is None:
                raise ApiError(400, f"every record must carry '{match}'")
            values = self._values(table, row)
            hits = [i for i, v in table.records.items() if v.get(match) == values[match]]
            if len(hits) > 1:
                raise ApiError(409, f"ambiguous match on '{match}': {values[match]!r}")
            planned.append((hits[0] if hits else None, values))
        _check_unique(table, planned)
        created, updated = [], []
        for record_id, values in planned:
            if record_id is None:
                created.append(self.insert(table, values))
            else:
                table.records[record_id].update(values)
                self.record_change(table, record_id, "updated")
                updated.append(str(record_id))
        return created, updated

    def list_records(
        self,
        module: str,
        name: str,
        *,
        filter_text: str | None,
        sort: str | None,
        fields: list[str] | None,
    ) -> list[dict[str, Any]]:
        """All matching rows in order (paging is the caller's).

        Args:
            module: The name of the module holding the table.
            name: The table's name.
            filter_text: The ``filter`` parameter: a JSON object of field name → value that a
                row must equal, or ``None``.
            sort: The ``sort`` parameter: comma-separated field names, ``-`` first for
                descending, or ``None``.
            fields: The field names each row carries, or ``None`` for all.

        Returns:
            The rows as ``{"id": "…", "values": {…}}``.

        Raises:
            ApiError: 404 ``module-not-found`` or ``table-not-found``, or ``field-not-found`` for
                an unknown field in ``filter_text`` or ``fields``; 400 if ``filter_text`` is no
                JSON object or ``sort`` names an unknown field.
        """
        table = self.table(module, name)
        ids = list(table.records)
        if filter_text is not None:
            try:
                wanted = _json_object(filter_text)
            except ValueError:
                raise ApiError(400, "'filter' must be a JSON object") from None
            for key in wanted:
                if key not in table.fields:
                    # Also the implicit row id (reference §7.4).
                    raise ApiError(404, f"field-not-found: {key}")
            ids = [i for i in ids if all(table.records[i].get(k) == v for k, v in wanted.items())]
        if sort:
            for part in reversed([p.strip() for p in sort.split(",") if p.strip()]):
                key = part.removeprefix("-")
                if key not in table.fields:
                    raise ApiError(400, f"cannot sort by unknown field '{key}'")
                column = {i: _sort_key(table.records[i].get(key)) for i in ids}
                ids.sort(key=column.__getitem__)
                if part.startswith("-"):
                    ids.reverse()
        if fields is not None:
            for key in fields:
                if key not in table.fields:
                    raise ApiError(404, f"field-not-found: {key}")
        return [table.row(i, fields) for i in ids]

    def record_changes(self, module: str, name: str, since: datetime, as_of: datetime) -> list[Any]:
        """The record changes in ``(since, as_of]``, oldest first.

        Args:
            module: The name of the module holding the table.
            name: The table's name.
            since: The window's start (excluded).
            as_of: The window's end (included).

        Returns:
            The change entries (``id``, ``changeType``, ``changedAt``).

        Raises:
            ApiError: 404 ``module-not-found`` or ``table-not-found``; 400 if the table does not
                track history.
        """
        table = self.table(module, name)
        if not table.has_history:
            raise ApiError(400, f"history tracking is off for table '{name}'")
        return _window(table.changes, since, as_of)

    def schema_changes_between(self, since: datetime, as_of: datetime) -> list[Any]:
        """The schema changes in ``(since, as_of]``, oldest first.

        Args:
            since: The window's start (excluded).
            as_of: The window's end (included).

        Returns:
            The change entries (``changeType``, ``entityType``, the names, ``changedAt``).
        """
        return _window(self.schema_changes, since, as_of)


def _window(
    changes: list[tuple[datetime, dict[str, Any]]], since: datetime, as_of: datetime
) -> list[dict[str, Any]]:
    return [entry for at, entry in changes if since < at <= as_of]


def _json_object(text: str) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, bool | int | float):
        return (1, float(value))
    return (2, str(value))


#: Numbers are IEEE doubles (reference §7.3: "finite number"); an integer beyond 2**53 has no
#: exact double, so storing it would silently change it. Refused instead.
MAX_EXACT_INTEGER = 2**53


def _number(name: str, value: int | float | str) -> int | float:
    """Check a written number (a JSON number or a numeric string); never round it silently."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?[0-9]+", text):
            if len(text) > 30:  # far beyond 2**53; int() refuses over 4300 digits anyway
                raise ApiError(400, f"{name}: the integer with {len(text)} digits is too large")
            value = int(text)
        elif not text.isascii():
            # float() also reads other scripts' digits ("٤٢"); no client means them.
            raise ApiError(400, f"{name}: expected a number")
        else:
            try:
                value = float(text)
            except ValueError:
                raise ApiError(400, f"{name}: expected a number") from None
    if isinstance(value, int):
        if abs(value) > MAX_EXACT_INTEGER:
            raise ApiError(
                400,
                f"{name}: the integer {_short(value)} is beyond ±2**53 and cannot be stored "
                "exactly as a number",
            )
        return value
    if not math.isfinite(value):
        raise ApiError(400, f"{name}: expected a finite number")
    return value


def _short(value: int) -> str:
    if abs(value) < 10**30:
        return str(value)
    return f"with {len(str(abs(value)))} digits"


def _unique_key(value: Any) -> Any:
    return json.dumps(value, sort_keys=True) if isinstance(value, list | dict) else value


def _check_unique(table: Table, planned: Sequence[tuple[int | None, dict[str, Any]]]) -> None:
    """Refuse a write that would leave two records with the same value in a ``unique`` field.

    ``planned`` is the write: (record id or ``None`` for a new record, values written). The
    check runs on the state the whole write would leave, so duplicates within one batch count
    as well as clashes with stored records. Only the written records are checked: a duplicate
    already in the fixture does not block unrelated writes.
    """
    unique = [n for n, spec in table.fields.items() if spec.settings.get("unique")]
    if not unique:
        return
    final: dict[int, dict[str, Any]] = {}
    touched: list[int] = []
    fresh = 0
    for record_id, values in planned:
        if record_id is None:
            fresh -= 1  # new records get negative keys: they have no id yet
            key = fresh
            final[key] = dict(values)
        else:
            key = record_id
            final.setdefault(key, dict(table.records[record_id])).update(values)
        touched.append(key)
    for name in unique:
        owners: dict[Any, int] = {}
        for record_id, values in table.records.items():
            if record_id not in final and values.get(name) is not None:
                owners.setdefault(_unique_key(values[name]), record_id)
        for key in touched:
            value = final[key].get(name)
            if value is None:
                continue
            other = owners.setdefault(_unique_key(value), key)
            if other != key:
                raise ApiError(
                    409, f"unique-violation: field '{name}' already has the value {value!r}"
                )

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.database_settings import DatabaseSettings
    from ..models.schema_document import SchemaDocument


T = TypeVar("T", bound="DatabaseSchema")


@_attrs_define
class DatabaseSchema:
    """Settings and schema of a database (§4.4)."""

    settings: DatabaseSettings | Unset = UNSET
    """ Database settings (Ninox CLI `DatabaseSettings`): `name`, `icon`, `color`, `bgType`,
    `backgroundClass`, `rolesOpen`, `rolesExport`, `rolesImport`, `rolesHistory`,
    `rolesMassDataUpdate`, `rolesPrint` and more.
     """
    schema: SchemaDocument | Unset = UNSET
    """ The schema: tables as `types` keyed by table id, plus database-wide scripts and options
    (Ninox CLI `DatabaseSchemaBase`, §7.4). Other keys: `afterOpen`, `afterOpenBehavior`,
    `globalCode`, `fileSync`, `dateFix`, `compatibility`, `hide*`, `knownDatabases`.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = self.schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if settings is not UNSET:
            field_dict["settings"] = settings
        if schema is not UNSET:
            field_dict["schema"] = schema

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.database_settings import DatabaseSettings
        from ..models.schema_document import SchemaDocument

        d = dict(src_dict)
        _settings = d.pop("settings", UNSET)
        settings: DatabaseSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = DatabaseSettings.from_dict(_settings)

        _schema = d.pop("schema", UNSET)
        schema: SchemaDocument | Unset
        if isinstance(_schema, Unset):
            schema = UNSET
        else:
            schema = SchemaDocument.from_dict(_schema)

        database_schema = cls(
            settings=settings,
            schema=schema,
        )

        database_schema.additional_properties = d
        return database_schema

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

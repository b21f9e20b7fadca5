from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DatabaseSettings")


@_attrs_define
class DatabaseSettings:
    """Database settings (Ninox CLI `DatabaseSettings`): `name`, `icon`, `color`, `bgType`,
    `backgroundClass`, `rolesOpen`, `rolesExport`, `rolesImport`, `rolesHistory`,
    `rolesMassDataUpdate`, `rolesPrint` and more.

    """

    name: str | Unset = UNSET
    """ Database name. """
    icon: str | Unset = UNSET
    """ Icon name. """
    color: str | Unset = UNSET
    """ Colour as `#rrggbb`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        icon = self.icon

        color = self.color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if icon is not UNSET:
            field_dict["icon"] = icon
        if color is not UNSET:
            field_dict["color"] = color

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        icon = d.pop("icon", UNSET)

        color = d.pop("color", UNSET)

        database_settings = cls(
            name=name,
            icon=icon,
            color=color,
        )

        database_settings.additional_properties = d
        return database_settings

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IconSetting")


@_attrs_define
class IconSetting:
    """An icon with its colour (§7.1, §7.2, [1])."""

    icon: str
    """ Icon name. """
    color: str | Unset = UNSET
    """ Colour, e.g. `#ffcc00`. """
    filling: int | Unset = UNSET
    """ 1 for a filled icon, 0 for an outline. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        icon = self.icon

        color = self.color

        filling = self.filling

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "icon": icon,
            }
        )
        if color is not UNSET:
            field_dict["color"] = color
        if filling is not UNSET:
            field_dict["filling"] = filling

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        icon = d.pop("icon")

        color = d.pop("color", UNSET)

        filling = d.pop("filling", UNSET)

        icon_setting = cls(
            icon=icon,
            color=color,
            filling=filling,
        )

        icon_setting.additional_properties = d
        return icon_setting

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

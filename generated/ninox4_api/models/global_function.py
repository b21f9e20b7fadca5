from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GlobalFunction")


@_attrs_define
class GlobalFunction:
    """A global function of a module (§3.2, [1])."""

    name: str
    """ Function name. """
    id: str | Unset = UNSET
    """ Function id. """
    module_name: str | Unset = UNSET
    """ The module. """
    code: str | Unset = UNSET
    """ Source code. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        module_name = self.module_name

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if module_name is not UNSET:
            field_dict["moduleName"] = module_name
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id", UNSET)

        module_name = d.pop("moduleName", UNSET)

        code = d.pop("code", UNSET)

        global_function = cls(
            name=name,
            id=id,
            module_name=module_name,
            code=code,
        )

        global_function.additional_properties = d
        return global_function

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

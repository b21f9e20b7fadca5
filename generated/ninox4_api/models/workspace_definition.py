from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.module_definition import ModuleDefinition


T = TypeVar("T", bound="WorkspaceDefinition")


@_attrs_define
class WorkspaceDefinition:
    """A workspace with its modules (§3.1 row 1, [1])."""

    name: str
    """ Workspace name. """
    modules: list[ModuleDefinition] | Unset = UNSET
    """ The workspace's modules. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        modules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.modules, Unset):
            modules = []
            for modules_item_data in self.modules:
                modules_item = modules_item_data.to_dict()
                modules.append(modules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if modules is not UNSET:
            field_dict["modules"] = modules

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.module_definition import ModuleDefinition

        d = dict(src_dict)
        name = d.pop("name")

        _modules = d.pop("modules", UNSET)
        modules: list[ModuleDefinition] | Unset = UNSET
        if _modules is not UNSET:
            modules = []
            for modules_item_data in _modules:
                modules_item = ModuleDefinition.from_dict(modules_item_data)

                modules.append(modules_item)

        workspace_definition = cls(
            name=name,
            modules=modules,
        )

        workspace_definition.additional_properties = d
        return workspace_definition

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.icon_setting import IconSetting
    from ..models.label_map import LabelMap
    from ..models.table_definition import TableDefinition


T = TypeVar("T", bound="ModuleDefinition")


@_attrs_define
class ModuleDefinition:
    """A module as read, with its tables; modules have no id (§7.2, §9 item 6, [1])."""

    name: str
    """ Machine name. """
    labels: LabelMap | Unset = UNSET
    """ Localized labels keyed by language code; the empty key `""` is the default language
    (§2, [1]). Values are 1–100 characters.
     """
    icon: IconSetting | Unset = UNSET
    """ An icon with its colour (§7.1, §7.2, [1]). """
    is_hidden: bool | Unset = UNSET
    """ The module is hidden. """
    hide_navigation: bool | Unset = UNSET
    """ The module's navigation is hidden. """
    open_roles: list[str] | Unset = UNSET
    """ Roles that may open the module. """
    tables: list[TableDefinition] | Unset = UNSET
    """ The module's tables. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        icon: dict[str, Any] | Unset = UNSET
        if not isinstance(self.icon, Unset):
            icon = self.icon.to_dict()

        is_hidden = self.is_hidden

        hide_navigation = self.hide_navigation

        open_roles: list[str] | Unset = UNSET
        if not isinstance(self.open_roles, Unset):
            open_roles = self.open_roles

        tables: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tables, Unset):
            tables = []
            for tables_item_data in self.tables:
                tables_item = tables_item_data.to_dict()
                tables.append(tables_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if labels is not UNSET:
            field_dict["labels"] = labels
        if icon is not UNSET:
            field_dict["icon"] = icon
        if is_hidden is not UNSET:
            field_dict["isHidden"] = is_hidden
        if hide_navigation is not UNSET:
            field_dict["hideNavigation"] = hide_navigation
        if open_roles is not UNSET:
            field_dict["openRoles"] = open_roles
        if tables is not UNSET:
            field_dict["tables"] = tables

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.icon_setting import IconSetting
        from ..models.label_map import LabelMap
        from ..models.table_definition import TableDefinition

        d = dict(src_dict)
        name = d.pop("name")

        _labels = d.pop("labels", UNSET)
        labels: LabelMap | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = LabelMap.from_dict(_labels)

        _icon = d.pop("icon", UNSET)
        icon: IconSetting | Unset
        if isinstance(_icon, Unset):
            icon = UNSET
        else:
            icon = IconSetting.from_dict(_icon)

        is_hidden = d.pop("isHidden", UNSET)

        hide_navigation = d.pop("hideNavigation", UNSET)

        open_roles = cast(list[str], d.pop("openRoles", UNSET))

        _tables = d.pop("tables", UNSET)
        tables: list[TableDefinition] | Unset = UNSET
        if _tables is not UNSET:
            tables = []
            for tables_item_data in _tables:
                tables_item = TableDefinition.from_dict(tables_item_data)

                tables.append(tables_item)

        module_definition = cls(
            name=name,
            labels=labels,
            icon=icon,
            is_hidden=is_hidden,
            hide_navigation=hide_navigation,
            open_roles=open_roles,
            tables=tables,
        )

        module_definition.additional_properties = d
        return module_definition

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

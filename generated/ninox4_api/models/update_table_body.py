from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.module_role import ModuleRole, check_module_role
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.icon_setting import IconSetting
    from ..models.label_map import LabelMap


T = TypeVar("T", bound="UpdateTableBody")


@_attrs_define
class UpdateTableBody:
    """Body of `updateTable`; every key optional, `name` renames (§7.1, [1])."""

    name: str | Unset = UNSET
    """ A module, table or field machine name (§2, [1]). """
    labels: LabelMap | Unset = UNSET
    """ Localized labels keyed by language code; the empty key `""` is the default language
    (§2, [1]). Values are 1–100 characters.
     """
    icon: IconSetting | Unset = UNSET
    """ An icon with its colour (§7.1, §7.2, [1]). """
    has_files: bool | Unset = UNSET
    """ Records can carry file attachments. """
    has_global_search: bool | Unset = UNSET
    """ Records are found by the global search. """
    has_history: bool | Unset = UNSET
    """ Track record history; `listRecordChanges` needs it (§3.2). """
    is_email_linking_enabled: bool | Unset = UNSET
    """ E-mails can be linked to records. """
    is_hidden: bool | Unset = UNSET
    """ Hide the table. """
    create_roles: list[ModuleRole] | Unset = UNSET
    """ One or both roles that may create records. """
    read_roles: list[ModuleRole] | Unset = UNSET
    """ One or both roles that may read records. """
    write_roles: list[ModuleRole] | Unset = UNSET
    """ One or both roles that may change records. """
    delete_roles: list[ModuleRole] | Unset = UNSET
    """ One or both roles that may delete records. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        icon: dict[str, Any] | Unset = UNSET
        if not isinstance(self.icon, Unset):
            icon = self.icon.to_dict()

        has_files = self.has_files

        has_global_search = self.has_global_search

        has_history = self.has_history

        is_email_linking_enabled = self.is_email_linking_enabled

        is_hidden = self.is_hidden

        create_roles: list[str] | Unset = UNSET
        if not isinstance(self.create_roles, Unset):
            create_roles = []
            for create_roles_item_data in self.create_roles:
                create_roles_item: str = create_roles_item_data
                create_roles.append(create_roles_item)

        read_roles: list[str] | Unset = UNSET
        if not isinstance(self.read_roles, Unset):
            read_roles = []
            for read_roles_item_data in self.read_roles:
                read_roles_item: str = read_roles_item_data
                read_roles.append(read_roles_item)

        write_roles: list[str] | Unset = UNSET
        if not isinstance(self.write_roles, Unset):
            write_roles = []
            for write_roles_item_data in self.write_roles:
                write_roles_item: str = write_roles_item_data
                write_roles.append(write_roles_item)

        delete_roles: list[str] | Unset = UNSET
        if not isinstance(self.delete_roles, Unset):
            delete_roles = []
            for delete_roles_item_data in self.delete_roles:
                delete_roles_item: str = delete_roles_item_data
                delete_roles.append(delete_roles_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if labels is not UNSET:
            field_dict["labels"] = labels
        if icon is not UNSET:
            field_dict["icon"] = icon
        if has_files is not UNSET:
            field_dict["hasFiles"] = has_files
        if has_global_search is not UNSET:
            field_dict["hasGlobalSearch"] = has_global_search
        if has_history is not UNSET:
            field_dict["hasHistory"] = has_history
        if is_email_linking_enabled is not UNSET:
            field_dict["isEmailLinkingEnabled"] = is_email_linking_enabled
        if is_hidden is not UNSET:
            field_dict["isHidden"] = is_hidden
        if create_roles is not UNSET:
            field_dict["createRoles"] = create_roles
        if read_roles is not UNSET:
            field_dict["readRoles"] = read_roles
        if write_roles is not UNSET:
            field_dict["writeRoles"] = write_roles
        if delete_roles is not UNSET:
            field_dict["deleteRoles"] = delete_roles

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.icon_setting import IconSetting
        from ..models.label_map import LabelMap

        d = dict(src_dict)
        name = d.pop("name", UNSET)

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

        has_files = d.pop("hasFiles", UNSET)

        has_global_search = d.pop("hasGlobalSearch", UNSET)

        has_history = d.pop("hasHistory", UNSET)

        is_email_linking_enabled = d.pop("isEmailLinkingEnabled", UNSET)

        is_hidden = d.pop("isHidden", UNSET)

        _create_roles = d.pop("createRoles", UNSET)
        create_roles: list[ModuleRole] | Unset = UNSET
        if _create_roles is not UNSET:
            create_roles = []
            for create_roles_item_data in _create_roles:
                create_roles_item = check_module_role(create_roles_item_data)

                create_roles.append(create_roles_item)

        _read_roles = d.pop("readRoles", UNSET)
        read_roles: list[ModuleRole] | Unset = UNSET
        if _read_roles is not UNSET:
            read_roles = []
            for read_roles_item_data in _read_roles:
                read_roles_item = check_module_role(read_roles_item_data)

                read_roles.append(read_roles_item)

        _write_roles = d.pop("writeRoles", UNSET)
        write_roles: list[ModuleRole] | Unset = UNSET
        if _write_roles is not UNSET:
            write_roles = []
            for write_roles_item_data in _write_roles:
                write_roles_item = check_module_role(write_roles_item_data)

                write_roles.append(write_roles_item)

        _delete_roles = d.pop("deleteRoles", UNSET)
        delete_roles: list[ModuleRole] | Unset = UNSET
        if _delete_roles is not UNSET:
            delete_roles = []
            for delete_roles_item_data in _delete_roles:
                delete_roles_item = check_module_role(delete_roles_item_data)

                delete_roles.append(delete_roles_item)

        update_table_body = cls(
            name=name,
            labels=labels,
            icon=icon,
            has_files=has_files,
            has_global_search=has_global_search,
            has_history=has_history,
            is_email_linking_enabled=is_email_linking_enabled,
            is_hidden=is_hidden,
            create_roles=create_roles,
            read_roles=read_roles,
            write_roles=write_roles,
            delete_roles=delete_roles,
        )

        update_table_body.additional_properties = d
        return update_table_body

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_definition import FieldDefinition
    from ..models.icon_setting import IconSetting
    from ..models.label_map import LabelMap


T = TypeVar("T", bound="TableDefinition")


@_attrs_define
class TableDefinition:
    """A table as read, with its fields; tables have no id (§7.2, §9 item 6, [1])."""

    name: str
    """ Machine name. """
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
    """ Record history is tracked. """
    is_email_linking_enabled: bool | Unset = UNSET
    """ E-mails can be linked to records. """
    is_hidden: bool | Unset = UNSET
    """ The table is hidden. """
    create_roles: list[str] | Unset = UNSET
    """ Roles that may create records. """
    read_roles: list[str] | Unset = UNSET
    """ Roles that may read records. """
    write_roles: list[str] | Unset = UNSET
    """ Roles that may change records. """
    delete_roles: list[str] | Unset = UNSET
    """ Roles that may delete records. """
    fields: list[FieldDefinition] | Unset = UNSET
    """ The table's fields. """
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
            create_roles = self.create_roles

        read_roles: list[str] | Unset = UNSET
        if not isinstance(self.read_roles, Unset):
            read_roles = self.read_roles

        write_roles: list[str] | Unset = UNSET
        if not isinstance(self.write_roles, Unset):
            write_roles = self.write_roles

        delete_roles: list[str] | Unset = UNSET
        if not isinstance(self.delete_roles, Unset):
            delete_roles = self.delete_roles

        fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = []
            for fields_item_data in self.fields:
                fields_item = fields_item_data.to_dict()
                fields.append(fields_item)

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
        if fields is not UNSET:
            field_dict["fields"] = fields

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_definition import FieldDefinition
        from ..models.icon_setting import IconSetting
        from ..models.label_map import LabelMap

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

        has_files = d.pop("hasFiles", UNSET)

        has_global_search = d.pop("hasGlobalSearch", UNSET)

        has_history = d.pop("hasHistory", UNSET)

        is_email_linking_enabled = d.pop("isEmailLinkingEnabled", UNSET)

        is_hidden = d.pop("isHidden", UNSET)

        create_roles = cast(list[str], d.pop("createRoles", UNSET))

        read_roles = cast(list[str], d.pop("readRoles", UNSET))

        write_roles = cast(list[str], d.pop("writeRoles", UNSET))

        delete_roles = cast(list[str], d.pop("deleteRoles", UNSET))

        _fields = d.pop("fields", UNSET)
        fields: list[FieldDefinition] | Unset = UNSET
        if _fields is not UNSET:
            fields = []
            for fields_item_data in _fields:
                fields_item = FieldDefinition.from_dict(fields_item_data)

                fields.append(fields_item)

        table_definition = cls(
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
            fields=fields,
        )

        table_definition.additional_properties = d
        return table_definition

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

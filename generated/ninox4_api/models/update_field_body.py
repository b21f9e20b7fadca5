from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.field_role import FieldRole, check_field_role
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.choice_option_input import ChoiceOptionInput
    from ..models.label_map import LabelMap


T = TypeVar("T", bound="UpdateFieldBody")


@_attrs_define
class UpdateFieldBody:
    """Body of `updateField`: the keys of `CreateFieldBody` except `type`, `variant` and
    `refTableName`, all optional (§7.1, [1]).

    """

    name: str | Unset = UNSET
    """ A module, table or field machine name (§2, [1]). """
    labels: LabelMap | Unset = UNSET
    """ Localized labels keyed by language code; the empty key `""` is the default language
    (§2, [1]). Values are 1–100 characters.
     """
    expression: str | Unset = UNSET
    """ Formula of a `function` field. """
    options: list[ChoiceOptionInput] | str | Unset = UNSET
    """ `choice`/`multi`: the list of options. `dchoice`/`dmulti`: a selection expression such as
    `select users`. Sending the wrong kind answers `400` (§7.1, [1]).
     """
    option_name: str | Unset = UNSET
    """ Display expression of `dchoice`/`dmulti` options. """
    option_icon: str | Unset = UNSET
    """ Icon expression of `dchoice`/`dmulti` options. """
    option_color: str | Unset = UNSET
    """ Colour expression of `dchoice`/`dmulti` options. """
    index: bool | Unset = UNSET
    """ Index the field. """
    required: bool | Unset = UNSET
    """ A value is required. """
    search: bool | Unset = UNSET
    """ Include the field in searches. """
    unique: bool | Unset = UNSET
    """ Values are unique. """
    read_roles: list[FieldRole] | Unset = UNSET
    """ One or both roles that may read the field. """
    write_roles: list[FieldRole] | Unset = UNSET
    """ One or both roles that may write the field. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        expression = self.expression

        options: list[dict[str, Any]] | str | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = []
            for componentsschemas_field_options_input_type_0_item_data in self.options:
                componentsschemas_field_options_input_type_0_item = (
                    componentsschemas_field_options_input_type_0_item_data.to_dict()
                )
                options.append(componentsschemas_field_options_input_type_0_item)

        else:
            options = self.options

        option_name = self.option_name

        option_icon = self.option_icon

        option_color = self.option_color

        index = self.index

        required = self.required

        search = self.search

        unique = self.unique

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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if labels is not UNSET:
            field_dict["labels"] = labels
        if expression is not UNSET:
            field_dict["expression"] = expression
        if options is not UNSET:
            field_dict["options"] = options
        if option_name is not UNSET:
            field_dict["optionName"] = option_name
        if option_icon is not UNSET:
            field_dict["optionIcon"] = option_icon
        if option_color is not UNSET:
            field_dict["optionColor"] = option_color
        if index is not UNSET:
            field_dict["index"] = index
        if required is not UNSET:
            field_dict["required"] = required
        if search is not UNSET:
            field_dict["search"] = search
        if unique is not UNSET:
            field_dict["unique"] = unique
        if read_roles is not UNSET:
            field_dict["readRoles"] = read_roles
        if write_roles is not UNSET:
            field_dict["writeRoles"] = write_roles

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.choice_option_input import ChoiceOptionInput
        from ..models.label_map import LabelMap

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _labels = d.pop("labels", UNSET)
        labels: LabelMap | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = LabelMap.from_dict(_labels)

        expression = d.pop("expression", UNSET)

        def _parse_options(data: object) -> list[ChoiceOptionInput] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_field_options_input_type_0 = []
                _componentsschemas_field_options_input_type_0 = data
                for (
                    componentsschemas_field_options_input_type_0_item_data
                ) in _componentsschemas_field_options_input_type_0:
                    componentsschemas_field_options_input_type_0_item = (
                        ChoiceOptionInput.from_dict(
                            componentsschemas_field_options_input_type_0_item_data
                        )
                    )

                    componentsschemas_field_options_input_type_0.append(
                        componentsschemas_field_options_input_type_0_item
                    )

                return componentsschemas_field_options_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChoiceOptionInput] | str | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        option_name = d.pop("optionName", UNSET)

        option_icon = d.pop("optionIcon", UNSET)

        option_color = d.pop("optionColor", UNSET)

        index = d.pop("index", UNSET)

        required = d.pop("required", UNSET)

        search = d.pop("search", UNSET)

        unique = d.pop("unique", UNSET)

        _read_roles = d.pop("readRoles", UNSET)
        read_roles: list[FieldRole] | Unset = UNSET
        if _read_roles is not UNSET:
            read_roles = []
            for read_roles_item_data in _read_roles:
                read_roles_item = check_field_role(read_roles_item_data)

                read_roles.append(read_roles_item)

        _write_roles = d.pop("writeRoles", UNSET)
        write_roles: list[FieldRole] | Unset = UNSET
        if _write_roles is not UNSET:
            write_roles = []
            for write_roles_item_data in _write_roles:
                write_roles_item = check_field_role(write_roles_item_data)

                write_roles.append(write_roles_item)

        update_field_body = cls(
            name=name,
            labels=labels,
            expression=expression,
            options=options,
            option_name=option_name,
            option_icon=option_icon,
            option_color=option_color,
            index=index,
            required=required,
            search=search,
            unique=unique,
            read_roles=read_roles,
            write_roles=write_roles,
        )

        return update_field_body

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.choice_option import ChoiceOption
    from ..models.expression_error import ExpressionError
    from ..models.label_map import LabelMap


T = TypeVar("T", bound="FieldDefinition")


@_attrs_define
class FieldDefinition:
    """A field as read (§7.2, [1]). `type` is kept open: reads add internal kinds (`any`, `html`,
    `lambda`, `react`, `rowId`, `styled`, `unknown`, `void`) to those of `FieldKind`. The
    reference target is `refTableId` here but `refTableName` in writes (§9 item 4).

    """

    name: str
    """ Machine name. """
    type_: str
    """ Field type. """
    labels: LabelMap | Unset = UNSET
    """ Localized labels keyed by language code; the empty key `""` is the default language
    (§2, [1]). Values are 1–100 characters.
     """
    variant: str | Unset = UNSET
    """ Variant of a `string` field. """
    ref_table_id: None | str | Unset = UNSET
    """ Target table of a `reference`. """
    required: bool | Unset = UNSET
    """ A value is required. """
    unique: bool | Unset = UNSET
    """ Values are unique. """
    index: bool | Unset = UNSET
    """ The field is indexed. """
    search: bool | Unset = UNSET
    """ The field is searched. """
    read_roles: list[str] | Unset = UNSET
    """ Roles that may read the field. """
    write_roles: list[str] | Unset = UNSET
    """ Roles that may write the field. """
    expression: str | Unset = UNSET
    """ Formula of a `function` field. """
    expression_errors: list[ExpressionError] | Unset = UNSET
    """ Problems found in the expression. """
    options: list[ChoiceOption] | str | Unset = UNSET
    """ Options of a `choice`/`multi` field, or the selection expression of `dchoice`/`dmulti`. """
    option_name: str | Unset = UNSET
    """ Display expression of `dchoice`/`dmulti` options. """
    option_icon: str | Unset = UNSET
    """ Icon expression of `dchoice`/`dmulti` options. """
    option_color: str | Unset = UNSET
    """ Colour expression of `dchoice`/`dmulti` options. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        variant = self.variant

        ref_table_id: None | str | Unset
        if isinstance(self.ref_table_id, Unset):
            ref_table_id = UNSET
        else:
            ref_table_id = self.ref_table_id

        required = self.required

        unique = self.unique

        index = self.index

        search = self.search

        read_roles: list[str] | Unset = UNSET
        if not isinstance(self.read_roles, Unset):
            read_roles = self.read_roles

        write_roles: list[str] | Unset = UNSET
        if not isinstance(self.write_roles, Unset):
            write_roles = self.write_roles

        expression = self.expression

        expression_errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.expression_errors, Unset):
            expression_errors = []
            for expression_errors_item_data in self.expression_errors:
                expression_errors_item = expression_errors_item_data.to_dict()
                expression_errors.append(expression_errors_item)

        options: list[dict[str, Any]] | str | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = []
            for options_type_0_item_data in self.options:
                options_type_0_item = options_type_0_item_data.to_dict()
                options.append(options_type_0_item)

        else:
            options = self.options

        option_name = self.option_name

        option_icon = self.option_icon

        option_color = self.option_color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
            }
        )
        if labels is not UNSET:
            field_dict["labels"] = labels
        if variant is not UNSET:
            field_dict["variant"] = variant
        if ref_table_id is not UNSET:
            field_dict["refTableId"] = ref_table_id
        if required is not UNSET:
            field_dict["required"] = required
        if unique is not UNSET:
            field_dict["unique"] = unique
        if index is not UNSET:
            field_dict["index"] = index
        if search is not UNSET:
            field_dict["search"] = search
        if read_roles is not UNSET:
            field_dict["readRoles"] = read_roles
        if write_roles is not UNSET:
            field_dict["writeRoles"] = write_roles
        if expression is not UNSET:
            field_dict["expression"] = expression
        if expression_errors is not UNSET:
            field_dict["expressionErrors"] = expression_errors
        if options is not UNSET:
            field_dict["options"] = options
        if option_name is not UNSET:
            field_dict["optionName"] = option_name
        if option_icon is not UNSET:
            field_dict["optionIcon"] = option_icon
        if option_color is not UNSET:
            field_dict["optionColor"] = option_color

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.choice_option import ChoiceOption
        from ..models.expression_error import ExpressionError
        from ..models.label_map import LabelMap

        d = dict(src_dict)
        name = d.pop("name")

        type_ = d.pop("type")

        _labels = d.pop("labels", UNSET)
        labels: LabelMap | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = LabelMap.from_dict(_labels)

        variant = d.pop("variant", UNSET)

        def _parse_ref_table_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ref_table_id = _parse_ref_table_id(d.pop("refTableId", UNSET))

        required = d.pop("required", UNSET)

        unique = d.pop("unique", UNSET)

        index = d.pop("index", UNSET)

        search = d.pop("search", UNSET)

        read_roles = cast(list[str], d.pop("readRoles", UNSET))

        write_roles = cast(list[str], d.pop("writeRoles", UNSET))

        expression = d.pop("expression", UNSET)

        _expression_errors = d.pop("expressionErrors", UNSET)
        expression_errors: list[ExpressionError] | Unset = UNSET
        if _expression_errors is not UNSET:
            expression_errors = []
            for expression_errors_item_data in _expression_errors:
                expression_errors_item = ExpressionError.from_dict(
                    expression_errors_item_data
                )

                expression_errors.append(expression_errors_item)

        def _parse_options(data: object) -> list[ChoiceOption] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = []
                _options_type_0 = data
                for options_type_0_item_data in _options_type_0:
                    options_type_0_item = ChoiceOption.from_dict(
                        options_type_0_item_data
                    )

                    options_type_0.append(options_type_0_item)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChoiceOption] | str | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        option_name = d.pop("optionName", UNSET)

        option_icon = d.pop("optionIcon", UNSET)

        option_color = d.pop("optionColor", UNSET)

        field_definition = cls(
            name=name,
            type_=type_,
            labels=labels,
            variant=variant,
            ref_table_id=ref_table_id,
            required=required,
            unique=unique,
            index=index,
            search=search,
            read_roles=read_roles,
            write_roles=write_roles,
            expression=expression,
            expression_errors=expression_errors,
            options=options,
            option_name=option_name,
            option_icon=option_icon,
            option_color=option_color,
        )

        field_definition.additional_properties = d
        return field_definition

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

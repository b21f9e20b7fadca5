from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schema_field_captions import SchemaFieldCaptions
    from ..models.schema_field_values import SchemaFieldValues


T = TypeVar("T", bound="SchemaField")


@_attrs_define
class SchemaField:
    """One field in the schema (§7.4)."""

    base: str | Unset = UNSET
    """ Internal field type. Seen: `string` (text; `stringMultiline`), `html`, `number`,
    `boolean`, `choice`, `multi`, `date`, `time`, `timestamp`, `timeinterval`,
    `appointment`, `file`, `link` (URL), `email`, `phone`, `location`, `color`, `icon`,
    `user`, `fn` (formula, code in `fn`), `ref` (link to another table, its id in `ref`),
    `rev` (the reverse side of a link, with `ref` and `reverseField`) (§7.4, §13 [2+]:
    DVBase, the web client bundles, a forum thread). Kept open: Ninox adds types.
     """
    caption: str | Unset = UNSET
    """ Field name. """
    captions: SchemaFieldCaptions | Unset = UNSET
    """ Translated captions keyed by language code. """
    required: bool | Unset = UNSET
    """ The field must have a value. """
    order: int | Unset = UNSET
    """ Position in the form. """
    next_choice_id: int | Unset = UNSET
    """ Counter for new choice options (`choice`, `multi`). """
    values: SchemaFieldValues | Unset = UNSET
    """ Choice options keyed by option id (`choice`, `multi`). """
    ref: str | Unset = UNSET
    """ `ref`: the id of the linked table; `rev`: the id of the table holding the link (§13).
     """
    reverse_field: str | Unset = UNSET
    """ `rev` only: the id of the link field (in table `ref`) this field reverses (§13). """
    fn: str | Unset = UNSET
    """ `fn` only: the formula's NX code (§7.4, §13). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        caption = self.caption

        captions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.captions, Unset):
            captions = self.captions.to_dict()

        required = self.required

        order = self.order

        next_choice_id = self.next_choice_id

        values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values.to_dict()

        ref = self.ref

        reverse_field = self.reverse_field

        fn = self.fn

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if base is not UNSET:
            field_dict["base"] = base
        if caption is not UNSET:
            field_dict["caption"] = caption
        if captions is not UNSET:
            field_dict["captions"] = captions
        if required is not UNSET:
            field_dict["required"] = required
        if order is not UNSET:
            field_dict["order"] = order
        if next_choice_id is not UNSET:
            field_dict["nextChoiceId"] = next_choice_id
        if values is not UNSET:
            field_dict["values"] = values
        if ref is not UNSET:
            field_dict["ref"] = ref
        if reverse_field is not UNSET:
            field_dict["reverseField"] = reverse_field
        if fn is not UNSET:
            field_dict["fn"] = fn

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.schema_field_captions import SchemaFieldCaptions
        from ..models.schema_field_values import SchemaFieldValues

        d = dict(src_dict)
        base = d.pop("base", UNSET)

        caption = d.pop("caption", UNSET)

        _captions = d.pop("captions", UNSET)
        captions: SchemaFieldCaptions | Unset
        if isinstance(_captions, Unset):
            captions = UNSET
        else:
            captions = SchemaFieldCaptions.from_dict(_captions)

        required = d.pop("required", UNSET)

        order = d.pop("order", UNSET)

        next_choice_id = d.pop("nextChoiceId", UNSET)

        _values = d.pop("values", UNSET)
        values: SchemaFieldValues | Unset
        if isinstance(_values, Unset):
            values = UNSET
        else:
            values = SchemaFieldValues.from_dict(_values)

        ref = d.pop("ref", UNSET)

        reverse_field = d.pop("reverseField", UNSET)

        fn = d.pop("fn", UNSET)

        schema_field = cls(
            base=base,
            caption=caption,
            captions=captions,
            required=required,
            order=order,
            next_choice_id=next_choice_id,
            values=values,
            ref=ref,
            reverse_field=reverse_field,
            fn=fn,
        )

        schema_field.additional_properties = d
        return schema_field

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

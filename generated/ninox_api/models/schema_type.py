from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schema_type_captions import SchemaTypeCaptions
    from ..models.schema_type_fields import SchemaTypeFields


T = TypeVar("T", bound="SchemaType")


@_attrs_define
class SchemaType:
    """One table in the schema (Ninox CLI `TableBase`). Other keys: `uis`, `uuid`, `globalSearch`,
    `icon`, `color`, `afterCreate`, `afterUpdate`, `can*`, `*Roles`, `hasFiles`, `hasHistory`.

    """

    caption: str | Unset = UNSET
    """ Table name. """
    captions: SchemaTypeCaptions | Unset = UNSET
    """ Translated captions keyed by language code. """
    kind: str | Unset = UNSET
    """ `table`, or `page` for a page without records. """
    hidden: bool | Unset = UNSET
    """ Hidden from the navigation. """
    order: int | Unset = UNSET
    """ Position in the navigation. """
    next_field_id: int | Unset = UNSET
    """ Counter for new field ids. """
    fields: SchemaTypeFields | Unset = UNSET
    """ Fields keyed by field id. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        caption = self.caption

        captions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.captions, Unset):
            captions = self.captions.to_dict()

        kind = self.kind

        hidden = self.hidden

        order = self.order

        next_field_id = self.next_field_id

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if caption is not UNSET:
            field_dict["caption"] = caption
        if captions is not UNSET:
            field_dict["captions"] = captions
        if kind is not UNSET:
            field_dict["kind"] = kind
        if hidden is not UNSET:
            field_dict["hidden"] = hidden
        if order is not UNSET:
            field_dict["order"] = order
        if next_field_id is not UNSET:
            field_dict["nextFieldId"] = next_field_id
        if fields is not UNSET:
            field_dict["fields"] = fields

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.schema_type_captions import SchemaTypeCaptions
        from ..models.schema_type_fields import SchemaTypeFields

        d = dict(src_dict)
        caption = d.pop("caption", UNSET)

        _captions = d.pop("captions", UNSET)
        captions: SchemaTypeCaptions | Unset
        if isinstance(_captions, Unset):
            captions = UNSET
        else:
            captions = SchemaTypeCaptions.from_dict(_captions)

        kind = d.pop("kind", UNSET)

        hidden = d.pop("hidden", UNSET)

        order = d.pop("order", UNSET)

        next_field_id = d.pop("nextFieldId", UNSET)

        _fields = d.pop("fields", UNSET)
        fields: SchemaTypeFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = SchemaTypeFields.from_dict(_fields)

        schema_type = cls(
            caption=caption,
            captions=captions,
            kind=kind,
            hidden=hidden,
            order=order,
            next_field_id=next_field_id,
            fields=fields,
        )

        schema_type.additional_properties = d
        return schema_type

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record_values import RecordValues


T = TypeVar("T", bound="RecordItem")


@_attrs_define
class RecordItem:
    """A record as read, `{id, values}` (§7.2, [1])."""

    id: str
    """ A record id as reads return it, a positive integer written as a string (§2, [2+]). """
    values: RecordValues
    """ Field values of a read, keyed by field name (§7.2, §7.3). Kept open on purpose: the July
    document types them as boolean, number, string or null, yet `multi` reads back as an array
    of strings (§9 item 5, [conflict]); computed `function` and `reverse` values appear too.
    `choice` reads as its label, a reference as the target's row id string.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        values = self.values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_values import RecordValues

        d = dict(src_dict)
        id = d.pop("id")

        values = RecordValues.from_dict(d.pop("values"))

        record_item = cls(
            id=id,
            values=values,
        )

        record_item.additional_properties = d
        return record_item

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

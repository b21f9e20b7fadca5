from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordChange")


@_attrs_define
class RecordChange:
    """One changed record (§3.2, [1])."""

    id: str
    """ A record id as reads return it, a positive integer written as a string (§2, [2+]). """
    change_type: str
    """ What happened; kept open (values seen are not published). """
    changed_at: str
    """ When, ISO 8601. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        change_type = self.change_type

        changed_at = self.changed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "changeType": change_type,
                "changedAt": changed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        change_type = d.pop("changeType")

        changed_at = d.pop("changedAt")

        record_change = cls(
            id=id,
            change_type=change_type,
            changed_at=changed_at,
        )

        record_change.additional_properties = d
        return record_change

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordWrite")


@_attrs_define
class RecordWrite:
    """One record to create: field values sent flat, keyed by field name (§7.3, [1]). `null`
    clears; `number` takes a finite number or numeric string; `boolean` only true/false;
    `choice` the exact option label; `multi` an array of labels; `dchoice`/`dmulti` source
    record id strings; `date`/`timestamp`/`appointment` ISO 8601 or Unix milliseconds;
    `reference` the target's row id as a string (the July example uses a number, [conflict]);
    `file` and `location` (`Place <lat,lon>`) a string. `reverse` and `function` are read-only.

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        record_write = cls()

        record_write.additional_properties = d
        return record_write

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

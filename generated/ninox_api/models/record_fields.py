from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordFields")


@_attrs_define
class RecordFields:
    """Field values keyed by field name (or id with `ids=true`). JSON types by field type (§7.3):
    text, email, url, phone, html, choice (caption) → string; number → number; boolean →
    boolean; date → `YYYY-MM-DD` string ([conflict]: one copy of the documentation says
    number); datetime → zone-less local ISO string; time → `hh:mm:ss`; timeinterval →
    `h:mm:ss.SSS`; appointment → `"<start> - <end>"`; location → `"address <lat,lon>"`.
    Multiple choice, references, files, users: not documented. Empty fields may come as `""`
    or be absent. `null` clears a field when writing.

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        record_fields = cls()

        record_fields.additional_properties = d
        return record_fields

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

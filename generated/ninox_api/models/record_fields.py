from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordFields")


@_attrs_define
class RecordFields:
    """Field values keyed by field name (or id with `ids=true`). JSON types by field type (§7.3):
    text, email, url, phone, html, choice (caption; option id with `choiceStyle=ids`) →
    string; number → number (a numeric string is plausible on write, §10); boolean →
    boolean; date → `YYYY-MM-DD` string ([conflict]: one copy of the documentation says
    number, so epoch milliseconds are plausible on write); time → `hh:mm:ss[.SSS]`;
    timeinterval → `h:mm:ss.SSS`; appointment → `"<start> - <end>"`; location →
    `"address <lat,lon>"`.

    **datetime** (schema `base` `timestamp`): an instant. Decision (issue #20 item 7, from
    §7.1 and §7.3): the only zone the API documents is UTC (`createdAt`/`modifiedAt`, [2+]);
    the documentation's "local ISO, no zone" is read as the ISO local-date-time *format*
    without a zone designator, since Ninox stores timestamps as epoch instants. Read: UTC
    `YYYY-MM-DDThh:mm:ss` with `.SSS` when the milliseconds are not zero, no suffix. Write:
    that form, or with a trailing `Z` or a numeric offset (converted to UTC), or epoch
    milliseconds as a number — every plausible variant, since none is documented as refused.

    **Links** (schema `base` `ref`, §13 [2+]): the value is the linked record's id, a
    number. **Reverse links** (`rev`) and **formula** fields (`fn`) are not returned by the
    record routes ([2+]: NIOX, Metorial); read them with `/query` or `/exec`, and they cannot
    be written. Multiple choice (array of captions), files (the file name), users: [1] or
    not documented. Empty fields may come as `""` or be absent. `null` clears a field when
    writing.

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

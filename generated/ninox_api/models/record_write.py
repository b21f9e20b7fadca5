from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_fields import RecordFields


T = TypeVar("T", bound="RecordWrite")


@_attrs_define
class RecordWrite:
    """One item of a `saveRecords` batch (§4.12). `id` is an integer; a digit string
    (`"id": "1"`) is seen in ninoxjs's README (§13, [1]) and should be tolerated by servers.

    """

    fields: RecordFields
    """ Field values keyed by field name (or id with `ids=true`). JSON types by field type (§7.3):
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
    id: int | Unset = UNSET
    """ Record id, unique within its table. """
    field_upsert: bool | Unset = UNSET
    """ With `id`, create the record when no record has that id ([2+], n8n and Activepieces). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fields = self.fields.to_dict()

        id = self.id

        field_upsert = self.field_upsert

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fields": fields,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if field_upsert is not UNSET:
            field_dict["_upsert"] = field_upsert

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_fields import RecordFields

        d = dict(src_dict)
        fields = RecordFields.from_dict(d.pop("fields"))

        id = d.pop("id", UNSET)

        field_upsert = d.pop("_upsert", UNSET)

        record_write = cls(
            fields=fields,
            id=id,
            field_upsert=field_upsert,
        )

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

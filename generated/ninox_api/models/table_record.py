from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_fields import RecordFields


T = TypeVar("T", bound="TableRecord")


@_attrs_define
class TableRecord:
    """A record (§7.1)."""

    id: int
    """ Record id, unique within its table. """
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
    sequence: int | Unset = UNSET
    """ Database change sequence at the record's last change. """
    created_at: str | Unset = UNSET
    """ UTC date and time without a zone suffix, `YYYY-MM-DDThh:mm:ss` (optionally with fractional
    seconds). Not `format: date-time`: RFC 3339 requires an offset Ninox does not send (§7.1).
     """
    created_by: str | Unset = UNSET
    """ Id of the creating user (`root` in the documentation, user ids such as
    `BwqY7B4K9KidHBuEs` in samples; one client also types it a number, [1]).
     """
    modified_at: str | Unset = UNSET
    """ UTC date and time without a zone suffix, `YYYY-MM-DDThh:mm:ss` (optionally with fractional
    seconds). Not `format: date-time`: RFC 3339 requires an offset Ninox does not send (§7.1).
     """
    modified_by: str | Unset = UNSET
    """ Id of the last modifying user (like `createdBy`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        fields = self.fields.to_dict()

        sequence = self.sequence

        created_at = self.created_at

        created_by = self.created_by

        modified_at = self.modified_at

        modified_by = self.modified_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "fields": fields,
            }
        )
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if modified_at is not UNSET:
            field_dict["modifiedAt"] = modified_at
        if modified_by is not UNSET:
            field_dict["modifiedBy"] = modified_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_fields import RecordFields

        d = dict(src_dict)
        id = d.pop("id")

        fields = RecordFields.from_dict(d.pop("fields"))

        sequence = d.pop("sequence", UNSET)

        created_at = d.pop("createdAt", UNSET)

        created_by = d.pop("createdBy", UNSET)

        modified_at = d.pop("modifiedAt", UNSET)

        modified_by = d.pop("modifiedBy", UNSET)

        table_record = cls(
            id=id,
            fields=fields,
            sequence=sequence,
            created_at=created_at,
            created_by=created_by,
            modified_at=modified_at,
            modified_by=modified_by,
        )

        table_record.additional_properties = d
        return table_record

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

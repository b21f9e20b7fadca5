from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.record_write import RecordWrite


T = TypeVar("T", bound="UpsertRowsBody")


@_attrs_define
class UpsertRowsBody:
    """Body of `upsertRecords` (§3.2, [1])."""

    match_field: str
    """ A module, table or field machine name (§2, [1]). """
    records: list[RecordWrite]
    """ The records to create or update, flat like `addRecords`. """

    def to_dict(self) -> dict[str, Any]:
        match_field = self.match_field

        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "matchField": match_field,
                "records": records,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_write import RecordWrite

        d = dict(src_dict)
        match_field = d.pop("matchField")

        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = RecordWrite.from_dict(records_item_data)

            records.append(records_item)

        upsert_rows_body = cls(
            match_field=match_field,
            records=records,
        )

        return upsert_rows_body

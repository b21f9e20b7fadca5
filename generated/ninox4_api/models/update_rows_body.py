from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.record_update import RecordUpdate


T = TypeVar("T", bound="UpdateRowsBody")


@_attrs_define
class UpdateRowsBody:
    """Body of `updateRecords`; at most 6 MB (§7.1, §8, [1])."""

    records: list[RecordUpdate]
    """ The records to change. """

    def to_dict(self) -> dict[str, Any]:
        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "records": records,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.record_update import RecordUpdate

        d = dict(src_dict)
        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = RecordUpdate.from_dict(records_item_data)

            records.append(records_item)

        update_rows_body = cls(
            records=records,
        )

        return update_rows_body

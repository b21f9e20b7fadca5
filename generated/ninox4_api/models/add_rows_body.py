from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.record_write import RecordWrite


T = TypeVar("T", bound="AddRowsBody")


@_attrs_define
class AddRowsBody:
    """Body of `addRecords`; at most 6 MB (§7.1, §8, [1])."""

    records: list[RecordWrite]
    """ The records to create. """

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
        from ..models.record_write import RecordWrite

        d = dict(src_dict)
        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = RecordWrite.from_dict(records_item_data)

            records.append(records_item)

        add_rows_body = cls(
            records=records,
        )

        return add_rows_body

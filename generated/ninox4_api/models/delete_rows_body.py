from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="DeleteRowsBody")


@_attrs_define
class DeleteRowsBody:
    """Body of `deleteRecords` (§7.1, [1]). The July document's own example mixes integers and a
    string (§9 item 9); both forms are allowed here.

    """

    records: list[int | str]
    """ Ids of the records to delete. """

    def to_dict(self) -> dict[str, Any]:
        records = []
        for records_item_data in self.records:
            records_item: int | str
            records_item = records_item_data
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
        d = dict(src_dict)
        records = []
        _records = d.pop("records")
        for records_item_data in _records:

            def _parse_records_item(data: object) -> int | str:
                return cast(int | str, data)

            records_item = _parse_records_item(records_item_data)

            records.append(records_item)

        delete_rows_body = cls(
            records=records,
        )

        return delete_rows_body

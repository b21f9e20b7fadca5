from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PrintReportBody")


@_attrs_define
class PrintReportBody:
    """Body of `printReport`; at most 250 records in total (§3.2, §8, [1])."""

    row_id: int | str
    """ A record id in a write: a positive integer up to 2⁵³−1 (§2, [2+]). The string form that reads
    return has also been accepted live ([1]), so both are allowed.
     """
    row_ids: list[int | str] | Unset = UNSET
    """ Further records to print with it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        row_id: int | str
        row_id = self.row_id

        row_ids: list[int | str] | Unset = UNSET
        if not isinstance(self.row_ids, Unset):
            row_ids = []
            for row_ids_item_data in self.row_ids:
                row_ids_item: int | str
                row_ids_item = row_ids_item_data
                row_ids.append(row_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rowId": row_id,
            }
        )
        if row_ids is not UNSET:
            field_dict["rowIds"] = row_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_row_id(data: object) -> int | str:
            return cast(int | str, data)

        row_id = _parse_row_id(d.pop("rowId"))

        _row_ids = d.pop("rowIds", UNSET)
        row_ids: list[int | str] | Unset = UNSET
        if _row_ids is not UNSET:
            row_ids = []
            for row_ids_item_data in _row_ids:

                def _parse_row_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                row_ids_item = _parse_row_ids_item(row_ids_item_data)

                row_ids.append(row_ids_item)

        print_report_body = cls(
            row_id=row_id,
            row_ids=row_ids,
        )

        print_report_body.additional_properties = d
        return print_report_body

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

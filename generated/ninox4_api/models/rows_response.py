from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.page_info import PageInfo
    from ..models.record_item import RecordItem
    from ..models.rows_meta import RowsMeta


T = TypeVar("T", bound="RowsResponse")


@_attrs_define
class RowsResponse:
    """Answer of `listRecords` (§3.1 row 19, §4)."""

    data: list[RecordItem]
    """ The page's records. """
    page_info: PageInfo
    """ Where a page sits (§4, [2+]). No total count is given. """
    meta: RowsMeta | Unset = UNSET
    """ The filter and sort a page was made with (§3.1 row 19, [1]). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        page_info = self.page_info.to_dict()

        meta: dict[str, Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "page_info": page_info,
            }
        )
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.page_info import PageInfo
        from ..models.record_item import RecordItem
        from ..models.rows_meta import RowsMeta

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = RecordItem.from_dict(data_item_data)

            data.append(data_item)

        page_info = PageInfo.from_dict(d.pop("page_info"))

        _meta = d.pop("meta", UNSET)
        meta: RowsMeta | Unset
        if isinstance(_meta, Unset):
            meta = UNSET
        else:
            meta = RowsMeta.from_dict(_meta)

        rows_response = cls(
            data=data,
            page_info=page_info,
            meta=meta,
        )

        rows_response.additional_properties = d
        return rows_response

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

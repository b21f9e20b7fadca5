from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.change_feed_meta import ChangeFeedMeta
    from ..models.page_info import PageInfo
    from ..models.schema_change import SchemaChange


T = TypeVar("T", bound="SchemaChangesResponse")


@_attrs_define
class SchemaChangesResponse:
    """Answer of `listSchemaChanges`; changes oldest first."""

    data: list[SchemaChange]
    """ The changes. """
    page_info: PageInfo
    """ Where a page sits (§4, [2+]). No total count is given. """
    meta: ChangeFeedMeta
    """ The window of a change feed page (§3.2, [1]). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        page_info = self.page_info.to_dict()

        meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "page_info": page_info,
                "meta": meta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_feed_meta import ChangeFeedMeta
        from ..models.page_info import PageInfo
        from ..models.schema_change import SchemaChange

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = SchemaChange.from_dict(data_item_data)

            data.append(data_item)

        page_info = PageInfo.from_dict(d.pop("page_info"))

        meta = ChangeFeedMeta.from_dict(d.pop("meta"))

        schema_changes_response = cls(
            data=data,
            page_info=page_info,
            meta=meta,
        )

        schema_changes_response.additional_properties = d
        return schema_changes_response

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

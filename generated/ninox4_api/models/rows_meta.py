from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rows_meta_filter import RowsMetaFilter


T = TypeVar("T", bound="RowsMeta")


@_attrs_define
class RowsMeta:
    """The filter and sort a page was made with (§3.1 row 19, [1])."""

    filter_: RowsMetaFilter | Unset = UNSET
    """ The parsed filter. """
    sort: str | Unset = UNSET
    """ The sort used. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()

        sort = self.sort

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if sort is not UNSET:
            field_dict["sort"] = sort

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rows_meta_filter import RowsMetaFilter

        d = dict(src_dict)
        _filter_ = d.pop("filter", UNSET)
        filter_: RowsMetaFilter | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = RowsMetaFilter.from_dict(_filter_)

        sort = d.pop("sort", UNSET)

        rows_meta = cls(
            filter_=filter_,
            sort=sort,
        )

        rows_meta.additional_properties = d
        return rows_meta

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

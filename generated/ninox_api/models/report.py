from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Report")


@_attrs_define
class Report:
    """A print report (§4.18). `tid` is the table id; layout keys are not modelled."""

    id: str
    """ Report id (non-empty; it is a path segment of `getReport`). """
    caption: str | Unset = UNSET
    """ Report name. """
    tid: str | Unset = UNSET
    """ Table id. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        caption = self.caption

        tid = self.tid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if caption is not UNSET:
            field_dict["caption"] = caption
        if tid is not UNSET:
            field_dict["tid"] = tid

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        caption = d.pop("caption", UNSET)

        tid = d.pop("tid", UNSET)

        report = cls(
            id=id,
            caption=caption,
            tid=tid,
        )

        report.additional_properties = d
        return report

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

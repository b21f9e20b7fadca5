from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeFeedMeta")


@_attrs_define
class ChangeFeedMeta:
    """The window of a change feed page (§3.2, [1])."""

    as_of: str
    """ End of the window; send it as `asOf` for later pages and as `since` next poll. """
    retention_cutoff: str | Unset = UNSET
    """ Oldest instant the schema feed still covers. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of

        retention_cutoff = self.retention_cutoff

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asOf": as_of,
            }
        )
        if retention_cutoff is not UNSET:
            field_dict["retentionCutoff"] = retention_cutoff

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        as_of = d.pop("asOf")

        retention_cutoff = d.pop("retentionCutoff", UNSET)

        change_feed_meta = cls(
            as_of=as_of,
            retention_cutoff=retention_cutoff,
        )

        change_feed_meta.additional_properties = d
        return change_feed_meta

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

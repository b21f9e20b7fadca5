from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileMeta")


@_attrs_define
class FileMeta:
    """Metadata of an attachment (§4.16; `name` [2+], the rest [1])."""

    name: str
    """ File name. """
    content_type: str | Unset = UNSET
    """ MIME type. """
    size: int | Unset = UNSET
    """ Size in bytes. """
    modified_date: int | Unset = UNSET
    """ Last change, milliseconds since the Unix epoch. """
    modified_user: str | Unset = UNSET
    """ Id of the last modifying user. """
    seq: int | Unset = UNSET
    """ Change sequence. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        content_type = self.content_type

        size = self.size

        modified_date = self.modified_date

        modified_user = self.modified_user

        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if content_type is not UNSET:
            field_dict["contentType"] = content_type
        if size is not UNSET:
            field_dict["size"] = size
        if modified_date is not UNSET:
            field_dict["modifiedDate"] = modified_date
        if modified_user is not UNSET:
            field_dict["modifiedUser"] = modified_user
        if seq is not UNSET:
            field_dict["seq"] = seq

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        content_type = d.pop("contentType", UNSET)

        size = d.pop("size", UNSET)

        modified_date = d.pop("modifiedDate", UNSET)

        modified_user = d.pop("modifiedUser", UNSET)

        seq = d.pop("seq", UNSET)

        file_meta = cls(
            name=name,
            content_type=content_type,
            size=size,
            modified_date=modified_date,
            modified_user=modified_user,
            seq=seq,
        )

        file_meta.additional_properties = d
        return file_meta

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeSetEntry")


@_attrs_define
class ChangeSetEntry:
    """One created or changed record of a change set (§13 first row, [2+]): a **flat** object whose
    keys are **field ids** (not names, no `fields` wrapper) plus the record's metadata. Field
    values are in the same JSON form as in record reads (§7.3; a link is the linked record's id;
    formula values are not included). Unit of `_cd`/`_md`: the sources do not state it. The web
    client treats `_md` as a timestamp field, whose internal value is a number of milliseconds
    since the Unix epoch (the unit of `FileMeta.modifiedDate`, §4.16); Metorial passes the
    values through untyped into fields it declares as strings. Read as epoch milliseconds
    (integers) here; clients should also accept the zone-less UTC text of `NinoxTimestamp`.

    """

    field_cd: int | str | Unset = UNSET
    """ Created at, epoch milliseconds (see above). """
    field_cu: str | Unset = UNSET
    """ Id of the creating user. """
    field_md: int | str | Unset = UNSET
    """ Last modified at, epoch milliseconds (see above). """
    field_mu: str | Unset = UNSET
    """ Id of the last modifying user. """
    field_sq: int | Unset = UNSET
    """ Sequence number of the record's last change. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_cd: int | str | Unset
        if isinstance(self.field_cd, Unset):
            field_cd = UNSET
        else:
            field_cd = self.field_cd

        field_cu = self.field_cu

        field_md: int | str | Unset
        if isinstance(self.field_md, Unset):
            field_md = UNSET
        else:
            field_md = self.field_md

        field_mu = self.field_mu

        field_sq = self.field_sq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_cd is not UNSET:
            field_dict["_cd"] = field_cd
        if field_cu is not UNSET:
            field_dict["_cu"] = field_cu
        if field_md is not UNSET:
            field_dict["_md"] = field_md
        if field_mu is not UNSET:
            field_dict["_mu"] = field_mu
        if field_sq is not UNSET:
            field_dict["_sq"] = field_sq

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_field_cd(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        field_cd = _parse_field_cd(d.pop("_cd", UNSET))

        field_cu = d.pop("_cu", UNSET)

        def _parse_field_md(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        field_md = _parse_field_md(d.pop("_md", UNSET))

        field_mu = d.pop("_mu", UNSET)

        field_sq = d.pop("_sq", UNSET)

        change_set_entry = cls(
            field_cd=field_cd,
            field_cu=field_cu,
            field_md=field_md,
            field_mu=field_mu,
            field_sq=field_sq,
        )

        change_set_entry.additional_properties = d
        return change_set_entry

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

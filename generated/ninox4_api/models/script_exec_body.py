from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScriptExecBody")


@_attrs_define
class ScriptExecBody:
    """Body of `execScript` (§3.2, [2+])."""

    module_name: str
    """ A module, table or field machine name (§2, [1]). """
    script: str
    """ The Ninox script. """
    table_name: str | Unset = UNSET
    """ A module, table or field machine name (§2, [1]). """
    row_id: int | str | Unset = UNSET
    """ A record id in a write: a positive integer up to 2⁵³−1 (§2, [2+]). The string form that reads
    return has also been accepted live ([1]), so both are allowed.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        module_name = self.module_name

        script = self.script

        table_name = self.table_name

        row_id: int | str | Unset
        if isinstance(self.row_id, Unset):
            row_id = UNSET
        else:
            row_id = self.row_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "moduleName": module_name,
                "script": script,
            }
        )
        if table_name is not UNSET:
            field_dict["tableName"] = table_name
        if row_id is not UNSET:
            field_dict["rowId"] = row_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        module_name = d.pop("moduleName")

        script = d.pop("script")

        table_name = d.pop("tableName", UNSET)

        def _parse_row_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        row_id = _parse_row_id(d.pop("rowId", UNSET))

        script_exec_body = cls(
            module_name=module_name,
            script=script,
            table_name=table_name,
            row_id=row_id,
        )

        script_exec_body.additional_properties = d
        return script_exec_body

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

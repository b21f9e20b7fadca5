from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CsvImportResult")


@_attrs_define
class CsvImportResult:
    """Counts of a CSV import (§3.1 row 23, [1])."""

    rows_imported: int
    """ Rows created. """
    rows_skipped: int
    """ Rows not applied (e.g. unmatched in `update` mode). """
    rows_updated: int
    """ Rows changed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rows_imported = self.rows_imported

        rows_skipped = self.rows_skipped

        rows_updated = self.rows_updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rowsImported": rows_imported,
                "rowsSkipped": rows_skipped,
                "rowsUpdated": rows_updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rows_imported = d.pop("rowsImported")

        rows_skipped = d.pop("rowsSkipped")

        rows_updated = d.pop("rowsUpdated")

        csv_import_result = cls(
            rows_imported=rows_imported,
            rows_skipped=rows_skipped,
            rows_updated=rows_updated,
        )

        csv_import_result.additional_properties = d
        return csv_import_result

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

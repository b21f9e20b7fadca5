from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schema_document_types import SchemaDocumentTypes


T = TypeVar("T", bound="SchemaDocument")


@_attrs_define
class SchemaDocument:
    """The schema: tables as `types` keyed by table id, plus database-wide scripts and options
    (Ninox CLI `DatabaseSchemaBase`, §7.4). Other keys: `afterOpen`, `afterOpenBehavior`,
    `globalCode`, `fileSync`, `dateFix`, `compatibility`, `hide*`, `knownDatabases`.

    """

    seq: int | Unset = UNSET
    """ Change sequence of the schema. """
    version: int | Unset = UNSET
    """ Schema version. `updateSchema` fails when it sends one that is not the current version
    (Ninox CLI README, §4.19); the CLI always sends it, and whether a document without it
    is refused is unknown, so it is optional.
     """
    next_type_id: int | Unset = UNSET
    """ Counter for new table ids. """
    types: SchemaDocumentTypes | Unset = UNSET
    """ Tables keyed by table id. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        version = self.version

        next_type_id = self.next_type_id

        types: dict[str, Any] | Unset = UNSET
        if not isinstance(self.types, Unset):
            types = self.types.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if seq is not UNSET:
            field_dict["seq"] = seq
        if version is not UNSET:
            field_dict["version"] = version
        if next_type_id is not UNSET:
            field_dict["nextTypeId"] = next_type_id
        if types is not UNSET:
            field_dict["types"] = types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.schema_document_types import SchemaDocumentTypes

        d = dict(src_dict)
        seq = d.pop("seq", UNSET)

        version = d.pop("version", UNSET)

        next_type_id = d.pop("nextTypeId", UNSET)

        _types = d.pop("types", UNSET)
        types: SchemaDocumentTypes | Unset
        if isinstance(_types, Unset):
            types = UNSET
        else:
            types = SchemaDocumentTypes.from_dict(_types)

        schema_document = cls(
            seq=seq,
            version=version,
            next_type_id=next_type_id,
            types=types,
        )

        schema_document.additional_properties = d
        return schema_document

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

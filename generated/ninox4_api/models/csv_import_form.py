from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.csv_import_form_encoding import (
    CsvImportFormEncoding,
    check_csv_import_form_encoding,
)
from ..models.csv_import_form_has_header import (
    CsvImportFormHasHeader,
    check_csv_import_form_has_header,
)
from ..models.csv_import_form_import_mode import (
    CsvImportFormImportMode,
    check_csv_import_form_import_mode,
)
from ..models.csv_import_form_number_format import (
    CsvImportFormNumberFormat,
    check_csv_import_form_number_format,
)
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CsvImportForm")


@_attrs_define
class CsvImportForm:
    """Multipart body of `importRecordsCsv` (§3.1 row 23, [1])."""

    file: File
    """ The CSV file, at most 50 MB (§8). """
    has_header: CsvImportFormHasHeader | Unset = "true"
    """ The first line holds column names. A string because form fields are text: a boolean
    would be sent as Python's `True`/`False` by the generated client.
     """
    delimiter: str | Unset = UNSET
    """ Column delimiter; detected when omitted. """
    quote_char: str | Unset = '\\"'
    """ Quote character. """
    encoding: CsvImportFormEncoding | Unset = "utf8"
    """ Text encoding of the file. """
    import_mode: CsvImportFormImportMode | Unset = "append"
    """ `append` creates rows; `update` changes rows matched by the key mapping and skips the
    rest; `upsert` does both and is the retry-safe mode (§8).
     """
    number_format: CsvImportFormNumberFormat | Unset = "us"
    """ Decimal separator convention. """
    batch_size: int | Unset = 100
    """ Rows per internal batch (§8). """
    mappings: str | Unset = UNSET
    """ JSON text: an array of `{"csvColumnName", "fieldName", "updatePolicy": "key"}`; the key
    mapping is what `update` and `upsert` match on. Without it, headers match field names
    case-insensitively.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        has_header: str | Unset = UNSET
        if not isinstance(self.has_header, Unset):
            has_header = self.has_header

        delimiter = self.delimiter

        quote_char = self.quote_char

        encoding: str | Unset = UNSET
        if not isinstance(self.encoding, Unset):
            encoding = self.encoding

        import_mode: str | Unset = UNSET
        if not isinstance(self.import_mode, Unset):
            import_mode = self.import_mode

        number_format: str | Unset = UNSET
        if not isinstance(self.number_format, Unset):
            number_format = self.number_format

        batch_size = self.batch_size

        mappings = self.mappings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if has_header is not UNSET:
            field_dict["hasHeader"] = has_header
        if delimiter is not UNSET:
            field_dict["delimiter"] = delimiter
        if quote_char is not UNSET:
            field_dict["quoteChar"] = quote_char
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if import_mode is not UNSET:
            field_dict["importMode"] = import_mode
        if number_format is not UNSET:
            field_dict["numberFormat"] = number_format
        if batch_size is not UNSET:
            field_dict["batchSize"] = batch_size
        if mappings is not UNSET:
            field_dict["mappings"] = mappings

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.has_header, Unset):
            files.append(
                ("hasHeader", (None, str(self.has_header).encode(), "text/plain"))
            )

        if not isinstance(self.delimiter, Unset):
            files.append(
                ("delimiter", (None, str(self.delimiter).encode(), "text/plain"))
            )

        if not isinstance(self.quote_char, Unset):
            files.append(
                ("quoteChar", (None, str(self.quote_char).encode(), "text/plain"))
            )

        if not isinstance(self.encoding, Unset):
            files.append(
                ("encoding", (None, str(self.encoding).encode(), "text/plain"))
            )

        if not isinstance(self.import_mode, Unset):
            files.append(
                ("importMode", (None, str(self.import_mode).encode(), "text/plain"))
            )

        if not isinstance(self.number_format, Unset):
            files.append(
                ("numberFormat", (None, str(self.number_format).encode(), "text/plain"))
            )

        if not isinstance(self.batch_size, Unset):
            files.append(
                ("batchSize", (None, str(self.batch_size).encode(), "text/plain"))
            )

        if not isinstance(self.mappings, Unset):
            files.append(
                ("mappings", (None, str(self.mappings).encode(), "text/plain"))
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        _has_header = d.pop("hasHeader", UNSET)
        has_header: CsvImportFormHasHeader | Unset
        if isinstance(_has_header, Unset):
            has_header = UNSET
        else:
            has_header = check_csv_import_form_has_header(_has_header)

        delimiter = d.pop("delimiter", UNSET)

        quote_char = d.pop("quoteChar", UNSET)

        _encoding = d.pop("encoding", UNSET)
        encoding: CsvImportFormEncoding | Unset
        if isinstance(_encoding, Unset):
            encoding = UNSET
        else:
            encoding = check_csv_import_form_encoding(_encoding)

        _import_mode = d.pop("importMode", UNSET)
        import_mode: CsvImportFormImportMode | Unset
        if isinstance(_import_mode, Unset):
            import_mode = UNSET
        else:
            import_mode = check_csv_import_form_import_mode(_import_mode)

        _number_format = d.pop("numberFormat", UNSET)
        number_format: CsvImportFormNumberFormat | Unset
        if isinstance(_number_format, Unset):
            number_format = UNSET
        else:
            number_format = check_csv_import_form_number_format(_number_format)

        batch_size = d.pop("batchSize", UNSET)

        mappings = d.pop("mappings", UNSET)

        csv_import_form = cls(
            file=file,
            has_header=has_header,
            delimiter=delimiter,
            quote_char=quote_char,
            encoding=encoding,
            import_mode=import_mode,
            number_format=number_format,
            batch_size=batch_size,
            mappings=mappings,
        )

        csv_import_form.additional_properties = d
        return csv_import_form

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

from typing import Literal

CsvImportFormEncoding = Literal[
    "ascii", "iso-latin1", "latin1", "utf16", "utf8", "windows-cp1252"
]

CSV_IMPORT_FORM_ENCODING_VALUES: set[CsvImportFormEncoding] = {
    "ascii",
    "iso-latin1",
    "latin1",
    "utf16",
    "utf8",
    "windows-cp1252",
}


def check_csv_import_form_encoding(value: str) -> CsvImportFormEncoding:
    if value in CSV_IMPORT_FORM_ENCODING_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CSV_IMPORT_FORM_ENCODING_VALUES!r}"
    )

from typing import Literal

CsvImportFormHasHeader = Literal["false", "true"]

CSV_IMPORT_FORM_HAS_HEADER_VALUES: set[CsvImportFormHasHeader] = {
    "false",
    "true",
}


def check_csv_import_form_has_header(value: str) -> CsvImportFormHasHeader:
    if value in CSV_IMPORT_FORM_HAS_HEADER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CSV_IMPORT_FORM_HAS_HEADER_VALUES!r}"
    )

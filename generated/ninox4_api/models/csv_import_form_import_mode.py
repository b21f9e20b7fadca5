from typing import Literal

CsvImportFormImportMode = Literal["append", "update", "upsert"]

CSV_IMPORT_FORM_IMPORT_MODE_VALUES: set[CsvImportFormImportMode] = {
    "append",
    "update",
    "upsert",
}


def check_csv_import_form_import_mode(value: str) -> CsvImportFormImportMode:
    if value in CSV_IMPORT_FORM_IMPORT_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CSV_IMPORT_FORM_IMPORT_MODE_VALUES!r}"
    )

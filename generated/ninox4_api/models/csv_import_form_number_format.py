from typing import Literal

CsvImportFormNumberFormat = Literal["european", "us"]

CSV_IMPORT_FORM_NUMBER_FORMAT_VALUES: set[CsvImportFormNumberFormat] = {
    "european",
    "us",
}


def check_csv_import_form_number_format(value: str) -> CsvImportFormNumberFormat:
    if value in CSV_IMPORT_FORM_NUMBER_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CSV_IMPORT_FORM_NUMBER_FORMAT_VALUES!r}"
    )

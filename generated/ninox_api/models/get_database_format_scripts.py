from typing import Literal

GetDatabaseFormatScripts = Literal["T"]

GET_DATABASE_FORMAT_SCRIPTS_VALUES: set[GetDatabaseFormatScripts] = {
    "T",
}


def check_get_database_format_scripts(value: str) -> GetDatabaseFormatScripts:
    if value in GET_DATABASE_FORMAT_SCRIPTS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_DATABASE_FORMAT_SCRIPTS_VALUES!r}"
    )

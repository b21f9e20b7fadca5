from typing import Literal

UpdateSchemaFormatScripts = Literal["T"]

UPDATE_SCHEMA_FORMAT_SCRIPTS_VALUES: set[UpdateSchemaFormatScripts] = {
    "T",
}


def check_update_schema_format_scripts(value: str) -> UpdateSchemaFormatScripts:
    if value in UPDATE_SCHEMA_FORMAT_SCRIPTS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {UPDATE_SCHEMA_FORMAT_SCRIPTS_VALUES!r}"
    )

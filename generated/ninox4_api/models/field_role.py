from typing import Literal

FieldRole = Literal["admin", "user"]

FIELD_ROLE_VALUES: set[FieldRole] = {
    "admin",
    "user",
}


def check_field_role(value: str) -> FieldRole:
    if value in FIELD_ROLE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIELD_ROLE_VALUES!r}"
    )

from typing import Literal

ModuleRole = Literal["admin", "editor"]

MODULE_ROLE_VALUES: set[ModuleRole] = {
    "admin",
    "editor",
}


def check_module_role(value: str) -> ModuleRole:
    if value in MODULE_ROLE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODULE_ROLE_VALUES!r}"
    )

from typing import Literal

FieldKind = Literal[
    "appointment",
    "boolean",
    "choice",
    "color",
    "date",
    "dchoice",
    "dmulti",
    "file",
    "function",
    "icon",
    "multi",
    "number",
    "reference",
    "reverse",
    "string",
    "time",
    "timeinterval",
    "timestamp",
    "user",
]

FIELD_KIND_VALUES: set[FieldKind] = {
    "appointment",
    "boolean",
    "choice",
    "color",
    "date",
    "dchoice",
    "dmulti",
    "file",
    "function",
    "icon",
    "multi",
    "number",
    "reference",
    "reverse",
    "string",
    "time",
    "timeinterval",
    "timestamp",
    "user",
}


def check_field_kind(value: str) -> FieldKind:
    if value in FIELD_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIELD_KIND_VALUES!r}"
    )

from typing import Literal

StringVariant = Literal[
    "email", "location", "multiline-text", "phone", "signature", "text", "url"
]

STRING_VARIANT_VALUES: set[StringVariant] = {
    "email",
    "location",
    "multiline-text",
    "phone",
    "signature",
    "text",
    "url",
}


def check_string_variant(value: str) -> StringVariant:
    if value in STRING_VARIANT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STRING_VARIANT_VALUES!r}"
    )

"""Helpers the generated model modules call at run time (kept small; the code is generated).

Values are converted by :mod:`ninoxkit._values`, the same conversion as ``convert=True``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ninoxkit._values import decode_fields
from ninoxkit.types import Record

__all__ = ["decoded_fields", "number"]

_JSON = (str, int, float, bool, list, dict, type(None))


def decoded_fields(
    record: Record | Mapping[str, Any],
    types: Mapping[str, str],
    choices: Mapping[str, Mapping[str, str]],
) -> dict[str, Any]:
    """A record's fields (a :class:`Record`, or its ``fields`` mapping) decoded by type.

    Works for records read with ``convert=False`` (raw JSON) and ``convert=True`` alike: values
    that are already Python types decode to themselves.
    """
    raw = record.fields.additional_properties if isinstance(record, Record) else record
    # Values convert=True already turned into Python types are kept; the rest is JSON.
    json_part = {k: v for k, v in raw.items() if isinstance(v, _JSON)}
    out = dict(raw)
    out.update(decode_fields(json_part, types, choices))
    return out


def number(value: Any) -> float | None:
    """A number field's value as ``float`` (the models' one number type), ``None`` kept."""
    if value is None:
        return None
    return float(value)

"""Argument checks made before any request is sent (no I/O; shared by both twins).

Generated operations percent-encode every path value (``quote(value, safe="")``), so ``/``, ``?``,
``#`` and ``%`` cannot leave their path segment. Two things still could: the dot segments ``.``
and ``..`` (URL normalisation resolves them, which would address another resource), and
control characters, which no Ninox id or name contains. Both are refused here with a clear
message instead of being sent, as are lone surrogates (no UTF-8 form: they cannot be sent at
all) and values of the wrong type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import unquote

from ._exceptions import InvalidArgumentError

__all__ = [
    "check_bool",
    "check_id",
    "check_items",
    "check_model",
    "check_non_negative_int",
    "check_positive_int",
    "check_record_id",
    "check_relative_path",
    "check_text",
]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SEPARATORS = re.compile(r"[/\\]")
MAX_ID_LENGTH = 1000


def check_id(name: str, value: object) -> str:
    """Return ``value`` if it can be sent as one path segment; raise otherwise.

    Raises:
        InvalidArgumentError: not a string, empty or blank, ``.``/``..``, a control character,
            or longer than 1000 characters.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise InvalidArgumentError(f"{name} must not be empty")
    if value in (".", ".."):
        raise InvalidArgumentError(f"{name} {value!r} is not a valid id or name")
    if _CONTROL.search(value):
        raise InvalidArgumentError(f"{name} {value[:80]!a} contains a control character")
    if len(value) > MAX_ID_LENGTH:
        raise InvalidArgumentError(f"{name} is {len(value)} characters long; at most 1000")
    if _SURROGATE.search(value):
        raise InvalidArgumentError(_surrogate_message(name, value))
    return value


def _surrogate_message(name: str, value: str) -> str:
    at = _SURROGATE.search(value)
    position = at.start() if at is not None else 0
    return (
        f"{name} contains a lone surrogate at position {position} ({value[:80]!a}); it has "
        "no UTF-8 form and cannot be sent (decode the text with errors='replace' first)"
    )


def check_text(name: str, value: object) -> str:
    """Return ``value`` if it is a str that can be sent as UTF-8 (NX script, filter text).

    Raises:
        InvalidArgumentError: not a string, or a lone surrogate in it.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a string, got {type(value).__name__}")
    if _SURROGATE.search(value):
        raise InvalidArgumentError(_surrogate_message(name, value))
    return value


def check_relative_path(value: object) -> str:
    """Return ``value`` if it is a path that stays under the base URL (``request()``).

    The base URL ends in ``/v1``; a ``.`` or ``..`` segment (also percent-encoded, ``%2e%2e``,
    which servers and proxies decode before resolving) would let the request leave it.

    Raises:
        InvalidArgumentError: not a string, a dot segment, a backslash, a control character or
            a lone surrogate.
    """
    path = check_text("path", value)
    if _CONTROL.search(path):
        raise InvalidArgumentError(f"path {path[:80]!a} contains a control character")
    if "\\" in path:
        # Some servers and proxies treat a backslash as a separator (then "..\\" escapes too).
        raise InvalidArgumentError(f"path {path!r} contains a backslash")
    route = path.split("?", 1)[0].split("#", 1)[0]
    # Decoded twice (a doubly encoded dot, %252e, is decoded twice by some proxies) and split
    # on "/" and "\\" after decoding too, so "..%2f" counts as a dot segment.
    for segment in _SEPARATORS.split(unquote(unquote(route))):
        if segment in (".", ".."):
            raise InvalidArgumentError(
                f"path {path!r} has a {segment!r} segment (maybe percent-encoded), which would "
                "leave the base URL; write the path without dot segments"
            )
    return path


def check_record_id(value: object, name: str = "record_id") -> int:
    """Return ``value`` if it is a record id (an int ≥ 1, reference §7.1); raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(f"{name} must be an int, got {value!r}")
    if value < 1:
        raise InvalidArgumentError(f"{name} must be 1 or more, got {value}")
    return value


def check_positive_int(name: str, value: object, maximum: int | None = None) -> int:
    """Return ``value`` if it is an int in ``1..maximum``; raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(f"{name} must be a positive int, got {value!r}")
    if maximum is not None and value > maximum:
        raise InvalidArgumentError(f"{name} must be at most {maximum}, got {value}")
    return value


def check_non_negative_int(name: str, value: object) -> int:
    """Return ``value`` if it is an int ≥ 0 (not a bool); raise otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgumentError(f"{name} must be an int ≥ 0, got {value!r}")
    return value


def check_bool(name: str, value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False``; raise otherwise.

    Raises:
        InvalidArgumentError: anything else (``"yes"``, ``1``, ``None``).
    """
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{name} must be True or False, got {value!r}")
    return value


def check_items(name: str, value: object) -> list[Any]:
    """Return the items of ``value`` as a list if it is a collection of items; raise otherwise.

    Raises:
        InvalidArgumentError: not iterable, or a string, bytes or a mapping (one item given
            where a collection of them is expected).
    """
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise InvalidArgumentError(
            f"{name} must be a list (or other iterable) of items, got {type(value).__name__}"
        )
    return list(value)


_M = TypeVar("_M")


def check_model(name: str, value: object, model: type[_M]) -> _M:
    """Return ``value`` as a ``model`` (generated class): as is, or built from a mapping.

    Raises:
        InvalidArgumentError: neither a ``model`` nor a mapping, or a mapping that does not fit
            (a missing key, a value of the wrong type).
    """
    if isinstance(value, model):
        return value
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            f"{name} must be a {model.__name__} or a mapping, got {type(value).__name__}"
        )
    try:
        return model.from_dict(dict(value))  # type: ignore[attr-defined,no-any-return]
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise InvalidArgumentError(
            f"{name} does not fit {model.__name__}: {type(exc).__name__}: {exc}"
        ) from exc

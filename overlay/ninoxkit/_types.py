"""Type aliases shared by the sync and async twins (no I/O)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeAlias, TypeVar

from ninox_api.types import UNSET, Response, Unset

__all__ = ["NOT_GIVEN", "AsyncOperation", "NotGiven", "Operation", "opt"]

_T = TypeVar("_T")

#: A generated ``sync_detailed`` function: ``op(*path_ids, client=..., **params) -> Response``.
Operation: TypeAlias = Callable[..., Response[_T]]
#: A generated ``asyncio_detailed`` function.
AsyncOperation: TypeAlias = Callable[..., Awaitable[Response[_T]]]


class NotGiven:
    """Sentinel for "argument not passed" where ``None`` is a meaningful value."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


def opt(value: _T | None) -> _T | Unset:
    """``None`` → ``UNSET``: generated operations take ``UNSET`` for "leave the parameter out"."""
    return UNSET if value is None else value

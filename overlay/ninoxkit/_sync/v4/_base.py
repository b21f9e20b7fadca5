# Written by scripts/unasync.py from overlay/ninoxkit/_async/v4/_base.py.
# Do not edit: edit the source and re-run the script.
"""What every Ninox 4 resource shares: sending a generated request description and reading the
``{data: ...}`` envelope, with the quirks of reference ninox4 §9 handled in one place."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

import httpx

from ninoxkit._exceptions import (
    APIResponseValidationError,
    InvalidArgumentError,
    UnexpectedHTMLError,
    validation_error,
)
from ninoxkit._json import loads
from ninoxkit._types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from ninoxkit._sync.v4._client import Ninox4

__all__ = [
    "Base4",
    "Pager4",
    "RawBody",
    "check_limit",
    "check_name",
    "envelope",
]

#: Machine names of modules, tables and fields (reference ninox4 §2).
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def check_name(kind: str, value: object) -> str:
    """Return ``value`` if it is a machine name (``^[a-z0-9_]{1,100}$``), else raise.

    Raises:
        InvalidArgumentError: naming the argument and the rule.
    """
    if not isinstance(value, str) or not 1 <= len(value) <= 100 or not set(value) <= _NAME_CHARS:
        raise InvalidArgumentError(
            f"{kind} must be a machine name (1-100 of a-z, 0-9, _), got {value!r}"
        )
    return value


def check_text_id(kind: str, value: object) -> str:
    """Return a non-empty string id (views, reports), else raise."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or "/" in value:
        raise InvalidArgumentError(f"{kind} must be a non-empty id string, got {value!r}")
    return value


class RawBody:
    """A JSON body handed to a generated ``request_kwargs`` in place of its model.

    The generated body models are closed where the live API is open (reference ninox4 §9 items
    5 and 11), so the overlay sends the JSON the caller built; ``request_kwargs`` only calls
    ``to_dict()`` on it.

    Args:
        data: The JSON value to send, as built by the caller.
    """

    def __init__(self, data: Any) -> None:
        self._data = data

    def to_dict(self) -> Any:
        """The JSON value to send."""
        return self._data


class Base4:
    """Base of the Ninox 4 resources.

    Args:
        client: The facade this resource belongs to.
    """

    def __init__(self, client: Ninox4) -> None:
        self._client = client

    @property
    def _ws(self) -> str:
        return self._client.workspace_id

    def _envelope(
        self,
        op: ModuleType,
        *args: Any,
        body: Any = None,
        idempotent: bool | None = None,
        max_retries: int | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        **query: Any,
    ) -> dict[str, Any]:
        """Send ``op`` (a generated operation module) and return the whole JSON envelope."""
        extra: dict[str, Any] = {k: v for k, v in query.items() if v is not None}
        if body is not None:
            extra["body"] = body if isinstance(body, list) else RawBody(body)
        kwargs = op.request_kwargs(self._ws, *args, **extra)
        response = self._client._send(
            kwargs, idempotent=idempotent, max_retries=max_retries, deadline=deadline
        )
        return envelope(response)

    def _data(self, op: ModuleType, *args: Any, **kwargs: Any) -> Any:
        """Send ``op`` and return the ``data`` member of its answer."""
        return (self._envelope(op, *args, **kwargs))["data"]


def envelope(response: httpx.Response) -> dict[str, Any]:
    """The ``{data: ...}`` object of a 2xx answer; anything else is an error, never data.

    Raises:
        UnexpectedHTMLError: an HTML page (an unknown path answers 200 with the web app,
            reference ninox4 §6 and §9 item 1).
        APIResponseValidationError: not JSON, or JSON without a ``data`` member.
    """
    content_type = response.headers.get("content-type", "").lower()
    head = response.content.lstrip()[:15].lower()
    if "text/html" in content_type or head.startswith((b"<!doctype", b"<html")):
        raise UnexpectedHTMLError(
            f"the {response.status_code} answer is an HTML page, not API data: Ninox 4 answers "
            "unknown paths with its web app (check the workspace id and the names)",
            status_code=response.status_code,
            response=response,
            request=response.request,
            body=response.content,
        )
    try:
        parsed = loads(response.content)
    except (ValueError, RecursionError) as exc:
        raise _shape(response, f"the body is not JSON ({exc})") from exc
    if not isinstance(parsed, Mapping) or "data" not in parsed:
        raise _shape(response, "expected a JSON object with a 'data' member")
    return dict(parsed)


def _shape(response: httpx.Response, why: str) -> APIResponseValidationError:
    return validation_error(why, response, description=_NINOX4_DESCRIPTION)


def shape_error(response_data: Any, why: str) -> APIResponseValidationError:
    """A validation error for a ``data`` member of the wrong shape (no response kept)."""
    return validation_error(
        why,
        body=json.dumps(response_data, default=str).encode()[:2000],
        description=_NINOX4_DESCRIPTION,
    )


_NINOX4_DESCRIPTION = "the Ninox 4 API description"


#: The most rows one page may hold (reference ninox4 §4).
MAX_PAGE_LIMIT = 100
#: A pager stops with an error after this many pages (a server that never says "done").
MAX_PAGES = 1_000_000


def check_limit(limit: object) -> int:
    """Return ``limit`` if it is an int in 1..100 (reference ninox4 §4), else raise."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE_LIMIT:
        raise InvalidArgumentError(f"limit must be an int from 1 to 100, got {limit!r}")
    return limit


def next_offset(envelope_: Mapping[str, Any], offset: int, pages: int) -> int | None:
    """The offset of the next page after one read at ``offset``, or ``None`` when done.

    Checks that the server answered the page that was asked for, so a page is never repeated
    or skipped silently, and that a page saying ``has_more`` moves forward (bounded loop).

    Raises:
        APIResponseValidationError: a page of the wrong shape or offset, or no progress.
    """
    data = envelope_.get("data")
    info = envelope_.get("page_info")
    if not isinstance(data, list):
        raise shape_error(envelope_, "expected 'data' to be a list")
    if info is None:
        return None  # an unpaged list (the July document declares no paging here, §4)
    if not isinstance(info, Mapping) or not isinstance(info.get("has_more"), bool):
        raise shape_error(envelope_, "expected 'page_info' with a boolean 'has_more'")
    answered = info.get("offset")
    if answered is not None and answered != offset:
        raise shape_error(envelope_, f"asked for offset {offset}, the page is at {answered!r}")
    if not info["has_more"]:
        return None
    if not data:
        raise shape_error(envelope_, f"an empty page at offset {offset} says has_more")
    if pages >= MAX_PAGES:
        raise shape_error(envelope_, f"still has_more after {pages} pages")
    return offset + len(data)


class Pager4(Base4):
    """A resource that reads ``has_more``/``offset`` pages."""

    def _paged(
        self, op: ModuleType, *args: Any, limit: int = MAX_PAGE_LIMIT, **query: Any
    ) -> Iterator[Any]:
        check_limit(limit)
        offset: int | None = 0
        pages = 0
        seen: set[Any] = set()
        while offset is not None:
            env = self._envelope(op, *args, offset=offset, limit=limit, **query)
            pages += 1
            following = next_offset(env, offset, pages)
            for item in env["data"]:
                key = item.get("id") if isinstance(item, Mapping) else None
                if key is not None and "changeType" not in item:
                    # Offset paging under concurrent inserts can shift a row onto the next
                    # page; one row is yielded once (reference ninox4 §12 item 1).
                    if key in seen:
                        continue
                    seen.add(key)
                yield item
            offset = following

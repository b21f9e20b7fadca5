"""The call path of a request, and the channel its per-call options travel through.

One call, from the user to the network (async names; the sync twin drops ``Async``/``a``)::

    facade method      client.records.get(...)            _async/resources/<tag>.py
      |                checks arguments, resolves ids and captions: nothing is sent yet
      v
    resource seam      AsyncAPIResource._call(op, ...)    _async/_resource.py
      v
    operation runner   AsyncNinox._run_operation(op, ...)     _async/_client.py
      |                puts a CallState in CURRENT_CALL (in_call); a 2xx body the generated
      |                models cannot parse becomes APIResponseValidationError
      v
    generated op       ninox_api.api.<tag>.<op>.asyncio_detailed(...)   builds the kwargs
      v
    sender             _AsyncSender.request(**kwargs)     _async/_client.py
      |                headers, key and URL -> one httpx.Request (no second client pipeline)
      v
    transport          AsyncNinoxTransport.handle_async_request       _async/_transport.py
      |                reads CURRENT_CALL: retries (RetryPolicy), deadline (_Clock), a
      |                concurrency slot (held until a streamed body closes), size limit;
      |                non-2xx -> make_status_error, httpx exception -> raise_from_httpx,
      |                and the verdict ``error.applied`` on every error it raises
      v
    httpx              inner.send(request, stream=True, follow_redirects=False)

Three side doors skip the generated op and enter at the sender, each with its own CallState:
``AsyncNinox._send`` (a generated request description, ``op.request_kwargs(...)``, answered with
the unparsed 2xx response: the records pager, saves, uploads, the Ninox 4 client),
``AsyncNinox._send_streamed`` (the same, body left unread for downloads) and the public
``request()``. The per-call options (``idempotent``, ``max_retries``, ``timeout``,
``deadline``, streaming) travel in a ContextVar rather than as arguments because the generated
operations build and send the request themselves and accept no extra arguments; a ContextVar
follows the call through ``await`` (same task) and stays private to each thread and task. What
the transport learns (the request sent, the final response, the retries taken) is written back
into the same :class:`CallState`, where the runner reads it to build its errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import attrs
import httpx

from ._config import check_deadline, check_max_retries
from ._exceptions import NinoxError
from ._httpx_glue import raise_from_httpx
from ._types import NOT_GIVEN, NotGiven

__all__ = ["CURRENT_CALL", "CallState", "in_call"]


@attrs.define(kw_only=True)
class CallState:
    """Options for one logical call, and what the transport learned while making it.

    The facade's seams put one in :data:`CURRENT_CALL` (see the module docstring); the retry
    transport reads the options and writes the results.

    Attributes:
        idempotent: Whether the call is safe to repeat; ``None``: decide by HTTP method.
        max_retries: Override of the client's ``max_retries``, or ``None``.
        timeout: Override of the client's timeout, or ``None``.
        retries_taken: Set by the transport.
        request: The last request sent, set by the transport.
        response: The final response, set by the transport.
        deadline: Override of the client's ``deadline`` for this call (``NOT_GIVEN``: the
            client's; ``None``: no overall limit).
        stream: Leave a 2xx body unread for the caller to stream (downloads); the concurrency
            slot is held until the caller closes the body.
        exempt_body: The time spent sending the request body does not count against the
            deadline (uploads: the file's size and the line set how long that takes; each write
            is still bounded by the write timeout). The wait for a slot, retries and the wait
            for the answer do count.
        read_body: Reads a streamed 2xx body whole, as part of the attempt (a download into
            memory or to a file: nothing of it reaches the caller before the end). When the
            body breaks off, the transport retries the request like any failed attempt of an
            idempotent call; it calls ``read_body`` afresh each time, which starts over. The
            time spent reading the body does not count against the deadline.
    """

    idempotent: bool | None = None
    max_retries: int | None = attrs.field(
        default=None, validator=lambda _self, _attr, value: check_max_retries(value, or_none=True)
    )
    timeout: httpx.Timeout | None = None
    retries_taken: int = 0
    request: httpx.Request | None = None
    response: httpx.Response | None = None
    deadline: float | NotGiven | None = attrs.field(
        default=NOT_GIVEN,
        validator=lambda _self, _attr, value: (
            None if isinstance(value, NotGiven) else check_deadline(value)
        ),
    )
    stream: bool = False
    exempt_body: bool = False
    read_body: Callable[[httpx.Response], Any] | None = None


#: The options of the call in progress in this thread or task (``None`` outside ``_call``).
CURRENT_CALL: ContextVar[CallState | None] = ContextVar("ninoxkit_call", default=None)


@contextmanager
def in_call(state: CallState) -> Iterator[CallState]:
    """Run one logical call with ``state`` in :data:`CURRENT_CALL`; map what httpx raises.

    An httpx exception that escaped the transport (raised while the request was built, or
    while a caller read a body) becomes a ninoxkit error through
    :func:`~ninoxkit._httpx_glue.raise_from_httpx`, the same mapping the transport uses;
    ninoxkit's own errors pass through.
    """
    token = CURRENT_CALL.set(state)
    try:
        yield state
    except NinoxError:
        raise
    except (UnicodeEncodeError, httpx.HTTPError, httpx.StreamError) as exc:
        raise_from_httpx(exc, state.request, retries_taken=state.retries_taken)
    finally:
        CURRENT_CALL.reset(token)

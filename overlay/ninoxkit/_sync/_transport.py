# Written by scripts/unasync.py from overlay/ninoxkit/_async/_transport.py.
# Do not edit: edit the source and re-run the script.
"""What sends every request: concurrency limit, retries and error mapping.

Every request (generated operations, the ``request()`` escape hatch, uploads and streamed
downloads) is built by the client's sender and handed to :class:`NinoxTransport` (the whole
call path is drawn in :mod:`ninoxkit._pipeline`), which is therefore the one place where a
non-2xx answer becomes a typed ninoxkit error (:func:`~ninoxkit._exceptions.make_status_error`)
and a failed attempt's httpx exception a ninoxkit one
(:func:`~ninoxkit._httpx_glue.raise_from_httpx`). It also decides, once per attempt, whether
the request may have reached Ninox (:func:`~ninoxkit._retry.attempt_applied`) and carries that
verdict on every error it raises (``APIError.applied``). Generated code only ever sees 2xx
responses.

Bounds (reference: sdk-anchors.md, timeouts): httpx's timeouts are per network operation, so
a server that drips a byte now and then never trips them. Every call therefore also has a
``deadline``: wall-clock seconds per HTTP request (one page of a listing, one batch of a
write; not a whole multi-request method call): the wait for a concurrency slot, every
attempt, the retries' waits and the reading of a buffered answer. Each attempt's httpx timeouts
are cut to what is left of it, the body is read chunk by chunk with the clock checked after each
chunk, and a retry whose wait would overrun it is not made. A buffered body is also read at most
up to ``max_response_size`` bytes (decoded), then :class:`~ninoxkit.ResponseTooLargeError` is
raised. Two exemptions, both for content whose size the caller chose: a streamed download keeps
its concurrency slot until its body is closed, and the deadline covers it until the headers
arrive (its body's reads keep the attempt's cut read timeout; a download read whole,
``CallState.read_body``, is retried when its body breaks off, the reading not counted); an
upload
(``CallState.exempt_body``) stops the clock while its body is being sent (each write is still
bounded by the write timeout), and the wait for its answer gets what is left.

Test seams: ``_sleep`` and ``_random`` are module globals looked up at call time, so tests patch
them (``monkeypatch.setattr(module, "_sleep", fake)``) instead of waiting.
"""

from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, cast

import attrs
import httpx

from ninoxkit._config import base_url_hint, is_loopback_host
from ninoxkit._constants import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_SIZE,
    RETRIES_TAKEN_EXTENSION,
)
from ninoxkit._exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    RedirectError,
    ResponseTooLargeError,
    _AppliedResponseTooLargeError,
    extract_message,
    is_quota_exhausted,
    make_status_error,
    safe_url,
)
from ninoxkit._httpx_glue import raise_from_httpx, unbind_stream
from ninoxkit._logging import logger, redact_headers
from ninoxkit._pipeline import CURRENT_CALL, CallState
from ninoxkit._retry import IDEMPOTENT_METHODS, RetryPolicy, attempt_applied, classify_exception
from ninoxkit._runtime import Slots
from ninoxkit._types import NotGiven

__all__ = ["NinoxTransport"]

_sleep = time.sleep
_random = random.random


class NinoxTransport:
    """Sends each request through ``inner``, retrying and mapping errors.

    Args:
        inner: The httpx client that really sends (ninoxkit's own, or the user's with their
            proxies and transport). It is called with ``send(..., follow_redirects=False)``.
        policy: The client's default retry policy.
        limiter: Semaphore shared by every copy of a client; one slot per request in flight.
        base_url: The client's base URL, used to suggest a fix when a redirect is refused.
        is_closed: Returns whether the owning facade was closed (then requests are refused,
            also when ``inner`` is the user's client and stays open).
        deadline: Default wall-clock seconds per request, retries included (``None``: none).
        max_response_size: Largest buffered body in bytes.
    """

    def __init__(
        self,
        inner: httpx.Client,
        *,
        policy: RetryPolicy,
        limiter: threading.Semaphore,
        base_url: str,
        is_closed: Callable[[], bool],
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self._inner = inner
        self._is_closed = is_closed
        self._policy = policy
        self._limiter = limiter
        self._base_url = base_url
        self._deadline = deadline
        self._max_size = max_response_size

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``; retry per policy; return a 2xx response or raise a ninoxkit error.

        Every :class:`~ninoxkit.APIError` raised here carries the transport's verdict in
        ``applied``; an attempt that certainly did nothing does not clear the doubt an earlier
        attempt (a lost answer, a 5xx) left.
        """
        attempts = _Attempts()
        try:
            return self._handle(request, attempts)
        except APIError as error:
            if error.applied is False and attempts.maybe_applied:
                error.applied = None
            raise

    def _handle(self, request: httpx.Request, attempts: _Attempts) -> httpx.Response:
        state = CURRENT_CALL.get() or CallState()
        idempotent = (
            state.idempotent
            if state.idempotent is not None
            else request.method.upper() in IDEMPOTENT_METHODS
        )
        policy = self._policy
        if state.max_retries is not None:
            policy = attrs.evolve(policy, max_retries=state.max_retries)
        if state.timeout is not None:
            request.extensions["timeout"] = state.timeout.as_dict()
        budget = self._deadline if isinstance(state.deadline, NotGiven) else state.deadline
        clock = _Clock(None if budget is None else time.monotonic() + budget)
        timeouts = request.extensions.get("timeout") or {}
        keep = ("write",) if state.exempt_body else ()
        if state.exempt_body and clock.ends is not None:
            request.stream = UntimedBody(
                cast(httpx.SyncByteStream, request.stream),
                clock,
                # Once the body is out, the wait for the answer gets what is left. (The
                # extensions, not the request: the request holds this stream, and a cycle
                # would keep every upload's request and response alive until a GC pass.)
                functools.partial(_cut_answer_timeout, request.extensions, clock),
            )
        state.request = request
        retries = 0
        while True:
            state.retries_taken = retries
            if clock.ends is not None:
                _cut_timeouts(request, timeouts, clock, budget, retries, keep=keep)
            try:
                response = self._send_once(request, stream=state.stream, clock=clock)
            except httpx.HTTPError as exc:
                kind = classify_exception(exc)
                decision = policy.for_exception(
                    kind, idempotent=idempotent, retries_taken=retries, rand=_random()
                )
                applied = attempt_applied(kind=kind)
                if decision.retry and _fits(clock, decision.delay):
                    self._log_retry(request, decision.delay, retries, policy, type(exc).__name__)
                    attempts.maybe_applied |= applied is not False
                    _sleep(decision.delay)
                    retries += 1
                    continue
                raise_from_httpx(
                    exc,
                    request,
                    retries_taken=retries,
                    outcome_unknown=decision.outcome_unknown,
                    applied=applied,
                    note=(
                        f"not retried: the call's deadline ({budget} s) would pass"
                        if decision.retry
                        else ""
                    ),
                )
            state.response = response
            response.extensions[RETRIES_TAKEN_EXTENSION] = retries
            if 200 <= response.status_code <= 299:
                if state.read_body is None:
                    return response
                broke = _read_whole(response, state.read_body, clock)
                if broke is None:
                    return response
                # The body broke off: nothing of it reached the caller (read_body owns it
                # whole), so the attempt failed like one without an answer.
                kind = classify_exception(broke)
                decision = policy.for_exception(
                    kind, idempotent=idempotent, retries_taken=retries, rand=_random()
                )
                retry = decision.retry and _fits(clock, decision.delay)
                if retry and isinstance(broke, httpx.HTTPError):
                    why = f"{type(broke).__name__} in the body"
                    self._log_retry(request, decision.delay, retries, policy, why)
                    attempts.maybe_applied |= attempt_applied(kind=kind) is not False
                    _sleep(decision.delay)
                    retries += 1
                    continue
                raise_from_httpx(broke, request, retries_taken=retries, broke_off=True)
            if 300 <= response.status_code <= 399:
                raise self._redirect_error(request, response, retries)
            if is_quota_exhausted(
                response.status_code,
                response.headers,
                extract_message(response.content, response.headers.get("content-type")),
            ):
                # A used-up monthly quota does not come back in seconds: never retried.
                raise make_status_error(request, response, retries_taken=retries)
            decision = policy.for_status(
                response.status_code,
                response.headers,
                idempotent=idempotent,
                retries_taken=retries,
                rand=_random(),
            )
            if decision.retry and _fits(clock, decision.delay):
                self._log_retry(
                    request, decision.delay, retries, policy, f"status {response.status_code}"
                )
                verdict = attempt_applied(status_code=response.status_code)
                attempts.maybe_applied |= verdict is not False
                _sleep(decision.delay)
                retries += 1
                continue
            # No local name for the error: the frame would hold it, and its traceback the
            # frame (a cycle that keeps the response alive until a GC pass).
            raise _with_base_url_hint(
                make_status_error(
                    request,
                    response,
                    retries_taken=retries,
                    outcome_unknown=decision.outcome_unknown,
                    note=(
                        f"not retried: the call's deadline ({budget} s) would pass first"
                        if decision.retry
                        else decision.note
                    ),
                ),
                self._base_url,
            )

    def _send_once(self, request: httpx.Request, *, stream: bool, clock: _Clock) -> httpx.Response:
        if self._inner.is_closed or self._is_closed():
            raise APIConnectionError(
                "This ninoxkit client has been closed", request=request, applied=False
            )
        # One slot per request until its body is in; a streamed download keeps it until the
        # caller closes the body (else N downloads would be N requests in flight). The wait
        # for a slot is bounded by the call's deadline too.
        wait = clock.left()
        if not Slots.acquire(self._limiter, wait):
            raise httpx.PoolTimeout(
                "no concurrency slot came free before the call's deadline "
                "(max_concurrency requests were in flight the whole time)"
            )
        handed_over = False
        try:
            started = time.monotonic()
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug(
                    "Request: %s %s headers=%s",
                    request.method,
                    safe_url(request.url),
                    redact_headers(request.headers),
                )
            response = self._inner.send(request, stream=True, follow_redirects=False)
            if stream and 200 <= response.status_code <= 299:
                # A body that is already in memory (httpx marks it closed, e.g. an answer
                # built with content=) holds no connection: its slot is freed now, as its
                # close() would never reach the stream.
                if not response.is_closed:
                    response.stream = SlotStream(
                        cast(httpx.SyncByteStream, response.stream), self._limiter.release
                    )
                    handed_over = True
            else:
                try:
                    self._read_bounded(request, response, clock)
                except BaseException:
                    response.close()
                    raise
                unbind_stream(response)
        finally:
            if not handed_over:
                self._limiter.release()
        if logger.isEnabledFor(logging.INFO):  # safe_url costs a little; most runs log nothing
            logger.info(
                "%s %s -> %s (%.2f s)",
                request.method,
                safe_url(request.url),
                response.status_code,
                time.monotonic() - started,
            )
        return response

    def _read_bounded(
        self, request: httpx.Request, response: httpx.Response, clock: _Clock
    ) -> None:
        """Read the body like ``read()``, but stop at the size limit and at the deadline."""
        limit = self._max_size
        declared = response.headers.get("content-length", "")
        # A HEAD answer, a 204 and a 304 have no body whatever Content-Length says (RFC 9110
        # §8.6): the header then describes a body that is never sent.
        bodiless = request.method.upper() == "HEAD" or response.status_code in (204, 304)
        if not bodiless and declared.isascii() and declared.isdigit() and int(declared) > limit:
            raise self._too_large(request, response)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise self._too_large(request, response)
            if clock.ends is not None and time.monotonic() > clock.ends:
                # A body that trickles in: each read is quick, the whole never ends.
                raise httpx.ReadTimeout(
                    "the call's deadline passed while the body was still arriving"
                )
            chunks.append(chunk)
        # What read() does, from the chunks read here (httpx has no public setter).
        response._content = b"".join(chunks)

    def _too_large(self, request: httpx.Request, response: httpx.Response) -> ResponseTooLargeError:
        status = response.status_code
        advice = (
            "reading stopped there. Raise max_response_size if the answer is expected to be "
            "this big"
        )
        if 200 <= status <= 299 and request.method.upper() not in _READ_METHODS:
            # Ninox answered 2xx, so it took the write; only its answer is lost. Saying
            # "not written" here would invite a duplicate.
            return _AppliedResponseTooLargeError(
                f"Ninox answered {status}: the write was applied; its answer was not read "
                f"because it is larger than max_response_size={self._max_size} bytes ({advice}). "
                "Do not repeat the write",
                limit=self._max_size,
                status_code=status,
                request=request,
                applied=True,
            )
        return ResponseTooLargeError(
            f"the {status} answer is larger than max_response_size={self._max_size} bytes; "
            f"{advice}",
            limit=self._max_size,
            status_code=status,
            request=request,
            applied=attempt_applied(status_code=status),
        )

    def _log_retry(
        self, request: httpx.Request, delay: float, retries: int, policy: RetryPolicy, why: str
    ) -> None:
        logger.info(
            "Retrying %s %s in %.2f s (retry %d of %d) after %s",
            request.method,
            safe_url(request.url),
            delay,
            retries + 1,
            policy.max_retries,
            why,
        )

    def _redirect_error(
        self, request: httpx.Request, response: httpx.Response, retries: int
    ) -> APIError:
        error = make_status_error(request, response, retries_taken=retries)
        target = (
            httpx.URL(error.location)
            if isinstance(error, RedirectError) and error.location
            else None
        )
        if (
            target is not None
            and request.url.scheme == "http"
            and target.scheme == "https"
            and target.host == request.url.host
        ):
            # The one redirect with an obvious fix: plain http to the same host over https.
            https_base = "https://" + self._base_url.split("://", 1)[1]
            leaked = (
                " Your key was already sent once over plain http; consider generating a new one."
                if request.url.scheme == "http" and not is_loopback_host(request.url.host)
                else ""
            )
            error.message = (
                f"the server redirected to {safe_url(target)}; ninoxkit does not follow "
                f"redirects because they could carry your API key elsewhere. "
                f"Use base_url={https_base!r}.{leaked}"
            )
        else:
            where = safe_url(target) if target is not None else "an unknown location"
            error.message = (
                f"the server redirected to {where}; ninoxkit does not follow redirects "
                f"because they could carry your API key elsewhere. Check base_url "
                f"({self._base_url!r})."
            )
        return error


class SlotStream(httpx.SyncByteStream):
    """A streamed body that frees its concurrency slot when it is closed (once)."""

    def __init__(self, inner: httpx.SyncByteStream, release: Callable[[], None]) -> None:
        self._inner = inner
        self._release: Callable[[], None] | None = release

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            yield chunk

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            release, self._release = self._release, None
            if release is not None:
                release()


class UntimedBody(httpx.SyncByteStream):
    """An upload body whose sending stops the call's clock (the deadline moves on by as much).

    Every step of the iteration (reading a chunk from the source, httpx writing it out) is
    time spent sending the body; ``sent`` runs once the last chunk is out.
    """

    def __init__(
        self, inner: httpx.SyncByteStream, clock: _Clock, sent: Callable[[], None]
    ) -> None:
        self._inner = inner
        self._clock = clock
        self._sent = sent

    def __iter__(self) -> Iterator[bytes]:
        mark = time.monotonic()
        for chunk in self._inner:
            mark = self._clock.pause_since(mark)
            yield chunk
            mark = self._clock.pause_since(mark)
        self._clock.pause_since(mark)
        self._sent()

    def close(self) -> None:
        self._inner.close()


@attrs.define
class _Clock:
    """When the call's deadline passes (``ends``: ``time.monotonic()``; ``None``: never)."""

    ends: float | None

    def left(self) -> float | None:
        """Seconds until the deadline (at least 0), or ``None``."""
        return None if self.ends is None else max(0.0, self.ends - time.monotonic())

    def pause_since(self, mark: float) -> float:
        """Move the deadline on by the time since ``mark`` (it did not count); return now."""
        now = time.monotonic()
        if self.ends is not None:
            self.ends += now - mark
        return now


@attrs.define
class _Attempts:
    """What the attempts of one request left behind: whether any may have been applied."""

    maybe_applied: bool = False


#: Methods that change nothing, so a 2xx answer to them applied nothing either.
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _read_whole(
    response: httpx.Response, read_body: Callable[[httpx.Response], Any], clock: _Clock
) -> httpx.HTTPError | httpx.StreamError | None:
    """Let ``read_body`` read a streamed 2xx body; return the httpx error that broke it off.

    The body is closed afterwards in every case (which frees the request's concurrency slot),
    and the time spent reading it does not count against the deadline (its size is the
    caller's choice; each read is bounded by the read timeout).
    """
    mark = time.monotonic()
    try:
        read_body(response)
    except (httpx.HTTPError, httpx.StreamError) as exc:
        return exc
    finally:
        response.close()
        unbind_stream(response)
        clock.pause_since(mark)
    return None


def _fits(clock: _Clock, delay: float) -> bool:
    """Whether a retry after ``delay`` seconds still starts before the deadline."""
    return clock.ends is None or time.monotonic() + delay < clock.ends


def _cut_timeouts(
    request: httpx.Request,
    timeouts: dict[str, float | None],
    clock: _Clock,
    budget: float | None,
    retries: int,
    *,
    keep: tuple[str, ...] = (),
) -> None:
    """Cut each httpx timeout of this attempt to what is left of the call's deadline.

    httpx reads ``request.extensions["timeout"]`` afresh for each phase (the writes of the body,
    then the reads of the answer), so cutting it again once an upload's body is out bounds the
    wait for the answer by what is left. ``keep`` names phases left as configured.
    """
    left = clock.left()
    if left is None:
        return
    if left <= 0:
        raise APITimeoutError(
            f"the call's deadline of {budget} s passed before attempt {retries + 1} could start",
            request=request,
            retries_taken=retries,
        )
    phases = timeouts or {"connect": None, "read": None, "write": None, "pool": None}
    request.extensions["timeout"] = {
        phase: seconds if phase in keep or (seconds is not None and seconds <= left) else left
        for phase, seconds in phases.items()
    }


def _with_base_url_hint(error: APIError, base_url: str) -> APIError:
    """``error``, its message extended by a hint when it is a 404 under a base URL without
    ``/v1`` (every path then answers 404, reference §1)."""
    hint = base_url_hint(base_url) if getattr(error, "status_code", None) == 404 else ""
    if hint:
        error.message = f"{error.message}; {hint}" if error.message else hint
    return error


def _cut_answer_timeout(extensions: dict[str, object], clock: _Clock) -> None:
    """Cut the read timeout to what is left of the deadline, once an upload's body is out.

    ``extensions`` is the request's; httpx reads its ``timeout`` afresh for the answer. Never
    raises (it runs inside httpx's send): with nothing left, the read times out at once, and
    the error says the outcome is unknown, which is true: the body went out.
    """
    left = clock.left()
    current = dict(cast(dict[str, float | None], extensions.get("timeout") or {}))
    read = current.get("read")
    if left is not None and (read is None or read > left):
        current["read"] = max(left, 0.001)
        extensions["timeout"] = current

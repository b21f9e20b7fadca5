"""Retry decisions, written once without I/O and shared by the sync and async transports.

The decision table (``idempotent`` is decided per call by the resource layer; by default
GET/HEAD/OPTIONS/PUT/DELETE are idempotent and POST/PATCH are not):

=====================================================  ==========  ==============
What happened                                          idempotent  not idempotent
=====================================================  ==========  ==============
ConnectError / ConnectTimeout / PoolTimeout / proxy    retry       retry (never sent)
ReadTimeout / WriteTimeout                             retry       OutcomeUnknown
other transport failure (reset, protocol error, ...)   retry       OutcomeUnknown
408, 429, 5xx (incl. 52x)                              retry       raise
402, or 403/429 naming the quota, no Retry-After       raise       raise
Retry-After longer than ``max_retry_after``            raise       raise
other status                                           raise       raise
no retries left                                        raise       raise
the wait would end after the call's ``deadline``       raise       raise
=====================================================  ==========  ==============

The quota row (:class:`~ninoxkit.QuotaExceededError`, decided by
:func:`ninoxkit._exceptions.is_quota_exhausted` from the body, which only the transport has) and
the deadline row are applied by the transports before and after this table.

Delay: the server's ``Retry-After`` (seconds, HTTP-date or ``retry-after-ms``) when it is
``0 < v <= max_retry_after``; otherwise ``min(initial * 2**retries_taken, max) * (1 - jitter *
rand)`` (the Stainless formula, sdk-anchors.md §2).
"""

from __future__ import annotations

import enum

import attrs
import httpx

from ._constants import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRY_JITTER,
)
from ._exceptions import InvalidArgumentError, is_server_error, parse_retry_after

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRYABLE_STATUSES",
    "FailureKind",
    "RetryDecision",
    "RetryPolicy",
    "attempt_applied",
    "classify_exception",
    "is_retryable_status",
]

#: Methods that are safe to repeat unless the caller says otherwise (RFC 9110 §9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: Statuses worth another try (besides all of 500-599).
RETRYABLE_STATUSES = frozenset({408, 429})


class FailureKind(enum.Enum):
    """How far a failed request got, which decides whether it may be re-sent."""

    #: The request never left the machine (no connection): safe to re-send, any method.
    NOT_SENT = "not_sent"
    #: A read or write timeout: the server may have received and applied the request.
    TIMEOUT = "timeout"
    #: The connection broke after sending began: the server may have applied the request.
    MAYBE_SENT = "maybe_sent"
    #: A problem re-sending cannot fix (bad URL, unsupported protocol, local protocol error).
    FATAL = "fatal"


def classify_exception(exc: BaseException) -> FailureKind:
    """Classify an httpx exception by how far the request got.

    Args:
        exc: The exception the transport raised.

    Returns:
        The :class:`FailureKind`.
    """
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return FailureKind.NOT_SENT
    if isinstance(exc, httpx.ProxyError):
        # Raised while talking to the proxy, before the origin saw anything.
        return FailureKind.NOT_SENT
    if isinstance(exc, httpx.TimeoutException):
        return FailureKind.TIMEOUT
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.LocalProtocolError)):
        return FailureKind.FATAL
    if isinstance(exc, httpx.TransportError):
        return FailureKind.MAYBE_SENT
    return FailureKind.FATAL


def attempt_applied(
    *, kind: FailureKind | None = None, status_code: int | None = None
) -> bool | None:
    """The verdict on one attempt: may Ninox have applied it? (``APIError.applied``)

    Decided here once for both transports, per attempt, from how far it got; the transport
    carries it on the error it raises, and batch writes and deletes read it from there.

    Args:
        kind: How far a failed attempt got (what :func:`classify_exception` said), or
        status_code: the status the attempt was answered with.

    Returns:
        ``True`` for a 2xx (Ninox took it), ``False`` when it certainly did nothing (it never
        left the machine, or a 3xx/4xx refused it), ``None`` when nobody can know (it was
        sent and the connection broke or timed out, or a 5xx answered it).
    """
    if kind is not None:
        return False if kind is FailureKind.NOT_SENT else None
    if status_code is None:
        raise TypeError("attempt_applied() needs kind= or status_code=")
    if 200 <= status_code <= 299:
        return True
    return None if is_server_error(status_code) else False


def is_retryable_status(status_code: int) -> bool:
    """Return whether a status is worth another try for an idempotent request."""
    return status_code in RETRYABLE_STATUSES or is_server_error(status_code)


@attrs.frozen
class RetryDecision:
    """The outcome of a retry decision.

    Attributes:
        retry: Whether to send the request again.
        delay: Seconds to wait first (0 when not retrying).
        outcome_unknown: The request may have been applied and is not being re-sent.
        note: A sentence for the error message when giving up needs explaining.
    """

    retry: bool
    delay: float = 0.0
    outcome_unknown: bool = False
    note: str = ""


@attrs.frozen
class RetryPolicy:
    """Retry limits and backoff numbers; pure, so both transports and the tests share it.

    Attributes:
        max_retries: Re-sends allowed after the first attempt (0 disables retries).
        initial_delay: Backoff before the first retry, in seconds.
        max_delay: Upper bound of the computed backoff.
        max_retry_after: Longest ``Retry-After`` that is honoured; longer means give up.
        jitter: Fraction of the backoff that is randomly removed (0.25: up to 25 % shorter).

    Raises:
        InvalidArgumentError: ``max_retries`` is negative.
    """

    max_retries: int = attrs.field(default=DEFAULT_MAX_RETRIES)
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    max_retry_after: float = MAX_RETRY_AFTER
    jitter: float = RETRY_JITTER

    @max_retries.validator
    def _check_max_retries(self, _attribute: object, value: int) -> None:
        if value < 0:
            # A NinoxError like every error ninoxkit raises, and still a ValueError.
            raise InvalidArgumentError("max_retries must be >= 0")

    def backoff(self, retries_taken: int, rand: float) -> float:
        """Exponential backoff with jitter.

        Args:
            retries_taken: Retries already done (0 before the first retry).
            rand: A number in ``[0, 1)``; pass ``random.random()``.

        Returns:
            Seconds to wait.
        """
        base = min(self.initial_delay * (2.0**retries_taken), self.max_delay)
        return base * (1.0 - self.jitter * rand)

    def for_exception(
        self, kind: FailureKind, *, idempotent: bool, retries_taken: int, rand: float
    ) -> RetryDecision:
        """Decide about a transport failure.

        Args:
            kind: What :func:`classify_exception` said.
            idempotent: Whether the operation is safe to repeat.
            retries_taken: Retries already done.
            rand: A number in ``[0, 1)`` for the jitter.

        Returns:
            The decision.
        """
        may_be_applied = kind in (FailureKind.TIMEOUT, FailureKind.MAYBE_SENT)
        if kind is FailureKind.FATAL:
            return RetryDecision(False)
        if may_be_applied and not idempotent:
            # It may have reached the server and is not safe to repeat.
            return RetryDecision(False, outcome_unknown=True)
        if retries_taken >= self.max_retries:
            return RetryDecision(False)
        return RetryDecision(True, self.backoff(retries_taken, rand))

    def for_status(
        self,
        status_code: int,
        headers: httpx.Headers,
        *,
        idempotent: bool,
        retries_taken: int,
        rand: float,
    ) -> RetryDecision:
        """Decide about a complete response.

        Args:
            status_code: The response status.
            headers: The response headers (for ``Retry-After``).
            idempotent: Whether the operation is safe to repeat.
            retries_taken: Retries already done.
            rand: A number in ``[0, 1)`` for the jitter.

        Returns:
            The decision. ``outcome_unknown`` is set for a 5xx answer to a non-idempotent request.
        """
        if not is_retryable_status(status_code):
            return RetryDecision(False)
        if not idempotent:
            # Not safe to repeat; a 5xx may come after Ninox applied it.
            return RetryDecision(False, outcome_unknown=is_server_error(status_code))
        if retries_taken >= self.max_retries:
            return RetryDecision(False)
        wait = parse_retry_after(headers)
        if wait is not None and wait > self.max_retry_after:
            note = (
                f"the server asked to wait {wait:.0f} s, more than the "
                f"{self.max_retry_after:.0f} s ninoxkit waits on its own; not retried"
            )
            return RetryDecision(False, note=note)
        if wait is not None and wait > 0:
            return RetryDecision(True, wait)
        return RetryDecision(True, self.backoff(retries_taken, rand))

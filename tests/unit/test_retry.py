"""The retry decision table (pure; no transport)."""

from __future__ import annotations

import httpx
import pytest
from ninoxkit import InvalidArgumentError, NinoxError
from ninoxkit._retry import FailureKind, RetryPolicy, classify_exception

POLICY = RetryPolicy(max_retries=2)
NO_HEADERS = httpx.Headers()


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (httpx.ConnectError("x"), FailureKind.NOT_SENT),
        (httpx.ConnectTimeout("x"), FailureKind.NOT_SENT),
        (httpx.PoolTimeout("x"), FailureKind.NOT_SENT),
        (httpx.ProxyError("x"), FailureKind.NOT_SENT),
        (httpx.ReadTimeout("x"), FailureKind.TIMEOUT),
        (httpx.WriteTimeout("x"), FailureKind.TIMEOUT),
        (httpx.ReadError("x"), FailureKind.MAYBE_SENT),
        (httpx.WriteError("x"), FailureKind.MAYBE_SENT),
        (httpx.RemoteProtocolError("x"), FailureKind.MAYBE_SENT),
        (httpx.UnsupportedProtocol("x"), FailureKind.FATAL),
        (httpx.LocalProtocolError("x"), FailureKind.FATAL),
        (ValueError("x"), FailureKind.FATAL),
    ],
)
def test_classify_exception(exc: Exception, kind: FailureKind) -> None:
    assert classify_exception(exc) is kind


@pytest.mark.parametrize(
    ("kind", "idempotent", "retries", "retry", "unknown"),
    [
        (FailureKind.NOT_SENT, True, 0, True, False),
        (FailureKind.NOT_SENT, False, 0, True, False),
        (FailureKind.NOT_SENT, False, 2, False, False),
        (FailureKind.TIMEOUT, True, 0, True, False),
        (FailureKind.TIMEOUT, True, 1, True, False),
        (FailureKind.TIMEOUT, True, 2, False, False),
        (FailureKind.TIMEOUT, False, 0, False, True),
        (FailureKind.MAYBE_SENT, True, 0, True, False),
        (FailureKind.MAYBE_SENT, False, 0, False, True),
        (FailureKind.FATAL, True, 0, False, False),
        (FailureKind.FATAL, False, 0, False, False),
    ],
)
def test_exception_table(
    kind: FailureKind, idempotent: bool, retries: int, retry: bool, unknown: bool
) -> None:
    decision = POLICY.for_exception(kind, idempotent=idempotent, retries_taken=retries, rand=0.0)
    assert (decision.retry, decision.outcome_unknown) == (retry, unknown)


@pytest.mark.parametrize(
    ("status", "idempotent", "retries", "retry", "unknown"),
    [
        (200, True, 0, False, False),
        (400, True, 0, False, False),
        (401, True, 0, False, False),
        (404, True, 0, False, False),
        (409, True, 0, False, False),
        (422, True, 0, False, False),
        (408, True, 0, True, False),
        (429, True, 0, True, False),
        (500, True, 0, True, False),
        (503, True, 1, True, False),
        (503, True, 2, False, False),
        (520, True, 0, True, False),
        (599, True, 0, True, False),
        (408, False, 0, False, False),
        (429, False, 0, False, False),
        (500, False, 0, False, True),
        (502, False, 0, False, True),
        (404, False, 0, False, False),
    ],
)
def test_status_table(
    status: int, idempotent: bool, retries: int, retry: bool, unknown: bool
) -> None:
    decision = POLICY.for_status(
        status, NO_HEADERS, idempotent=idempotent, retries_taken=retries, rand=0.0
    )
    assert (decision.retry, decision.outcome_unknown) == (retry, unknown)


@pytest.mark.parametrize(
    ("retries", "rand", "delay"),
    [(0, 0.0, 0.5), (1, 0.0, 1.0), (2, 0.0, 2.0), (4, 0.0, 8.0), (9, 0.0, 8.0), (0, 1.0, 0.375)],
)
def test_backoff_is_capped_exponential_with_jitter(retries: int, rand: float, delay: float) -> None:
    assert RetryPolicy(max_retries=20).backoff(retries, rand) == pytest.approx(delay)


@pytest.mark.parametrize(
    ("headers", "retry", "delay"),
    [
        ({"Retry-After": "7"}, True, 7.0),
        ({"Retry-After": "60"}, True, 60.0),
        ({"Retry-After": "60.5"}, False, 0.0),
        ({"Retry-After": "-5"}, True, 0.5),
        ({"Retry-After": "garbage"}, True, 0.5),
        ({"retry-after-ms": "1200"}, True, 1.2),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, True, 0.5),  # in the past: backoff
    ],
)
def test_retry_after_variants(headers: dict[str, str], retry: bool, delay: float) -> None:
    decision = POLICY.for_status(
        429, httpx.Headers(headers), idempotent=True, retries_taken=0, rand=0.0
    )
    assert decision.retry is retry
    assert decision.delay == pytest.approx(delay)
    if not retry:
        assert "60 s" in decision.note


def test_zero_retries_never_retries() -> None:
    policy = RetryPolicy(max_retries=0)
    assert not policy.for_status(503, NO_HEADERS, idempotent=True, retries_taken=0, rand=0).retry
    assert not policy.for_exception(
        FailureKind.NOT_SENT, idempotent=True, retries_taken=0, rand=0
    ).retry


def test_negative_max_retries_rejected() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)


def test_negative_max_retries_is_a_ninoxkit_argument_error() -> None:
    """``except NinoxError`` catches every error ninoxkit raises, the policy's own check too
    (issue #19 item 4); ``except ValueError`` keeps working."""
    with pytest.raises(InvalidArgumentError, match="max_retries") as info:
        RetryPolicy(max_retries=-1)
    assert isinstance(info.value, NinoxError)
    assert isinstance(info.value, ValueError)

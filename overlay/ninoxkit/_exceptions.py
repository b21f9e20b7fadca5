"""Every error ninoxkit raises, and the one place that turns a response into an error.

The tree (``except`` the class on the left to catch everything below it)::

    NinoxError
    ├── ConfigurationError (also ValueError)   bad or missing settings, found before any request
    ├── InvalidArgumentError (also ValueError) a bad argument, found before anything is sent
    │   ├── FieldValueError                    a field value that cannot be sent (ninoxkit._values)
    │   ├── NXError                            a value NX cannot express (ninoxkit.nx)
    │   └── UnknownNameError (also LookupError) no table/field by that name; .candidates
    ├── BatchWriteError                        a batch of a multi-record write failed; says which
    │                                          items were written, not written, or unknown
    ├── EventLoopError (also RuntimeError)     an AsyncNinox used under a second event loop
    └── APIError                               .message .request .method .url .body .retries_taken
        ├── APIConnectionError                 no usable response (raised ``from`` the httpx error)
        │   ├── APITimeoutError                a connect/read/write/pool timeout
        │   └── OutcomeUnknownError            a non-idempotent request may have reached Ninox;
        │       │                              ninoxkit did not re-send it (no duplicate records)
        │       └── OutcomeUnknownTimeoutError (also APITimeoutError)
        ├── ResponseTooLargeError              an answer bigger than ``max_response_size``
        ├── APIStatusError                     a non-2xx answer; .status_code .response
        │   ├── RedirectError                  3xx; never followed (it could carry the key away)
        │   ├── BadRequestError                400
        │   ├── AuthenticationError            401
        │   ├── PermissionDeniedError          403
        │   ├── NotFoundError                  404
        │   ├── ConflictError                  409
        │   ├── UnprocessableEntityError       422
        │   ├── RateLimitError                 429; .retry_after (seconds or None)
        │   ├── QuotaExceededError             402, or 403/429 saying the plan's API-call quota
        │   │                                  is used up (no Retry-After); never retried
        │   └── InternalServerError            500-599, including 52x from proxies
        └── APIResponseValidationError         a 2xx body that does not fit the spec
            ├── FilterNotAppliedError          a filtered listing or lookup answered a record
            │                                  that does not match the filter sent
            └── UnexpectedHTMLError            a 2xx HTML page (Ninox 4 answers unknown paths
                                               with its web app); never taken as data

Other 4xx statuses raise plain :class:`APIStatusError`. A 5xx answer to a non-idempotent
request (a create, an ``exec``) is not re-sent either; its error has ``outcome_unknown=True``
and says so in its message.

``str(error)`` is one line: method, URL, status, the server's message and the retries taken.
The API key and the database password never appear in an error: an error keeps a copy of the
request with those headers masked, and the key and password are cut out of the server's message
and body too (a proxy may echo them). Every error pickles (``multiprocessing``, task queues):
the pickle holds only what the error shows.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
from email.utils import parsedate_to_datetime
from types import EllipsisType
from typing import Any, ClassVar

import httpx

__all__ = [
    "STATUS_ERRORS",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BatchWriteError",
    "ConfigurationError",
    "ConflictError",
    "EventLoopError",
    "FilterNotAppliedError",
    "InternalServerError",
    "InvalidArgumentError",
    "NinoxError",
    "NotFoundError",
    "OutcomeUnknownError",
    "OutcomeUnknownTimeoutError",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "RedirectError",
    "ResponseTooLargeError",
    "UnexpectedHTMLError",
    "UnknownNameError",
    "UnprocessableEntityError",
    "error_class_for",
    "extract_message",
    "is_quota_exhausted",
    "is_server_error",
    "make_status_error",
    "mask_cause",
    "parse_retry_after",
    "safe_url",
    "validation_error",
]

_MAX_MESSAGE = 300


def _rebuild(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """Unpickle an error without calling its ``__init__`` (whose keywords pickle cannot pass)."""
    error = cls.__new__(cls, *args)
    BaseException.__init__(error, *args)
    error.__dict__.update(state)
    return error


class NinoxError(Exception):
    """Root of every exception ninoxkit raises on purpose.

    Every error pickles and unpickles to an equal-looking error, whatever its ``__init__``
    takes: the attributes are restored as they are, without calling ``__init__`` again.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class ConfigurationError(NinoxError, ValueError):
    """A setting is missing or invalid; raised when the client is built or a call is prepared.

    It is also a :class:`ValueError`, so code that validates input generically still works.
    """


class InvalidArgumentError(NinoxError, ValueError):
    """An argument cannot be sent (a bad id, value or option); nothing was sent."""


class EventLoopError(NinoxError, RuntimeError):
    """An :class:`~ninoxkit.AsyncNinox` was used under a second event loop.

    Its connections and concurrency limit belong to the loop it was first used in (httpx
    cannot share an ``AsyncClient`` between loops). Create one ``AsyncNinox`` per event loop,
    e.g. inside the coroutine you pass to ``asyncio.run``, or use the sync ``Ninox``.
    """


class UnknownNameError(InvalidArgumentError, LookupError):
    """No table or field has this id or caption, or several share the caption.

    Attributes:
        candidates: Close matches (or, for an ambiguous caption, the ids sharing it).
    """

    def __init__(self, message: str, *, candidates: list[str] | None = None) -> None:
        """Keep the error's details.

        Args:
            message: What was not found, with the close matches.
            candidates: Close matches (or the ids sharing an ambiguous caption).
        """
        super().__init__(message)
        self.candidates = list(candidates or [])


class BatchWriteError(NinoxError):
    """A multi-record write failed part-way; nothing about the outcome is left unsaid.

    Attributes:
        written: ``(input index, result)`` of every item written before the failure; the result
            is the record Ninox answered (``None`` for deletes).
        not_written: Input indexes certainly not written (the failed batch when Ninox refused
            it, and every later item, which was never sent).
        unknown: Input indexes of the failed batch when it may have been applied (a lost answer
            or a 5xx); check these before writing them again.
        error: The error the failed batch raised (also ``__cause__``).
    """

    def __init__(
        self,
        message: str,
        *,
        written: list[tuple[int, Any]],
        not_written: list[int],
        unknown: list[int],
        error: NinoxError,
    ) -> None:
        """Keep the error's details.

        Args:
            message: What became of the write, in words.
            written: See the class.
            not_written: See the class.
            unknown: See the class.
            error: See the class.
        """
        super().__init__(message)
        self.written = written
        self.not_written = not_written
        self.unknown = unknown
        self.error = error


class APIError(NinoxError):
    """A request to Ninox failed.

    Attributes:
        message: The reason, in words (for status errors: the server's message).
        request: The :class:`httpx.Request` that failed, or ``None``.
        method: HTTP method, e.g. ``"GET"`` (empty if unknown).
        url: The request URL without user info (the key is never part of a URL).
        body: The raw response body, or ``None`` when there was no response.
        retries_taken: How many times ninoxkit re-sent the request before giving up.
        outcome_unknown: ``True`` when the request may have changed data on the server
            although an error was raised; check before you repeat it.
        applied: The transport's verdict on whether Ninox applied the request: ``True`` when
            Ninox answered 2xx (it took the request; only its answer could not be used),
            ``False`` when it certainly did not (refused before sending, a connect error, a
            4xx/3xx answer, and no earlier attempt may have landed), ``None`` when nobody can
            know (the connection broke or timed out after sending, a 5xx). The transport
            decides it once per attempt (how far the attempt got) and once per request (an
            attempt that certainly did nothing does not clear the doubt an earlier one left);
            everything else reads it, through :attr:`may_have_been_applied`.
    """

    def __init__(
        self,
        message: str,
        *,
        request: httpx.Request | None = None,
        body: bytes | None = None,
        retries_taken: int = 0,
        outcome_unknown: bool = False,
        applied: bool | EllipsisType | None = ...,
    ) -> None:
        """Keep what the error shows, with the request's credentials cut out.

        Args:
            message: The reason, in words.
            request: The request that failed (a masked copy is kept), or ``None``.
            body: The raw response body, or ``None`` when there was no response.
            retries_taken: Re-sends made before giving up.
            outcome_unknown: The request may have changed data although it failed.
            applied: The transport's verdict (see the class); ``...``: the class's default.
        """
        secrets = secrets_of(request)
        self.message = scrub_text(message, secrets)
        self.request = safe_request(request, secrets) if request is not None else None
        self.method = request.method if request is not None else ""
        self.url = safe_url(request.url) if request is not None else ""
        self.body = scrub_bytes(body, secrets) if body is not None else None
        self.retries_taken = retries_taken
        self.outcome_unknown = outcome_unknown
        self.applied: bool | None = (
            self._default_applied() if isinstance(applied, EllipsisType) else applied
        )
        super().__init__(self.message)

    @property
    def may_have_been_applied(self) -> bool:
        """Whether Ninox may have applied the request (``applied`` is not ``False``).

        ``False`` only when no attempt of the request can have taken effect: it never left the
        machine (connection refused, no free slot, the client closed), or every attempt that
        reached Ninox was refused (3xx/4xx). A batch write puts the items of a failed batch in
        ``not_written`` exactly when this is ``False``, else in ``unknown``; a delete answered
        404 after an attempt that may have landed counts as done.
        """
        return self.applied is not False

    def _default_applied(self) -> bool | None:
        # Without the transport's word nobody knows; subclasses that do know narrow it.
        return None

    def _subject(self) -> str:
        return f"{self.method} {self.url}" if self.method else self.url

    def _suffix(self) -> str:
        if self.retries_taken == 1:
            return " (after 1 retry)"
        if self.retries_taken:
            return f" (after {self.retries_taken} retries)"
        return ""

    def __str__(self) -> str:
        subject = self._subject()
        head = f"{subject}: " if subject else ""
        return f"{head}{self.message}{self._suffix()}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class APIConnectionError(APIError):
    """No usable response arrived: DNS, TCP, TLS, proxy or protocol failure."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or waiting for a free connection)."""


class OutcomeUnknownError(APIConnectionError):
    """A request that is not safe to repeat may have reached Ninox, and no answer came back.

    ninoxkit does not re-send creates or scripts once they may have been received, because Ninox
    has no idempotency keys and a second send could create duplicate records. Check whether the
    change happened (e.g. look the record up) before you try again.
    """

    def __init__(self, message: str, **kwargs: Any) -> None:
        """Keep the error's details.

        Args:
            message: What happened, and that the outcome is unknown.
            **kwargs: As :class:`APIError` (``outcome_unknown`` defaults to ``True``).
        """
        kwargs.setdefault("outcome_unknown", True)
        super().__init__(message, **kwargs)


class OutcomeUnknownTimeoutError(OutcomeUnknownError, APITimeoutError):
    """A timeout on a request that is not safe to repeat; catchable as either parent."""


class ResponseTooLargeError(APIError):
    """An answer was bigger than ``max_response_size`` (default 64 MiB); reading it stopped there.

    Nothing of it is kept (``.body`` is ``None``). Streamed downloads to a file
    (``files.download(to=path)``, ``files.iter_bytes``) have no such limit. When the answer
    was a 2xx to a write (POST, PUT, PATCH, DELETE), Ninox applied the write: the error is then
    also an :class:`OutcomeUnknownError` (so code that guards against repeating a write sees
    it) and its ``applied`` is ``True``.

    Attributes:
        limit: The limit in bytes that was exceeded.
        status_code: The status of the answer.
    """

    def __init__(self, message: str, *, limit: int, status_code: int, **kwargs: Any) -> None:
        """Keep the error's details.

        Args:
            message: What was too large, and what to do about it.
            limit: The limit in bytes that was exceeded.
            status_code: The status of the answer.
            **kwargs: As :class:`APIError`.
        """
        self.limit = limit
        self.status_code = status_code
        super().__init__(message, **kwargs)


class _AppliedResponseTooLargeError(ResponseTooLargeError, OutcomeUnknownError):
    """Ninox answered 2xx to a write: it was applied, but its answer was too large to read."""


class _BodyInterruptedError(APIConnectionError):
    """A streamed 2xx body broke off; a download that owns the whole body may start over."""


class APIStatusError(APIError):
    """Ninox (or a proxy in front of it) answered with a non-2xx status.

    Attributes:
        status_code: The HTTP status code.
        response: The :class:`httpx.Response`, body already read.
    """

    #: The status this class stands for in :data:`STATUS_ERRORS` (``None``: a range or generic).
    status: ClassVar[int | None] = None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        request: httpx.Request | None = None,
        retries_taken: int = 0,
        outcome_unknown: bool = False,
    ) -> None:
        """Keep the error's details.

        Args:
            message: The server's message (or the status's reason phrase).
            response: The answer, body read (a copy without secrets is kept).
            request: The request that was sent, or ``None``.
            retries_taken: Re-sends made before this answer.
            outcome_unknown: The request may have been applied (a 5xx to a create or exec).
        """
        self.status_code = response.status_code
        super().__init__(
            message,
            request=request,
            body=response.content,
            retries_taken=retries_taken,
            outcome_unknown=outcome_unknown,
        )
        self.response = _safe_response(response, self.body, self.request)

    def _default_applied(self) -> bool | None:
        # A 5xx may come after Ninox applied (part of) the request; 3xx/4xx are refusals.
        return None if self.outcome_unknown or is_server_error(self.status_code) else False

    def __str__(self) -> str:
        reason = _reason(self.status_code)
        status = f"{self.status_code} {reason}".rstrip()
        detail = f": {self.message}" if self.message and self.message != reason else ""
        unknown = (
            "; the request was not re-sent and may or may not have been applied"
            if self.outcome_unknown
            else ""
        )
        subject = self._subject()
        lead = f"{subject} -> " if subject else ""
        return f"{lead}{status}{detail}{unknown}{self._suffix()}"


class RedirectError(APIStatusError):
    """A 3xx answer. ninoxkit never follows redirects, so the key only goes to your base URL.

    Attributes:
        location: The absolute URL the server pointed to, or ``None``.
    """

    def __init__(self, message: str, *, location: str | None = None, **kwargs: Any) -> None:
        """Keep the error's details.

        Args:
            message: What was refused, and the fix.
            location: The absolute URL the server pointed to, or ``None``.
            **kwargs: As :class:`APIStatusError`.
        """
        self.location = location
        super().__init__(message, **kwargs)


class BadRequestError(APIStatusError):
    """400: Ninox rejected the parameters or the body (e.g. unknown field, bad filter JSON)."""

    status = 400


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or revoked."""

    status = 401


class PermissionDeniedError(APIStatusError):
    """403: the key may not access this team, database or operation."""

    status = 403


class NotFoundError(APIStatusError):
    """404: unknown team, database, table, record, file, view or report."""

    status = 404


class ConflictError(APIStatusError):
    """409: e.g. a schema update against an outdated schema version."""

    status = 409


class UnprocessableEntityError(APIStatusError):
    """422: the request was well-formed but a value is invalid."""

    status = 422


class RateLimitError(APIStatusError):
    """429: too many requests.

    Attributes:
        retry_after: Seconds the server asked to wait (``Retry-After``), or ``None``.
    """

    status = 429

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        """Keep the error's details.

        Args:
            message: The server's message.
            retry_after: Seconds the server asked to wait, or ``None``.
            **kwargs: As :class:`APIStatusError`.
        """
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class QuotaExceededError(APIStatusError):
    """The server's message suggests the plan's monthly API-call quota is used up.

    Chosen for a 402, or a 403/429 whose message speaks of API calls (or requests) together
    with a quota or limit ("API call quota exceeded", "monthly API call limit reached") and
    that carries no ``Retry-After`` (see :func:`is_quota_exhausted`). It is never retried:
    waiting seconds does not bring a monthly quota back. A 429 with ``Retry-After`` is an
    ordinary :class:`RateLimitError` and is retried as usual.

    It is also the class it stands in for: for a 403 a :class:`PermissionDeniedError`, for a
    429 a :class:`RateLimitError`, so ``except PermissionDeniedError`` still catches it.
    """


class _QuotaForbiddenError(QuotaExceededError, PermissionDeniedError):
    """A 403 whose message suggests the API-call quota is used up."""


class _QuotaRateLimitError(QuotaExceededError, RateLimitError):
    """A 429 without ``Retry-After`` whose message suggests the API-call quota is used up."""


class InternalServerError(APIStatusError):
    """500-599 from Ninox or a proxy in front of it (including non-standard 52x codes)."""


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not fit the API description (``applied`` is ``True``).

    Attributes:
        status_code: The HTTP status code.
        response: The :class:`httpx.Response`, or ``None`` if it was not kept.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        response: httpx.Response | None = None,
        **kwargs: Any,
    ) -> None:
        """Keep the error's details.

        Args:
            message: What does not fit.
            status_code: The HTTP status code.
            response: The answer (a copy without secrets is kept), or ``None``.
            **kwargs: As :class:`APIError` (``applied`` defaults to ``True``).
        """
        self.status_code = status_code
        kwargs.setdefault("applied", True)  # Ninox answered 2xx: it took the request
        super().__init__(message, **kwargs)
        self.response = (
            _safe_response(response, self.body, self.request) if response is not None else None
        )


def validation_error(
    why: str,
    response: httpx.Response | None = None,
    *,
    status_code: int = 200,
    body: bytes | None = None,
    request: httpx.Request | None = None,
    retries_taken: int = 0,
    description: str = "the API description",
) -> APIResponseValidationError:
    """Build the error for a 2xx answer that does not fit the spec (the one place, both APIs).

    Args:
        why: What does not fit, e.g. ``"expected a list of Team"``.
        response: The answer (its status, body and request are kept), or ``None`` when only
            the decoded data is at hand.
        status_code: The status when there is no ``response``.
        body: The raw body when there is no ``response`` (default: the response's).
        request: The request, when ``response`` does not carry it.
        retries_taken: Re-sends made before the answer.
        description: What the answer was checked against, for the message.

    Returns:
        The error (``applied`` is ``True``: Ninox answered 2xx).
    """
    if response is not None:
        status_code = response.status_code
        body = response.content if body is None else body
        if request is None:
            try:
                request = response.request
            except RuntimeError:  # a response built without one (tests, generated wrappers)
                request = None
    return APIResponseValidationError(
        f"the {status_code} response does not fit {description}: {why}",
        status_code=status_code,
        response=response,
        request=request,
        body=body,
        retries_taken=retries_taken,
    )


class FilterNotAppliedError(APIResponseValidationError):
    """A filtered listing or lookup answered a record that does not match the filter sent.

    The likely cause: the server ignored or misread the filter (sources disagree on its shape,
    reference §13), so acting on the answer would act on the wrong records. Nothing is yielded
    or returned from the page or lookup that held the record.

    Attributes:
        record_id: The id of the first record that does not match.
        field: The filter's field (as given).
        expected: The value the filter asked for (as sent).
        actual: The record's value (as Ninox sent it; ``None`` when the record has none).
    """

    def __init__(
        self,
        message: str,
        *,
        record_id: int | None = None,
        field: str = "",
        expected: Any = None,
        actual: Any = None,
        **kwargs: Any,
    ) -> None:
        """Keep the error's details.

        Args:
            message: Which record does not match, and why that matters.
            record_id: The id of the first record that does not match.
            field: The filter's field (as given).
            expected: The value the filter asked for (as sent).
            actual: The record's value (as Ninox sent it).
            **kwargs: As :class:`APIResponseValidationError` (``status_code`` defaults to 200).
        """
        self.record_id = record_id
        self.field = field
        self.expected = expected
        self.actual = actual
        kwargs.setdefault("status_code", 200)
        super().__init__(message, **kwargs)


#: The one table from status code to error class; see :func:`error_class_for`.
STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def is_server_error(status_code: int) -> bool:
    """Whether a status is a server error, 500-599 (52x from proxies included).

    The one place this is decided: it picks :class:`InternalServerError`, makes a failed
    request's outcome unknown (a 5xx may come after Ninox applied the request) and makes an
    idempotent request worth another try (:func:`ninoxkit._retry.is_retryable_status`).
    """
    return 500 <= status_code <= 599


def error_class_for(status_code: int) -> type[APIStatusError]:
    """Return the error class for a status: the table first, then the nearest family."""
    cls = STATUS_ERRORS.get(status_code)
    if cls is not None:
        return cls
    if is_server_error(status_code):
        return InternalServerError
    if 300 <= status_code <= 399:
        return RedirectError
    return APIStatusError


_REDACTED = "[redacted]"
#: Request headers an error never shows (the key, the database password, cookies).
_SECRET_HEADERS = ("authorization", "nx-password", "cookie", "proxy-authorization")


def secrets_of(request: httpx.Request | None) -> tuple[str, ...]:
    """The credentials ``request`` carries: the bearer token, ``nx-password`` and the like."""
    if request is None:
        return ()
    found: list[str] = []
    for name in _SECRET_HEADERS:
        value = request.headers.get(name)
        if not value:
            continue
        found.append(value)
        scheme, _, token = value.partition(" ")
        if token and scheme.lower() in ("bearer", "basic"):
            found.append(token.strip())
    # Longest first, so a key that contains a shorter secret is cut out whole.
    return tuple(sorted({s for s in found if s.strip()}, key=len, reverse=True))


#: A secret at least this long is cut out wherever it occurs. A shorter one (a test key such as
#: ``"k"``; real Ninox keys are UUID-like, 36 characters, reference §2) is cut out only where it
#: stands alone, not inside a longer run of letters and digits: cutting every ``k`` out of a
#: message would leave nothing readable, and a secret inside a longer word is not shown there.
_CUT_ANYWHERE = 8
_WORD = "A-Za-z0-9"


def _short_secret(secret: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![{_WORD}]){re.escape(secret)}(?![{_WORD}])")


def _short_secret_bytes(secret: bytes) -> re.Pattern[bytes]:
    word = _WORD.encode()
    return re.compile(rb"(?<![" + word + rb"])" + re.escape(secret) + rb"(?![" + word + rb"])")


def scrub_text(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every secret replaced by ``[redacted]`` (see :data:`_CUT_ANYWHERE`)."""
    for secret in secrets:
        if secret not in text:
            continue
        if len(secret) >= _CUT_ANYWHERE:
            text = text.replace(secret, _REDACTED)
        else:
            text = _short_secret(secret).sub(_REDACTED, text)
    return text


def scrub_bytes(data: bytes, secrets: tuple[str, ...]) -> bytes:
    """``data`` with every secret (UTF-8) replaced by ``[redacted]``, like :func:`scrub_text`."""
    for secret in secrets:
        raw = secret.encode("utf-8", "replace")
        if raw not in data:
            continue
        if len(raw) >= _CUT_ANYWHERE:
            data = data.replace(raw, _REDACTED.encode())
        else:
            data = _short_secret_bytes(raw).sub(_REDACTED.encode(), data)
    return data


def safe_request(request: httpx.Request, secrets: tuple[str, ...] = ()) -> httpx.Request:
    """A copy of ``request`` to keep in an error: credential headers masked, no extensions.

    The body is kept when it is in memory (secrets cut out); a streamed upload body is left
    out (it may be a file that is already closed).
    """
    headers = httpx.Headers(
        [
            (k, _REDACTED if k.lower() in _SECRET_HEADERS else v)
            for k, v in request.headers.multi_items()
        ]
    )
    try:
        content = request.content
    except httpx.RequestNotRead:
        content = b""
    # The headers are those really sent (httpx only adds Content-Length where none is set).
    return httpx.Request(
        request.method, request.url, headers=headers, content=scrub_bytes(content, secrets)
    )


def _safe_response(
    response: httpx.Response, body: bytes | None, request: httpx.Request | None
) -> httpx.Response:
    """A copy of ``response`` to keep in an error: the scrubbed body, the safe request."""
    try:
        content = body if body is not None else response.content
    except httpx.ResponseNotRead:
        content = b""
    # The body is kept decoded, so the copy must not claim a Content-Encoding; extensions that
    # are not plain values (the network stream) cannot be pickled and mean nothing later.
    headers = httpx.Headers(
        [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"]
    )
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=request,
        extensions={
            k: v for k, v in response.extensions.items() if isinstance(v, (int, str, bytes))
        },
    )


def _reason(status_code: int) -> str:
    try:
        return httpx.codes.get_reason_phrase(status_code)
    except (ValueError, TypeError):  # pragma: no cover - httpx returns "" for unknown codes
        return ""


def safe_url(url: httpx.URL | str) -> str:
    """Return ``url`` as text without user info (``user:password@``).

    Args:
        url: An absolute URL.

    Returns:
        The URL, safe to show in messages and logs.
    """
    parsed = httpx.URL(str(url)) if isinstance(url, str) else url
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    return str(parsed)


_TAGS = re.compile(r"<[^>]*>")
_DROP_BLOCKS = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"\s+")


def _shorten(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    if len(text) > _MAX_MESSAGE:
        return text[: _MAX_MESSAGE - 1].rstrip() + "…"
    return text


def _message_from_json(data: object) -> str | None:
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        for key in ("message", "error", "detail", "msg", "error_description"):
            value = data.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, dict):
                inner = _message_from_json(value)
                if inner:
                    return inner
        errors = data.get("errors")
        if isinstance(errors, list) and errors:
            return _message_from_json(errors[0])
    return None


def extract_message(content: bytes, content_type: str | None = None) -> str:
    """Find the human-readable message in an error body, whatever its format.

    Copes with JSON ``{"message": ...}`` (Ninox's own), ``{"error": {"message": ...}}``,
    ``{"error": "..."}``, a JSON string, plain text, HTML pages from proxies (the title or a
    short excerpt without tags) and empty bodies. Never raises.

    Args:
        content: The raw body.
        content_type: The ``Content-Type`` header, if any.

    Returns:
        One line of at most 300 characters; ``""`` for an empty body.
    """
    text = content.decode("utf-8", errors="replace").strip()
    if not text:
        return ""
    ctype = (content_type or "").lower()
    if "json" in ctype or text[0] in '{["':
        try:
            data = json.loads(text)
        except ValueError:
            pass
        else:
            found = _message_from_json(data)
            return _shorten(found if found else json.dumps(data, ensure_ascii=False))
    if "html" in ctype or text.startswith("<"):
        title = _TITLE.search(text)
        body = _TAGS.sub(" ", _DROP_BLOCKS.sub(" ", text))
        excerpt = html.unescape(title.group(1) if title and title.group(1).strip() else body)
        return _shorten(excerpt)
    return _shorten(text)


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """Read ``retry-after-ms`` / ``Retry-After`` (seconds or HTTP-date) as seconds.

    Args:
        headers: Response headers.

    Returns:
        Seconds to wait (may be ``<= 0``), or ``None`` if absent or unreadable.
    """
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            return float(raw_ms) / 1000.0
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        return float(raw)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    return (when - _dt.datetime.now(_dt.UTC)).total_seconds()


# API calls named next to a quota or limit, in either order. A quota or limit alone ("Storage
# quota exceeded", "Your plan allows at most 5 databases: limit reached", "Rate limit of your
# plan reached") is some other limit and keeps its status class.
_API_CALL_QUOTA = re.compile(
    r"\bapi\b.{0,10}\b(call|request)s?\b.{0,20}\b(quota|limit)"
    r"|\b(quota|limit)\b.{0,20}\bapi\b.{0,10}\b(call|request)s?\b",
    re.DOTALL,
)


def is_quota_exhausted(status_code: int, headers: httpx.Headers, message: str) -> bool:
    """Whether an answer says the plan's API-call quota is used up (no point retrying soon).

    Ninox documents no answer for an exhausted monthly quota (reference §13, "Limits" row), so this
    is conservative: a 402 (Payment Required) always; a 403 or 429 only when it carries no
    ``Retry-After`` and its message names API calls or requests together with a quota or limit
    ("API call quota exceeded", "monthly API call limit reached"). A plain "rate limit
    exceeded" 429 stays a retryable :class:`RateLimitError`; "Storage quota exceeded" stays a
    :class:`PermissionDeniedError`.
    """
    if status_code == 402:
        return True
    if status_code not in (403, 429):
        return False
    if "retry-after" in headers or "retry-after-ms" in headers:
        return False
    text = message.lower()
    return bool(_API_CALL_QUOTA.search(text))


_QUOTA_NOTE = (
    "the server's message suggests the monthly API-call quota of this Ninox plan is exhausted; "
    "further calls would fail until the quota resets or the plan is upgraded, so ninoxkit did "
    "not retry"
)


def make_status_error(
    request: httpx.Request,
    response: httpx.Response,
    *,
    retries_taken: int = 0,
    outcome_unknown: bool = False,
    note: str = "",
) -> APIStatusError:
    """Build the typed error for a non-2xx response whose body has been read.

    Args:
        request: The request that was sent.
        response: The final response (``read()`` already called).
        retries_taken: Retries done before this response.
        outcome_unknown: Whether the request may have been applied (5xx on a create or exec).
        note: Extra sentence appended to the server's message.

    Returns:
        An instance of the class :func:`error_class_for` picks.
    """
    cls = error_class_for(response.status_code)
    message = extract_message(response.content, response.headers.get("content-type"))
    if is_quota_exhausted(response.status_code, response.headers, message):
        cls = {403: _QuotaForbiddenError, 429: _QuotaRateLimitError}.get(
            response.status_code, QuotaExceededError
        )
        message = f"{_QUOTA_NOTE} (server said: {message or _reason(response.status_code)})"
    if not message:
        message = _reason(response.status_code) or "no message"
    if note:
        message = f"{message} ({note})"
    common: dict[str, Any] = {
        "response": response,
        "request": request,
        "retries_taken": retries_taken,
        "outcome_unknown": outcome_unknown,
    }
    if issubclass(cls, RateLimitError):
        return cls(message, retry_after=parse_retry_after(response.headers), **common)
    if cls is RedirectError:
        location = response.headers.get("location")
        absolute = str(request.url.join(location)) if location else None
        return RedirectError(message, location=absolute, **common)
    return cls(message, **common)


class UnexpectedHTMLError(APIResponseValidationError):
    """A 2xx answer that is an HTML page instead of API data.

    Ninox 4 answers an unknown path (a typo in a module, table or workspace segment) with
    status 200 and its web app's HTML shell (reference ninox4-public-api.md §6, §9 item 1).
    Treating that page as data would be silently wrong, so it is an error.
    """


def mask_cause(exc: BaseException, error: NinoxError) -> None:
    """Give the chained httpx exceptions the error's masked request instead of the real one.

    ``raise error from exc`` keeps ``exc`` reachable as ``error.__cause__``; its ``.request``
    would otherwise still carry the key and the database password in its headers.
    """
    masked = error.request if isinstance(error, APIError) else None
    seen: set[int] = set()
    node: BaseException | None = exc
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        if isinstance(node, httpx.HTTPError):
            node._request = masked
        node = node.__cause__ or node.__context__


# Show the public errors as ``ninoxkit.X`` in tracebacks and reprs, as httpx does, from the
# moment they can be raised (``ninoxkit`` imports its names lazily). Each is exported there
# (tests/unit/test_exports.py), so pickle finds them under that name too.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = "ninoxkit"
del _name, _value

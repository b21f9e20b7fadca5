"""The one exception the emulator raises for a client-visible error."""

from __future__ import annotations

__all__ = ["ApiError"]


class ApiError(Exception):
    """An error answered as ``{"message": ...}`` with an HTTP status (reference §8).

    Args:
        status: HTTP status code (400, 401, 403, 404, 405, 409, 422).
        message: human-readable reason, returned in the JSON body.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

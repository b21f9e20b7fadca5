"""What differs between the twins at run time, written by hand in both flavours.

``unasync`` turns ``AsyncX`` into ``X``, so the sync twin of the facade and the transport uses
the plain class of each pair: the loop guard (an ``AsyncNinox`` belongs to one event loop), the
discovery of missing ids (the sync ``Ninox.database()`` may send, the async one cannot), and the
bounded wait for a concurrency slot.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import anyio

from ._exceptions import ConfigurationError, EventLoopError

__all__ = ["AsyncDiscovery", "AsyncLoopGuard", "AsyncSlots", "Discovery", "LoopGuard", "Slots"]


class AsyncLoopGuard:
    """Remembers the event loop an :class:`~ninoxkit.AsyncNinox` was first used in.

    httpx's ``AsyncClient`` (its pooled connections) and anyio's primitives belong to one event
    loop; used from a second one they fail deep inside with a ``RuntimeError``. This turns that
    into an :class:`~ninoxkit.EventLoopError` that names the fix, before anything is sent. The
    sync twin uses :class:`LoopGuard`, which checks nothing (a sync client works anywhere).
    """

    __slots__ = ("_loop",)

    def __init__(self) -> None:
        self._loop: object | None = None

    def check(self) -> None:
        """Raise :class:`~ninoxkit.EventLoopError` if called under another loop than the first."""
        try:
            loop: object = asyncio.get_running_loop()
        except RuntimeError:  # another async library (trio): nothing to compare
            return
        if self._loop is None:
            self._loop = loop
        elif loop is not self._loop:
            raise EventLoopError(
                "This AsyncNinox was first used in another event loop; its connections and "
                "concurrency limit belong to that loop (httpx cannot share an AsyncClient "
                "between loops). Create one AsyncNinox per event loop, e.g. inside the "
                "coroutine you pass to asyncio.run(), or use the sync Ninox."
            )


class LoopGuard:
    """The sync twin of :class:`AsyncLoopGuard`: a sync client is not bound to a loop."""

    __slots__ = ()

    def check(self) -> None:
        """Do nothing."""


class AsyncDiscovery:
    """What ``AsyncNinox.database()`` does with an id it does not know: it cannot look it up.

    ``database()`` is a plain method in both twins (a handle is made without sending), so the
    async twin cannot await ``listTeams``; the sync twin's :class:`Discovery` can, and does.
    """

    @staticmethod
    def database(
        client: Any,  # noqa: ARG004  # the twins' signatures are one
        *,
        team_id: str | None,
        database_id: str | None,  # noqa: ARG004
    ) -> Any:
        """Raise a :class:`~ninoxkit.ConfigurationError` naming the awaitable way."""
        missing = "team_id" if team_id is None else "database_id"
        env = "NINOX_TEAM_ID" if team_id is None else "NINOX_DATABASE_ID"
        raise ConfigurationError(
            f"{missing} is required: pass {missing}=..., set {env}, or let ninoxkit pick the "
            "only team and database your key reaches: db = await client.discover_database() "
            "(AsyncNinox.database() is not awaited, so it cannot look them up)"
        )


class Discovery:
    """The sync twin of :class:`AsyncDiscovery`: ``Ninox.database()`` looks the ids up."""

    @staticmethod
    def database(client: Any, *, team_id: str | None, database_id: str | None) -> Any:
        """Return ``client.discover_database(...)`` (it sends ``listTeams``/``listDatabases``)."""
        return client.discover_database(team_id=team_id, database_id=database_id)


class AsyncSlots:
    """Taking a concurrency slot with a time limit (the sync twin uses :class:`Slots`).

    A request waits for a slot only as long as its call's deadline allows; a free slot is
    taken without a cancel scope (the common case costs nothing extra).
    """

    @staticmethod
    async def acquire(limiter: anyio.Semaphore, seconds: float | None) -> bool:
        """Take a slot; return ``False`` if none came free within ``seconds``."""
        try:
            limiter.acquire_nowait()
        except anyio.WouldBlock:
            pass
        else:
            return True
        if seconds is None:
            await limiter.acquire()
            return True
        with anyio.move_on_after(seconds):
            await limiter.acquire()
            return True
        return False


class Slots:
    """The sync twin of :class:`AsyncSlots`."""

    @staticmethod
    def acquire(limiter: threading.Semaphore, seconds: float | None) -> bool:
        """Take a slot; return ``False`` if none came free within ``seconds``."""
        return limiter.acquire(timeout=seconds)

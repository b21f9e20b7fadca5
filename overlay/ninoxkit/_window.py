"""A window of jobs in flight, their outcomes taken in the order they were started.

The pager's read-ahead, concurrent batch writes and ``get_many`` keep up to ``width`` requests
in flight and use the answers strictly in order. Each request still takes a slot of the
client's concurrency limiter in the transport, so a window never puts more than
``max_concurrency`` requests on the wire, however many windows run at once.

Written by hand in both flavours (like :class:`~ninoxkit._runtime.AsyncSlots`), because a
window is the one place where the twins differ in kind: :class:`AsyncWindow` runs each job as
an asyncio task, :class:`Window` in a worker thread. ``width == 1`` runs every job inline when
its outcome is taken (no task, no thread): exactly the one-at-a-time path.

Closing a window (``aclose()`` / ``close()``, always in a ``finally``) cancels the jobs whose
outcome was not taken and waits until each has ended, so no request outlives the call that
started it and no concurrency slot stays taken.

The sync windows of a process share one pool of worker threads (:func:`_workers`), started as
needed and kept for the next window: a thread started and joined per listing cost more CPU than
the listing's own requests over a fast server (scripts/bench ``overhead_page_ratio``). Jobs never
wait on each other, so a shared pool cannot deadlock; it is made anew in a forked child.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import queue
import threading
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from concurrent.futures import Future, wait
from typing import Any, Generic, TypeVar

import anyio

__all__ = ["AsyncGen", "AsyncJob", "AsyncWindow", "Gen", "Job", "Window"]

T = TypeVar("T")

#: A job of :class:`AsyncWindow`: called once, its awaitable gives the outcome.
AsyncJob = Callable[[], Awaitable[T]]
#: A job of :class:`Window`: called once (in a worker thread), returns the outcome.
Job = Callable[[], T]
#: An async generator (closeable with ``contextlib.aclosing``) and its sync twin.
AsyncGen = AsyncGenerator[T, None]
Gen = Generator[T, None, None]


class Workers:
    """Worker threads for :class:`Window` jobs: a new one only when none is idle, each kept for
    the next job. (``ThreadPoolExecutor`` counts a thread idle only after the job's outcome was
    handed on, so a caller that starts the next job at once got a new thread nearly every time.)

    There are never more threads than jobs once ran at the same time (each window runs at most
    its width); idle ones wait on the queue, as daemon threads, so they never hold up the exit.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]]] = queue.SimpleQueue()
        #: Threads waiting on the queue that no queued job has claimed yet.
        self._idle = 0
        self.threads: list[threading.Thread] = []

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn()`` in a worker thread; its future has the outcome.

        Raises:
            RuntimeError: no new thread can start (the interpreter is shutting down); nothing
                was queued.
        """
        future: Future[T] = Future()
        with self._lock:
            if self._idle:
                self._idle -= 1
                self._queue.put((future, fn))
                return future
        thread = threading.Thread(
            target=self._work, name=f"ninoxkit-{len(self.threads)}", daemon=True
        )
        thread.start()
        self.threads.append(thread)
        self._queue.put((future, fn))
        return future

    def _work(self) -> None:
        while True:
            self._run(*self._queue.get())  # its locals (the outcome) end with the call

    def _run(self, future: Future[Any], fn: Callable[[], Any]) -> None:
        if not future.set_running_or_notify_cancel():  # cancelled before it began
            with self._lock:
                self._idle += 1
            return
        try:
            result = fn()
        except BaseException as exc:  # the job's outcome, handed to whoever takes it
            # Idle before the outcome is out: its taker may start the next job at once.
            with self._lock:
                self._idle += 1
            future.set_exception(exc)
        else:
            with self._lock:
                self._idle += 1
            future.set_result(result)


_pool: Workers | None = None
_pool_lock = threading.Lock()


def _workers() -> Workers:
    """The process's worker threads for :class:`Window` (made on first use)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Workers()
        return _pool


def _forget_pool() -> None:
    """In a forked child the parent's worker threads do not exist: the next window makes new
    ones (jobs queued for the old ones would never run)."""
    global _pool, _pool_lock
    _pool = None
    _pool_lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_forget_pool)


class AsyncWindow(Generic[T]):
    """Up to ``width`` jobs running at once as asyncio tasks; outcomes taken in start order.

    Args:
        width: Jobs in flight at most (1: each job runs inline when taken).

    Under an event loop other than asyncio's (trio), jobs run inline one at a time.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self._jobs: deque[asyncio.Future[T] | AsyncJob[T]] = deque()
        #: Jobs that began running in the background, and those of them whose outcome was taken.
        self._began = 0
        self._used = 0
        try:
            asyncio.get_running_loop()
            self._tasks = width > 1
        except RuntimeError:  # not asyncio: no tasks to start
            self._tasks = False

    def __len__(self) -> int:
        """Jobs started whose outcome was not taken yet."""
        return len(self._jobs)

    @property
    def full(self) -> bool:
        """Whether ``width`` jobs are in flight (start no more before taking one)."""
        return len(self._jobs) >= self.width

    def start(self, job: AsyncJob[T]) -> None:
        """Start ``job`` (with ``width == 1``: keep it until :meth:`take` runs it)."""
        if self._tasks:
            self._jobs.append(asyncio.ensure_future(self._run(job)))
        else:
            self._jobs.append(job)

    async def _run(self, job: AsyncJob[T]) -> T:
        self._began += 1
        return await job()

    async def take(self) -> T:
        """The outcome of the oldest job not taken (waits for it; raises what it raised)."""
        job = self._jobs.popleft()
        if isinstance(job, asyncio.Future):
            self._used += 1
            return await job
        return await job()

    async def aclose(self) -> int:
        """Cancel every job not taken and wait until each has ended.

        Returns:
            How many jobs began running but had their outcome dropped (wasted requests).
        """
        tasks = [job for job in self._jobs if isinstance(job, asyncio.Future)]
        self._jobs.clear()
        for task in tasks:
            task.cancel()
        if tasks:
            # Shielded: when the caller is being cancelled the tasks must still be waited for,
            # or their requests would outlive the call.
            with anyio.CancelScope(shield=True):
                await asyncio.gather(*tasks, return_exceptions=True)
        dropped = self._began - self._used
        self._began = self._used = 0
        return dropped


class Window(Generic[T]):
    """The sync twin of :class:`AsyncWindow`: jobs run in up to ``width`` worker threads.

    Each job runs in a copy of the caller's context (``contextvars``), as a task would.

    Args:
        width: Jobs in flight at most (1: each job runs inline when taken, no thread).
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self._jobs: deque[Future[T] | Job[T]] = deque()
        self._lock = threading.Lock()
        #: Jobs that began running in a thread, and those of them whose outcome was taken.
        self._began = 0
        self._used = 0
        self._threads = width > 1

    def __len__(self) -> int:
        """Jobs started whose outcome was not taken yet."""
        return len(self._jobs)

    @property
    def full(self) -> bool:
        """Whether ``width`` jobs are in flight (start no more before taking one)."""
        return len(self._jobs) >= self.width

    def start(self, job: Job[T]) -> None:
        """Start ``job`` in a worker thread (with ``width == 1``: keep it for :meth:`take`)."""
        if self._threads:
            try:
                future = _workers().submit(
                    functools.partial(contextvars.copy_context().run, self._run, job)
                )
            except RuntimeError:  # the interpreter is shutting down: no new threads
                self._threads = False
            else:
                self._jobs.append(future)
                return
        self._jobs.append(job)

    def _run(self, job: Job[T]) -> T:
        with self._lock:
            self._began += 1
        return job()

    def take(self) -> T:
        """The outcome of the oldest job not taken (waits for it; raises what it raised)."""
        job = self._jobs.popleft()
        if isinstance(job, Future):
            self._used += 1
            return job.result()
        return job()

    def close(self) -> int:
        """Cancel the jobs not started yet and wait until the running ones have ended (a
        thread cannot be interrupted; each request is bounded by the client's timeouts).

        Returns:
            How many jobs began running but had their outcome dropped (wasted requests).
        """
        futures = [job for job in self._jobs if isinstance(job, Future)]
        self._jobs.clear()
        for future in futures:
            future.cancel()
        wait(futures)  # the running ones (cancelled ones are done)
        with self._lock:
            dropped = self._began - self._used
            self._began = self._used = 0
        return dropped

"""The sync window's worker threads: one pool per process, reused, made anew after a fork."""

from __future__ import annotations

import functools
import os
import select
import threading
import time
import warnings
from concurrent.futures import Future

import pytest
from ninoxkit import _window
from ninoxkit._window import Window


def _threads_of_one_window(jobs: int) -> set[threading.Thread]:
    window: Window[threading.Thread] = Window(4)
    try:
        for _ in range(jobs):
            window.start(threading.current_thread)
        return {window.take() for _ in range(jobs)}
    finally:
        assert window.close() == 0


def test_windows_reuse_the_worker_threads_of_earlier_ones() -> None:
    # A thread started and joined per window cost more CPU than a fast listing's requests.
    _threads_of_one_window(4)
    pool = _window._workers()
    before = set(pool.threads)
    later = set().union(*(_threads_of_one_window(4) for _ in range(20)))
    after = set(pool.threads)
    assert later <= after  # the pool's own threads ran every job…
    assert len(after - before) <= 4  # …and 20 windows started one window's width at most
    assert threading.main_thread() not in later
    assert all(t.is_alive() for t in after)  # kept for the next window, not joined


def test_closing_a_window_waits_for_its_running_jobs_only() -> None:
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(5)
        return "slow"

    window: Window[str] = Window(2)
    window.start(slow)
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    began = time.monotonic()
    assert window.close() == 1  # ran, its outcome dropped
    assert time.monotonic() - began >= 0.15  # waited for it: no job outlives the window


def test_a_pool_that_cannot_start_threads_runs_the_jobs_inline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At interpreter shutdown no new thread may start: the window falls back to one at a time.
    class Shutdown:
        def submit(self, _fn: object) -> None:
            raise RuntimeError("can't create new thread at interpreter shutdown")

    monkeypatch.setattr(_window, "_workers", Shutdown)
    window: Window[int] = Window(4)
    for n in range(3):
        window.start(functools.partial(int.__mul__, n, 10))
    assert [window.take() for _ in range(3)] == [0, 10, 20]
    assert window.close() == 0


def test_a_busy_thread_gets_company_and_an_idle_one_is_reused() -> None:
    pool = _window.Workers()
    gate = threading.Event()
    ran: list[str] = []
    first = pool.submit(lambda: gate.wait(5))
    second = pool.submit(lambda: ran.append("second"))  # the first thread is busy: a new one
    assert second.result(5) is None
    third = pool.submit(lambda: ran.append("third"))  # the second is idle again: no third
    assert third.result(5) is None
    assert len(pool.threads) == 2
    gate.set()
    assert first.result(5) is True
    assert ran == ["second", "third"]


def test_a_job_cancelled_before_it_began_never_runs() -> None:
    pool = _window.Workers()
    ran: list[int] = []
    future: Future[None] = Future()
    future.cancel()
    pool._run(future, lambda: ran.append(1))
    assert ran == []
    assert pool._idle == 1  # the thread is free for the next job


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
def test_a_forked_child_gets_its_own_worker_threads() -> None:
    _threads_of_one_window(2)  # the parent's pool has idle threads now
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork of a threaded process
        pid = os.fork()
    if pid == 0:  # the child: the parent's threads do not exist here
        try:
            # One job at a time: a second start would start a thread that also served the first.
            window: Window[int] = Window(2)
            taken = []
            for n in (7, 8):
                window.start(functools.partial(int, n))
                taken.append(window.take())
            os.write(write_end, bytes(taken))
            window.close()
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 10)
        got = os.read(read_end, 2) if ready else b""
    finally:
        os.close(read_end)
        if not got:
            os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert got == bytes([7, 8]), "the child's window never ran its jobs"

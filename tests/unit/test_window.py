"""The sync window's worker threads: one pool per process, reused, made anew after a fork."""

from __future__ import annotations

import os
import select
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

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
    first = _threads_of_one_window(4)
    later = set().union(*(_threads_of_one_window(4) for _ in range(5)))
    assert threading.main_thread() not in first | later
    assert later & first  # the same Thread objects ran the later windows' jobs
    assert all(t.is_alive() for t in first)  # kept for the next window, not joined


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


def test_a_shut_down_pool_runs_the_jobs_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    # At interpreter shutdown no new thread may start: the window falls back to one at a time.
    dead = ThreadPoolExecutor(1)
    dead.shutdown()
    monkeypatch.setattr(_window, "_workers", lambda: dead)
    window: Window[int] = Window(4)
    for n in range(3):
        window.start(lambda n=n: n * 10)
    assert [window.take() for _ in range(3)] == [0, 10, 20]
    assert window.close() == 0


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
            got = []
            for n in (7, 8):
                window.start(lambda n=n: n)
                got.append(window.take())
            os.write(write_end, bytes(got))
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

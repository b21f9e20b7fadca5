"""Run the Ninox 4 emulator on a loopback socket in a background thread."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from ninoxkit.testing._faults import FaultKind, FaultRule, Faults
from ninoxkit.testing._server import _TransportH11Protocol

from ._app import create_app
from ._faults import FaultingApp
from ._fixture import DEFAULT_TOKEN, READ_TOKEN, load_workspace, read_fixture
from ._store import Workspace

__all__ = ["Ninox4Emulator"]


class Ninox4Emulator:
    """A local Ninox 4 Public API server for one workspace.

    Use it as a context manager; the server runs in a background thread::

        with Ninox4Emulator(fixture="sample", deterministic=True) as emu:
            httpx.get(emu.workspace_url + "/modules",
                      headers={"Authorization": f"Bearer {emu.token}"})

    Args:
        fixture: ``None`` (empty workspace), ``"sample"``, a YAML/JSON path or a mapping.
        host: loopback interface to bind (anything else is refused).
        port: TCP port; 0 picks a free one.
        deterministic: a fixed clock from 2026-10-01T00:00:00Z advancing 1 s per change, and
            no ``date``/``server`` headers.

    Raises:
        ValueError: a non-loopback host.
    """

    def __init__(
        self,
        fixture: str | Path | Mapping[str, Any] | None = "sample",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        deterministic: bool = False,
    ) -> None:
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"refusing to bind non-loopback host {host!r}")
        self.host = host
        self._port = port
        self._deterministic = deterministic
        self._data = read_fixture(fixture)
        self.workspace: Workspace = load_workspace(self._data, deterministic=deterministic)
        #: Fault rules (see :mod:`ninoxkit.testing.v4._faults`); ``reset()`` clears them.
        self.faults = Faults()
        self.app = FaultingApp(create_app(self.workspace), self.faults)
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def token(self) -> str:
        """A key with every scope (the fixture's first key)."""
        return next(iter(self.workspace.keys), DEFAULT_TOKEN)

    @property
    def read_token(self) -> str:
        """A key without scopes, when the fixture has one."""
        for token, scopes in self.workspace.keys.items():
            if not scopes:
                return token
        return READ_TOKEN

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` (the API paths start with ``/api/v1``)."""
        if self._socket is None:
            raise RuntimeError("the emulator is not running")
        return f"http://{self.host}:{self._socket.getsockname()[1]}"

    @property
    def workspace_url(self) -> str:
        """``http://HOST:PORT/api/v1/workspace/<id>``."""
        return f"{self.url}/api/v1/workspace/{self.workspace.id}"

    def add_fault(self, kind: FaultKind, **options: Any) -> FaultRule:
        """Add a fault rule, e.g. ``add_fault("status", status=503, path="/records", every=2)``.

        Args:
            kind: ``latency``, ``status``, ``reset``, ``truncate`` or ``hang``.
            **options: the other :class:`~ninoxkit.testing.FaultRule` fields.

        Returns:
            The stored rule (its ``fired`` count grows as it fires).

        Raises:
            ValueError: an invalid option value.
            TypeError: an unknown option.
        """
        return self.faults.add(kind, **options)

    def reset(self) -> None:
        """Back to the fixture's data; keys and clock too; fault rules cleared."""
        self.faults.clear()
        fresh = load_workspace(self._data, deterministic=self._deterministic)
        with self.workspace.lock:
            state = {k: v for k, v in vars(fresh).items() if k != "lock"}
            vars(self.workspace).update(state)

    def start(self) -> Ninox4Emulator:
        """Bind the socket and serve in a daemon thread; returns when it accepts requests."""
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._port))
        self._socket = sock
        config = uvicorn.Config(
            self.app,
            lifespan="off",
            log_level=logging.CRITICAL,
            http=_TransportH11Protocol,  # socket-level faults reach the connection
            # Recordings of a deterministic emulator are byte-identical (no changing headers).
            server_header=not self._deterministic,
            date_header=not self._deterministic,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the Ninox 4 emulator did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> Ninox4Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

"""Run the emulator on a real socket: in a background thread or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import socket
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._app import TRANSPORT_KEY, EmulatorOptions, EmulatorState, create_app
from ._clock import Clock
from ._faults import Faults, RequestLog
from ._store import SqlitePersistence, Store

__all__ = ["DEFAULT_CLOCK", "DEFAULT_TOKEN", "NinoxEmulator", "is_loopback", "load_fixture_file"]

#: The token accepted when none is given (not a secret: the emulator only listens on loopback).
DEFAULT_TOKEN = "emulator-token"
#: Start of the fixed clock used by ``deterministic=True`` unless ``clock=`` says otherwise.
DEFAULT_CLOCK = "2024-01-01T00:00:00"
#: The shipped sample fixture (team "Acme", database "CRM").
CRM_FIXTURE = Path(__file__).with_name("crm.yaml")


class _TransportH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, exposing the connection's transport in ``scope["state"]``.

    ASGI gives an app no handle on the socket; the reset/truncate/hang faults need one to abort
    the connection, so every request's state carries its transport under ``TRANSPORT_KEY``.
    """

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self.app_state = {**self.app_state, TRANSPORT_KEY: transport}


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback name or address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_fixture_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON fixture file (format in the package docs).

    Args:
        path: A ``.json`` file, or YAML by any other name.

    Returns:
        The fixture data, for ``NinoxEmulator(fixture=...)``.

    Raises:
        ValueError: the file holds no mapping.
    """
    text = Path(path).read_text(encoding="utf-8")
    if str(path).endswith(".json"):
        data = json.loads(text)
    else:
        import yaml  # only needed for YAML fixtures

        data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"fixture {path} must be a mapping with a 'teams' list")
    return data


class NinoxEmulator:
    """A local, stateful Ninox API server.

    Use it as a context manager; the server runs in a background thread::

        with NinoxEmulator(fixture="crm", deterministic=True) as emu:
            httpx.get(emu.base_url + "/teams", headers={"Authorization": f"Bearer {emu.token}"})

    Args:
        fixture: ``None`` (empty), ``"crm"`` (the shipped sample), a path to a YAML/JSON
            fixture, or the fixture data as a mapping.
        token: the bearer token the server accepts.
        host: interface to bind; only loopback unless ``allow_remote``.
        port: TCP port; 0 picks a free one.
        deterministic: fixed clock (advancing 1 s per write) and no ``date``/``server`` headers,
            so the same requests give byte-identical responses.
        clock: start time of the fixed clock (implies ``deterministic`` clock behaviour);
            ``clock_step`` 0 freezes it.
        clock_step: seconds the fixed clock advances per write.
        user: the user id written to ``createdBy``/``modifiedBy``.
        db: SQLite file for persistence; loaded when it holds data, else seeded from
            ``fixture``, and rewritten after every write request.
        seed: RNG seed for probabilistic faults.
        allow_remote: permit a non-loopback ``host``.
        page_cap: serve at most this many records per listing page, silently (``perPage`` is
            otherwise served as asked).
        ignore_filters: ignore ``filters`` of listings and lookups (to test a client's guard).
        quota: ``/v1`` calls served before the monthly API-call quota is exhausted and every
            call answers 429 ``{"message": "API call quota exceeded"}`` (no ``Retry-After``);
            0 = exhausted from the start. Also settable with ``POST /_emulator/options``.

    Raises:
        ValueError: non-loopback host without ``allow_remote``, or a bad option value.
    """

    def __init__(
        self,
        fixture: str | Path | Mapping[str, Any] | None = None,
        *,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        deterministic: bool = False,
        clock: str | None = None,
        clock_step: float = 1.0,
        user: str = "root",
        db: str | Path | None = None,
        seed: int = 0,
        allow_remote: bool = False,
        page_cap: int | None = None,
        ignore_filters: bool = False,
        quota: int | None = None,
    ) -> None:
        if not allow_remote and not is_loopback(host):
            raise ValueError(f"refusing to bind non-loopback host {host!r} (use allow_remote=True)")
        self.host = host
        self._requested_port = port
        self.deterministic = deterministic
        start = clock if clock is not None else (DEFAULT_CLOCK if deterministic else None)
        store = Store(Clock(start, clock_step), user=user)
        persistence = SqlitePersistence(db) if db is not None else None
        stored = persistence.load() if persistence is not None else None
        if stored is not None:
            store.restore(stored)
            # A fixed clock must not go back behind data written in an earlier run.
            store.clock.advance_to(store.latest_timestamp())
        else:
            store.load_fixture(_resolve_fixture(fixture))
        store.clock.mark()
        self.state = EmulatorState(
            store=store,
            token=token,
            faults=Faults(seed),
            log=RequestLog(),
            persistence=persistence,
            initial=json.dumps(store.snapshot(), separators=(",", ":")),
            options=EmulatorOptions(page_cap=page_cap, ignore_filters=ignore_filters, quota=quota),
        )
        if persistence is not None and stored is None:
            self.state.save()
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    # ------------------------------------------------------------------ properties

    @property
    def token(self) -> str:
        """The accepted bearer token."""
        return self.state.token

    @property
    def store(self) -> Store:
        """The live data (hold ``store.lock`` while changing it from Python)."""
        return self.state.store

    @property
    def faults(self) -> Faults:
        """Fault rules: ``emu.faults.add("status", status=503)``, ``emu.faults.clear()``."""
        return self.state.faults

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`)."""
        if self._socket is None:
            raise RuntimeError("the emulator is not running")
        port: int = self._socket.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        """``http://HOST:PORT`` (control paths live under ``/_emulator``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The API base URL, ``http://HOST:PORT/v1``."""
        return self.url + "/v1"

    def requests(self) -> list[dict[str, Any]]:
        """The request log: ``method``, ``path`` (raw), ``query``, ``status``, ``fault``."""
        return self.state.log.entries()

    def clear_requests(self) -> None:
        """Empty the request log."""
        self.state.log.clear()

    @property
    def options(self) -> EmulatorOptions:
        """The behaviour switches (``page_cap``, ``ignore_filters``, ``quota``); assignable."""
        return self.state.options

    @options.setter
    def options(self, value: EmulatorOptions) -> None:
        self.state.options = value
        self.state.calls = 0

    def reset(self) -> None:
        """Back to the initial data, clock and options; faults, log and call count cleared."""
        self.state.reset()

    # ------------------------------------------------------------------ lifecycle

    def _config(self) -> uvicorn.Config:
        return uvicorn.Config(
            create_app(self.state),
            http=_TransportH11Protocol,
            lifespan="off",
            log_level=logging.CRITICAL,
            access_log=False,
            server_header=not self.deterministic,
            date_header=not self.deterministic,
            timeout_graceful_shutdown=1,
            timeout_keep_alive=30,
        )

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # Nagle off: uvicorn writes a response's head and body separately, and with Nagle each
        # small response waits ~40 ms for the client's delayed ACK. proto=IPPROTO_TCP makes
        # asyncio set TCP_NODELAY on accepted sockets; the explicit option covers platforms
        # where accepted sockets inherit it from the listener instead.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((self.host, self._requested_port))
        except OSError:
            sock.close()
            raise
        sock.listen(128)
        sock.setblocking(False)
        return sock

    def start(self) -> NinoxEmulator:
        """Bind and serve in a background thread; returns when the server accepts requests."""
        if self._thread is not None:
            return self
        self._socket = self._bind()
        self._server = uvicorn.Server(self._config())
        ready = threading.Event()
        server, sock = self._server, self._socket

        def run() -> None:
            try:
                asyncio.run(self._serve(server, sock, ready))
            except BaseException as exc:  # reported by start()/stop()
                self._error = exc
                ready.set()

        self._thread = threading.Thread(target=run, name="ninox-emulator", daemon=True)
        self._thread.start()
        ready.wait(timeout=10)
        if self._error is not None or not server.started:
            self.stop()
            raise RuntimeError(f"the emulator failed to start: {self._error!r}")
        return self

    @staticmethod
    async def _serve(server: uvicorn.Server, sock: socket.socket, ready: threading.Event) -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        # uvicorn offers no startup event to await; poll its flag (a few ms at most).
        while not server.started and not task.done():  # noqa: ASYNC110
            await asyncio.sleep(0.005)
        ready.set()
        await task

    def serve_forever(self) -> None:
        """Serve in the current thread until interrupted (Ctrl-C); used by the CLI."""
        self._socket = self._socket or self._bind()
        self._server = uvicorn.Server(self._config())
        self._server.run(sockets=[self._socket])

    def stop(self) -> None:
        """Stop the server and wait for its thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._thread = None
        self._server = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def __enter__(self) -> NinoxEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _resolve_fixture(fixture: str | Path | Mapping[str, Any] | None) -> Mapping[str, Any]:
    if fixture is None:
        return {}
    if isinstance(fixture, Mapping):
        return fixture
    if str(fixture) == "crm":
        return load_fixture_file(CRM_FIXTURE)
    return load_fixture_file(fixture)

"""Fixtures for the reliability suite (issue #9): one emulator per module, no real sleeping.

* Loopback is allowed under ``--block-network`` for every test here (``tests/conftest.py``).
* The transports' retry sleep is replaced by a recorder, so retries cost no wall time; the
  timeout tests still wait for real, because the wait there is httpx's own timeout.
* A hypothesis profile ``reliability-ci`` (max 60 examples, no deadline) keeps the property
  tests CI-sized; ``HYPOTHESIS_PROFILE`` selects another registered profile.
* :class:`Tally` counts what the suite measured (faults injected, operations survived, bad
  inputs tried, records lost, secrets leaked ...). Each process writes its own
  ``<basetemp>/reliability-figures-<worker>.json``; when this conftest is loaded by the xdist
  controller too (``pytest tests/reliability``), the workers' tallies are summed there, printed
  in the terminal summary and written to ``<basetemp>/reliability-figures.json``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from ninoxkit import AsyncNinox, Ninox
from ninoxkit.testing import NinoxEmulator

from tests.helpers import RELIABILITY_SECRET, clear_ninox_env, examples, record_retry_sleeps

TEAM = "AcmeTeam4mPLY6DMs"
DB = "crm0acme0001"
#: The database path prefix every record/table request must stay under.
PREFIX = f"/v1/teams/{TEAM}/databases/{DB}"
#: The key of every test here: a made-up value no log, error or cassette may contain.
SECRET = RELIABILITY_SECRET

settings.register_profile(
    "reliability-ci",
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

_FIGURES = "reliability_figures"
_KEYS = (
    "faults_injected",
    "faults_injected_test_side",
    "operations_survived",
    "bad_inputs_tried",
    "records_checked",
    "records_lost",
    "duplicate_records",
    "secret_checks",
    "secrets_leaked",
)


class Tally(Counter[str]):
    """The measured figures of this process (summed over workers at the end)."""


TALLY = Tally()


def pytest_configure(config: pytest.Config) -> None:
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reliability-ci"))
    config.stash[_tally_key] = {}


_tally_key = pytest.StashKey[dict[str, int]]()


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the tally to the controller
        workeroutput[_FIGURES] = json.dumps(dict(TALLY))
    else:
        _merge(session.config, dict(TALLY))
    if TALLY:
        # Also one file per process in the run's base temp dir, so the figures survive a run
        # whose controller never loaded this conftest (``pytest`` over all of tests/ with -n).
        worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
        try:
            base = Path(session.config._tmp_path_factory.getbasetemp())  # type: ignore[attr-defined]
            root = base.parent if workeroutput is not None else base
            (root / f"reliability-figures-{worker}.json").write_text(json.dumps(dict(TALLY)))
        except (AttributeError, OSError):  # pragma: no cover - basetemp unavailable
            pass


def pytest_testnodedown(node: Any, error: Any) -> None:
    raw = getattr(node, "workeroutput", {}).get(_FIGURES)
    if raw:
        _merge(node.config, json.loads(raw))


def _merge(config: pytest.Config, figures: dict[str, int]) -> None:
    total = config.stash.setdefault(_tally_key, {})
    for key, value in figures.items():
        total[key] = total.get(key, 0) + int(value)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    total = config.stash.get(_tally_key, {})
    if not total:
        return
    figures = {key: total.get(key, 0) for key in _KEYS}
    figures.update({k: v for k, v in total.items() if k not in figures})
    try:
        base = Path(config._tmp_path_factory.getbasetemp())  # type: ignore[attr-defined]
        (base / "reliability-figures.json").write_text(json.dumps(figures, indent=2))
    except (AttributeError, OSError):  # pragma: no cover - basetemp unavailable
        pass
    terminalreporter.section("reliability figures (measured, issue #9)")
    for key, value in figures.items():
        terminalreporter.line(f"{key:28s} {value}")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's NINOX_* variables."""
    clear_ninox_env(monkeypatch)


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record retry delays instead of waiting them out."""
    return record_retry_sleeps(monkeypatch, no_jitter=False)


def start_emulator() -> NinoxEmulator:
    """Start the emulator on loopback with the secret token these tests hunt for."""
    return NinoxEmulator(fixture="crm", deterministic=True, token=SECRET).start()


@pytest.fixture(scope="module")
def server() -> Iterator[NinoxEmulator]:
    emu = start_emulator()
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def emu(server: NinoxEmulator) -> Iterator[NinoxEmulator]:
    """The module's emulator with fresh data; counts the faults it injected during the test."""
    server.reset()
    yield server
    TALLY["faults_injected"] += sum(1 for e in server.requests() if e.get("fault"))


ClientFactory = Callable[..., Ninox]


@pytest.fixture
def make_client(emu: NinoxEmulator) -> Iterator[ClientFactory]:
    """Build sync clients on the emulator (closed at teardown)."""
    made: list[Ninox] = []

    def make(**kwargs: Any) -> Ninox:
        options: dict[str, Any] = {
            "api_key": SECRET,
            "base_url": emu.base_url,
            "team_id": TEAM,
            "database_id": DB,
        }
        options.update(kwargs)
        client = Ninox(**options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture(scope="module")
def shared_client(server: NinoxEmulator) -> Iterator[Ninox]:
    """One sync client per module, for the many short cases (building a client costs ~20 ms)."""
    with Ninox(api_key=SECRET, base_url=server.base_url, team_id=TEAM, database_id=DB) as c:
        yield c


@pytest.fixture
def client(make_client: ClientFactory) -> Ninox:
    return make_client()


def async_client(emu: NinoxEmulator, **kwargs: Any) -> AsyncNinox:
    options: dict[str, Any] = {
        "api_key": SECRET,
        "base_url": emu.base_url,
        "team_id": TEAM,
        "database_id": DB,
    }
    options.update(kwargs)
    return AsyncNinox(**options)

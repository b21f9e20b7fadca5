"""pytest plugin: a local Ninox for your tests, and clients connected to it.

Enable it with ``pytest_plugins = ["ninoxkit.testing.pytest_plugin"]`` in a ``conftest.py`` or
``-p ninoxkit.testing.pytest_plugin``. Fixtures:

``ninox_emulator``
    A running :class:`NinoxEmulator` holding the sample CRM. One server is started per session
    and reset before every test (data, clock, faults and request log: about a millisecond), so
    each test starts from the same data. A test with a ``ninox_emulator`` marker gets its own
    server with those arguments instead::

        @pytest.mark.ninox_emulator(fixture="my-data.yaml", token="abc")
        def test_list(ninox_emulator): ...

``ninox_emulator_options``
    Session-scoped dict of :class:`NinoxEmulator` arguments for the shared server (default
    ``{"fixture": "crm", "deterministic": True}``); override it in a ``conftest.py`` to share a
    server seeded with your own data (a fixture path or a dict).

``ninox_data``
    The data a test starts from: ``None`` (default) keeps the session's data; override it in a
    test module or class to return a fixture dict or a YAML/JSON path, and every test there
    starts from that data instead (loaded into the shared server after the reset).

``ninox_seed``
    A function that replaces the emulator's data in the middle of a test: ``ninox_seed(data)``
    with a fixture dict or a path. The next test is reset to the session's data again.

``ninox_client`` / ``async_ninox_client``
    A :class:`ninoxkit.Ninox` (sync) or :class:`ninoxkit.AsyncNinox` (async, needs
    pytest-asyncio) connected to ``ninox_emulator``, with the team and database set when the
    data has exactly one of each; closed after the test.

With pytest-recording's ``--block-network`` the plugin adds
``block_network(allowed_hosts=["127.0.0.1", "::1", "localhost"])`` to tests that use the
emulator (unless they carry their own ``block_network`` marker), so they reach the emulator and
nothing else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._server import NinoxEmulator, _resolve_fixture

if TYPE_CHECKING:
    from ninoxkit import AsyncNinox, Ninox

LOOPBACK_HOSTS = [r"127\.0\.0\.1", r"::1", r"localhost"]
_EMULATOR_FIXTURES = {"ninox_emulator", "ninox_client", "async_ninox_client", "ninox_seed"}
Seed = Mapping[str, Any] | str | Path


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``ninox_emulator`` marker."""
    config.addinivalue_line(
        "markers",
        "ninox_emulator(**options): NinoxEmulator arguments for the ninox_emulator fixture",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Allow loopback for emulator tests when pytest-recording blocks the network."""
    try:
        blocking = bool(config.getoption("--block-network"))
    except ValueError:  # pytest-recording not installed
        return
    if not blocking:
        return
    for item in items:
        uses = _EMULATOR_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if uses and item.get_closest_marker("block_network") is None:
            item.add_marker(pytest.mark.block_network(allowed_hosts=LOOPBACK_HOSTS))


@pytest.fixture(scope="session")
def ninox_emulator_options() -> dict[str, Any]:
    """Arguments of the shared :class:`NinoxEmulator`; override to seed it with your data."""
    return {"fixture": "crm", "deterministic": True}


@pytest.fixture(scope="session")
def ninox_emulator_session(ninox_emulator_options: dict[str, Any]) -> Iterator[NinoxEmulator]:
    """The server shared by the session (prefer ``ninox_emulator``, which resets it)."""
    with NinoxEmulator(**ninox_emulator_options) as emulator:
        yield emulator


@pytest.fixture
def ninox_data() -> Seed | None:
    """The data each test starts from (``None``: the session's); override to seed your own."""
    return None


def _load(emulator: NinoxEmulator, data: Seed) -> None:
    fixture = _resolve_fixture(data)
    with emulator.store.lock:
        emulator.store.load_fixture(fixture)


@pytest.fixture
def ninox_emulator(
    request: pytest.FixtureRequest, ninox_data: Seed | None
) -> Iterator[NinoxEmulator]:
    """A running :class:`NinoxEmulator` in its initial state (default: the CRM sample,
    deterministic): the session's server reset, or one of its own for a marked test."""
    marker = request.node.get_closest_marker("ninox_emulator")
    if marker is None:
        shared: NinoxEmulator = request.getfixturevalue("ninox_emulator_session")
        shared.reset()
        if ninox_data is not None:
            _load(shared, ninox_data)
        yield shared
        return
    options: dict[str, Any] = {"fixture": "crm", "deterministic": True}
    options.update(marker.kwargs)
    with NinoxEmulator(**options) as emulator:
        yield emulator


@pytest.fixture
def ninox_seed(ninox_emulator: NinoxEmulator) -> Callable[[Seed], NinoxEmulator]:
    """Replace the emulator's data for this test: ``ninox_seed({...})`` or a YAML/JSON path."""

    def seed(data: Seed) -> NinoxEmulator:
        _load(ninox_emulator, data)
        return ninox_emulator

    return seed


def _client_options(emulator: NinoxEmulator) -> dict[str, Any]:
    options: dict[str, Any] = {"api_key": emulator.token, "base_url": emulator.base_url}
    teams = list(emulator.store.teams.values())
    if len(teams) == 1:
        options["team_id"] = teams[0].id
        databases = list(teams[0].databases.values())
        if len(databases) == 1:
            options["database_id"] = databases[0].id
    return options


@pytest.fixture
def ninox_client(ninox_emulator: NinoxEmulator) -> Iterator[Ninox]:
    """A :class:`ninoxkit.Ninox` connected to ``ninox_emulator`` (closed afterwards)."""
    from ninoxkit import Ninox

    with Ninox(**_client_options(ninox_emulator)) as client:
        yield client


try:
    import pytest_asyncio
except ImportError:  # the async client fixture needs pytest-asyncio; the rest works without
    pass
else:

    @pytest_asyncio.fixture
    async def async_ninox_client(ninox_emulator: NinoxEmulator) -> AsyncIterator[AsyncNinox]:
        """A :class:`ninoxkit.AsyncNinox` connected to ``ninox_emulator`` (closed afterwards)."""
        from ninoxkit import AsyncNinox

        async with AsyncNinox(**_client_options(ninox_emulator)) as client:
            yield client

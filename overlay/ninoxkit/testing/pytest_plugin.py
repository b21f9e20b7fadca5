"""pytest plugin: the ``ninox_emulator`` fixture.

Enable it with ``pytest_plugins = ["ninoxkit.testing.pytest_plugin"]`` in a ``conftest.py`` or
``-p ninoxkit.testing.pytest_plugin``. Options come from the ``ninox_emulator`` marker::

    @pytest.mark.ninox_emulator(fixture="crm", deterministic=True)
    def test_list(ninox_emulator): ...

With pytest-recording's ``--block-network`` the plugin adds
``block_network(allowed_hosts=["127.0.0.1", "::1", "localhost"])`` to tests that use the fixture
(unless they carry their own ``block_network`` marker), so they reach the emulator and nothing
else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._server import NinoxEmulator

LOOPBACK_HOSTS = [r"127\.0\.0\.1", r"::1", r"localhost"]


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
        uses = "ninox_emulator" in getattr(item, "fixturenames", ())
        if uses and item.get_closest_marker("block_network") is None:
            item.add_marker(pytest.mark.block_network(allowed_hosts=LOOPBACK_HOSTS))


@pytest.fixture
def ninox_emulator(request: pytest.FixtureRequest) -> Iterator[NinoxEmulator]:
    """A running :class:`NinoxEmulator` (default: CRM sample, deterministic), stopped afterwards."""
    marker = request.node.get_closest_marker("ninox_emulator")
    options: dict[str, Any] = {"fixture": "crm", "deterministic": True}
    if marker is not None:
        options.update(marker.kwargs)
    with NinoxEmulator(**options) as emulator:
        yield emulator

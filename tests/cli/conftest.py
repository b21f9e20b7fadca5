"""Fixtures for the CLI tests: one emulator per module, data reset before each test.

The CLI runs in-process through click's CliRunner, configured by environment variables the way a
user would configure it; every request goes to the emulator on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner, Result
from ninoxkit import Ninox
from ninoxkit._cli._app import cli
from ninoxkit.testing import NinoxEmulator

from tests.helpers import CLI_SECRET

TEAM = "AcmeTeam4mPLY6DMs"
DB = "crm0acme0001"
#: A token that looks like a real key, so the tests can prove it never shows up in any output.
SECRET = CLI_SECRET


@pytest.fixture(scope="module")
def server() -> Iterator[NinoxEmulator]:
    with NinoxEmulator(fixture="crm", deterministic=True, token=SECRET) as emu:
        yield emu


@pytest.fixture
def emu(server: NinoxEmulator) -> NinoxEmulator:
    server.reset()
    return server


@pytest.fixture
def client(emu: NinoxEmulator) -> Iterator[Ninox]:
    with Ninox(api_key=emu.token, base_url=emu.base_url, team_id=TEAM, database_id=DB) as c:
        yield c


class Run:
    """Invoke ``ninoxkit`` in-process with the emulator configured through the environment."""

    def __init__(self, emu: NinoxEmulator) -> None:
        self.env = {
            "NINOX_API_KEY": emu.token,
            "NINOX_BASE_URL": emu.base_url,
            "NINOX_TEAM_ID": None,
            "NINOX_DATABASE_ID": None,
            "NINOXKIT_LOG": None,
        }

    def __call__(self, *args: str, env: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        runner = CliRunner()
        merged = {**self.env, **(env or {})}
        return runner.invoke(cli, list(args), env=merged, catch_exceptions=False, **kwargs)


@pytest.fixture
def run(emu: NinoxEmulator) -> Run:
    return Run(emu)

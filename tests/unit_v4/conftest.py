"""One loopback Ninox 4 emulator per test session of this directory; data reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ninoxkit.testing.v4 import Ninox4Emulator


@pytest.fixture(scope="session")
def emulator_v4() -> Iterator[Ninox4Emulator]:
    with Ninox4Emulator("sample", deterministic=True) as emu:
        yield emu


@pytest.fixture
def emu(emulator_v4: Ninox4Emulator) -> Ninox4Emulator:
    emulator_v4.reset()
    return emulator_v4

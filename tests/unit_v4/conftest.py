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


# -- cassettes (tests marked vcr: test_cassettes4.py) -------------------------------------

import os  # noqa: E402
from typing import Any  # noqa: E402

from tests.conftest import CASSETTES, MATCH_ON  # noqa: E402
from tests.unit_v4.recording4 import (  # noqa: E402
    AUTH_MARKER,
    Scrubber4,
    Target4,
    reset_live,
    target_for,
)


@pytest.fixture(scope="session")
def v4_emulator_for_recording() -> Iterator[Ninox4Emulator | None]:
    """The emulator a ``NINOXKIT_RECORD_V4=emulator`` run records against (else ``None``)."""
    if os.environ.get("NINOXKIT_RECORD_V4") != "emulator":
        yield None
        return
    with Ninox4Emulator("sample", deterministic=True) as emu:
        yield emu


@pytest.fixture(scope="session")
def v4_target(v4_emulator_for_recording: Ninox4Emulator | None) -> Target4:
    """Where the cassette tests of this run send their requests."""
    try:
        return target_for(v4_emulator_for_recording)
    except ValueError as exc:
        pytest.exit(f"Ninox 4 cassette tests: {exc}", returncode=4)


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    """Both twins share ``tests/cassettes/v4/<test>.yaml``."""
    return str(CASSETTES / "v4")


@pytest.fixture(scope="module")
def vcr_config(v4_target: Target4) -> dict[str, Any]:
    """Scrubbing and matching as for the classic cassettes (see ``tests/conftest.py``)."""
    scrubber = Scrubber4(v4_target.base_url, v4_target.workspace_id)
    return {
        "filter_headers": [("authorization", AUTH_MARKER)],
        "decode_compressed_response": True,
        "match_on": MATCH_ON,
        "before_record_request": scrubber.request,
        "before_record_response": scrubber.response,
    }


@pytest.fixture
def target4(
    v4_target: Target4,
    v4_emulator_for_recording: Ninox4Emulator | None,
    record_mode: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Target4:
    """The target of one cassette test, reset to the sample while recording."""
    if record_mode != "none" and not v4_target.recording:
        pytest.exit(
            "Ninox 4 cassettes record only through scripts/record-cassettes --v4", returncode=4
        )
    for name in ("NINOX4_API_KEY", "NINOX4_WORKSPACE_ID", "NINOX4_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    if v4_emulator_for_recording is not None:
        v4_emulator_for_recording.reset()
    elif v4_target.mode == "live":
        reset_live(v4_target)
    return v4_target


@pytest.fixture(autouse=True)
def _replays_every_interaction(request: pytest.FixtureRequest, record_mode: str) -> Iterator[None]:
    """In replay, a cassette test must use every recorded interaction (no twin may send fewer)."""
    yield
    if record_mode == "none" and request.node.get_closest_marker("vcr"):
        vcr = request.getfixturevalue("vcr")
        unplayed = [req for i, (req, _) in enumerate(vcr.data) if not vcr.play_counts[i]]
        assert vcr.all_played, ", ".join(f"{r.method} {r.uri}" for r in unplayed)

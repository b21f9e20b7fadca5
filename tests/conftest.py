"""Suite-wide pytest-recording (vcrpy) configuration.

pyproject runs every test with ``--block-network --record-mode=none``: cassette tests replay,
nothing reaches the network. Re-record with ``scripts/record-cassettes`` (see its ``--help``).
The tests of ``LOOPBACK_DIRS`` (an emulator on 127.0.0.1) are marked to allow exactly loopback.

Matching: vcrpy's default ``match_on`` is ``method, scheme, host, port, path, query``, which
ignores the body. Several operations POST to one URL with different bodies (``/query``,
``/exec``, ``/records`` writes, ``/record`` lookups), and identical URLs then replay in
recorded order whatever was sent, so a test sending the wrong body would still pass. ``body``
is added: vcrpy compares JSON bodies decoded (key order and spacing do not matter) and other
bodies byte for byte; multipart uploads are deterministic because ninoxkit derives the boundary
from the content's SHA-256. Headers are not matched (the key differs between recording and
replay). A request repeated with the same body (a retry) replays its recordings in order.

Cassette files: ``tests/cassettes/<dir>/<module>/<test>.yaml`` with the ``_async``/``_sync``
segment dropped, so the two twins of a test share one cassette.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import helpers
from tests.resources.recording import AUTH_MARKER, Scrubber, target_from_env

TESTS = Path(__file__).resolve().parent
CASSETTES = TESTS / "cassettes"
TWIN_DIRS = frozenset({"_async", "_sync"})
MATCH_ON = ("method", "scheme", "host", "port", "path", "query", "body")
#: Test directories that talk to an emulator on 127.0.0.1: ``--block-network`` would refuse
#: those connections, so each of their tests allows exactly the loopback host.
LOOPBACK_DIRS = tuple(
    TESTS / name for name in ("cli", "emulator", "emulator_v4", "reliability", "unit_v4")
)


#: Tests whose subject is not the interpreter: built artefacts (the wheel, the site, the API
#: map, the generated packages), other toolchains (Node's linters and TypeScript, mypy,
#: openapi-python-client, pytest in a subprocess, the bench scripts) and volume runs against
#: the emulators' HTTP surface (schemathesis, the fuzzers). They are marked ``once``:
#: ./scripts/test runs them on the main Python and leaves them out of the runs on the other
#: versions (``--skip-once``), which exist to find interpreter bugs; there the property tests
#: also draw a fifth of their examples (``tests.helpers.examples``).
ONCE = (
    "tests/contract/test_api_map.py",
    "tests/contract/test_overlay_coverage.py",
    "tests/contract/test_overlay_coverage4.py",
    "tests/contract/test_spec4.py::test_regenerating_gives_the_committed_package",
    "tests/docs/test_examples.py",
    "tests/docs/test_packaging.py",
    "tests/docs/test_pytest_plugin.py",
    "tests/docs/test_site.py",
    "tests/emulator/test_conformance.py",
    "tests/emulator/test_robustness.py::test_fuzz_no_5xx_and_bounded_work",
    "tests/emulator_v4/test_conformance.py",
    "tests/emulator_v4/test_schemathesis.py",
    "tests/emulator_v4/test_values.py::test_every_fuzzer_value_into_every_field_type",
    "tests/emulator/test_runtime.py::test_pytest_plugin_fixture",
    "tests/schema_tools/test_codegen_openapi.py::test_document_passes_redocly_and_spectral",
    "tests/schema_tools/test_codegen_openapi.py::test_generated_client_imports_and_reads_records",
    "tests/schema_tools/test_codegen_openapi.py::test_typescript_client",
    "tests/schema_tools/test_codegen_python.py::test_generated_models_pass_mypy_strict",
    "tests/unit/test_bench_smoke.py",
    "tests/unit/test_record_fields_typing.py",
    "tests/unit_v4/test_bench_v4_smoke.py",
)


#: The ``ONCE`` entries that name whole modules: ``--skip-once`` does not even import them
#: (collecting the schemathesis modules builds a test per operation, most of a run's collection).
ONCE_MODULES = frozenset(TESTS.parent / entry for entry in ONCE if "::" not in entry)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--skip-once",
        action="store_true",
        help="leave out the tests marked `once` (ONCE in tests/conftest.py) without collecting "
        "their modules: the runs on the other Python versions",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--skip-once"):
        # Imported here: the wheel's examples run (scripts/wheel-examples) has no hypothesis.
        from hypothesis import settings

        helpers.FEWER_EXAMPLES = True
        # The property tests that take hypothesis' default (100 examples) draw a fifth too.
        settings.register_profile("interpreters", max_examples=helpers.examples(100))
        settings.load_profile("interpreters")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if config.getoption("--skip-once") and collection_path in ONCE_MODULES:
        return True
    return None  # let the other hooks and the defaults decide


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept, left_out = [], []
    for item in items:
        if any(d in Path(str(item.path)).resolve().parents for d in LOOPBACK_DIRS):
            item.add_marker(pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"]))
        if item.nodeid.startswith(ONCE):
            item.add_marker(pytest.mark.once)
            if config.getoption("--skip-once"):
                left_out.append(item)
                continue
        kept.append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def cassette_dir_for(module_path: Path) -> Path:
    """The cassette directory of a test module (shared by its async and sync twins)."""
    relative = module_path.resolve().relative_to(TESTS)
    parts = [part for part in relative.parent.parts if part not in TWIN_DIRS]
    return CASSETTES.joinpath(*parts, relative.stem)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    """One directory per test module, without the ``_async``/``_sync`` segment."""
    return str(cassette_dir_for(Path(str(request.node.path))))


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """Scrubbing and matching for every cassette (see the module docstring)."""
    try:
        scrubber = Scrubber(target_from_env())
    except ValueError as exc:  # a recording mode without its variables
        pytest.exit(f"cassette recording: {exc}", returncode=4)
    return {
        "filter_headers": [("authorization", AUTH_MARKER)],
        "decode_compressed_response": True,
        "match_on": MATCH_ON,
        "before_record_request": scrubber.request,
        "before_record_response": scrubber.response,
    }

"""Schemathesis over every operation of openapi/ninox.yaml against the running emulator.

Checks: no 5xx for any generated input, documented status codes, documented content types and
response bodies matching their schemas. Half the cases use the CRM fixture's real ids so 2xx
bodies get validated, the other half keep the generated (mostly unknown) ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from ninoxkit.testing import NinoxEmulator
from schemathesis import checks

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "ninox.yaml"
schema = schemathesis.openapi.from_path(SPEC)

REAL_IDS = {
    "teamId": "AcmeTeam4mPLY6DMs",
    "databaseId": "crm0acme0001",
    "tableId": "B",
    "recordId": 5,
    "fileName": "notes.txt",
    "viewId": "v1",
    "reportId": "r1",
}
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
_alternate = itertools.count()


@pytest.fixture(scope="module")
def conformance_emulator() -> Iterator[NinoxEmulator]:
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        yield emu


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_operation_conforms(case: schemathesis.Case, conformance_emulator: NinoxEmulator) -> None:
    emu = conformance_emulator
    emu.reset()
    if case.path_parameters and next(_alternate) % 2 == 0:
        for name in case.path_parameters:
            if name in REAL_IDS:
                case.path_parameters[name] = REAL_IDS[name]
    response = case.call(
        base_url=emu.base_url, headers={"Authorization": f"Bearer {emu.token}"}, timeout=10
    )
    case.validate_response(response, checks=CHECKS)

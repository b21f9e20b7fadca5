"""Schemathesis over every operation of openapi/ninox4.yaml against the running Ninox 4 emulator.

Checks: no 5xx for any generated input, documented status codes, documented content types and
response bodies matching their schemas. Half the cases use the sample workspace's real names
and ids so 2xx bodies get validated, the other half keep the generated (mostly unknown) ones.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from ninoxkit.testing.v4 import Ninox4Emulator
from schemathesis import checks

from .conftest import LOOPBACK

pytestmark = LOOPBACK

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "ninox4.yaml"
schema = schemathesis.openapi.from_path(SPEC)

REAL = {
    "workspaceId": "5rdco4s18swu",
    "moduleName": "crm",
    "tableName": "customers",
    "fieldName": "name",
    "recordId": 1,
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
def conformance_emulator() -> Iterator[Ninox4Emulator]:
    with Ninox4Emulator("sample", deterministic=True) as emu:
        yield emu


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_operation_conforms(case: schemathesis.Case, conformance_emulator: Ninox4Emulator) -> None:
    emu = conformance_emulator
    emu.reset()
    if case.path_parameters:
        real = next(_alternate) % 2 == 0
        for name in case.path_parameters:
            # The workspace is always the emulator's: another id is a 401 for every operation.
            if name == "workspaceId" or (real and name in REAL):
                case.path_parameters[name] = REAL[name]
    response = case.call(
        base_url=emu.url, headers={"Authorization": f"Bearer {emu.token}"}, timeout=10
    )
    case.validate_response(response, checks=CHECKS)

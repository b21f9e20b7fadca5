"""The API map page (docs/pages/reference/api-map.md) is what scripts/api_map.py reads from the
sources today: every operation of both contracts, with a generated module and a method in each
twin."""

from __future__ import annotations

import pytest

from tests.contract._api_map import api_map


def test_the_committed_page_is_current() -> None:
    assert api_map.PAGE.read_text() == api_map.render(), "run: python scripts/api_map.py"


@pytest.mark.parametrize("contract", api_map.CONTRACTS, ids=lambda c: c.package)
def test_every_operation_has_a_generated_module_and_a_method_in_both_twins(
    contract: object,
) -> None:
    rows = api_map.operation_map(contract)
    assert rows, "no operations read from the contract"
    gaps = [
        op.operation_id
        for op, module, methods in rows
        if module is None or not all(methods[twin] for twin in api_map.TWINS)
    ]
    assert gaps == []


def test_the_sync_twin_names_the_same_methods_without_async() -> None:
    for contract in api_map.CONTRACTS:
        for op, _, methods in api_map.operation_map(contract):
            expected = sorted(m.removeprefix("Async") for m in methods["_async"])
            assert methods["_sync"] == expected, op.operation_id

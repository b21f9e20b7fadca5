"""``codegen openapi``: a valid OpenAPI 3.1 document per database, from which
openapi-python-client generates a client that imports and talks to the emulator."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ninoxkit import Ninox
from ninoxkit._cli._app import cli
from ninoxkit._cli._codegen import codegen
from ninoxkit._codegen.openapi import generate
from openapi_spec_validator import validate

from .conftest import DB, TEAM

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])

GENERATOR = Path(sys.executable).parent / "openapi-python-client"


@pytest.fixture
def document(crm: Ninox) -> dict[str, Any]:
    return generate(crm.tables.list(), team_id=TEAM, database_id=DB, server=crm.base_url)


def test_document_is_valid_openapi_31(document: dict[str, Any]) -> None:
    validate(document)
    assert document["openapi"] == "3.1.0"
    schemas = document["components"]["schemas"]
    fields = schemas["ContactsFields"]["properties"]
    assert set(fields) == {
        "First Name", "Last Name", "Email", "Status", "Birthday", "Score", "Company", "VIP",
    }  # fmt: skip
    assert schemas["ContactsStatus"] == {"type": "string", "enum": ["Lead", "Customer", "Churned"]}
    assert fields["Birthday"]["format"] == "date"
    assert "Summary" not in schemas["CompaniesFields"]["properties"]  # formula: not in records
    paths = document["paths"]
    prefix = f"/teams/{TEAM}/databases/{DB}/tables/B/records"
    assert set(paths[prefix]) == {"get", "post"}
    assert set(paths[prefix + "/{recordId}"]) == {"parameters", "get", "put", "delete"}


@pytest.fixture
def generated_client(document: dict[str, Any], tmp_path: Path) -> Iterator[str]:
    spec = tmp_path / "crm.json"
    spec.write_text(json.dumps(document))
    out = tmp_path / "client"
    done = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(spec), "--output-path", str(out),
         "--meta", "none"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout, done.stdout
    sys.path.insert(0, str(tmp_path))
    try:
        yield "client"
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "client" or m.startswith("client.")]:
            del sys.modules[name]


def test_generated_client_imports_and_reads_records(
    generated_client: str, crm: Ninox, crm_server: Any
) -> None:
    package = importlib.import_module(generated_client)
    get_contacts = importlib.import_module(f"{generated_client}.api.contacts.get_contacts")
    list_deals = importlib.import_module(f"{generated_client}.api.deals.list_deals")
    client = package.AuthenticatedClient(base_url=crm.base_url, token=crm_server.token)
    with client:
        lisa = get_contacts.sync(record_id=1, client=client)
        assert lisa.fields.first_name == "Lisa"
        assert str(lisa.fields.birthday) == "1985-03-14"
        assert lisa.fields.status == "Customer"
        deals = list_deals.sync(client=client, per_page=2)
        assert [d.fields.title for d in deals] == ["Acme rollout", "Globex pilot"]


def test_cli_prints_the_document(crm_server: Any) -> None:
    from click.testing import CliRunner

    cli.add_command(codegen)
    try:
        env = {"NINOX_API_KEY": crm_server.token, "NINOX_BASE_URL": crm_server.base_url,
               "NINOX_TEAM_ID": TEAM, "NINOX_DATABASE_ID": DB}  # fmt: skip
        result = CliRunner().invoke(cli, ["codegen", "openapi", "--table", "Deals"], env=env)
    finally:
        cli.commands.pop("codegen", None)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    validate(document)
    assert set(document["components"]["schemas"]) == {
        "Error", "DealsStage", "DealsFields", "DealsRecord", "DealsWrite", "DealsUpdate",
    }  # fmt: skip

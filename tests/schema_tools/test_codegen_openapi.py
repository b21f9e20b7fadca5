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


SPEC_TOOLS = Path(__file__).resolve().parents[2] / "openapi" / "node_modules" / ".bin"
#: The two rules the per-database document leaves to its owner: it describes the user's own
#: database, so a licence and a contact are theirs to state, not ninoxkit's to invent.
OWNER_RULES = ("info-license", "info-contact")


def test_document_passes_redocly_and_spectral(document: dict[str, Any], tmp_path: Path) -> None:
    redocly, spectral = SPEC_TOOLS / "redocly", SPEC_TOOLS / "spectral"
    if not redocly.exists() or not spectral.exists():
        pytest.skip("openapi/node_modules is absent: ./scripts/bootstrap installs the spec tools")
    spec = tmp_path / "crm.json"
    spec.write_text(json.dumps(document))
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "REDOCLY_TELEMETRY": "off",
           "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1"}  # fmt: skip
    done = subprocess.run(
        [str(redocly), "lint", str(spec), "--config", str(SPEC_TOOLS.parents[1] / "redocly.yaml"),
         "--skip-rule", OWNER_RULES[0], "--format=json"],
        capture_output=True, text=True, check=False, timeout=180, env=env,
    )  # fmt: skip
    totals = json.loads(done.stdout)["totals"]
    assert totals["errors"] == totals["warnings"] == 0, done.stdout
    ruleset = tmp_path / "spectral.yaml"
    ruleset.write_text(f"extends: [[spectral:oas, recommended]]\nrules:\n  {OWNER_RULES[1]}: off\n")
    done = subprocess.run(
        [str(spectral), "lint", str(spec), "--ruleset", str(ruleset), "--fail-severity=warn"],
        capture_output=True, text=True, check=False, timeout=180, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


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


# -- a TypeScript consumer: openapi-typescript types, openapi-fetch calls, tsc --strict --------

CONSUMERS = Path(__file__).resolve().parents[2] / "openapi" / "consumers"
NODE_BIN = CONSUMERS / "node_modules" / ".bin"

#: Typed calls against this database's paths; the @ts-expect-error lines must be errors, so
#: tsc proves the choice enums and the field types reached the TypeScript side.
TS_SCENARIO = """\
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Contact = components["schemas"]["ContactsRecord"];
type Status = components["schemas"]["ContactsStatus"];
const lead: Status = "Lead";
// @ts-expect-error: a caption that is not one of the choice's options
const prospect: Status = "Prospect";
// @ts-expect-error: Score is a number
const score: components["schemas"]["ContactsFields"]["Score"] = "high";

const api = createClient<paths>({
  baseUrl: process.env.NINOX_BASE_URL,
  headers: { Authorization: `Bearer ${process.env.NINOX_TOKEN}` },
});
const ONE = "/teams/TEAM/databases/DB/tables/B/records/{recordId}" as const;
const ALL = "/teams/TEAM/databases/DB/tables/C/records" as const;

async function run(): Promise<void> {
  const one = await api.GET(ONE, { params: { path: { recordId: 1 } } });
  const lisa: Contact | undefined = one.data;
  const deals = await api.GET(ALL, { params: { query: { perPage: 2 } } });
  const titles: (string | null | undefined)[] = (deals.data ?? []).map((d) => d.fields.Title);
  const status: Status | null | undefined = lisa?.fields.Status;
  console.log(JSON.stringify({ name: lisa?.fields["First Name"], status, titles, lead }));
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
void prospect;
void score;
"""

TS_CONFIG = {
    "compilerOptions": {
        "strict": True,
        "target": "ES2022",
        "module": "CommonJS",
        "moduleResolution": "Node10",
        "lib": ["ES2022", "DOM"],
        "types": ["node"],
        "skipLibCheck": True,
        "outDir": "dist",
        "rootDir": ".",
    },
    "files": ["scenario.ts"],
}


def _node_tool(name: str) -> Path:
    tool = NODE_BIN / name
    if not tool.exists():
        pytest.skip(
            f"{tool.relative_to(CONSUMERS.parents[1])} is absent: ./scripts/check-consumers "
            "installs the TypeScript generators"
        )
    return tool


def test_typescript_client_type_checks_strictly_and_reads_records(
    document: dict[str, Any], crm_server: Any, tmp_path: Path
) -> None:
    generator, tsc = _node_tool("openapi-typescript"), _node_tool("tsc")
    spec = tmp_path / "crm.json"
    spec.write_text(json.dumps(document))
    (tmp_path / "node_modules").symlink_to(CONSUMERS / "node_modules")

    def run(cmd: list[str], **env: str) -> str:
        done = subprocess.run(
            cmd, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=180,
            env={"PATH": "/usr/local/bin:/usr/bin:/bin", "NO_UPDATE_NOTIFIER": "1", **env},
        )  # fmt: skip
        assert done.returncode == 0, f"{cmd[0]}: {done.stdout}{done.stderr}"
        return done.stdout + done.stderr

    out = run([str(generator), str(spec), "-o", str(tmp_path / "schema.d.ts")])
    assert "warn" not in out.lower(), out
    scenario = TS_SCENARIO.replace("TEAM", TEAM).replace("DB", DB)
    (tmp_path / "scenario.ts").write_text(scenario)
    (tmp_path / "tsconfig.json").write_text(json.dumps(TS_CONFIG))
    run([str(tsc), "-p", "tsconfig.json"])
    answer = run(
        ["node", "dist/scenario.js"],
        NINOX_BASE_URL=crm_server.base_url,
        NINOX_TOKEN=crm_server.token,
        NO_PROXY="127.0.0.1",
    )
    assert json.loads(answer.splitlines()[-1]) == {
        "name": "Lisa",
        "status": "Customer",
        "titles": ["Acme rollout", "Globex pilot"],
        "lead": "Lead",
    }
    # Without the enum the wrong caption would compile: the expect-error line proves it.
    (tmp_path / "scenario.ts").write_text(scenario.replace("// @ts-expect-error: a caption", "//"))
    broken = subprocess.run(
        [str(tsc), "-p", "tsconfig.json"], cwd=tmp_path, capture_output=True, text=True,
        check=False, timeout=180,
    )  # fmt: skip
    assert broken.returncode != 0
    assert "Prospect" in broken.stdout, broken.stdout

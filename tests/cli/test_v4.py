"""``ninoxkit v4`` against the Ninox 4 emulator: what a shell user sees (output, exit codes)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from ninoxkit._cli import _v4  # noqa: F401  # registers the group, as _cli.main does
from ninoxkit._cli._app import cli
from ninoxkit.testing.v4 import Ninox4Emulator


@pytest.fixture(scope="module")
def server() -> Iterator[Ninox4Emulator]:
    with Ninox4Emulator("sample", deterministic=True) as emu:
        yield emu


@pytest.fixture
def emu(server: Ninox4Emulator) -> Ninox4Emulator:
    server.reset()
    return server


def run(emu: Ninox4Emulator, *args: str, key: str | None = None, **kwargs: Any) -> Result:
    env = {
        "NINOX4_API_KEY": key or emu.token,
        "NINOX4_WORKSPACE_ID": emu.workspace.id,
        "NINOX4_BASE_URL": emu.url,
        "NINOX_API_KEY": None,
    }
    return CliRunner().invoke(cli, ["v4", *args], env=env, catch_exceptions=False, **kwargs)


def test_modules_and_tables(emu: Ninox4Emulator) -> None:
    modules = run(emu, "modules", "--json")
    assert modules.exit_code == 0, modules.output
    assert [m["name"] for m in json.loads(modules.stdout)] == ["crm"]
    tables = run(emu, "tables", "crm")
    assert tables.exit_code == 0
    assert "customers" in tables.stdout
    assert "email" in tables.stdout


def test_records_list_get_create(emu: Ninox4Emulator) -> None:
    listed = run(emu, "records", "list", "crm", "customers", "--filter", '{"status": "Lead"}',
                 "--fields", "name,status", "--limit", "1")  # fmt: skip
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert len(rows) == 1
    assert rows[0]["values"]["status"] == "Lead"
    created = run(emu, "records", "create", "crm", "customers", '[{"name": "Zed"}]')
    assert created.exit_code == 0, created.output
    (new_id,) = json.loads(created.stdout)
    got = run(emu, "records", "get", "crm", "customers", new_id)
    assert json.loads(got.stdout)["values"]["name"] == "Zed"
    piped = run(emu, "records", "create", "crm", "customers", "-", input='[{"name": "Pipe"}]')
    assert piped.exit_code == 0, piped.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["records", "list", "crm", "customers", "--filter", "status=Lead"], 2, "JSON object"),
        (["records", "create", "crm", "customers", "{}"], 2, "JSON array"),
        (["records", "get", "crm", "customers", "999"], 4, "record-not-found"),
        (["tables", "nope"], 4, "not"),
        (["import", "crm", "customers", "IN", "--mode", "upsert"], 2, "--key"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(
    emu: Ninox4Emulator, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    csv = tmp_path / "in.csv"
    csv.write_text("name\nA\n")
    result = run(emu, *[str(csv) if a == "IN" else a for a in args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_a_read_key_cannot_write_and_the_key_is_never_printed(emu: Ninox4Emulator) -> None:
    result = run(emu, "exec", "crm", "1", key=emu.read_token)
    assert result.exit_code == 5
    assert "records:write" in result.stderr
    assert emu.read_token not in result.output


def test_export_writes_every_record_as_json_lines(emu: Ninox4Emulator, tmp_path: Path) -> None:
    out = tmp_path / "customers.jsonl"
    result = run(emu, "export", "crm", "customers", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["values"]["name"] for r in lines] == ["Lisa", "Tom", "Ann"]
    assert not (tmp_path / "customers.jsonl.partial").exists()
    assert "exported 3 record(s)" in result.stderr
    to_stdout = run(emu, "export", "crm", "customers", "--filter", '{"name": "Tom"}')
    assert [json.loads(line)["values"]["name"] for line in to_stdout.stdout.splitlines()] == ["Tom"]


def test_import_appends_then_upsert_rerun_is_safe(emu: Ninox4Emulator, tmp_path: Path) -> None:
    csv = tmp_path / "people.csv"
    csv.write_text("name,email\nZoe,zoe@example.com\nMax,max@example.com\n")
    first = run(emu, "import", "crm", "customers", str(csv))
    assert json.loads(first.stdout)["rowsImported"] == 2
    again = run(emu, "import", "crm", "customers", str(csv), "--mode", "upsert", "--key", "email")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout) == {"rowsImported": 0, "rowsSkipped": 0, "rowsUpdated": 2}
    names = json.loads(run(emu, "records", "list", "crm", "customers").stdout)
    assert sum(r["values"]["name"] == "Zoe" for r in names) == 1
    twice = run(emu, "import", "crm", "customers", str(csv))  # the e-mail field is unique
    assert twice.exit_code == 1
    assert "unique" in twice.stderr


def test_exec_prints_the_value(emu: Ninox4Emulator) -> None:
    result = run(emu, "exec", "crm", "42")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == 42


_V4_HELP = """
import json, sys
before = set(sys.modules)
from ninoxkit._cli import main
for argv in (["v4", "--help"], ["v4", "records", "list", "--help"]):
    try:
        main(argv)
    except SystemExit:
        pass
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_v4_help_is_listed_and_imports_no_library() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _V4_HELP], capture_output=True, text=True, check=True
    )
    assert "records" in out.stdout
    assert "NINOX4_API_KEY" in out.stdout
    added = json.loads(out.stdout.splitlines()[-1])
    assert "ninoxkit._cli._v4" in added
    # ninoxkit is lazy (issue #14 item 6): help draws the commands from click and the CLI's own
    # modules; no client, no httpx, no generated code of either API.
    own = ("ninoxkit._cli", "ninoxkit._version")
    assert [m for m in added if m.startswith("ninox") and not m.startswith(own)] == ["ninoxkit"]
    assert not [m for m in added if m.startswith(("httpx", "httpcore", "anyio"))]

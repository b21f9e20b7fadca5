"""The other commands, exit codes for each class of error, and --debug never showing the key."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ninoxkit import Ninox
from ninoxkit._cli._app import EXIT_CODES
from ninoxkit.testing import NinoxEmulator

from .conftest import DB, SECRET, TEAM, Run


def test_inspection_commands_pick_the_only_team_and_database(run: Run) -> None:
    result = run("teams", "--json")
    assert json.loads(result.stdout) == [{"id": TEAM, "name": "Acme"}]
    assert "Contacts" in run("tables").stdout
    schema = json.loads(run("schema", "Contacts", "--json").stdout)
    status = next(f for f in schema[0]["fields"] if f["name"] == "Status")
    assert list(status["choices"].values()) == ["Lead", "Customer", "Churned"]
    assert json.loads(run("databases", "--json").stdout)[0]["id"] == DB


def test_records_list_filters_orders_and_limits(run: Run) -> None:
    result = run("records", "list", "Contacts", "--filter", "Status=Lead", "--order",
                 "Score", "--desc", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [r["fields"]["First Name"] for r in json.loads(result.stdout)] == ["Anna", "Tom"]
    result = run("records", "list", "Contacts", "--filter", "VIP=true", "--limit", "1")
    assert "Lisa" in result.stdout
    assert "Mei" not in result.stdout
    assert "more exist" in result.stderr


def test_query_and_exec(run: Run, client: Ninox) -> None:
    assert json.loads(run("query", "count(select Contacts)").stdout) == 5
    result = run("exec", "--yes", "let r := (create Contacts); r.'First Name' := \"Zed\"; r")
    assert result.exit_code == 0, result.output
    assert client.records.find_one({"First Name": "Zed"}, table="Contacts") is not None
    # Without --yes and without a terminal to confirm on, nothing runs.
    result = run("exec", "delete select Contacts")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert json.loads(run("query", "count(select Contacts)").stdout) == 6


def test_files_upload_list_download_binary(run: Run, tmp_path: Path) -> None:
    payload = bytes(range(256)) * 64 + b"\r\n--+++\r\n"
    (tmp_path / "blob.bin").write_bytes(payload)
    assert run("files", "upload", "Contacts", "2", str(tmp_path / "blob.bin")).exit_code == 0
    listed = json.loads(run("files", "list", "Contacts", "2", "--json").stdout)
    assert [f["name"] for f in listed] == ["blob.bin"]
    target = tmp_path / "back.bin"
    result = run("files", "download", "Contacts", "2", "blob.bin", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == payload


def test_changes_since(run: Run, client: Ninox) -> None:
    seq = client.changes.since(0).seq
    client.records.update_one({"Score": 99}, record_id=1, table="Contacts")
    data = json.loads(run("changes", "--since", str(seq), "--table", "Contacts").stdout)
    assert list(data["updates"]) == ["B1"]


def test_exit_codes_for_each_class(run: Run, emu: NinoxEmulator, tmp_path: Path) -> None:
    assert run("teams").exit_code == 0
    # 1: Ninox answered an error (an NX syntax error is a 400).
    result = run("query", "select (((")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("ninoxkit: error: ")
    assert result.stderr.count("\n") == 1
    # 2: usage and configuration errors.
    assert run("records", "list").exit_code == 2
    assert run("--bogus").exit_code == 2
    result = run("teams", env={"NINOX_API_KEY": None})
    assert result.exit_code == 2
    assert "NINOX_API_KEY" in result.stderr
    assert run("--base-url", "http://example.com/v1", "teams").exit_code == 2
    # 3: partial import failure.
    (tmp_path / "bad.csv").write_text("First Name,Score\nA,1\nB,notanumber\n", encoding="utf-8")
    assert run("records", "import", "Contacts", str(tmp_path / "bad.csv")).exit_code == 3
    # 4: not found (table, field, record).
    assert run("records", "list", "Contatcs").exit_code == 4
    assert "did you mean 'Contacts'" in run("records", "list", "Contatcs").stderr
    assert run("records", "list", "Contacts", "--order", "Nope").exit_code == 4
    assert run("files", "list", "Contacts", "999").exit_code == 4
    # 5: authentication.
    assert run("teams", env={"NINOX_API_KEY": "wrong"}).exit_code == 5
    # Every code is documented in --help.
    help_text = run("--help").stdout
    for code in EXIT_CODES:
        assert f"  {code} " in help_text


def test_debug_shows_details_but_never_the_key(run: Run, tmp_path: Path) -> None:
    ok = run("--debug", "tables")
    assert ok.exit_code == 0
    assert "Request: GET" in ok.stderr  # the request log
    assert "[redacted]" in ok.stderr
    failed = run("--debug", "records", "list", "Contacts", "--order", "Nope")
    assert failed.exit_code == 4
    assert "Traceback" in failed.stderr
    explicit = run("--debug", "--api-key", SECRET, "files", "list", "Contacts", "999")
    assert explicit.exit_code == 4
    # A row Ninox itself refuses (not a choice option: 422), so the request, its error and the
    # failed file all pass through the places a key could leak.
    (tmp_path / "x.csv").write_text("First Name,Status\nA,Prospect\n", encoding="utf-8")
    imported = run("--debug", "records", "import", "Contacts", str(tmp_path / "x.csv"))
    assert imported.exit_code == 3, imported.output
    assert "Request: POST" in imported.stderr
    for result in (ok, failed, explicit, imported):
        assert SECRET not in result.output
        assert SECRET[-12:] not in result.output
    failed_rows = (tmp_path / "x.failed.csv").read_text(encoding="utf-8")
    assert "422" in failed_rows  # the answer came from Ninox, not from a local check
    assert SECRET not in failed_rows
    assert SECRET[-12:] not in failed_rows


def test_importing_ninoxkit_does_not_load_the_cli() -> None:
    # (httpx itself imports click and rich when they are installed; ninoxkit adds nothing.)
    code = "import sys, ninoxkit; print([m for m in sys.modules if m.startswith('ninoxkit._cli')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_emulator_command_is_the_testing_entry_point(run: Run) -> None:
    result = run("emulator", "--help")
    assert result.exit_code == 0
    assert "--fixture" in result.stdout
    assert "--deterministic" in result.stdout


_HELP_IMPORTS = """
import json, sys
before = set(sys.modules)  # a fresh interpreter: what `ninoxkit --help` loads, from the start
from ninoxkit._cli import main
for argv in (["--help"], ["records", "import", "--help"], ["codegen", "python", "--help"]):
    try:
        main(argv)
    except SystemExit:
        pass
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_help_imports_nothing_it_does_not_print() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _HELP_IMPORTS], capture_output=True, text=True, check=True
    )
    added = json.loads(out.stdout.splitlines()[-1])
    assert added
    # The package itself is lazy (issue #14 item 6): help loads no client, httpx or generated
    # code; only the command line's own modules, click (and what click imports) and the version.
    own = ("click", "ninoxkit._cli", "ninoxkit._version")
    unexpected = [m for m in added if m.startswith(("ninox", "httpx")) and not m.startswith(own)]
    assert unexpected == ["ninoxkit"]
    assert not [m for m in added if m.startswith(("httpx", "httpcore", "ninox_api", "anyio"))]
    # Only the modules that draw the commands: no readers, writers, Parquet or code generators.
    for module in ("_rows", "_transfer", "_parquet"):
        assert f"ninoxkit._cli.{module}" not in added

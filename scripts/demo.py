"""A realistic ninoxkit session against the local emulators, through the library and the CLI.

First the classic API (a small CRM on :class:`~ninoxkit.testing.NinoxEmulator`), then a short
Ninox 4 session on :class:`~ninoxkit.testing.v4.Ninox4Emulator` (``Ninox4``, ``ninoxkit v4``).

Run by ``./scripts/demo`` (which bootstraps first). No account and no network: everything goes
to the emulator on 127.0.0.1. Exits non-zero as soon as a step fails.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ninoxkit import Ninox, Ninox4, nx
from ninoxkit.testing import NinoxEmulator
from ninoxkit.testing.v4 import Ninox4Emulator
from rich.console import Console
from rich.panel import Panel
from rich.table import Table as RichTable

ROOT = Path(__file__).resolve().parent.parent
console = Console(highlight=False)
STEPS: list[tuple[str, float]] = []


class DemoError(Exception):
    """A step did not do what it should."""


def check(condition: bool, message: str) -> None:
    """Fail the demo with ``message`` unless ``condition``."""
    if not condition:
        raise DemoError(message)


def step(title: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Run the decorated function as a numbered, timed step."""

    def wrap(fn: Callable[[], None]) -> Callable[[], None]:
        console.rule(f"[bold cyan]{len(STEPS) + 1}. {title}")
        started = time.monotonic()
        fn()
        STEPS.append((title, time.monotonic() - started))
        return fn

    return wrap


def cli(env: dict[str, str], *args: str, expect: int = 0) -> str:
    """Run the ``ninoxkit`` console script and show what a user would see."""
    exe = Path(sys.executable).with_name("ninoxkit")
    shown = shlex.join(args)
    console.print(f"[bold green]$ ninoxkit {shown}[/bold green]", soft_wrap=True)
    done = subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    if done.stdout.strip():
        console.print(done.stdout.rstrip(), markup=False, soft_wrap=True)
    if done.stderr.strip():
        console.print(done.stderr.rstrip(), markup=False, style="dim", soft_wrap=True)
    check(
        done.returncode == expect,
        f"ninoxkit {shown} exited {done.returncode}, expected {expect}",
    )
    return done.stdout


def show_records(title: str, records: list[Any], columns: list[str]) -> None:
    """Print records as a table."""
    table = RichTable("id", *columns, title=title)
    for r in records:
        fields = r.fields.additional_properties
        table.add_row(str(r.id), *(str(fields.get(c, "")) for c in columns))
    console.print(table)


def main() -> int:
    """Run every step; return the exit status."""
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="ninoxkit-demo-"))
    console.print(
        Panel.fit(
            "ninoxkit demo: a small CRM on the local Ninox emulator (127.0.0.1 only)\n"
            f"files go to {workdir}",
            style="bold",
        )
    )
    emulator = NinoxEmulator(fixture="crm", token="demo-token", deterministic=True)
    emulator.start()
    console.print(f"emulator running at {emulator.base_url}")
    emulator4 = Ninox4Emulator("sample", deterministic=True).start()
    console.print(f"Ninox 4 emulator running at {emulator4.workspace_url}")
    try:
        run(emulator, workdir)
        run_v4(emulator4, workdir)
    except Exception as exc:
        console.print(f"[bold red]demo failed:[/bold red] {type(exc).__name__}: {exc}")
        return 1
    finally:
        emulator.stop()
        emulator4.stop()
        console.print("emulators stopped")
    summary = RichTable("step", "seconds", title="Demo summary")
    for title, seconds in STEPS:
        summary.add_row(title, f"{seconds:.2f}")
    console.print(summary)
    console.print(
        f"[bold green]all {len(STEPS)} steps passed in {time.monotonic() - started:.1f} s"
    )
    return 0


def run(emulator: NinoxEmulator, workdir: Path) -> None:
    """The session itself."""
    env = {
        **os.environ,
        "NINOX_API_KEY": emulator.token,
        "NINOX_BASE_URL": emulator.base_url,
        "NINOXKIT_LOG": "",
        "COLUMNS": "110",
    }
    env.pop("NINOX_TEAM_ID", None)
    env.pop("NINOX_DATABASE_ID", None)
    ninox = Ninox(api_key=emulator.token, base_url=emulator.base_url)
    state: dict[str, Any] = {}

    @step("library: teams, databases and tables")
    def _() -> None:
        teams = ninox.teams.list()
        check(len(teams) == 1, "expected one team")
        dbs = ninox.databases.list(team_id=teams[0].id)
        db = ninox.database(team_id=teams[0].id, database_id=dbs[0].id)
        state["db"] = db
        state["client"] = db.client
        table = RichTable("team", "database", "table", "fields")
        for t in db.client.tables.list():
            names = [f["name"] for f in t.to_dict().get("fields", [])]
            table.add_row(teams[0].name, dbs[0].name, t.name, ", ".join(names))
        console.print(table)
        state["seq0"] = db.client.changes.since(0).seq

    @step("library: create 240 contacts in batches of 100, then upsert")
    def _() -> None:
        contacts = state["db"].table("Contacts")
        statuses = ["Lead", "Customer", "Churned", "Lead"]
        rows = [
            {
                "First Name": f"Guest{i:03d}",
                "Last Name": ["Lange", "Okafor", "Suzuki", "Rossi"][i % 4],
                "Email": f"guest{i:03d}@example.test",
                "Status": statuses[i % 4],
                "Score": (i * 37) % 100,
                "Company": i % 3 + 1,
                "Birthday": f"19{70 + i % 30}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            }
            for i in range(240)
        ]
        created = contacts.create(rows, batch_size=100)
        check(len(created) == 240, "create returned fewer records")
        console.print(f"created {len(created)} contacts, ids {created[0].id}…{created[-1].id}")
        result = contacts.upsert(
            [
                {"id": created[0].id, "fields": {"Status": "Customer", "VIP": True}},
                {"id": created[1].id, "fields": {"Score": 99}},
                {"fields": {"First Name": "Nadia", "Last Name": "Haddad", "Status": "Lead"}},
            ]
        )
        show_records("upserted", result, ["First Name", "Status", "Score", "VIP"])
        state["guest"] = created[0].id

    @step("library: filtered listing across pages")
    def _() -> None:
        contacts = state["db"].table("Contacts")
        pager = contacts.list(filters={"Status": "Lead"}, per_page=25, convert=True)
        leads = list(pager)
        check(pager.pages_fetched > 1, "expected several pages")
        check(all(r.fields.additional_properties["Status"] == "Lead" for r in leads), "filter")
        console.print(f"{len(leads)} leads over {pager.pages_fetched} pages of 25")
        show_records("first leads", leads[:3], ["First Name", "Last Name", "Birthday"])

    @step("library: upload and download an attachment")
    def _() -> None:
        files = state["client"].files
        payload = b"%PDF-1.4 demo contract\n" + bytes(range(256))
        files.upload(payload, record_id=state["guest"], table="Contacts", file_name="contract.pdf")
        target = files.download(
            record_id=state["guest"],
            file_name="contract.pdf",
            table="Contacts",
            to=workdir / "contract.pdf",
        )
        check(Path(target).read_bytes() == payload, "downloaded bytes differ")
        names = [f.name for f in files.list(record_id=state["guest"], table="Contacts")]
        console.print(f"contact {state['guest']} has {names}; download verified byte for byte")

    @step("library: read-only query and a writable exec")
    def _() -> None:
        db = state["db"]
        # Values go into NX through nx.script/nx.quote, never string formatting (see nx.py).
        by_status = "count(select Contacts where Status = {status})"
        counts = {
            s: db.query(nx.script(by_status, status=s)) for s in ("Lead", "Customer", "Churned")
        }
        console.print(f"contacts by status: {counts}")
        deal = db.exec(
            nx.script(
                "let d := (create Deals); d.Title := {title}; d.Amount := {amount}; "
                "d.Stage := {stage}; d.Contact := {contact}; d",
                title="Guest000 upsell",
                amount=9900,
                stage="Prospect",
                contact=state["guest"],
            )
        )
        console.print(f"exec created deal {deal}")
        check(isinstance(deal, str) and deal.startswith("C"), "exec created nothing")
        total = db.query('sum((select Deals where Stage != "Lost").Amount)')
        console.print(f"open pipeline: {total}")

    @step("library: the change feed")
    def _() -> None:
        feed = state["client"].changes.since(state["seq0"], table="Contacts")
        updates = feed.updates
        console.print(f"{len(updates)} contacts changed since seq {state['seq0']} (now {feed.seq})")
        check(len(updates) >= 241, "the change feed missed writes")
        state["seq1"] = feed.seq

    @step("CLI: teams, tables and a filtered listing")
    def _() -> None:
        cli(env, "teams")
        cli(env, "tables")
        cli(env, "records", "list", "Contacts", "--filter", "Status=Customer", "--order",
            "Score", "--desc", "--limit", "5")  # fmt: skip

    @step("CLI: query, exec and the change feed")
    def _() -> None:
        out = cli(env, "query", "count(select Contacts where VIP = true)")
        check(int(out) > 0, "query answered nothing")
        cli(env, "exec", "--yes", 'let c := record(Contacts, 4); c.Status := "Lead"; c.Status')
        cli(env, "changes", "--since", str(state["seq1"]), "--table", "Deals")

    @step("CLI: files")
    def _() -> None:
        cli(env, "files", "list", "Contacts", "5")
        cli(env, "files", "download", "Contacts", "5", "notes.txt", "-o", str(workdir / "n.txt"))
        check((workdir / "n.txt").read_text().startswith("Met at"), "download differs")

    @step("CLI: export to CSV, import with a bad row, fix, resume")
    def _() -> None:
        export = workdir / "contacts.csv"
        cli(env, "records", "export", "Contacts", "-o", str(export), "--progress")
        lines = export.read_text(encoding="utf-8").splitlines()
        console.print(f"{export.name}: {len(lines) - 1} rows; header: {lines[0]}", soft_wrap=True)
        leads = workdir / "new-leads.csv"
        leads.write_text(
            "First Name,Last Name,Email,Status,Score\n"
            "Ines,Moreau,ines@example.test,Lead,71\n"
            "Jonas,Berg,jonas@example.test,Prospect,55\n"  # Prospect is not a Status option
            "Kemal,Yilmaz,kemal@example.test,Lead,64\n",
            encoding="utf-8",
        )
        cli(env, "records", "import", "Contacts", str(leads), expect=3)
        failed = workdir / "new-leads.failed.csv"
        text = failed.read_text(encoding="utf-8").rstrip()
        console.print(text, markup=False, style="yellow", soft_wrap=True)
        failed.write_text(failed.read_text(encoding="utf-8").replace("Prospect", "Lead"))
        cli(env, "records", "import", "Contacts", str(failed))
        emails = " or ".join(
            nx.script("Email = {email}", email=f"{n}@example.test")
            for n in ("ines", "jonas", "kemal")
        )
        out = cli(env, "query", f"count(select Contacts where {emails})")
        check(int(out) == 3, "the imported rows are missing")

    ninox.close()


def run_v4(emulator: Ninox4Emulator, workdir: Path) -> None:
    """A short Ninox 4 session: workspace, chunked writes, paging, upsert, feed, exec, CLI."""
    env = {
        **os.environ,
        "NINOX4_API_KEY": emulator.token,
        "NINOX4_WORKSPACE_ID": emulator.workspace.id,
        "NINOX4_BASE_URL": emulator.url,
        "NINOXKIT_LOG": "",
        "COLUMNS": "110",
    }
    ninox = Ninox4(
        api_key=emulator.token, workspace_id=emulator.workspace.id, base_url=emulator.url
    )

    @step("Ninox 4 library: chunked writes, paging, upsert, change feed, exec")
    def _() -> None:
        workspace = ninox.workspace.get()
        table = RichTable("module", "table", "fields", title=f"Workspace {workspace['name']}")
        for module in workspace["modules"]:
            for t in module["tables"]:
                table.add_row(module["name"], t["name"], ", ".join(f["name"] for f in t["fields"]))
        console.print(table)
        since = ninox.changes.records(
            module="crm", table="customers", since="2026-01-01T00:00:00Z"
        )["as_of"]
        rows = [
            {"email": f"guest{i:03d}@example.test", "name": f"Guest{i:03d}", "amount": i}
            for i in range(150)
        ]
        ids = ninox.records.create(rows, module="crm", table="customers", chunk_size=50)
        check(len(ids) == 150, "create returned fewer ids")
        console.print(f"created {len(ids)} customers in 3 chunks, ids {ids[0]}…{ids[-1]}")
        everyone = list(
            ninox.records.list(module="crm", table="customers", fields=["name"], limit=40)
        )
        check(len(everyone) == 153, "paging lost records")
        console.print(f"{len(everyone)} customers over {-(-len(everyone) // 40)} pages of 40")
        result = ninox.records.upsert(
            [{"email": "lisa@example.com", "status": "Customer"}, {"email": "neu@example.test"}],
            module="crm",
            table="customers",
            match_field="email",
        )
        console.print(f"upsert by email: {result}")
        feed = ninox.changes.records(module="crm", table="customers", since=since)
        kinds = sorted({c["changeType"] for c in feed["changes"]})
        console.print(f"{len(feed['changes'])} changes since {since}: {kinds}")
        value = ninox.scripts.exec("42", module="crm")
        check(value == 42, "exec answered something else")

    @step("Ninox 4 CLI: modules, tables, records, export, import with upsert")
    def _() -> None:
        cli(env, "v4", "modules")
        cli(env, "v4", "tables", "crm")
        cli(env, "v4", "records", "list", "crm", "customers", "--filter", '{"status": "Lead"}',
            "--fields", "name,status")  # fmt: skip
        export = workdir / "customers4.jsonl"
        cli(env, "v4", "export", "crm", "customers", "-o", str(export))
        check(len(export.read_text(encoding="utf-8").splitlines()) == 154, "export lost rows")
        people = workdir / "people4.csv"
        people.write_text("name,email\nIda,ida@example.test\nLisa L.,lisa@example.com\n")
        out = cli(env, "v4", "import", "crm", "customers", str(people), "--mode", "upsert",
                  "--key", "email")  # fmt: skip
        check('"rowsUpdated": 1' in out, "the upsert import did not update Lisa")

    ninox.close()


if __name__ == "__main__":
    raise SystemExit(main())

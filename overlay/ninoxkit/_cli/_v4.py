"""``ninoxkit v4``: the Ninox 4 Public API (go.ninox.com workspaces) from the shell.

Registered on the main group by one line in ``_cli/__init__.py``. Like the other command
modules it imports the library only when a command runs, so ``ninoxkit --help`` stays cheap.
The classic global options (``--team``, ``--database``, ``NINOX_*``) do not apply here: a Ninox
4 key belongs to one workspace and the two APIs must not be mixed (reference ninox4 §1).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._base import CLIError
from ._group import cli
from ._output import _err, _out, _print_json

if TYPE_CHECKING:
    from ninoxkit._sync.v4._client import Ninox4

__all__ = ["v4"]


class V4State:
    """The ``v4`` group's options, and the client built from them on first use."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self._client: Ninox4 | None = None

    def client(self) -> Ninox4:
        """A :class:`~ninoxkit.Ninox4` for the configured workspace (closed with the command)."""
        if self._client is None:
            from ninoxkit._sync.v4._client import Ninox4

            self._client = Ninox4(
                api_key=self.options["api_key"],
                workspace_id=self.options["workspace"],
                base_url=self.options["base_url"],
                timeout=self.options["timeout"],
                allow_insecure_http=self.options["allow_insecure_http"],
            )
            click.get_current_context().call_on_close(self._client.close)
        return self._client


pass_v4 = click.make_pass_decorator(V4State)


@cli.group("v4")
@click.option(
    "--api-key",
    envvar="NINOX4_API_KEY",
    show_envvar=True,
    metavar="KEY",
    help="Workspace API key (Settings -> API & integrations -> Create API key).",
)
@click.option(
    "--workspace",
    envvar="NINOX4_WORKSPACE_ID",
    show_envvar=True,
    metavar="ID",
    help="Workspace id: the second segment of go.ninox.com/ORG/WORKSPACE/... (12 characters).",
)
@click.option(
    "--base-url",
    envvar="NINOX4_BASE_URL",
    show_envvar=True,
    metavar="URL",
    help="Host; default https://go.ninox.com.",
)
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds per request.")
@click.option(
    "--allow-insecure-http",
    is_flag=True,
    help="Permit http:// to a host other than this machine (key sent unencrypted).",
)
@click.pass_context
def v4(ctx: click.Context, /, **options: Any) -> None:
    """Work with a Ninox 4 workspace (go.ninox.com): modules, tables, records, CSV, scripts.

    \b
    Examples:
      ninoxkit v4 modules
      ninoxkit v4 tables crm
      ninoxkit v4 records list crm customers --filter '{"status": "Lead"}' --limit 20
      ninoxkit v4 records get crm customers 1
      ninoxkit v4 records create crm customers '[{"name": "Zed"}]'
      ninoxkit v4 export crm customers -o customers.jsonl
      ninoxkit v4 import crm customers people.csv --mode upsert --key email
      ninoxkit v4 exec crm '1 + 1'
    """
    ctx.obj = V4State(**options)


def _table(rows: list[dict[str, Any]], columns: list[str], title: str) -> None:
    from rich.table import Table as RichTable

    table = RichTable(*columns, title=title)
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in columns))
    _out().print(table)


@v4.command("modules")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_v4
def modules(state: V4State, as_json: bool) -> None:
    """List the workspace's modules."""
    items = state.client().modules.list()
    if as_json:
        _print_json(items)
        return
    rows = [{"name": m["name"], "tables": len(m.get("tables") or [])} for m in items]
    _table(rows, ["name", "tables"], "Modules")


@v4.command("tables")
@click.argument("module")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_v4
def tables(state: V4State, module: str, as_json: bool) -> None:
    """List the tables of MODULE with their fields."""
    items = state.client().tables.list(module=module)
    if as_json:
        _print_json(items)
        return
    rows = [
        {"name": t["name"], "fields": ", ".join(f["name"] for f in t.get("fields") or [])}
        for t in items
    ]
    _table(rows, ["name", "fields"], f"Tables of {module}")


@v4.group("records")
def records() -> None:
    """Records of a table: list, get, create."""


def _filter(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise CLIError(
            f'--filter takes a JSON object such as \'{{"status": "Lead"}}\', got {text!r}'
        )
    return value


def _fields(text: str | None) -> list[str] | None:
    return [f.strip() for f in text.split(",") if f.strip()] if text else None


@records.command("list")
@click.argument("module")
@click.argument("table")
@click.option("--filter", "filter_text", metavar="JSON", help="Equality filter, a JSON object.")
@click.option("--fields", metavar="A,B", help="Only these fields (comma-separated).")
@click.option("--sort", metavar="FIELD", help="Sort by this field (-FIELD descending).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N records.")
@pass_v4
def records_list(
    state: V4State,
    module: str,
    table: str,
    filter_text: str | None,
    fields: str | None,
    sort: str | None,
    limit: int | None,
) -> None:
    """Print the records of TABLE in MODULE as a JSON array (read page by page)."""
    pager = state.client().records.list(
        module=module, table=table, filter=_filter(filter_text), fields=_fields(fields), sort=sort
    )
    out: list[dict[str, Any]] = []
    for record in pager:
        if limit is not None and len(out) >= limit:
            break
        out.append(record)
    _print_json(out)


@records.command("get")
@click.argument("module")
@click.argument("table")
@click.argument("record_id")
@click.option("--fields", metavar="A,B", help="Only these fields (comma-separated).")
@pass_v4
def records_get(
    state: V4State, module: str, table: str, record_id: str, fields: str | None
) -> None:
    """Print one record by id as JSON."""
    _print_json(
        state.client().records.get(
            module=module, table=table, record_id=record_id, fields=_fields(fields)
        )
    )


@records.command("create")
@click.argument("module")
@click.argument("table")
@click.argument("rows", metavar="JSON|-")
@pass_v4
def records_create(state: V4State, module: str, table: str, rows: str) -> None:
    """Create records from a JSON array of objects (``-`` reads it from stdin); prints the ids."""
    text = sys.stdin.read() if rows == "-" else rows
    try:
        items = json.loads(text)
    except ValueError:
        items = None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items) or not items:
        raise CLIError(
            'records create takes a non-empty JSON array of objects, e.g. \'[{"name": "Zed"}]\''
        )
    _print_json(state.client().records.create(items, module=module, table=table))


@v4.command("export")
@click.argument("module")
@click.argument("table")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
)
@click.option("--filter", "filter_text", metavar="JSON", help="Equality filter, a JSON object.")
@pass_v4
def export(
    state: V4State, module: str, table: str, output: Path | None, filter_text: str | None
) -> None:
    """Write every record of TABLE as JSON lines: {"id": ..., "values": {...}} per line."""
    pager = state.client().records.list(module=module, table=table, filter=_filter(filter_text))
    count = 0
    if output is None:
        for record in pager:
            click.echo(json.dumps(record, ensure_ascii=False, default=str))
            count += 1
        return
    partial = output.with_name(output.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        for record in pager:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
    partial.replace(output)  # a failed export leaves no half-written file under the real name
    _err().print(f"exported {count} record(s) to {output}")


@v4.command("import")
@click.argument("module")
@click.argument("table")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mode",
    type=click.Choice(["append", "update", "upsert"]),
    default="append",
    show_default=True,
    help="append creates; update/upsert match rows on --key.",
)
@click.option("--key", metavar="FIELD", help="Field matching rows for update/upsert (its column).")
@click.option("--delimiter", metavar="CHAR", help="Column delimiter (default: detected).")
@pass_v4
def import_(
    state: V4State, module: str, table: str, file: Path, mode: str, key: str | None,
    delimiter: str | None,
) -> None:  # fmt: skip
    """Import a CSV FILE with Ninox 4's own CSV import (the file is streamed, ≤ 50 MB).

    Columns match field names by header. Re-running an interrupted import with ``--mode
    upsert --key FIELD`` on a unique field is safe: rows already imported are updated.
    """
    mappings = None
    if mode != "append":
        if not key:
            raise CLIError(f"--mode {mode} needs --key FIELD")
        mappings = _mappings(file, key, delimiter)
    elif key:
        raise CLIError("--key applies to --mode update or upsert")
    result = state.client().records.import_csv(
        file, module=module, table=table, import_mode=mode, mappings=mappings, delimiter=delimiter
    )
    _print_json(result)


def _mappings(file: Path, key: str, delimiter: str | None) -> list[dict[str, str]]:
    """Column → field mappings by header (case-insensitive), the key column marked as key."""
    import csv

    with file.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle, delimiter=delimiter or ","), [])
    columns = {h.lower(): h for h in header}
    if key.lower() not in columns:
        raise CLIError(f"--key {key!r} is not a column of {file.name}: {', '.join(header)}")
    out = []
    for column in header:
        entry = {"csvColumnName": column, "fieldName": column.lower()}
        if column.lower() == key.lower():
            entry = {**entry, "fieldName": key, "updatePolicy": "key"}
        out.append(entry)
    return out


@v4.command("exec")
@click.argument("module")
@click.argument("script")
@click.option("--table", help="Context table (for this).")
@click.option("--record", "record_id", help="Context record id (needs --table).")
@pass_v4
def exec_(
    state: V4State, module: str, script: str, table: str | None, record_id: str | None
) -> None:
    """Run an NX SCRIPT in MODULE (with writes on; never re-sent) and print its value as JSON."""
    _print_json(
        state.client().scripts.exec(script, module=module, table=table, record_id=record_id)
    )

"""The ``ninoxkit`` command line (click + rich); see ``ninoxkit --help``."""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NoReturn

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table as RichTable

from ninoxkit._exceptions import (
    AuthenticationError,
    ConfigurationError,
    InvalidArgumentError,
    NinoxError,
    NotFoundError,
    PermissionDeniedError,
    UnknownNameError,
)
from ninoxkit._logging import logger as ninox_logger
from ninoxkit._schema import TableInfo
from ninoxkit._sync._client import Ninox

from ._rows import RowError, detect_format, parse_cell

__all__ = ["EXIT_CODES", "cli", "main"]

EXIT_OK = 0
EXIT_API = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_NOT_FOUND = 4
EXIT_AUTH = 5
EXIT_INTERRUPTED = 130

EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_API: "API error: Ninox answered an error or the connection failed (also local I/O errors)",
    EXIT_USAGE: "usage or configuration error (bad option, missing key/team/database, "
    "unreadable input file)",
    EXIT_PARTIAL: "partial failure: some rows were not imported (see the failed-row file)",
    EXIT_NOT_FOUND: "not found: no such team, database, table, field, record or file",
    EXIT_AUTH: "authentication or permission error (401/403): check the API key",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}

_EPILOG = (
    "\b\nEnvironment: NINOX_API_KEY, NINOX_BASE_URL, NINOX_TEAM_ID, NINOX_DATABASE_ID,\n"
    "NINOX_DATABASE_PASSWORD; NINOXKIT_LOG=info|debug logs requests (keys redacted).\n"
    "With one team (or database) reachable, --team (--database) may be left out.\n\n"
    "\b\nExit codes:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())
)


class CLIError(Exception):
    """An error the CLI reports as one line with a chosen exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class Partial(Exception):
    """The command finished but some rows failed (exit code 3); the report was printed."""


# -- shared state ---------------------------------------------------------------------------


class State:
    """Global options, and the client built from them on first use."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.debug: bool = options["debug"]
        self._client: Ninox | None = None

    def client(self, *, team: bool = True, database: bool = True) -> Ninox:
        """The client, with team and database resolved (auto-picked when only one exists)."""
        if self._client is None:
            self._client = Ninox(
                api_key=self.options["api_key"],
                base_url=self.options["base_url"],
                team_id=self.options["team"],
                database_id=self.options["database"],
                allow_insecure_http=self.options["allow_insecure_http"],
                timeout=self.options["timeout"],
            )
            click.get_current_context().call_on_close(self._client.close)
        client = self._client
        if (team or database) and client.team_id is None:
            teams = client.teams.list()
            if len(teams) != 1:
                names = ", ".join(f"{t.id} ({t.name})" for t in teams[:10]) or "none"
                raise CLIError(f"pass --team or set NINOX_TEAM_ID; teams: {names}")
            client = self._client = client.with_options(team_id=teams[0].id)
        if database and client.database_id is None:
            dbs = client.databases.list()
            if len(dbs) != 1:
                names = ", ".join(f"{d.id} ({d.name})" for d in dbs[:10]) or "none"
                raise CLIError(f"pass --database or set NINOX_DATABASE_ID; databases: {names}")
            client = self._client = client.with_options(database_id=dbs[0].id)
        return client

    def table(self, client: Ninox, name: str) -> TableInfo:
        """The table's schema by id or caption (raises UnknownNameError with close matches)."""
        return client.database().table(name).info()


pass_state = click.make_pass_decorator(State)


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _progress(console: Console, *, rows: bool = True) -> Progress:
    columns: list[Any] = [
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if rows else TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    ]
    return Progress(*columns, console=console, transient=False, refresh_per_second=8)


def _rate(task: Any) -> str:
    elapsed = task.elapsed or 0.0
    if not task.completed or elapsed <= 0:
        return "… rows/s"
    return f"{task.completed / elapsed:,.0f} rows/s"


# -- the group ------------------------------------------------------------------------------


class NinoxGroup(click.Group):
    """A group that turns every error into one line on stderr and a documented exit code."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # noqa: ARG002  # always handled here
        **extra: Any,
    ) -> NoReturn:
        argv = sys.argv[1:] if args is None else list(args)
        debug = "--debug" in argv
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click.Abort:
            click.echo("Aborted.", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except click.ClickException as exc:
            exc.show()
            raise SystemExit(
                EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code
            ) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except Partial:
            raise SystemExit(EXIT_PARTIAL) from None
        except (NinoxError, CLIError, RowError, OSError) as exc:
            _fail(exc, debug=debug, secret=_secret(argv))
        raise SystemExit(code if isinstance(code, int) else EXIT_OK)


@click.group(
    cls=NinoxGroup,
    epilog=_EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--api-key",
    envvar="NINOX_API_KEY",
    show_envvar=True,
    metavar="KEY",
    help="Ninox API key (Integrations -> Generate in the Ninox app).",
)
@click.option(
    "--base-url",
    envvar="NINOX_BASE_URL",
    show_envvar=True,
    metavar="URL",
    help="API root for private cloud (https://NAME.ninox.com/v1) or on-premises "
    "(https://HOST/v1); default the public cloud.",
)
@click.option("--team", envvar="NINOX_TEAM_ID", show_envvar=True, help="Team (workspace) id.")
@click.option("--database", envvar="NINOX_DATABASE_ID", show_envvar=True, help="Database id.")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds per request.")
@click.option(
    "--allow-insecure-http",
    is_flag=True,
    help="Permit http:// to a host other than this machine (key sent unencrypted).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and the request log (key redacted).")
@click.version_option(package_name="ninoxkit")
@click.pass_context
def cli(ctx: click.Context, /, **options: Any) -> None:
    """Work with Ninox databases from the shell: list, export, import, query, files.

    \b
    Examples:
      ninoxkit teams
      ninoxkit tables
      ninoxkit records list Contacts --filter Status=Lead --order "Last Name" --limit 20
      ninoxkit records export Contacts -o contacts.csv
      ninoxkit records import Contacts contacts.csv --batch-size 200
      ninoxkit query 'count(select Contacts where Status = "Lead")'
      ninoxkit exec --yes 'for c in select Contacts do c.Score := 0 end'
      ninoxkit files upload Contacts 5 ./photo.jpg
      ninoxkit emulator --port 8080 --fixture crm
    """
    ctx.obj = State(**options)
    if options["debug"]:
        _enable_debug(ctx, options["api_key"])  # click read NINOX_API_KEY into it if set


# -- inspection -----------------------------------------------------------------------------


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def teams(state: State, as_json: bool) -> None:
    """List the teams (workspaces) the key can reach."""
    items = state.client(team=False, database=False).teams.list()
    if as_json:
        _print_json([t.to_dict() for t in items])
        return
    table = RichTable("id", "name", title="Teams")
    for t in items:
        table.add_row(t.id, t.name)
    _out().print(table)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def databases(state: State, as_json: bool) -> None:
    """List the databases of the team."""
    items = state.client(database=False).databases.list()
    if as_json:
        _print_json([d.to_dict() for d in items])
        return
    table = RichTable("id", "name", title="Databases")
    for d in items:
        table.add_row(d.id, d.name)
    _out().print(table)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def tables(state: State, as_json: bool) -> None:
    """List the tables of the database."""
    items = state.client().tables.list()
    if as_json:
        _print_json([t.to_dict() for t in items])
        return
    table = RichTable("id", "name", "fields", title="Tables")
    for t in items:
        fields = t.to_dict().get("fields") or []
        table.add_row(t.id, t.name, ", ".join(str(f.get("name")) for f in fields))
    _out().print(table)


@cli.command()
@click.argument("table_name", required=False, metavar="[TABLE]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def schema(state: State, table_name: str | None, as_json: bool) -> None:
    """Show tables and fields with their types and choice options."""
    client = state.client()
    full = client.database().schema()
    chosen = [full.table(table_name)] if table_name else list(full)
    if as_json:
        _print_json(
            [
                {
                    "id": t.id,
                    "name": t.name,
                    "fields": [
                        {"id": f.id, "name": f.name, "type": f.type, "choices": dict(f.choices)}
                        for f in t.fields.values()
                    ],
                }
                for t in chosen
            ]
        )
        return
    console = _out()
    for t in chosen:
        table = RichTable("id", "field", "type", "choices", title=f"{t.name} ({t.id})")
        for f in t.fields.values():
            table.add_row(f.id, f.name, f.type, ", ".join(f.choices.values()))
        console.print(table)


# -- records --------------------------------------------------------------------------------


@cli.group()
def records() -> None:
    """List, export and import records."""


def _filters(info: TableInfo, items: tuple[str, ...]) -> dict[str, Any] | None:
    if not items:
        return None
    out: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name:
            raise CLIError(f"--filter takes Field=value, got {item!r}")
        field = info.field(name.strip())
        try:
            out[field.name] = parse_cell(text, field.type, column=field.name)
        except RowError as exc:
            raise CLIError(f"--filter {item!r}: {exc}") from None
    return out


@records.command("list")
@click.argument("table_name", metavar="TABLE")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE", help="Exact match.")
@click.option("--order", metavar="FIELD", help="Sort by this field.")
@click.option("--desc", is_flag=True, help="Sort descending.")
@click.option(
    "--limit", type=click.IntRange(min=0), default=None, help="At most this many (table: 50)."
)
@click.option("--per-page", type=click.IntRange(1, 500), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (streamed).")
@pass_state
def records_list(
    state: State,
    table_name: str,
    filters: tuple[str, ...],
    order: str | None,
    desc: bool,
    limit: int | None,
    per_page: int,
    as_json: bool,
) -> None:
    """List records of TABLE (id or name), across pages."""
    client = state.client()
    info = state.table(client, table_name)
    order_name = info.field(order).name if order else None
    shown = (limit or None) if limit is not None else (None if as_json else 50)
    pager = client.records.list(
        table=info.id,
        per_page=min(per_page, shown + 1) if shown else per_page,
        limit=None if shown is None else shown + 1,
        filters=_filters(info, filters),
        order=order_name,
        desc=True if desc else None,
    )
    if as_json:
        out = sys.stdout
        out.write("[")
        for n, record in enumerate(pager):
            if shown is not None and n >= shown:
                break
            out.write(
                ("\n" if n == 0 else ",\n") + json.dumps(record.to_dict(), ensure_ascii=False)
            )
        out.write("\n]\n")
        return
    names = [f.name for f in info.fields.values()]
    table = RichTable("id", *names, title=f"{info.name}")
    more = False
    count = 0
    for record in pager:
        if shown is not None and count >= shown:
            more = True
            break
        fields = record.fields.additional_properties
        table.add_row(str(record.id), *(_cell(fields.get(n)) for n in names))
        count += 1
    console = _out()
    console.print(table)
    note = f"{count} record(s)"
    if more:
        note += "; more exist (use --limit N, --limit 0 for all, or `records export`)"
    _err().print(f"[dim]{note}; {pager.pages_fetched} page(s) fetched[/dim]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@records.command("export")
@click.argument("table_name", metavar="TABLE")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]), help="Default: from -o's name."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File (default: stdout).")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE", help="Exact match.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--per-page", type=click.IntRange(1, 500), default=500, show_default=True)
@click.option("--progress/--no-progress", default=None, help="Default: when stderr is a terminal.")
@pass_state
def records_export(
    state: State,
    table_name: str,
    fmt: str | None,
    output: str | None,
    filters: tuple[str, ...],
    limit: int | None,
    per_page: int,
    progress: bool | None,
) -> None:
    """Export TABLE to CSV, JSON or JSONL, streamed page by page (constant memory)."""
    from ._transfer import count_records, export_records

    client = state.client()
    info = state.table(client, table_name)
    fmt = detect_format(output, fmt)
    where = _filters(info, filters)
    console = _err()
    show = console.is_terminal if progress is None else progress
    total = count_records(client, info) if show and not where else None
    if total is not None and limit is not None:
        total = min(total, limit)
    target = Path(output) if output and output != "-" else None
    partial = target.with_name(f".{target.name}.part") if target else None
    with _opened(partial) as out, _progress(console) as bar:
        task = bar.add_task(f"export {info.name}", total=total, rate="", visible=show)

        def on_page(n: int) -> None:
            bar.advance(task, n)
            bar.update(task, rate=_rate(bar.tasks[task]))

        count = export_records(
            client,
            info,
            out,
            fmt,
            per_page=per_page,
            limit=limit,
            filters=where,
            on_page=on_page,
        )
    if target is not None and partial is not None:
        partial.replace(target)
        console.print(f"exported {count} record(s) from {info.name} to {target} ({fmt})")


@contextmanager
def _opened(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        with path.open("w", encoding="utf-8", newline="") as stream:
            yield stream
    except BaseException:
        path.unlink(missing_ok=True)
        raise


@records.command("import")
@click.argument("table_name", metavar="TABLE")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), help="Default: from name.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.option(
    "--failed",
    "failed_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where failed rows go (default: <input>.failed.<ext>; a rerun on it resumes).",
)
@click.option(
    "--key",
    metavar="FIELD",
    help="Look up rows whose outcome is unknown by this field; create only the missing ones.",
)
@click.option(
    "--retry-unknown",
    is_flag=True,
    help="Re-send rows marked unknown (only after checking they are not in Ninox).",
)
@click.option(
    "--split/--no-split",
    default=True,
    show_default=True,
    help="Split a refused batch to find the bad rows.",
)
@click.option("--progress/--no-progress", default=None, help="Default: when stderr is a terminal.")
@pass_state
def records_import(
    state: State,
    table_name: str,
    source: Path,
    fmt: str | None,
    batch_size: int,
    failed_file: Path | None,
    key: str | None,
    retry_unknown: bool,
    split: bool,
    progress: bool | None,
) -> None:
    """Import SOURCE (CSV or JSONL) into TABLE in batches.

    Rows with an id update that record (or create it with that id); other rows create new
    records. Failed rows go to a file in the same format with _outcome and _error columns;
    import that file again to resume.
    """
    from ._rows import check_input
    from ._transfer import Importer, failed_path_for

    fmt = detect_format(str(source), fmt, default="")
    if fmt not in ("csv", "jsonl"):
        raise CLIError("cannot tell the format from the name; pass --format csv or jsonl")
    client = state.client()
    info = state.table(client, table_name)
    failed_path = failed_file or failed_path_for(source)
    console = _err()
    show = console.is_terminal if progress is None else progress
    try:
        summary = check_input(source, fmt, info)
    except RowError as exc:
        raise CLIError(f"{source}: {exc}; nothing was imported") from None
    except UnknownNameError as exc:
        raise CLIError(f"{source}: {exc}; nothing was imported", EXIT_NOT_FOUND) from None
    bar = _progress(console)
    total = summary.rows if show else None
    task = bar.add_task(f"import {info.name}", total=total, rate="", visible=show)

    def on_rows(n: int) -> None:
        bar.advance(task, n)
        bar.update(task, rate=_rate(bar.tasks[task]))

    importer = Importer(
        client,
        info,
        fmt=fmt,
        failed_path=failed_path,
        columns=summary.columns,
        batch_size=batch_size,
        split=split,
        key=key,
        retry_unknown=retry_unknown,
        on_rows=on_rows,
    )
    try:
        with bar:
            importer.run(source)
    except RowError as exc:  # the file changed after it was checked
        raise CLIError(f"{source}: {exc}") from None
    finally:
        # Also when the import stopped early: the rows written so far must not be written
        # again by a rerun of the whole input.
        resume = _resume_command(info.name, failed_path, fmt)
        _import_report(console, importer.report, failed_path, resume)
    if importer.report.problems:
        raise Partial()


def _resume_command(table_name: str, failed_path: Path, fmt: str) -> str:
    """The command that imports the failed file with the options this import was given.

    Never the API key (a secret) nor --retry-unknown (it would re-send, unchecked, the rows this
    run marked unknown); options set through the environment are left to the environment.
    """
    ctx = click.get_current_context()
    root = ctx.find_root()
    given = click.core.ParameterSource.COMMANDLINE
    words = ["ninoxkit"]
    for name in ("base_url", "team", "database", "timeout"):
        if root.get_parameter_source(name) is given:
            words += [f"--{name.replace('_', '-')}", str(root.params[name])]
    if root.params["allow_insecure_http"]:
        words.append("--allow-insecure-http")
    words += ["records", "import", table_name, str(failed_path)]
    if ctx.get_parameter_source("fmt") is given or detect_format(str(failed_path), None, "") != fmt:
        words += ["--format", fmt]
    options = {"batch_size": "--batch-size", "key": "--key", "failed_file": "--failed"}
    for name, flag in options.items():
        if ctx.get_parameter_source(name) is given:
            words += [flag, str(ctx.params[name])]
    if not ctx.params["split"]:
        words.append("--no-split")
    return " ".join(_shell(word) for word in words)


def _import_report(console: Console, report: Any, failed_path: Path, resume: str) -> None:
    table = RichTable(title="Import", show_header=False)
    table.add_row("rows read", str(report.read))
    table.add_row(
        "rows written",
        f"[green]{report.written}[/green] ({report.created} new, {report.updated} by id)",
    )
    if report.found:
        table.add_row("already in Ninox", f"{report.found} (found by --key, not written again)")
    table.add_row("rows failed", f"[red]{report.failed}[/red]" if report.failed else "0")
    if report.unknown:
        table.add_row("outcome unknown", f"[yellow]{report.unknown}[/yellow]")
    if report.not_sent:
        table.add_row("not sent", f"[yellow]{report.not_sent}[/yellow] (the import stopped)")
    table.add_row("requests", str(report.requests))
    console.print(table)
    if report.errors:
        for message, n in sorted(report.errors.items(), key=lambda kv: -kv[1])[:5]:
            console.print(f"  {n} × {message}", markup=False)
    if report.stopped is not None:
        console.print(f"the import stopped {report.stopped}", markup=False)
    if report.stale_removed:
        console.print(
            f"no row failed: removed {failed_path} (from an earlier run)",
            markup=False,
            soft_wrap=True,  # the path stays on one line, to be copied
        )
    if not report.failed_file_kept:
        console.print(
            f"[red]the rows not written could not all be saved[/red]; {failed_path} was left as "
            "it was. Rows counted as written above are in Ninox: do not import them again.",
        )
        return
    if report.problems:
        console.print(f"failed rows written to {failed_path}", markup=False, soft_wrap=True)
        console.print(f"resume with: {resume}", markup=False, soft_wrap=True)
    if report.unknown:
        console.print(
            f"[yellow]{report.unknown} row(s) have an unknown outcome[/yellow] (marked "
            "_outcome=unknown): Ninox may have written them before the error. Check whether "
            "they exist in Ninox; a plain rerun skips them. Rerun with --key FIELD to look "
            "them up and create only the missing ones, or with --retry-unknown once you have "
            "checked that they are not there."
        )


def _shell(text: str) -> str:
    import shlex

    return shlex.quote(text)


# -- scripts, changes, files ----------------------------------------------------------------


def _script_arg(script: str) -> str:
    return sys.stdin.read() if script == "-" else script


@cli.command()
@click.argument("script")
@pass_state
def query(state: State, script: str) -> None:
    """Evaluate a read-only NX SCRIPT ('-' reads stdin) and print the result as JSON."""
    _print_json(state.client().scripts.query(_script_arg(script)))


@cli.command("exec")
@click.argument("script")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def exec_(state: State, script: str, yes: bool) -> None:
    """Execute an NX SCRIPT that may change data ('-' reads stdin); prints the result as JSON.

    Asks for confirmation unless --yes is given. Never re-sent automatically: if the answer is
    lost, check the data before running it again.
    """
    text = _script_arg(script)
    client = state.client()
    if not yes:
        if not sys.stdin.isatty() or script == "-":
            raise CLIError("exec changes data: pass --yes to run it without a terminal")
        click.confirm(
            f"Run this script in database {client.database_id}? It may change data.\n{text}\n",
            abort=True,
        )
    _print_json(client.scripts.exec(text))


@cli.command()
@click.option("--since", "since_sq", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--table", "table_name", help="Only this table.")
@pass_state
def changes(state: State, since_sq: int, table_name: str | None) -> None:
    """Print the change set after sequence number --since as JSON (pass its seq next time)."""
    client = state.client()
    result = client.changes.since(since_sq, table=table_name)
    _print_json(result.to_dict())


@cli.group()
def files() -> None:
    """List, upload and download the attachments of a record."""


@files.command("list")
@click.argument("table_name", metavar="TABLE")
@click.argument("record_id", type=click.IntRange(min=1), metavar="RECORD")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def files_list(state: State, table_name: str, record_id: int, as_json: bool) -> None:
    """List the files of RECORD in TABLE."""
    items = state.client().files.list(record_id, table=table_name)
    if as_json:
        _print_json([f.to_dict() for f in items])
        return
    table = RichTable("name", "type", "bytes", title=f"Files of {table_name} #{record_id}")
    for f in items:
        d = f.to_dict()
        table.add_row(str(d.get("name")), str(d.get("contentType", "")), str(d.get("size", "")))
    _out().print(table)


@files.command("upload")
@click.argument("table_name", metavar="TABLE")
@click.argument("record_id", type=click.IntRange(min=1), metavar="RECORD")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", "file_name", help="Name to store (default: the file's name).")
@click.option("--field", help="Put it into this file field instead of the attachments.")
@pass_state
def files_upload(
    state: State,
    table_name: str,
    record_id: int,
    path: Path,
    file_name: str | None,
    field: str | None,
) -> None:
    """Upload PATH to RECORD in TABLE (streamed)."""
    client = state.client()
    client.files.upload(record_id, path, table=table_name, file_name=file_name, field=field)
    _err().print(f"uploaded {path} to {table_name} #{record_id} as {file_name or path.name}")


@files.command("download")
@click.argument("table_name", metavar="TABLE")
@click.argument("record_id", type=click.IntRange(min=1), metavar="RECORD")
@click.argument("name")
@click.option("-o", "--output", help="Target path ('-': stdout; default: NAME here).")
@pass_state
def files_download(
    state: State, table_name: str, record_id: int, name: str, output: str | None
) -> None:
    """Download file NAME of RECORD in TABLE (streamed to disk)."""
    client = state.client()
    if output == "-":
        out = sys.stdout.buffer
        for chunk in client.files.iter_bytes(record_id, name, table=table_name):
            out.write(chunk)
        out.flush()
        return
    target = Path(output or Path(name).name)
    client.files.download(record_id, name, table=table_name, to=target)
    _err().print(f"downloaded {name} to {target} ({target.stat().st_size} bytes)")


@cli.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def emulator(args: tuple[str, ...]) -> None:
    """Run the local Ninox emulator (same as python -m ninoxkit.testing; --help for options)."""
    try:
        from ninoxkit.testing.__main__ import main as emulator_main
    except ImportError as exc:
        raise CLIError(
            f"the emulator needs the testing extra: pip install 'ninoxkit[testing]' ({exc})"
        ) from None
    code = emulator_main(list(args))
    if code:
        raise SystemExit(code)


# -- errors, exit codes and --debug ---------------------------------------------------------


class _KeyFilter(logging.Filter):
    """Replace the literal API key in log records (defence in depth behind header redaction)."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg = message.replace(self.secret, "[redacted]")
            record.args = None
        return True


def _enable_debug(ctx: click.Context, api_key: str | None) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[%(name)s %(levelname)s] %(message)s"))
    if api_key:
        handler.addFilter(_KeyFilter(api_key))
    previous = ninox_logger.level
    ninox_logger.setLevel(logging.DEBUG)
    ninox_logger.addHandler(handler)

    def restore() -> None:
        ninox_logger.removeHandler(handler)
        ninox_logger.setLevel(previous)

    ctx.call_on_close(restore)


def exit_code_for(exc: BaseException) -> int:
    """The documented exit code of an exception (see EXIT_CODES)."""
    # Partial and click's errors are handled by NinoxGroup.main before this is called, and no
    # command lets a BatchWriteError out (the import turns it into failed rows).
    if isinstance(exc, CLIError):
        return exc.code
    if isinstance(exc, UnknownNameError | NotFoundError):
        return EXIT_NOT_FOUND
    if isinstance(exc, AuthenticationError | PermissionDeniedError):
        return EXIT_AUTH
    if isinstance(exc, ConfigurationError | InvalidArgumentError):
        return EXIT_USAGE
    return EXIT_API


def _fail(exc: BaseException, *, debug: bool, secret: str | None) -> NoReturn:
    code = exit_code_for(exc)
    err = sys.stderr
    if debug:
        text = "".join(traceback.format_exception(exc))
        err.write(_scrub(text, secret))
    message = _scrub(" ".join(str(exc).split()) or type(exc).__name__, secret)
    err.write(f"ninoxkit: error: {message}\n")
    err.flush()
    raise SystemExit(code)


def _scrub(text: str, secret: str | None) -> str:
    from ninoxkit._logging import redact

    text = redact(text)
    return text.replace(secret, "[redacted]") if secret else text


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``ninoxkit`` console script; exits with a documented code."""
    cli.main(args=argv, prog_name="ninoxkit")


def _secret(args: list[str]) -> str | None:
    # From argv, not from the parsed options: an error can come before click has parsed them.
    for i, arg in enumerate(args):
        if arg == "--api-key" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--api-key="):
            return arg.split("=", 1)[1]
    return os.environ.get("NINOX_API_KEY") or None

"""The ``records`` commands: ``list``, ``export`` and ``import``.

The work of export and import (paging, batches, the failed-row file) is in ``_transfer``; this
module holds the options, the progress bar and the final report.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from ._base import EXIT_NOT_FOUND, CLIError, Partial, State, pass_state
from ._group import cli
from ._output import _err, _out, _progress, _rate, _shell

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from ninoxkit._schema import TableInfo

FC = TypeVar("FC", bound=Callable[..., Any])

__all__ = ["records", "records_export", "records_import", "records_list"]


@cli.group()
def records() -> None:
    """List, export and import records."""


def _limit(command: str) -> Callable[[FC], FC]:
    """A ``--limit`` option that refuses 0 (and negatives) with the way to get every record."""
    how = "pass --all (or --json, which lists all)" if command == "list" else "omit --limit"

    def check(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
        if value is not None and value < 1:
            raise click.BadParameter(
                f"{value} is not a limit (it must be 1 or more); for all records, {how}",
                ctx=ctx,
                param=param,
            )
        return value

    shown = "At most this many (table: 50, --json: all)." if command == "list" else None
    return click.option(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        callback=check,
        help=shown or "At most this many (default: all).",
    )


def _filters(info: TableInfo, items: tuple[str, ...]) -> dict[str, Any] | None:
    from ._rows import RowError, parse_cell

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
@_limit("list")
@click.option("--all", "every", is_flag=True, help="Every record (the table is not cut at 50).")
@click.option("--per-page", type=click.IntRange(1, 500), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array (streamed; all records).")
@pass_state
def records_list(
    state: State,
    table_name: str,
    filters: tuple[str, ...],
    order: str | None,
    desc: bool,
    limit: int | None,
    every: bool,
    per_page: int,
    as_json: bool,
) -> None:
    """List records of TABLE (id or name), across pages.

    As a table: the first 50 unless --limit N or --all. With --json: all unless --limit N.
    """
    if every and limit is not None:
        raise click.UsageError("pass --limit N or --all, not both")
    client = state.client()
    info = state.table(client, table_name)
    order_name = info.field(order).name if order else None
    shown = limit if limit is not None else (None if as_json or every else 50)
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
    from rich.table import Table as RichTable

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
        note += "; more exist (use --limit N, --all, or `records export`)"
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
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "jsonl", "parquet"]),
    help="Default: from -o's name (parquet needs -o and the frames extra).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File (default: stdout).")
@click.option("--filter", "filters", multiple=True, metavar="FIELD=VALUE", help="Exact match.")
@_limit("export")
@click.option(
    "--per-page",
    type=click.IntRange(1, 500),
    default=None,
    help="Records per page  [default: 500, or no more than --limit needs]",
)
@click.option("--progress/--no-progress", default=None, help="Default: when stderr is a terminal.")
@pass_state
def records_export(
    state: State,
    table_name: str,
    fmt: str | None,
    output: str | None,
    filters: tuple[str, ...],
    limit: int | None,
    per_page: int | None,
    progress: bool | None,
) -> None:
    """Export TABLE to CSV, JSON, JSONL or Parquet, streamed page by page (constant memory).

    Pages are read ahead, up to --max-concurrency at once, and written in order.

    Parquet columns are typed by the field types (dates, UTC timestamps, choices as
    categories, numbers, booleans); it is written to a file only (-o FILE.parquet).
    """
    from ._rows import detect_format
    from ._transfer import count_records, export_records

    fmt = detect_format(output, fmt)
    target = Path(output) if output and output != "-" else None
    if fmt == "parquet" and target is None:
        raise CLIError("--format parquet writes a file, not stdout: pass -o FILE.parquet")
    client = state.client()
    info = state.table(client, table_name)
    where = _filters(info, filters)
    console = _err()
    show = console.is_terminal if progress is None else progress
    total = count_records(client, info) if show and not where else None
    if total is not None and limit is not None:
        total = min(total, limit)
    partial = target.with_name(f".{target.name}.part") if target else None
    bar = _progress(console)
    task = bar.add_task(f"export {info.name}", total=total, rate="", visible=show)

    def on_page(n: int) -> None:
        bar.advance(task, n)
        bar.update(task, rate=_rate(bar.tasks[task]))

    if fmt == "parquet":
        from ._parquet import export_parquet

        assert partial is not None
        with _removed_on_error(partial), _stopped_bar(bar, task, info.name, "export"):
            count = export_parquet(
                client, info, partial, per_page=per_page, limit=limit, filters=where,
                on_page=on_page,
            )  # fmt: skip
    else:
        with _opened(partial) as out, _stopped_bar(bar, task, info.name, "export"):
            count = export_records(
                client, info, out, fmt, per_page=per_page, limit=limit, filters=where,
                on_page=on_page,
            )  # fmt: skip
    if target is not None and partial is not None:
        partial.replace(target)
        console.print(f"exported {count} record(s) from {info.name} to {target} ({fmt})")


@contextmanager
def _stopped_bar(bar: Progress, task: TaskID, table: str, verb: str) -> Iterator[None]:
    """Show ``bar`` while the block runs; if the block stops early, the bar stays where it was
    and says why (``interrupted`` or ``stopped``) instead of jumping to the end."""
    with bar:
        try:
            yield
        except BaseException as exc:
            why = "interrupted" if isinstance(exc, KeyboardInterrupt) else "stopped"
            bar.update(task, description=f"{verb} {table} ({why})")
            bar.stop_task(task)
            raise


@contextmanager
def _removed_on_error(path: Path) -> Iterator[None]:
    try:
        yield
    except BaseException:
        path.unlink(missing_ok=True)
        raise


@contextmanager
def _opened(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    with _removed_on_error(path), path.open("w", encoding="utf-8", newline="") as stream:
        yield stream


@records.command("import")
@click.argument("table_name", metavar="TABLE")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "jsonl"]),
    help="Default: from the name (json: one array, as records export writes it).",
)
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
    """Import SOURCE (CSV, JSON array or JSONL) into TABLE in batches.

    Rows with an id update that record (or create it with that id); other rows create new
    records. Up to --max-concurrency batches are sent at once. Failed rows go to a file in the
    same format with _outcome and _error columns; import that file again to resume.
    """
    from ninoxkit._exceptions import UnknownNameError

    from ._rows import RowError, check_input, detect_format
    from ._transfer import Importer, failed_path_for

    fmt = detect_format(str(source), fmt, default="")
    if fmt == "parquet":
        raise CLIError("cannot import Parquet; import the table's CSV, JSON or JSONL export")
    if fmt not in ("csv", "json", "jsonl"):
        raise CLIError("cannot tell the format from the name; pass --format csv, json or jsonl")
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
        workers=client.max_concurrency,
    )
    try:
        with _stopped_bar(bar, task, info.name, "import"):
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
    for name in ("base_url", "team", "database", "timeout", "max_concurrency"):
        if root.get_parameter_source(name) is given:
            words += [f"--{name.replace('_', '-')}", str(root.params[name])]
    if root.params["allow_insecure_http"]:
        words.append("--allow-insecure-http")
    words += ["records", "import", table_name, str(failed_path)]
    from ._rows import detect_format

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
    from rich.table import Table as RichTable

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

"""NX scripts, the change feed, attachments and the emulator: ``query``, ``exec``,
``changes``, ``files``, ``emulator``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._base import CLIError, State, pass_state
from ._group import cli
from ._output import _err, _out, _print_json

__all__ = ["changes", "emulator", "exec_", "files", "query"]


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
    items = state.client().files.list(record_id=record_id, table=table_name)
    if as_json:
        _print_json([f.to_dict() for f in items])
        return
    from rich.table import Table as RichTable

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
    client.files.upload(
        path, record_id=record_id, table=table_name, file_name=file_name, field=field
    )
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
        for chunk in client.files.iter_bytes(record_id=record_id, file_name=name, table=table_name):
            out.write(chunk)
        out.flush()
        return
    target = Path(output or Path(name).name)
    client.files.download(record_id=record_id, file_name=name, table=table_name, to=target)
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

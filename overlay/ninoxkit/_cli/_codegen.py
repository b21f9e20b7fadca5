"""``ninoxkit codegen``: typed Python models and an OpenAPI document from a database's schema.

Registered on the main group by ``_cli/__init__.py`` (``cli.add_command(codegen)``); the
generators are imported when a command runs, not for ``--help``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._base import CLIError, State, pass_state
from ._output import _out

if TYPE_CHECKING:
    from ninoxkit._codegen._spec import TableSpec

__all__ = ["codegen"]


def _specs(state: State, tables: tuple[str, ...]) -> tuple[list[TableSpec], str]:
    from ninoxkit._codegen._spec import from_tables

    client = state.client()
    specs = from_tables(client.tables.list())
    if tables:
        wanted = {state.table(client, name).id for name in tables}
        specs = [t for t in specs if t.id in wanted]
    return specs, str(client.database_id)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        _out().print(f"wrote {output}")


@click.group()
def codegen() -> None:
    """Generate code from the database's schema (typed models, OpenAPI)."""


@codegen.command("python")
@click.option("--table", "tables", multiple=True, metavar="TABLE", help="Only this table (repeat).")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here (default stdout)."
)
@click.option(
    "--check",
    is_flag=True,
    help="Compare the module at --output with the live schema; exit 1 naming each change.",
)
@pass_state
def python_cmd(state: State, tables: tuple[str, ...], output: Path | None, check: bool) -> None:
    """A typed Python module: one dataclass per table.

    \b
    Examples:
      ninoxkit codegen python -o crm_models.py
      ninoxkit codegen python --table Contacts --check -o crm_models.py
    """
    from ninoxkit._codegen import python as python_gen

    specs, database = _specs(state, tables)
    if check:
        if output is None:
            raise CLIError("--check needs -o/--output: the generated module to compare")
        try:
            text = output.read_text(encoding="utf-8")
            # A module of the whole database (no --table) should know every table.
            changes = python_gen.check(text, specs, new_tables=not tables)
        except (ValueError, SyntaxError) as exc:
            raise CLIError(f"{output}: {exc}") from exc
        if changes:
            for change in changes:
                click.echo(str(change))
            raise click.exceptions.Exit(1)
        _out().print(f"{output} is up to date")
        return
    _write(python_gen.generate(specs, database=database), output)


@codegen.command("openapi")
@click.option("--table", "tables", multiple=True, metavar="TABLE", help="Only this table (repeat).")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here (default stdout)."
)
@pass_state
def openapi_cmd(state: State, tables: tuple[str, ...], output: Path | None) -> None:
    """An OpenAPI 3.1 document (JSON) for this database's record operations."""
    from ninoxkit._codegen import openapi as openapi_gen

    specs, database = _specs(state, tables)
    client = state.client()
    doc: dict[str, Any] = openapi_gen.generate(
        specs, team_id=str(client.team_id), database_id=database, server=client.base_url
    )
    _write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", output)

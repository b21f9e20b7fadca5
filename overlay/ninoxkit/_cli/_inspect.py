"""Inspection commands: ``teams``, ``databases``, ``tables``, ``schema``."""

from __future__ import annotations

import click

from ._base import State, pass_state
from ._group import cli
from ._output import _out, _print_json

__all__ = ["databases", "schema", "tables", "teams"]


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def teams(state: State, as_json: bool) -> None:
    """List the teams (workspaces) the key can reach."""
    items = state.client(team=False, database=False).teams.list()
    if as_json:
        _print_json([t.to_dict() for t in items])
        return
    from rich.table import Table as RichTable

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
    from rich.table import Table as RichTable

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
    from rich.table import Table as RichTable

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
    from rich.table import Table as RichTable

    console = _out()
    for t in chosen:
        table = RichTable("id", "field", "type", "choices", title=f"{t.name} ({t.id})")
        for f in t.fields.values():
            table.add_row(f.id, f.name, f.type, ", ".join(f.choices.values()))
        console.print(table)

"""Output helpers: rich consoles for stdout and stderr, JSON, and the progress bar.

rich is imported when a command first prints, not when ``--help`` is shown.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

__all__ = ["_err", "_out", "_print_json", "_progress", "_rate", "_shell"]


def _out() -> Console:
    """A console on stdout (no highlighting; long lines are not wrapped)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _err() -> Console:
    """A console on stderr, for progress, reports and notes."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _print_json(value: Any) -> None:
    """Print ``value`` as indented JSON on stdout (non-JSON values as ``str``)."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _progress(console: Console, *, rows: bool = True) -> Progress:
    """A progress bar with rows done of the total (or a percentage), rate, elapsed and ETA.

    A task added to it takes a ``rate`` field (see :func:`_rate`).
    """
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
    """A task's rows per second so far, for the bar's ``rate`` field."""
    elapsed = task.elapsed or 0.0
    if not task.completed or elapsed <= 0:
        return "… rows/s"
    return f"{task.completed / elapsed:,.0f} rows/s"


def _shell(text: str) -> str:
    """``text`` quoted for a POSIX shell."""
    import shlex

    return shlex.quote(text)

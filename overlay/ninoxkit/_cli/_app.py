"""The ``ninoxkit`` command line (click + rich); see ``ninoxkit --help``.

A map for newcomers (each module is short):

* ``_base``: exit codes, :class:`CLIError`, :class:`State` (global options → the client);
* ``_output``: consoles, JSON printing, the progress bar;
* ``_group``: the :data:`cli` group, its global options, errors → one line + exit code;
* ``_inspect``: ``teams``, ``databases``, ``tables``, ``schema``;
* ``_records``: ``records list/export/import`` (the work itself is in ``_transfer``, file
  formats in ``_rows``, Parquet in ``_parquet``);
* ``_tools``: ``query``, ``exec``, ``changes``, ``files``, ``emulator``;
* ``_codegen``: ``codegen`` (registered by ``_cli/__init__.py``).

This module registers the commands by importing their modules and re-exports the names other
command modules build on (``cli``, ``State``, ``pass_state``, the output helpers).
"""

from __future__ import annotations

from . import _inspect, _records, _tools  # noqa: F401  # registers their commands on cli
from ._base import (
    EXIT_API,
    EXIT_AUTH,
    EXIT_CODES,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    CLIError,
    Partial,
    State,
    exit_code_for,
    pass_state,
)
from ._group import NinoxGroup, cli, main
from ._output import _err, _out, _print_json, _progress, _rate

__all__ = [
    "EXIT_API",
    "EXIT_AUTH",
    "EXIT_CODES",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_USAGE",
    "CLIError",
    "NinoxGroup",
    "Partial",
    "State",
    "_err",
    "_out",
    "_print_json",
    "_progress",
    "_rate",
    "cli",
    "exit_code_for",
    "main",
    "pass_state",
]

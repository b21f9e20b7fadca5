"""The ``ninoxkit`` group: its global options, one-line errors with exit codes, ``--debug``.

Commands are added to :data:`cli` by the modules ``_app`` imports (``_inspect``, ``_records``,
``_tools``) and by ``_cli/__init__.py`` (``codegen``).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from typing import Any, NoReturn

import click

from ._base import (
    EXIT_CODES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    CLIError,
    Partial,
    State,
    exit_code_for,
)

__all__ = ["NinoxGroup", "cli", "main"]

_EPILOG = (
    "\b\nEnvironment: NINOX_API_KEY, NINOX_BASE_URL, NINOX_TEAM_ID, NINOX_DATABASE_ID,\n"
    "NINOX_DATABASE_PASSWORD; NINOXKIT_LOG=info|debug logs requests (keys redacted).\n"
    "With one team (or database) reachable, --team (--database) may be left out.\n\n"
    "\b\nExit codes:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())
)


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
        except Exception as exc:
            if not _reported(exc):
                raise
            _fail(exc, debug=debug, secret=_secret(argv))
        raise SystemExit(code if isinstance(code, int) else EXIT_OK)


def _reported(exc: Exception) -> bool:
    """Whether ``exc`` is reported as one line (anything else is a bug: a traceback)."""
    if isinstance(exc, CLIError | OSError):
        return True
    # Imported here, not at the top: ``--help`` must not load the library.
    from ninoxkit._exceptions import NinoxError

    from ._rows import RowError

    return isinstance(exc, NinoxError | RowError)


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
    "--max-concurrency",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Requests in flight at once (export read-ahead, import batches); default 4.",
)
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
      ninoxkit exec --yes 'let c := record(Contacts, 4); c.Status := "Lead"'
      ninoxkit files upload Contacts 5 ./photo.jpg
      ninoxkit emulator --port 8080 --fixture crm
    """
    ctx.obj = State(**options)
    if options["debug"]:
        _enable_debug(ctx, options["api_key"])  # click read NINOX_API_KEY into it if set


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``ninoxkit`` console script; exits with a documented code."""
    cli.main(args=argv, prog_name="ninoxkit")


# -- errors and --debug ---------------------------------------------------------------------


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
    from ninoxkit._logging import logger as ninox_logger

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


def _secret(args: list[str]) -> str | None:
    # From argv, not from the parsed options: an error can come before click has parsed them.
    for i, arg in enumerate(args):
        if arg == "--api-key" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--api-key="):
            return arg.split("=", 1)[1]
    return os.environ.get("NINOX_API_KEY") or None

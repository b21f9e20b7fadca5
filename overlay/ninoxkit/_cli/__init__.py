"""The ``ninoxkit`` command line (needs the ``cli`` extra: ``pip install 'ninoxkit[cli]'``).

Imported only by the console script, never by ``import ninoxkit``, so click and rich cost
nothing to library users.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Run the ``ninoxkit`` command line; exits with a documented code (``ninoxkit --help``)."""
    try:
        from . import _v4  # noqa: F401  # registers the ``ninoxkit v4`` group on cli
        from ._app import cli
        from ._app import main as app_main
        from ._codegen import codegen  # groups built on _app are added here, one line each
    except ImportError as exc:  # click or rich missing
        sys.stderr.write(
            f"ninoxkit: error: the command line needs the cli extra: "
            f"pip install 'ninoxkit[cli]' ({exc})\n"
        )
        raise SystemExit(2) from None
    cli.add_command(codegen)
    app_main(argv)

"""Command line: ``python -m ninoxkit.testing --port PORT [options]``."""

from __future__ import annotations

import argparse
import sys

from ._server import DEFAULT_TOKEN, NinoxEmulator, is_loopback


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, print the base URL and serve until Ctrl-C.

    Args:
        argv: arguments (default: ``sys.argv[1:]``).

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(
        prog="python -m ninoxkit.testing", description="Local Ninox API emulator."
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port (0 = any free port)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="interface to bind (loopback only by default)"
    )
    parser.add_argument("--fixture", help="YAML/JSON fixture file, or 'crm' for the sample CRM")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="bearer token to accept")
    parser.add_argument("--db", help="SQLite file that keeps the data across restarts")
    parser.add_argument(
        "--deterministic", action="store_true", help="fixed clock, predictable output"
    )
    parser.add_argument("--clock", help="start of the fixed clock, e.g. 2024-01-01T00:00:00")
    parser.add_argument("--allow-remote", action="store_true", help="allow a non-loopback --host")
    args = parser.parse_args(argv)
    if not args.allow_remote and not is_loopback(args.host):
        parser.error(f"refusing to bind non-loopback host {args.host!r} without --allow-remote")
    emulator = NinoxEmulator(
        args.fixture,
        token=args.token,
        host=args.host,
        port=args.port,
        deterministic=args.deterministic,
        clock=args.clock,
        db=args.db,
        allow_remote=args.allow_remote,
    )
    emulator._socket = emulator._bind()
    sys.stdout.write(f"{emulator.base_url}\n")
    sys.stdout.flush()
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

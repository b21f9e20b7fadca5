"""Serve the Ninox 4 emulator in the foreground: ``python -m ninoxkit.testing.v4 --port 8084``."""

from __future__ import annotations

import argparse
import logging

import uvicorn

from ninoxkit.testing._faults import Faults
from ninoxkit.testing._server import _TransportH11Protocol

from ._app import create_app
from ._faults import FaultingApp
from ._fixture import load_workspace, read_fixture


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m ninoxkit.testing.v4", description=__doc__)
    parser.add_argument("--port", type=int, default=8084, help="TCP port on 127.0.0.1")
    parser.add_argument(
        "--fixture", default="sample", help="'sample' (default), 'none' or a YAML/JSON file"
    )
    parser.add_argument(
        "--deterministic", action="store_true", help="fixed clock from 2026-10-01T00:00:00Z"
    )
    args = parser.parse_args(argv)
    workspace = load_workspace(
        read_fixture(None if args.fixture == "none" else args.fixture),
        deterministic=args.deterministic,
    )
    logging.getLogger(__name__).warning(
        "Ninox 4 emulator: http://127.0.0.1:%d/api/v1/workspace/%s (keys: %s)",
        args.port,
        workspace.id,
        ", ".join(workspace.keys),
    )
    app = FaultingApp(create_app(workspace), Faults())  # rules: POST /_emulator/faults
    uvicorn.run(
        app, host="127.0.0.1", port=args.port, log_level="warning", http=_TransportH11Protocol
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What every command shares: exit codes, the CLI's own errors, and the client state.

Nothing here imports the library at module level: ``ninoxkit --help`` loads only click (the
client is built, and ninoxkit imported, when a command first asks for it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ninoxkit._schema import TableInfo
    from ninoxkit._sync._client import Ninox

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
    "Partial",
    "State",
    "exit_code_for",
    "pass_state",
]

EXIT_OK = 0
EXIT_API = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_NOT_FOUND = 4
EXIT_AUTH = 5
EXIT_INTERRUPTED = 130

EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_API: "API error: Ninox answered an error or the connection failed (also local I/O errors)",
    EXIT_USAGE: "usage or configuration error (bad option, missing key/team/database, "
    "unreadable input file)",
    EXIT_PARTIAL: "partial failure: some rows were not imported (see the failed-row file)",
    EXIT_NOT_FOUND: "not found: no such team, database, table, field, record or file",
    EXIT_AUTH: "authentication or permission error (401/403): check the API key",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}


class CLIError(Exception):
    """An error the CLI reports as one line with a chosen exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class Partial(Exception):
    """The command finished but some rows failed (exit code 3); the report was printed."""


class State:
    """Global options, and the client built from them on first use."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.debug: bool = options["debug"]
        self._client: Ninox | None = None

    def client(self, *, team: bool = True, database: bool = True) -> Ninox:
        """The client, with team and database resolved (auto-picked when only one exists)."""
        if self._client is None:
            from ninoxkit._sync._client import Ninox

            extra: dict[str, Any] = {}
            if self.options.get("max_concurrency") is not None:
                extra["max_concurrency"] = self.options["max_concurrency"]
            self._client = Ninox(
                api_key=self.options["api_key"],
                base_url=self.options["base_url"],
                team_id=self.options["team"],
                database_id=self.options["database"],
                allow_insecure_http=self.options["allow_insecure_http"],
                timeout=self.options["timeout"],
                **extra,
            )
            click.get_current_context().call_on_close(self._client.close)
        client = self._client
        if (team or database) and client.team_id is None:
            teams = client.teams.list()
            if len(teams) != 1:
                names = ", ".join(f"{t.id} ({t.name})" for t in teams[:10]) or "none"
                raise CLIError(f"pass --team or set NINOX_TEAM_ID; teams: {names}")
            client = self._client = client.with_options(team_id=teams[0].id)
        if database and client.database_id is None:
            dbs = client.databases.list()
            if len(dbs) != 1:
                names = ", ".join(f"{d.id} ({d.name})" for d in dbs[:10]) or "none"
                raise CLIError(f"pass --database or set NINOX_DATABASE_ID; databases: {names}")
            client = self._client = client.with_options(database_id=dbs[0].id)
        return client

    def table(self, client: Ninox, name: str) -> TableInfo:
        """The table's schema by id or caption (raises UnknownNameError with close matches)."""
        return client.database().table(name).info()


pass_state = click.make_pass_decorator(State)


def exit_code_for(exc: BaseException) -> int:
    """The documented exit code of an exception (see EXIT_CODES)."""
    from ninoxkit._exceptions import (
        AuthenticationError,
        ConfigurationError,
        InvalidArgumentError,
        NotFoundError,
        PermissionDeniedError,
        UnknownNameError,
    )

    # Partial and click's errors are handled by NinoxGroup.main before this is called, and no
    # command lets a BatchWriteError out (the import turns it into failed rows).
    if isinstance(exc, CLIError):
        return exc.code
    if isinstance(exc, UnknownNameError | NotFoundError):
        return EXIT_NOT_FOUND
    if isinstance(exc, AuthenticationError | PermissionDeniedError):
        return EXIT_AUTH
    if isinstance(exc, ConfigurationError | InvalidArgumentError):
        return EXIT_USAGE
    return EXIT_API

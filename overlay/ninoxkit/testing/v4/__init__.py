"""A local, stateful emulator of the Ninox 4 Public API (``go.ninox.com``), for tests.

It is independent of the SDK and of the classic emulator (:mod:`ninoxkit.testing`): its own
store, routes and fixtures, following ``openapi/ninox4.yaml`` and the reference it cites
(``reference/ninox4-public-api.md``). In-process, through httpx's ASGI transport::

    import httpx
    from ninoxkit.testing.v4 import DEFAULT_TOKEN, create_app, load_workspace, read_fixture

    ws = load_workspace(read_fixture("sample"), deterministic=True)
    transport = httpx.ASGITransport(app=create_app(ws))
    async with httpx.AsyncClient(transport=transport, base_url="https://go.ninox.com") as http:
        await http.get(f"/api/v1/workspace/{ws.id}/modules",
                       headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"})

or on a loopback socket with :class:`Ninox4Emulator` (``emu.workspace_url``, ``emu.token``),
or from the command line: ``python -m ninoxkit.testing.v4 --port 8084 --fixture sample``.

What it does: every operation of the contract; offset paging (``limit`` 1–100, default 100,
``page_info.has_more``); transactional record PATCH/DELETE, upsert and field batches (a bad
row changes nothing); record values checked by field type (§7.3; ``function`` fields are not
computed and read ``null``); 413 above 6 MB (records) and 50 MB (CSV); change feeds with
``since``/``asOf`` windows (record changes only on tables with ``hasHistory``); key scopes
(403 naming the scope; role keys need ``schema:manage-permissions``); ``401 text/plain``
``Workspace orchestrator error`` for a missing, wrong or other workspace's key; ``200`` HTML
for unknown paths. ``script/exec`` evaluates JSON literals only (there is no script
interpreter); report print answers a URL under ``emulator.invalid``. Fault injection as on the
classic emulator (``emu.add_fault("status", status=503, path="/records")``, latency, reset,
truncate, hang; over HTTP at ``/_emulator/faults``), with Ninox 4 error bodies; ``reset()``
clears the rules. A deterministic emulator sends no ``date``/``server`` headers.

Fixture format (YAML or JSON)::

    workspace: {id: 5rdco4s18swu, name: Acme}     # id: 12 lower-case letters and digits
    keys:                                          # optional; default: one full key and one
      - {token: my-key, scopes: [records:write, schema:write, schema:manage-permissions]}
    modules:
      - name: crm                                  # machine names: ^[a-z0-9_]{1,100}$
        labels: {"": CRM}                          # other keys as in CreateModuleBody
        tables:
          - name: customers                        # keys as in CreateTableBody
            hasHistory: true
            fields:                                # CreateFieldBody; labels default to the name
              - {name: status, type: choice, options: [{name: Lead}]}
              - {name: company, type: reference, refTableName: companies}
            records:                               # flat values; ids 1, 2, … in order
              - {status: Lead}
        views: [{id: v1, name: All, table: customers}]
        reports: [{id: r1, name: Sheet, table: customers}]
        functions: [{id: f1, name: greet, code: "…"}]
"""

from ._app import MAX_CSV_BYTES, MAX_RECORDS_BYTES, create_app
from ._fixture import (
    DEFAULT_CLOCK,
    DEFAULT_TOKEN,
    READ_TOKEN,
    SAMPLE_WORKSPACE,
    load_workspace,
    read_fixture,
)
from ._server import Ninox4Emulator
from ._store import ApiError, Workspace

__all__ = [
    "DEFAULT_CLOCK",
    "DEFAULT_TOKEN",
    "MAX_CSV_BYTES",
    "MAX_RECORDS_BYTES",
    "READ_TOKEN",
    "SAMPLE_WORKSPACE",
    "ApiError",
    "Ninox4Emulator",
    "Workspace",
    "create_app",
    "load_workspace",
    "read_fixture",
]

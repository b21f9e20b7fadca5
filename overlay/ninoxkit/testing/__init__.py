"""A local, stateful Ninox API emulator for tests and demos.

Start it from Python::

    from ninoxkit.testing import NinoxEmulator

    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        emu.base_url   # "http://127.0.0.1:PORT/v1"
        emu.token      # the bearer token it accepts
        emu.faults.add("status", status=429, path="/records", max_count=1)

from pytest (``-p ninoxkit.testing.pytest_plugin`` or ``pytest_plugins = [...]``, fixture
``ninox_emulator``), or from the command line::

    python -m ninoxkit.testing --port 8080 --fixture crm --deterministic

It implements every operation of the team contract (``/v1`` API: teams, databases and schema,
views and shares, NX ``query``/``exec`` (subset: :mod:`ninoxkit.testing._nx`), tables, records,
files, change sets, reports) with Ninox's semantics as far as the reference knows them, plus a
control API outside ``/v1``:

- ``GET|POST|DELETE /_emulator/faults``, ``DELETE /_emulator/faults/{id}``: fault rules
  (:class:`FaultRule` fields as JSON);
- ``GET|DELETE /_emulator/requests``: the request log (method, raw path, query, status, fault);
- ``GET|POST /_emulator/options``: ``page_cap``, ``ignore_filters``, ``quota`` (JSON; the
  answer adds ``calls``, the calls counted against the quota);
- ``POST /_emulator/reset``: initial data, clock and options back, faults and log cleared;
- ``GET /_emulator/health``.

Fixture format (YAML or JSON)::

    user: root                      # createdBy/modifiedBy (optional)
    teams:
      - name: Acme                  # id: optional (derived predictably from the name)
        databases:
          - name: CRM               # id, password (nx-password header), settings: optional
            tables:                 # ids A, B, … in order
              - name: Contacts
                fields:             # ids A, B, … in order
                  - {name: Name, type: string}
                  - {name: Status, type: choice, choices: [Lead, Customer]}
                records:            # ids 1, 2, …; or {id: 7, fields: {...}, files: [...]}
                  - {Name: Lisa, Status: Lead}
                  - id: 7
                    fields: {Name: Tom}
                    files: [{name: a.txt, text: hi}]   # or base64: ...; field: <file field>
            views: [{id: v1, caption: All, type: A}]
            reports: [{id: r1, caption: Sheet, tid: A, files: [{name: t.docx, text: x}]}]

Field types are the schema ``base`` values (reference §7.4, §13): string, html, number,
boolean, choice, multi, date, time, timestamp, timeinterval, appointment, file, link (URL),
email, phone, location, color, icon, user, and the computed or linking ones::

    - {name: Company, type: ref, ref: Companies}                  # a link; value: the record id
    - {name: Contacts, type: rev, ref: Contacts, reverseField: Company}   # its reverse side
    - {name: Summary, type: fn, fn: 'Name + " (" + text(Employees) + ")"'}  # a formula (NX)

``ref``/``reverseField`` may name tables and fields; the schema holds their ids. Formula and
reverse-link values are not returned by the record routes, only through ``/query``/``exec``.

The emulator is an independent oracle: it is written from the reference alone and imports no
SDK code (``tests/emulator/test_independence.py``); where sources conflict it accepts every
documented variant. Options for testing clients: ``NinoxEmulator(page_cap=…, ignore_filters=…,
quota=…)`` or ``POST /_emulator/options``.
"""

from ._app import EmulatorOptions
from ._faults import FaultRule, Faults
from ._server import CRM_FIXTURE, DEFAULT_TOKEN, NinoxEmulator, load_fixture_file

__all__ = [
    "CRM_FIXTURE",
    "DEFAULT_TOKEN",
    "EmulatorOptions",
    "FaultRule",
    "Faults",
    "NinoxEmulator",
    "load_fixture_file",
]

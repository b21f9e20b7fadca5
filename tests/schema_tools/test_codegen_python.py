"""``codegen python``: the generated crm models type-check under mypy --strict in a user script,
run against the emulator, and ``check`` names every schema change."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ninoxkit import Ninox
from ninoxkit._cli._app import cli
from ninoxkit._cli._codegen import codegen
from ninoxkit._codegen.python import check, embedded_schema, generate
from ninoxkit.testing import NinoxEmulator
from ninoxkit.types import Record

from .conftest import DB, TEAM

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])

ROOT = Path(__file__).resolve().parents[2]

USER_SCRIPT = """
import datetime

from ninoxkit.types import Record
from ninoxkit import Ninox

from ninoxkit._codegen._runtime import Link
from crm_models import Companies, Contacts, Deals


def run(client: Ninox) -> list[str]:
    table = client.database().table(Contacts.TABLE_NAME)
    people = [Contacts.from_record(r) for r in table.list()]
    lisa = Contacts.from_record(table.get(record_id=1, convert=True))
    new = Contacts(first_name="Zoe", status="Lead", birthday=datetime.date(2000, 1, 2), score=7.5)
    (created,) = table.create([new.to_fields()], convert=True)
    zoe = Contacts.from_record(created)
    deal = Deals.from_record(client.database().table(Deals.TABLE_ID).get(record_id=1))
    total: float = sum(p.score or 0.0 for p in people)
    company: Link[Companies] | None = lisa.company
    assert company is not None
    employer: Companies = company.fetch(client.database())
    moved = Contacts(company=Companies.link(2))
    return [lisa.status or "", str(zoe.id), str(zoe.birthday), str(total), str(company.id),
            str(deal.close_date), employer.name or "", str(moved.to_fields()["Company"])]
"""

#: What mypy --strict must refuse: a choice outside the Literal, a wrong type, a typo, a link
#: to the wrong table and a bare id where a link goes.
BAD_SCRIPT = """
from crm_models import Contacts, Deals

a = Contacts(status="Bogus")
b = Contacts(score="high")
c = Contacts(frist_name="x")
d = Contacts(company=Deals.link(1))
e = Contacts(company=1)
"""


#: Every field type, and captions that are no Python identifiers or collide once cleaned.
ODD_TABLES: list[dict[str, Any]] = [
    {
        "id": "A",
        "name": "1st class",
        "fields": [
            {"id": "A", "name": "class", "type": "string"},
            {"id": "B", "name": "First Name", "type": "string"},
            {"id": "C", "name": "First-Name", "type": "string"},
            {"id": "D", "name": "Größe", "type": "number"},
            {"id": "E", "name": "At", "type": "timestamp"},
            {"id": "F", "name": "Time", "type": "time"},
            {"id": "G", "name": "Took", "type": "timeinterval"},
            {"id": "H", "name": "Meeting", "type": "appointment"},
            {"id": "I", "name": "Where", "type": "location"},
            {
                "id": "J",
                "name": "Tags",
                "type": "multi",
                "choices": [{"id": "1", "caption": 'say "hi"'}, {"id": "2", "caption": "b"}],
            },
            {"id": "K", "name": "Scan", "type": "file"},
            {"id": "L", "name": "Owner", "type": "user"},
            {"id": "M", "name": "id", "type": "string"},
            {"id": "N", "name": "Parent", "type": "ref", "ref": "A"},
        ],
    },
    {"id": "B", "name": "1st-class", "fields": []},
]


def crm_tables(client: Ninox) -> list[dict[str, Any]]:
    return [t.to_dict() for t in client.tables.list()]


@pytest.fixture
def models_dir(crm: Ninox, tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "crm_models.py").write_text(generate(crm_tables(crm), database=DB))
    sys.path.insert(0, str(tmp_path))
    try:
        yield tmp_path
    finally:
        sys.path.remove(str(tmp_path))
        for name in ("crm_models", "user_script"):
            sys.modules.pop(name, None)


def mypy_strict(directory: Path, *files: str, cache: Path) -> tuple[str, int]:
    from mypy import api

    config = directory / "mypy.ini"
    # ninoxkit is checked by its own mypy run; here it is followed silently (fast, cached).
    config.write_text(
        textwrap.dedent(f"""\
        [mypy]
        strict = True
        mypy_path = {ROOT / "generated"}:{ROOT / "overlay"}
        [mypy-ninoxkit.*,ninox_api.*]
        follow_imports = silent
        """)
    )
    out, err, status = api.run(
        [
            "--config-file",
            str(config),
            "--cache-dir",
            str(cache),
            *(str(directory / f) for f in files),
        ]
    )
    return out + err, status


def test_generated_models_pass_mypy_strict(models_dir: Path) -> None:
    # A cache kept across runs (pytest's own cache is off here): later runs take ~1 s.
    cache = ROOT / ".mypy_cache" / "schema_tools"
    (models_dir / "user_script.py").write_text(USER_SCRIPT)
    (models_dir / "odd_models.py").write_text(generate(ODD_TABLES))
    files = ("crm_models.py", "user_script.py", "odd_models.py")
    out, status = mypy_strict(models_dir, *files, cache=cache)
    assert status == 0, out
    (models_dir / "bad.py").write_text(BAD_SCRIPT)
    out, status = mypy_strict(models_dir, "bad.py", cache=cache)
    assert status == 1
    assert out.count("error:") == 5, out
    for culprit in (
        "Bogus",
        "score",
        "frist_name",
        "Link[Deals]",
        'type "int"; expected "Link[Companies]',
    ):
        assert culprit in out


def test_generated_models_run_a_user_script(crm: Ninox, models_dir: Path) -> None:
    (models_dir / "user_script.py").write_text(USER_SCRIPT)
    spec = importlib.util.spec_from_file_location("user_script", models_dir / "user_script.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.run(crm) == [
        "Customer", "6", "2000-01-02", "299.0", "1", "2024-03-31", "Acme Corp", "2"
    ]  # fmt: skip
    stored = crm.records.get(record_id=6, table="Contacts").fields.additional_properties
    assert stored == {"First Name": "Zoe", "Status": "Lead", "Birthday": "2000-01-02", "Score": 7.5}


def test_models_round_trip_and_leave_out_computed_fields(crm: Ninox, models_dir: Path) -> None:
    import crm_models  # type: ignore[import-not-found]

    companies = crm_models.Companies
    assert set(companies.FIELDS) == {"name", "website", "industry", "employees"}  # no fn/rev
    acme = companies.from_record(crm.records.get(record_id=1, table="Companies", convert=True))
    assert acme.employees == 250.0
    assert isinstance(acme.employees, float)
    assert acme.industry == "Manufacturing"
    assert companies.from_record(crm.records.get(record_id=1, table="Companies")) == acme
    assert acme.to_fields() == {
        "Name": "Acme Corp",
        "Website": "https://acme.example",
        "Industry": "Manufacturing",
        "Employees": 250.0,
    }
    contact = crm_models.Contacts(first_name="X")
    assert contact.to_fields(include_empty=True)["Birthday"] is None
    with pytest.raises(AttributeError):
        contact.first_name = "Y"  # frozen
    birthday = crm_models.Contacts.from_record(crm.records.get(record_id=1, table="B")).birthday
    assert birthday == dt.date(1985, 3, 14)


def test_odd_names_and_every_type(models_dir: Path) -> None:
    (models_dir / "odd_models.py").write_text(generate(ODD_TABLES))
    import odd_models  # type: ignore[import-not-found]

    assert odd_models.__all__ == ["T1stClass", "T1stClass_2"]
    cls = odd_models.T1stClass
    assert list(cls.FIELDS) == [
        "class_",
        "first_name",
        "first_name_2",
        "grosse",
        "at",
        "time",
        "took",
        "meeting",
        "where",
        "tags",
        "id_",
        "parent",
    ]  # fmt: skip (file and user fields are left out)
    record = Record.from_dict(
        {
            "id": 4,
            "fields": {
                "class": "x",
                "At": "2024-05-06T07:08:09",
                "Took": "1:00:00.000",
                "Tags": ['say "hi"'],
                "Größe": 3,
                "Parent": 2,
            },
        }
    )
    item = cls.from_record(record)
    assert item.class_ == "x"
    assert item.at == dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    assert item.took == dt.timedelta(hours=1)
    assert item.tags == ('say "hi"',)
    assert item.grosse == 3.0
    assert item.parent is not None
    assert item.parent.id == 2
    assert item.parent.model is cls  # a link to its own table: typed by its own model
    assert item.to_fields()["Tags"] == ['say "hi"']
    assert item.to_fields()["Parent"] == 2
    sys.modules.pop("odd_models", None)


def test_output_is_deterministic(crm: Ninox) -> None:
    tables = crm_tables(crm)
    assert generate(tables, database=DB) == generate(copy.deepcopy(tables), database=DB)
    assert embedded_schema(generate(tables))[1]["name"] == "Contacts"


def test_check_names_each_change(crm: Ninox) -> None:
    tables = crm_tables(crm)
    module = generate(tables)
    assert check(module, tables) == []
    live = copy.deepcopy(tables)
    contacts = live[1]["fields"]
    contacts.append({"id": "J", "name": "Nickname", "type": "string"})
    contacts[:] = [f for f in contacts if f["name"] != "Email"]
    next(f for f in contacts if f["name"] == "Score")["type"] = "string"
    next(f for f in contacts if f["name"] == "Last Name")["name"] = "Surname"
    status = next(f for f in contacts if f["name"] == "Status")
    status["choices"] = [*status["choices"][:2], {"id": "4", "caption": "Partner"}]
    assert [str(c) for c in check(module, live)] == [
        "renamed: Contacts.Last Name (now 'Surname')",
        "removed: Contacts.Email",
        "choices changed: Contacts.Status (added ['Partner'], removed ['Churned'])",
        "retyped: Contacts.Score (number -> string)",
        "added: Contacts.Nickname (string)",
    ]
    live.append({"id": "D", "name": "Notes", "fields": []})
    assert [str(c) for c in check(module, live, new_tables=True)][-1] == "table added: Notes"
    assert "table added: Notes" not in map(str, check(module, live))
    assert str(check(module, live[1:])[0]) == "table removed: Companies"


@pytest.fixture
def run_cli(crm_server: NinoxEmulator) -> Iterator[Any]:
    cli.add_command(codegen)
    env = {
        "NINOX_API_KEY": crm_server.token,
        "NINOX_BASE_URL": crm_server.base_url,
        "NINOX_TEAM_ID": TEAM,
        "NINOX_DATABASE_ID": DB,
    }

    def run(*args: str) -> Any:
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    try:
        yield run
    finally:
        cli.commands.pop("codegen", None)


def test_cli_writes_and_checks(run_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "m.py"
    result = run_cli("codegen", "python", "--table", "Contacts", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "class Contacts" in out.read_text()
    assert "class Deals" not in out.read_text()
    result = run_cli("codegen", "python", "--table", "Contacts", "-o", str(out), "--check")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    out.write_text(out.read_text().replace('"name": "VIP"', '"name": "V.I.P."'))
    result = run_cli("codegen", "python", "--table", "Contacts", "-o", str(out), "--check")
    assert result.exit_code == 1
    assert result.output.strip() == "renamed: Contacts.V.I.P. (now 'VIP')"
    result = run_cli("codegen", "python", "--table", "Nope")
    assert result.exit_code == 4, result.output
    stdout = run_cli("codegen", "python").output
    assert stdout.startswith('"""Typed models for Ninox database crm0acme0001')

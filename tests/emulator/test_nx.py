"""The NX subset of /query and /exec (grammar in ninoxkit.testing._nx)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ninoxkit.testing._clock import Clock
from ninoxkit.testing._errors import ApiError
from ninoxkit.testing._nx import NXError, evaluate, parse
from ninoxkit.testing._server import CRM_FIXTURE, load_fixture_file
from ninoxkit.testing._store import Store

from tests.helpers import examples

from .conftest import P


def q(client: httpx.Client, src: str, *, path: str = "/query") -> Any:
    r = client.post(P + path, json={"query": src})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("7 / 2", 3.5),
        ("-2 + 5", 3),
        ('"a" + 1 + "b"', "a1b"),
        ('"say ""hi"" now"', 'say "hi" now'),
        ('---He said "yes"---', 'He said "yes"'),
        ("let x := 5; 2 + x", 7),
        ("var x := 1; x := x + 1; x", 2),
        ("true and not false", True),
        ("1 < 2 or 1 / 1 = 3", True),
        ("null", None),
        ("select Companies", ["A1", "A2", "A3"]),
        ("select A where D > 100", ["A1", "A2"]),
        ("select 'Contacts' where Status = \"Lead\" and Score >= 50", ["B3"]),
        ("(select Contacts where Status = \"Lead\").'First Name'", ["Tom", "Anna"]),
        ("(select Contacts)[VIP = true].Email", ["lisa@acme.example", "mei@globex.example"]),
        ('first(select Deals where Stage = "Won").Title', "Initech renewal"),
        ("last((select Deals).Amount)", 8000),
        ("count(select Contacts where Company = 1)", 2),
        ("sum((select Deals).Amount)", 24500),
        ("min((select Contacts).Score)", 12),
        ("max((select Contacts).Birthday)", "1992-01-05"),
        ("avg((select Deals).Amount)", 8166.666666666667),
        ("avg((select Deals where Amount > 99999).Amount)", None),
        ("record(Contacts, 2).'Last Name'", "Baker"),
        ("record(B, 99)", None),
        ('if count(select Deals) > 2 then "many" else "few" end', "many"),
        ("concat((select Companies).Name)", "Acme Corp, Globex, Initech"),
        ("// comment\n1 /* inline */ + 1", 2),
        # order by: ascending, stable, empty keys last; both forms; ``by`` optional
        ("(select Contacts) order by Score", ["B4", "B2", "B3", "B1", "B5"]),
        ("select Contacts where Score > 50 order by 'Last Name'", ["B5", "B1", "B3"]),
        ("(select Contacts where Score > 50) order by 'Last Name'", ["B5", "B1", "B3"]),
        ("(select Contacts order Birthday).'First Name'", ["Anna", "Lisa", "Tom", "Mei", "Ravi"]),
        (
            "(select Contacts order by Status).Status",
            ["Churned", "Customer", "Customer", "Lead", "Lead"],
        ),
        ("select Contacts order by VIP", ["B2", "B1", "B5", "B3", "B4"]),
        ("(select Contacts order by -Score).Score", [93, 87, 65, 42, 12]),
        (
            "(select Deals order by Contact).Title",
            ["Acme rollout", "Globex pilot", "Initech renewal"],
        ),
        ("count(select Contacts where VIP = true order by Score)", 2),
        # contains: case-sensitive text search; any value by its text; a list by its items
        ('select Contacts where contains(Email, "acme")', ["B1", "B4"]),
        ('select Contacts where contains(Email, "ACME")', []),
        ('select Contacts where contains(Status, "ust")', ["B1", "B5"]),
        ('select Contacts where contains(Score, "2")', ["B2", "B4"]),
        ('select Contacts where contains(Birthday, "-07-")', ["B3"]),
        ('select Contacts where contains(Birthday, "")', ["B1", "B2", "B3", "B4", "B5"]),
        ('select Contacts where not contains(Birthday, "1")', ["B4"]),
        ('contains((select Contacts).Status, "Lead")', True),
        ('contains(["a", "b"], "ab")', False),
        ("contains([1, 2], 2)", True),
    ],
)
def test_query_subset(client: httpx.Client, src: str, expected: Any) -> None:
    assert q(client, src) == expected


def test_query_get_form(client: httpx.Client) -> None:
    r = client.get(P + "/query", params={"query": "(select Contacts).'First Name'"})
    assert r.json() == ["Lisa", "Tom", "Anna", "Ravi", "Mei"]
    assert client.get(P + "/query").status_code == 400


@pytest.mark.parametrize(
    "src",
    [
        "for x in select Deals do x end",
        'http("GET", "https://example.com")',
        "select Nope",
        "(select Deals).Nope",
        "1 +",
        '"unterminated',
        '1 < "a"',
        "(select Contacts).Score order by Score",
        "(select Companies) order by Contacts",
        'contains("a")',
        "order by Score",
        "1 / 0",
        "1 = 1 = 1",
        "x",
        "#",
        "",
    ],
)
def test_unsupported_or_invalid_gives_400(client: httpx.Client, src: str) -> None:
    r = client.post(P + "/query", json={"query": src})
    assert r.status_code == 400
    assert r.json()["message"]


@pytest.mark.parametrize(
    "src",
    [
        "create Deals",
        "delete record(Deals, 1)",
        'record(Deals, 1).Title := "x"',
        "let r := record(Deals,1); r.Amount := 1",
    ],
)
def test_query_refuses_writes(client: httpx.Client, src: str) -> None:
    before = client.get(P + "/changes").json()["seq"]
    r = client.post(P + "/query", json={"query": src})
    assert r.status_code == 400
    assert "read-only" in r.json()["message"]
    assert client.get(P + "/changes").json()["seq"] == before


def test_exec_writes(client: httpx.Client) -> None:
    ref = q(client, 'let r := create Deals; r.Title := "Big"; r.Amount := 99; r', path="/exec")
    assert ref == "C4"
    rec = client.get(P + "/tables/C/records/4").json()
    assert rec["fields"] == {"Title": "Big", "Amount": 99}
    q(client, '(record(Contacts, 1)).Status := "Churned"', path="/exec")
    assert client.get(P + "/tables/B/records/1").json()["fields"]["Status"] == "Churned"
    q(client, '(select Deals where Amount < 5000).Stage := "Lost"', path="/exec")
    assert q(client, 'count(select Deals where Stage = "Lost")') == 2
    assert (
        q(client, 'delete (select Deals where Stage = "Lost"); count(select Deals)', path="/exec")
        == 2
    )
    assert q(client, "delete record(Deals, 1); count(select Deals)", path="/exec") == 1
    r = client.post(P + "/exec", json={"query": 'record(Deals, 3).Amount := "lots"'})
    assert r.status_code == 400
    assert client.post(P + "/exec", json={"q": "1"}).status_code == 400


def test_nx_unit_level_parse_and_fuzz() -> None:
    assert parse("'First Name'")[1][0] == ("var", "First Name")
    with pytest.raises(NXError):
        parse("(" * 1000)


_STORE = Store(Clock("2024-01-01T00:00:00"))
_STORE.load_fixture(load_fixture_file(CRM_FIXTURE))
_DB = next(iter(next(iter(_STORE.teams.values())).databases.values()))
_ALPHABET = st.sampled_from(
    [
        *"()[].,;:=<>+-*/\"' \n",
        "select ",
        "where ",
        "Deals",
        "Amount",
        "1",
        "2.5",
        "let x",
        "x",
        "and ",
        "not ",
        "first(",
        "count(",
        "if ",
        " then ",
        " else ",
        " end",
        "record(",
        "null",
        "true",
        " order by ",
        " order ",
        "contains(",
        "Stage",
    ]
)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_nx_fuzz_never_crashes(src: str) -> None:
    # Any input either evaluates or raises a client error (400) — never another exception.
    status = 200
    try:
        evaluate(_STORE, _DB, src, allow_writes=False)
    except ApiError as exc:
        status = exc.status
    assert status in (200, 400)


def test_a_long_operator_chain_is_a_clear_400_or_a_value_never_a_500() -> None:
    from ninoxkit.testing import NinoxEmulator

    script = " + ".join(["1"] * 800)
    with NinoxEmulator(fixture="crm", deterministic=True) as emu:
        response = httpx.post(
            f"{emu.base_url}/teams/AcmeTeam4mPLY6DMs/databases/crm0acme0001/query",
            json={"query": script},
            headers={"Authorization": f"Bearer {emu.token}"},
        )
    assert response.status_code in (200, 400), response.text
    if response.status_code == 200:
        assert response.json() == 800


@settings(max_examples=examples(200), deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**12), 10**12))
def test_numbers_quoted_by_the_sdk_evaluate_to_themselves(value: float) -> None:
    from ninoxkit import nx

    # NX numbers are doubles: compare as such (the emulator reads "1234" as an int).
    result = evaluate(_STORE, _DB, str(nx.quote(value)), allow_writes=False)
    assert float(result) == float(value)


def test_time_values_compare_as_the_sdk_writes_them() -> None:
    store = Store(Clock("2024-01-01T00:00:00"))
    fields = [
        {"name": "Took", "type": "timeinterval"},
        {"name": "At", "type": "timestamp"},
        {"name": "Starts", "type": "time"},
    ]
    records = [
        {"Took": "1:30:00.000", "At": "2024-05-06T07:08:09", "Starts": "08:00:00"},
        {"Took": 1500, "At": "2024-05-06T07:08:09.500Z", "Starts": "17:30:00.250"},
        {},
    ]
    table = {"name": "Runs", "fields": fields, "records": records}
    db = {"id": "db1", "name": "D", "tables": [table]}
    store.load_fixture({"teams": [{"id": "t1", "name": "T", "databases": [db]}]})
    database = store.database("t1", "db1")

    def run(src: str) -> Any:
        return evaluate(store, database, src, allow_writes=False)

    # A time interval is its milliseconds in NX, as timeinterval(ms) is.
    assert run("(select Runs).Took") == [5_400_000, 1500, None]
    assert run("select Runs where Took > timeinterval(60000)") == ["A1"]
    assert run("select Runs where Took = timeinterval(1500)") == ["A2"]
    assert run("select Runs order by Took") == ["A2", "A1", "A3"]
    assert run("select Runs where At >= datetime(2024, 5, 6, 7, 8, 9, 500)") == ["A2"]
    assert run("select Runs where At < datetime(2024, 5, 6, 7, 8, 9, 500)") == ["A1"]
    assert run("select Runs where Starts < time(12, 0, 0, 0)") == ["A1"]
    assert run("select Runs where Starts = time(17, 30, 0, 250)") == ["A2"]

# Written by scripts/unasync.py from tests/resources/_async/test_scripts.py.
# Do not edit: edit the source and re-run the script.
"""NX scripts (evaluateQuery, runQuery, execScript) over cassettes."""

from __future__ import annotations

from ninoxkit import Ninox, nx

from tests.resources.recording import Session


def test_short_query_is_a_get(target: Session) -> None:
    with Ninox(**target.options()) as client:
        count = client.scripts.query("count(select Contacts)")
        names = client.scripts.query(
            "(select Contacts where Status = " + nx.quote("Customer") + ").'First Name'"
        )
    assert count == 5
    assert sorted(names) == ["Lisa", "Mei"]


def test_long_query_is_a_post(target: Session) -> None:
    # Over the URL budget the script goes in a POST body (runQuery); same answer.
    text = "ninox " * 120
    with Ninox(**target.options()) as client:
        echoed = client.scripts.query(nx.quote(text))
    assert echoed == text


def test_exec_writes(target: Session) -> None:
    with Ninox(**target.options()) as client:
        client.scripts.exec(
            "let r := (create Deals); r.Title := " + nx.quote("From NX") + "; r.Amount := 7"
        )
        found = client.records.find_one({"Title": "From NX"}, table="C")
    assert found is not None
    assert found.fields["Amount"] == 7

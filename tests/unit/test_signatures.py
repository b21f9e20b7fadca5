"""Signatures a user leans on (issue #19 item 4).

- A ``Table``/``Database`` handle method that forwards to a resource method takes exactly the
  resource method's parameters (names, kinds, defaults, annotations, order), minus the ones
  the handle fixes: they are declared twice (a type checker cannot subtract keywords from a
  signature), so this test is what keeps the copies from drifting.
- Ids are keyword-only everywhere (house style §2): no public method of a facade, a resource or
  a handle takes ``table``, ``record_id``, ``*_ids``, … positionally.
- Every class a facade attribute hands out is importable from ``ninoxkit`` by its name, for
  type annotations.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import ninoxkit
import pytest
from ninoxkit._async._handles import AsyncDatabase, AsyncTable
from ninoxkit._async.resources.changes import AsyncChanges
from ninoxkit._async.resources.records import AsyncRecords
from ninoxkit._async.resources.scripts import AsyncScripts
from ninoxkit._sync._handles import Database, Table
from ninoxkit._sync.resources.changes import Changes
from ninoxkit._sync.resources.records import Records
from ninoxkit._sync.resources.scripts import Scripts

#: Handle method → the resource method it forwards to, per twin.
FORWARDS: dict[type, dict[str, Callable[..., Any]]] = {
    AsyncTable: {
        "list": AsyncRecords.list,
        "get": AsyncRecords.get,
        "get_many": AsyncRecords.get_many,
        "find_one": AsyncRecords.find_one,
        "create": AsyncRecords.create,
        "update": AsyncRecords.update,
        "upsert": AsyncRecords.upsert,
        "update_one": AsyncRecords.update_one,
        "delete": AsyncRecords.delete,
        "delete_many": AsyncRecords.delete_many,
        "changes": AsyncChanges.since,
    },
    Table: {
        "list": Records.list,
        "get": Records.get,
        "get_many": Records.get_many,
        "find_one": Records.find_one,
        "create": Records.create,
        "update": Records.update,
        "upsert": Records.upsert,
        "update_one": Records.update_one,
        "delete": Records.delete,
        "delete_many": Records.delete_many,
        "changes": Changes.since,
    },
    AsyncDatabase: {
        "query": AsyncScripts.query,
        "exec": AsyncScripts.exec,
        "changes": AsyncChanges.since,
    },
    Database: {"query": Scripts.query, "exec": Scripts.exec, "changes": Changes.since},
}

#: Handle methods that forward to no single resource method, and why.
OWN = {
    "info": "the table's entry of the cached schema",
    "field": "a field of the cached schema",
    "create_from_frame": "converts a frame's rows, then writes them through create",
    "formula_values": "builds read-only NX scripts",
    "select": "compiles an NX condition, then reads the records it names",
    "records_from_refs": "parses NX record references, then reads them",
    "table": "makes a table handle",
    "schema": "the client's cached schema (databases.schema reads it afresh every time)",
}

#: The parameters each handle fixes for its methods.
FIXED = {
    AsyncTable: {"table", "team_id", "database_id"},
    Table: {"table", "team_id", "database_id"},
    AsyncDatabase: {"team_id", "database_id"},
    Database: {"team_id", "database_id"},
}


def _public_methods(cls: type) -> list[str]:
    return [name for name, fn in vars(cls).items() if inspect.isfunction(fn) and name[0] != "_"]


def _shape(fn: Callable[..., Any], drop: set[str]) -> list[tuple[str, Any, Any, Any]]:
    signature = inspect.signature(fn)
    return [
        (p.name, p.kind, p.default, p.annotation)
        for p in signature.parameters.values()
        if p.name not in drop
    ] + [("return", None, None, signature.return_annotation)]


@pytest.mark.parametrize("handle", list(FORWARDS), ids=lambda c: c.__name__)
def test_a_handle_method_takes_what_its_resource_method_takes(handle: type) -> None:
    forwards = FORWARDS[handle]
    unmapped = set(_public_methods(handle)) - set(forwards) - set(OWN)
    assert not unmapped, f"say in FORWARDS or OWN what {handle.__name__}.{unmapped} does"
    for name, target in forwards.items():
        mine = _shape(getattr(handle, name), {"self"})
        theirs = _shape(target, {"self"} | FIXED[handle])
        assert mine == theirs, f"{handle.__name__}.{name} has drifted from {target.__qualname__}"


def test_the_table_handle_forwards_what_it_takes(fake_handles: Any) -> None:
    """The parameters added to the handle reach the request (not only the signature)."""
    table, sent = fake_handles
    list(table.list(start_page=1, ids=True, style="names", per_page=2, limit=1))
    query = sent[-1].url.params
    assert (query["page"], query["ids"], query["style"]) == ("1", "true", "names")
    table.get(record_id=1, choice_style="ids", style="names")
    query = sent[-1].url.params
    assert (query["choiceStyle"], query["style"]) == ("ids", "names")
    table.changes(3, record_id=1)
    assert sent[-1].url.path.endswith("/tables/A/records/1/changes")


@pytest.fixture
def fake_handles() -> Iterator[tuple[Table, list[Any]]]:
    import httpx

    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path.endswith("/changes"):
            return httpx.Response(200, json={"seq": 3, "updates": {}, "removes": []})
        if request.url.path.endswith("/records"):
            return httpx.Response(200, json=[{"id": 1, "sequence": 1, "fields": {}}])
        return httpx.Response(200, json={"id": 1, "sequence": 1, "fields": {}})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = ninoxkit.Ninox(api_key="k", base_url="http://127.0.0.1:9/v1", http_client=http)
    with client:
        yield client.database(team_id="t", database_id="d").table("A"), sent


# -- ids are keyword-only ---------------------------------------------------------------------

ID_NAME = re.compile(r"^(table|module|field)$|(^|_)ids?$")
#: Handle factories whose one argument is what they name, as in ``db.table("Contacts")``.
NAMING = {("Database", "table"), ("AsyncDatabase", "table"), ("Table", "field")}
NAMING |= {("AsyncTable", "field")}


def _facades() -> list[Any]:
    kw: dict[str, Any] = {"api_key": "k"}
    return [
        ninoxkit.Ninox(base_url="http://127.0.0.1:9/v1", **kw),
        ninoxkit.AsyncNinox(base_url="http://127.0.0.1:9/v1", **kw),
        ninoxkit.Ninox4(workspace_id="abcdefabcdef", base_url="http://127.0.0.1:9", **kw),
        ninoxkit.AsyncNinox4(workspace_id="abcdefabcdef", base_url="http://127.0.0.1:9", **kw),
    ]


def _handed_out() -> set[type]:
    """Every class a facade attribute (and a handle) hands out, with the facades themselves."""
    classes: set[type] = set()
    for facade in _facades():
        classes.add(type(facade))
        for name in dir(type(facade)):
            if name.startswith("_") or not isinstance(
                getattr(type(facade), name), property | functools.cached_property
            ):
                continue
            value = getattr(facade, name)
            if type(value).__module__.startswith("ninoxkit") and not isinstance(value, str):
                classes.add(type(value))
        if hasattr(facade, "database"):
            database = facade.database(team_id="t", database_id="d")
            classes |= {type(database), type(database.table("A"))}
            classes.add(type(database.client.records.list(table="A")))
    return classes


def test_the_walk_sees_every_resource() -> None:
    names = {cls.__name__ for cls in _handed_out()}
    expected = {"Records", "AsyncFiles", "Table", "AsyncDatabase", "RecordPager", "Fields4"}
    assert expected <= names
    assert {"AsyncRecords4", "Undocumented", "Changes4", "Ninox"} <= names


def test_ids_are_keyword_only() -> None:
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    found = []
    for cls in _handed_out():
        for method in _public_methods(cls):
            if (cls.__name__, method) in NAMING:
                continue
            for p in inspect.signature(getattr(cls, method)).parameters.values():
                if ID_NAME.search(p.name) and p.kind in positional:
                    found.append(f"{cls.__name__}.{method}({p.name})")
    assert sorted(found) == []


def test_every_class_handed_out_is_exported() -> None:
    for cls in _handed_out():
        assert cls.__name__ in ninoxkit.__all__, cls
        assert getattr(ninoxkit, cls.__name__) is cls

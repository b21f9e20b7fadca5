# Written by scripts/unasync.py from tests/unit/_async/test_links_formulas.py.
# Do not edit: edit the source and re-run the script.
"""Link, reverse-link and formula fields through the public API (async source; _sync is its twin).

Links read and write as the linked record's id (reference §13); formula values, which the record
routes do not return, are read through a read-only query with quoted NX.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from ninox_api.models import RecordFields
from ninox_api.models import TableRecord as Record
from ninoxkit import (
    APIResponseValidationError,
    FieldValueError,
    InvalidArgumentError,
    Ninox,
    Schema,
    UnknownNameError,
)

TEAM, DB = "t1", "db1"
PREFIX = f"/v1/teams/{TEAM}/databases/{DB}"
TABLES: list[dict[str, Any]] = [
    {
        "id": "A",
        "name": "Invoice's list",  # a quote in a caption: NX names cannot hold it
        "fields": [{"id": "A", "name": "Total", "type": "fn"}],
    },
    {
        "id": "B",
        "name": "Invoices",
        "fields": [
            {"id": "A", "name": "Customer", "type": "ref", "ref": "C"},
            {"id": "B", "name": "Total", "type": "fn", "fn": "sum(Items.Amount)"},
            {"id": "C", "name": 'Say "hi"', "type": "fn"},
        ],
    },
    {
        "id": "C",
        "name": "Customers",
        "fields": [{"id": "A", "name": "Invoices", "type": "rev", "reverseField": "A"}],
    },
]


class Server:
    """listTables, records of table B, saves (echoed back) and scripted query answers."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.scripts: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path == f"{PREFIX}/tables":
            return httpx.Response(200, json=TABLES)
        if path.endswith("/query"):
            if request.method == "GET":
                self.scripts.append(request.url.params["query"])
            else:
                self.scripts.append(json.loads(request.content)["query"])
            return httpx.Response(200, json=self.answers.pop(0))
        if path == f"{PREFIX}/tables/B/records" and request.method == "GET":
            page = int(request.url.params.get("page", "0"))
            items = [record(i, {"Customer": i + 10}) for i in (1, 2, 3)] if page == 0 else []
            return httpx.Response(200, json=items)
        if path == f"{PREFIX}/tables/B/records/1" and request.method == "GET":
            return httpx.Response(200, json=record(1, {"Customer": "A7"}))
        if path == f"{PREFIX}/tables/B/records" and request.method == "POST":
            body = json.loads(request.content)
            return httpx.Response(
                200, json=[record(i + 1, b["fields"]) for i, b in enumerate(body)]
            )
        raise AssertionError(f"unexpected {request.method} {request.url}")

    def sent(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path != f"{PREFIX}/tables"]


def record(rid: int, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": rid,
        "sequence": 1,
        "createdAt": "2024-01-01T00:00:00",
        "createdBy": "u",
        "modifiedAt": "2024-01-01T00:00:00",
        "modifiedBy": "u",
        "fields": fields,
    }


def table(server: Server, name: str = "Invoices") -> Any:
    http = httpx.Client(transport=httpx.MockTransport(server))
    client = Ninox(api_key="key", team_id=TEAM, database_id=DB, http_client=http)
    return client.database(team_id=TEAM, database_id=DB).table(name)


def test_the_schema_knows_link_targets_reverse_fields_and_formulas() -> None:
    schema = Schema.from_tables(TABLES)
    customer = schema.table("Invoices").field("Customer")
    assert (customer.type, customer.ref) == ("ref", "C")
    assert schema.table("Invoices").field("Total").formula == "sum(Items.Amount)"
    assert schema.table("Customers").field("Invoices").reverse_field == "A"
    from_db = Schema.from_database(
        {
            "schema": {
                "types": {
                    "B": {
                        "caption": "Invoices",
                        "fields": {
                            "A": {"base": "ref", "caption": "Customer", "ref": "C"},
                            "B": {"base": "fn", "caption": "Total", "fn": "1 + 1"},
                            "C": {"base": "rev", "caption": "Back", "reverseField": "A"},
                        },
                    }
                }
            }
        }
    )
    fields = from_db.table("B").fields
    assert (fields["A"].ref, fields["B"].formula, fields["C"].reverse_field) == ("C", "1 + 1", "A")


def test_links_read_as_record_ids_with_convert() -> None:
    server = Server()
    invoices = table(server)
    listed = [r for r in invoices.list(convert=True)]
    assert [(type(r.fields["Customer"]), r.fields["Customer"]) for r in listed] == [
        (int, 11),
        (int, 12),
        (int, 13),
    ]
    one = invoices.get(record_id=1, convert=True)
    assert (type(one.fields["Customer"]), one.fields["Customer"]) == (int, 7)  # "A7" form
    raw = invoices.get(record_id=1)
    assert raw.fields["Customer"] == "A7"  # without convert: as sent


def test_links_are_written_as_record_ids_from_ints_records_and_numeric_text() -> None:
    server = Server()
    linked = Record(id=9, fields=RecordFields())
    table(server).create(
        [{"Customer": 7}, {"Customer": linked}, {"Customer": "8"}, {"Customer": None}],
        convert=True,
    )
    (post,) = [r for r in server.requests if r.method == "POST"]
    sent = [item["fields"]["Customer"] for item in json.loads(post.content)]
    assert sent == [7, 9, 8, None]
    assert [type(v) for v in sent[:3]] == [int, int, int]


@pytest.mark.parametrize("value", [7.0, True, "A7", "seven", [7], 0])
def test_other_link_values_are_refused_before_anything_is_sent(value: Any) -> None:
    server = Server()
    with pytest.raises(FieldValueError, match="link needs a record id"):
        table(server).create([{"Customer": value}], convert=True)
    assert server.sent() == []


def test_formula_fields_cannot_be_written() -> None:
    server = Server()
    with pytest.raises(FieldValueError, match="formula"):
        table(server).create([{"Total": 5}], convert=True)
    assert server.sent() == []


def test_formula_values_for_given_ids_use_one_quoted_query() -> None:
    server = Server([[2, 120.5], [5, 0], [9]])
    values = table(server).formula_values(field="Total", ids=[2, 5, 9])
    assert values == {2: 120.5, 5: 0, 9: None}
    assert [type(v) for v in values.values()] == [float, int, type(None)]
    assert server.scripts == [
        "[[2, record('Invoices', 2).'Total'], [5, record('Invoices', 5).'Total'], "
        "[9, record('Invoices', 9).'Total']]"
    ]


def test_formula_values_of_every_record_list_the_ids_first() -> None:
    server = Server([[1, "a"], [2, "b"], [3, None]])
    values = table(server).formula_values(field="B")  # by field id
    assert values == {1: "a", 2: "b", 3: None}
    assert len(server.scripts) == 1


def test_formula_values_go_in_chunks() -> None:
    ids = list(range(1, 251))
    answers = [[[i, i * 2] for i in ids[k : k + 100]] for k in (0, 100, 200)]
    server = Server(*answers)
    values = table(server).formula_values(field="Total", ids=ids)
    assert values == {i: i * 2 for i in ids}
    assert len(server.scripts) == 3


def test_names_that_could_bend_the_script_are_quoted() -> None:
    server = Server([[1, "x"]])
    table(server).formula_values(field='Say "hi"', ids=[1])
    (script,) = server.scripts
    assert script == "[[1, record('Invoices', 1).'Say \"hi\"']]"


def test_a_caption_nx_cannot_name_is_a_typed_error_before_the_query() -> None:
    server = Server()
    with pytest.raises(InvalidArgumentError, match="NX name"):
        table(server, "Invoice's list").formula_values(field="Total", ids=[1])
    assert server.scripts == []


@pytest.mark.parametrize("ids", [[0], [True], ["1"], [1.5]])
def test_bad_ids_are_refused_before_anything_is_sent(ids: list[Any]) -> None:
    server = Server()
    with pytest.raises(InvalidArgumentError):
        table(server).formula_values(field="Total", ids=ids)
    assert server.requests == []


def test_an_unknown_field_is_an_unknown_name() -> None:
    with pytest.raises(UnknownNameError):
        table(Server()).formula_values(field="Totl", ids=[1])


@pytest.mark.parametrize(
    "answer",
    [None, [[1, "x"]], [[1, "x"], [3, "y"]], [[True, "x"], [2, "y"]], [[1, "x", 3], [2, 1]], "x"],
)
def test_an_answer_of_another_shape_is_a_validation_error(answer: Any) -> None:
    with pytest.raises(APIResponseValidationError):
        table(Server(answer)).formula_values(field="Total", ids=[1, 2])

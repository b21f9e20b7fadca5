# Written by scripts/unasync.py from tests/unit/_async/test_changes_shape.py.
# Do not edit: edit the source and re-run the script.
"""Change sets in both shapes over httpx.MockTransport (async source; _sync is its twin).

What users see: records keyed by field caption with typed metadata, whichever shape Ninox sent
(reference §4.17 and §13), the schema read once per call or watch, and bad input refused
before anything is sent.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import httpx
import pytest
from ninoxkit import (
    APIResponseValidationError,
    ChangeBatch,
    InvalidArgumentError,
    Ninox,
    RecordChange,
    RecordKey,
)

TEAM, DB = "t1", "db1"
PREFIX = f"/v1/teams/{TEAM}/databases/{DB}"
UTC = dt.UTC
TABLES: list[dict[str, Any]] = [
    {
        "id": "A",
        "name": "Contacts",
        "fields": [
            {"id": "A", "name": "Name", "type": "string"},
            {"id": "B", "name": "Born", "type": "date"},
            {"id": "C", "name": "Company", "type": "ref", "ref": "B"},
            {"id": "D", "name": "Seen", "type": "timestamp"},
        ],
    },
    {"id": "B", "name": "Companies", "fields": [{"id": "A", "name": "Title", "type": "string"}]},
]

# The shape Ninox's own clients read (§13): flat entries keyed by field id, "_" metadata.
NEW_SHAPE: dict[str, Any] = {
    "seq": 42,
    "updates": {
        "A6": {
            "A": "Lisa",
            "B": "1990-05-01",
            "C": 3,
            "D": "2024-01-02T03:04:05",
            "_cd": 1_704_164_645_000,  # epoch milliseconds
            "_cu": "u1",
            "_md": "2024-01-02T03:04:05",  # zone-less text: UTC
            "_mu": "u2",
            "_sq": 42,
        },
        "B3": {"A": "Acme", "_cd": 0, "_md": 1_704_164_645_500.0, "_sq": 40, "_cu": 7},
    },
    "removes": ["A7"],
    "files": [],
    "config": {"anything": True},
    "nextRids": {"A": 8, "B": 4},
}
# The older description (MindCloud, §4.17): fields keyed by name.
OLD_SHAPE: dict[str, Any] = {
    "seq": 12,
    "nextRid": 8,
    "updates": {
        "A6": {
            "fields": {"Name": "Lisa", "Company": 3},
            "sequence": 12,
            "modifiedAt": "2024-01-02T03:04:05",
            "modifiedBy": "u2",
        }
    },
    "removes": [],
}


class Server:
    """Answers listTables and scripted change sets; remembers every request."""

    def __init__(self, *answers: Any, tables: list[dict[str, Any]] | None = None) -> None:
        self.answers = list(answers)
        self.tables = TABLES if tables is None else tables
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path == f"{PREFIX}/tables":
            return httpx.Response(200, json=self.tables)
        if path.endswith("/changes"):
            answer = self.answers.pop(0) if self.answers else {"seq": 0}
            if isinstance(answer, bytes):
                return httpx.Response(200, content=answer)
            return httpx.Response(200, json=answer)
        raise AssertionError(f"unexpected {request.method} {request.url}")

    def count(self, suffix: str) -> int:
        return len([r for r in self.requests if r.url.path.endswith(suffix)])


def make(server: Server) -> Ninox:
    http = httpx.Client(transport=httpx.MockTransport(server))
    return Ninox(api_key="key", team_id=TEAM, database_id=DB, http_client=http)


def same(actual: Any, expected: Any) -> None:
    assert type(actual) is type(expected), (actual, expected)
    assert actual == expected


def test_the_flat_shape_is_keyed_by_field_name_with_typed_metadata() -> None:
    server = Server(NEW_SHAPE)
    changes = make(server).changes.since(40)
    assert isinstance(changes, ChangeBatch)
    same(changes.seq, 42)
    lisa = changes.updates["A6"]
    assert isinstance(lisa, RecordChange)
    assert (lisa.table_id, lisa.record_id) == ("A", 6)
    assert lisa.fields == {
        "Name": "Lisa",
        "Born": "1990-05-01",
        "Company": 3,
        "Seen": "2024-01-02T03:04:05",
    }
    same(lisa.sequence, 42)
    same(lisa.created_at, dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    same(lisa.modified_at, dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert lisa.created_at is not None
    assert lisa.created_at.utcoffset() == dt.timedelta(0)
    assert (lisa.created_by, lisa.modified_by) == ("u1", "u2")
    acme = changes.updates["B3"]
    assert acme.fields == {"Title": "Acme"}  # each record named by its own table's schema
    same(acme.created_at, dt.datetime(1970, 1, 1, tzinfo=UTC))
    same(acme.modified_at, dt.datetime(2024, 1, 2, 3, 4, 5, 500_000, tzinfo=UTC))
    same(acme.created_by, "7")
    assert changes.removes == (RecordKey("A", 7),)
    assert changes.next_rids == {"A": 8, "B": 4}
    assert changes.config == {"anything": True}
    assert changes.to_dict() == NEW_SHAPE  # the raw answer stays available (the CLI prints it)
    assert server.count("/tables") == 1


def test_the_older_shape_reads_the_same_way_without_the_schema() -> None:
    server = Server(OLD_SHAPE)
    changes = make(server).changes.since(10, table="A")
    lisa = changes.updates["A6"]
    assert lisa.fields == {"Name": "Lisa", "Company": 3}
    same(lisa.sequence, 12)
    same(lisa.modified_at, dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert lisa.created_at is None
    same(changes.next_rid, 8)
    assert server.count("/tables") == 0  # names were sent: nothing to look up


def test_plain_record_ids_as_keys_belong_to_the_asked_table() -> None:
    answer = {"seq": 5, "updates": {"6": {"A": "Lisa", "_sq": 5}}, "removes": ["7", 8]}
    changes = make(Server(answer)).changes.since(1, table="Contacts")
    change = changes.updates["6"]
    assert (change.table_id, change.record_id, change.fields) == ("A", 6, {"Name": "Lisa"})
    assert changes.removes == (RecordKey("A", 7), RecordKey("A", 8))


def test_convert_gives_python_values_in_both_shapes() -> None:
    for answer in (NEW_SHAPE, OLD_SHAPE):
        changes = make(Server(answer)).changes.since(0, convert=True)
        fields = changes.updates["A6"].fields
        same(fields["Company"], 3)
        if "Born" in fields:
            same(fields["Born"], dt.date(1990, 5, 1))
            same(fields["Seen"], dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))


def test_a_watch_reads_the_schema_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import ninoxkit._sync.resources.changes as changes_module

    def no_sleep(seconds: float) -> None:
        pass

    monkeypatch.setattr(changes_module, "_sleep", no_sleep)

    later = {"seq": 43, "updates": {"A6": {"A": "Lisa M.", "_sq": 43}}}
    server = Server(NEW_SHAPE, later, {"seq": 43})
    client = make(server)
    seen = [c for c in client.changes.watch(40, max_polls=3)]
    assert [c.seq for c in seen] == [42, 43]
    assert seen[1].updates["A6"].fields == {"Name": "Lisa M."}
    assert server.count("/tables") == 1
    assert server.count("/changes") == 3


def test_a_field_added_since_the_schema_was_read_rereads_it_once() -> None:
    server = Server(
        {"seq": 2, "updates": {"A1": {"A": "x", "_sq": 2}}},
        {"seq": 3, "updates": {"A1": {"Z": "new", "_sq": 3}}},
        {"seq": 4, "updates": {"A1": {"Y": "unknown", "_sq": 4}}},
    )
    client = make(server)
    assert (client.changes.since(1)).updates["A1"].fields == {"Name": "x"}
    grown = [
        dict(
            TABLES[0], fields=[*TABLES[0]["fields"], {"id": "Z", "name": "Zip", "type": "string"}]
        ),
        TABLES[1],
    ]
    server.tables = grown
    assert (client.changes.since(2)).updates["A1"].fields == {"Zip": "new"}
    # Still unknown after re-reading: the id stays, it is not guessed.
    assert (client.changes.since(3)).updates["A1"].fields == {"Y": "unknown"}
    assert server.count("/tables") == 3


def test_config_and_next_ids_alone_are_no_change(monkeypatch: pytest.MonkeyPatch) -> None:
    import ninoxkit._sync.resources.changes as changes_module

    def no_sleep(seconds: float) -> None:
        pass

    monkeypatch.setattr(changes_module, "_sleep", no_sleep)

    server = Server(
        {"seq": 5, "updates": {}, "removes": [], "config": {"x": 1}, "nextRids": {"A": 3}},
        {"seq": 6, "removes": ["A2"], "config": {"x": 1}},
    )
    seen = [c.seq for c in make(server).changes.watch(4, max_polls=2)]
    assert seen == [6]


@pytest.mark.parametrize("interval", [math.nan, math.inf, -math.inf, -1, -0.5, "5", True, None])
def test_watch_refuses_a_bad_interval_before_anything_is_sent(interval: Any) -> None:
    server = Server()
    with pytest.raises(InvalidArgumentError, match="interval"):
        make(server).changes.watch(0, interval=interval)  # the call raises, not the first poll
    assert server.requests == []


def test_watch_refuses_record_id_without_table_before_anything_is_sent() -> None:
    server = Server()
    with pytest.raises(InvalidArgumentError, match="record_id needs table"):
        make(server).changes.watch(0, record_id=3)
    with pytest.raises(InvalidArgumentError, match="max_polls"):
        make(server).changes.watch(0, max_polls=-1)
    assert server.requests == []


@pytest.mark.parametrize(
    "answer",
    [
        [],
        {"updates": {}},  # no seq
        {"seq": "42"},
        {"seq": 1, "updates": []},
        {"seq": 1, "updates": {"not a key": {}}},
        {"seq": 1, "updates": {"A1": "x"}},
        {"seq": 1, "updates": {"A1": {"_sq": "7"}}},
        {"seq": 1, "updates": {"A1": {"_md": "yesterday"}}},
        {"seq": 1, "updates": {"A1": {"_cd": 1e20}}},
        {"seq": 1, "updates": {"A1": {"_mu": ["u"]}}},
        {"seq": 1, "removes": "A1"},
        {"seq": 1, "removes": [{"id": 1}]},
        {"seq": 1, "updates": {"B1": {"A": "x"}}},  # another table than the one asked
        b"[" * 60_000 + b"]" * 60_000,  # nested past any recursion limit
        {"seq": 1, "updates": {"A1": [[[[[[[[1]]]]]]]]}},
        {"seq": 1, "removes": {"a": {"b": {"c": {"d": {"e": {}}}}}}},
        b"not json",
    ],
)
def test_an_unreadable_change_set_is_a_validation_error(answer: Any) -> None:
    with pytest.raises(APIResponseValidationError):
        make(Server(answer)).changes.since(0, table="A")


def test_a_value_that_does_not_fit_its_type_is_a_validation_error_with_convert() -> None:
    answer = {"seq": 1, "updates": {"A1": {"B": "not a date"}}}
    with pytest.raises(APIResponseValidationError, match="not a date"):
        make(Server(answer)).changes.since(0, table="A", convert=True)
    # Without convert the raw value is handed over as sent.
    changes = make(Server(answer)).changes.since(0, table="A")
    assert changes.updates["A1"].fields == {"Born": "not a date"}


def test_handles_pass_convert_through() -> None:
    server = Server(NEW_SHAPE)
    database = make(server).database(team_id=TEAM, database_id=DB)
    changes = database.changes(40, convert=True)
    same(changes.updates["A6"].fields["Born"], dt.date(1990, 5, 1))
    asked = [r for r in server.requests if r.url.path.endswith("/changes")]
    assert json.loads(asked[-1].url.params["sinceSq"]) == 40
    server.answers = [{"seq": 9, "updates": {"A6": {"B": "1990-05-01"}}}]
    changes = database.table("Contacts").changes(8, convert=True)
    same(changes.updates["A6"].fields["Born"], dt.date(1990, 5, 1))

"""Issue #9 part 4: hostile ids, names, file names, NX text and field values (hypothesis).

Every input either round-trips through the emulator (a field value or file name written and read
back equal, an NX literal evaluated back to the same text) or fails with a ninoxkit error; a
refusal by ninoxkit happens before anything is sent, and whatever is sent reaches only the
intended path: every raw path the emulator logged starts with the intended prefix and has exactly
the intended number of segments, and the id's own segment decodes back to the id.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from ninoxkit import (
    BadRequestError,
    BatchWriteError,
    FieldValueError,
    InvalidArgumentError,
    Ninox,
    NinoxError,
    NotFoundError,
    UnknownNameError,
    UnprocessableEntityError,
    nx,
)
from ninoxkit.testing import NinoxEmulator

from .conftest import DB, PREFIX, SECRET, TALLY, TEAM

NASTY = [
    "/",
    "..",
    ".",
    "?",
    "#",
    "%",
    "%2F",
    "%2e%2e",
    '"',
    "'",
    "\\",
    "\n",
    "\r\n",
    "\x00",
    "\x1b",
    "\x7f",
    "\t",
    "&",
    "=",
    "+",
    ";",
    " ",
    "{",
    "}",
    "é",
    "日本",
    "🙂",
    "\u202e",
]
nasty_text = st.one_of(
    st.sampled_from([*NASTY, "", "a/../b", "../../teams", "x" * 1001, "y" * 4000, "v1?x=1#f"]),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=3), min_size=1, max_size=8).map("".join),
    st.text(max_size=40),
)


def segments(path: str) -> int:
    return len(path.split("/"))


def check_paths(emu: NinoxEmulator, allowed: list[tuple[str, int]]) -> list[str]:
    """Every logged raw path matches one (prefix, segment count) pair; returns the paths."""
    paths = [e["path"] for e in emu.requests()]
    for path in paths:
        assert "?" not in path
        assert any(path.startswith(p) and segments(path) == n for p, n in allowed), path
    return paths


def attempt(call: Callable[[], Any]) -> tuple[Any, BaseException | None]:
    try:
        return call(), None
    except NinoxError as exc:
        return None, exc


def _path_case(
    emu: NinoxEmulator,
    value: str,
    call: Callable[[str], Any],
    prefix: str,
    total_segments: int,
    index: int,
) -> None:
    emu.clear_requests()
    _, error = attempt(lambda: call(value))
    TALLY["bad_inputs_tried"] += 1
    paths = check_paths(emu, [(prefix, total_segments)])
    if isinstance(error, ValueError):  # InvalidArgumentError / ConfigurationError
        assert paths == [], "refused input must not be sent"
        return
    assert len(paths) >= 1
    for path in paths:
        # Encoded as one segment: every character but the unreserved ones percent-encoded.
        assert path.split("/")[index] == quote(value, safe="")


@given(value=nasty_text)
@example(value="..")
@example(value="%2e%2e")
@example(value="a/b")
def test_view_id_stays_in_its_segment(value: str, emu: NinoxEmulator, shared_client: Ninox) -> None:
    _path_case(
        emu,
        value,
        lambda v: shared_client.views.get(view_id=v),
        f"{PREFIX}/views/",
        8,
        7,
    )


@given(value=nasty_text)
def test_team_id_stays_in_its_segment(value: str, emu: NinoxEmulator, shared_client: Ninox) -> None:
    _path_case(
        emu,
        value,
        lambda v: shared_client.databases.list(team_id=v),
        "/v1/teams/",
        5,
        3,
    )


@given(value=nasty_text)
@example(value="../../../teams")
def test_file_name_stays_in_its_segment(
    value: str, emu: NinoxEmulator, shared_client: Ninox
) -> None:
    _path_case(
        emu,
        value,
        lambda v: shared_client.files.metadata(5, v, table="B"),
        f"{PREFIX}/tables/B/records/5/files/",
        13,
        11,
    )


#: The tables of the crm fixture: id -> name (names are matched case-insensitively).
TABLES = {"A": "Companies", "B": "Contacts", "C": "Deals"}
#: What ninoxkit sends as a table id as is (anything else is looked up by name).
TABLE_ID = re.compile(r"[A-Z]{1,3}")


def refused_as_any_id(value: str) -> bool:
    """What ninoxkit refuses before a lookup: blank, a dot segment, a control character, or
    more than 1000 characters (``ninoxkit._validate.check_id``)."""
    return (
        not value.strip()
        or value in (".", "..")
        or re.search(r"[\x00-\x1f\x7f]", value) is not None
        or len(value) > 1000
    )


@given(value=nasty_text)
@example(value="B")  # a table id: straight into the path
@example(value="Contacts")  # a name: looked up, then the id goes into the path
@example(value="contacts")
@example(value="ZZ")  # shaped like an id, no such table: Ninox answers 404
@example(value="Contact")  # no such name: refused after the lookup, no record request
@example(value="..")  # refused before anything is sent
@example(value="../B")
def test_table_name_is_an_id_segment_or_a_lookup(
    value: str, emu: NinoxEmulator, shared_client: Ninox
) -> None:
    emu.clear_requests()
    result, error = attempt(lambda: shared_client.records.get(1, table=value))
    TALLY["bad_inputs_tried"] += 1
    paths = check_paths(emu, [(f"{PREFIX}/tables", 7), (f"{PREFIX}/tables/", 10)])
    in_path = [p.split("/")[7] for p in paths if segments(p) == 10]
    by_name = [id_ for id_, name in TABLES.items() if name.casefold() == value.casefold()]
    if TABLE_ID.fullmatch(value):  # an id: sent as is, no lookup
        assert in_path == [value]
        assert len(paths) == 1
        if value in TABLES:
            assert error is None, repr(error)
            assert result.id == 1
        else:
            assert isinstance(error, NotFoundError), repr(error)
    elif by_name:  # a name: the record request uses the table's id
        assert error is None, repr(error)
        assert result.id == 1
        assert in_path == by_name
    elif refused_as_any_id(value):
        assert isinstance(error, InvalidArgumentError), repr(error)
        assert not isinstance(error, UnknownNameError), repr(error)
        assert paths == []
    else:  # an unknown name: at most the table list was fetched (the lookup), then refused
        assert isinstance(error, UnknownNameError), repr(error)
        assert f"no table named {value!r}" in str(error)
        assert in_path == []


@given(value=st.text(max_size=60) | nasty_text)
def test_text_value_round_trips(value: str, emu: NinoxEmulator, shared_client: Ninox) -> None:
    emu.clear_requests()
    (created,) = shared_client.records.create([{"Last Name": value}], table="B")
    TALLY["bad_inputs_tried"] += 1
    back = shared_client.records.get(created.id, table="B")
    assert back.fields["Last Name"] == value
    found = [r.id for r in shared_client.records.list(table="B", filters={"Last Name": value})]
    assert created.id in found
    check_paths(emu, [(f"{PREFIX}/tables/B/record", 9), (f"{PREFIX}/tables/B/records/", 10)])


#: Table B's fields (crm fixture) that take the text "value", by id and by caption -> caption.
#: The emulator keeps a text written to a file field as is. Any other name is refused with a 422:
#: an unknown field, or a known one of another type ("Status", "Score" ...).
TAKES_TEXT = {"A": "First Name", "B": "Last Name", "C": "Email", "I": "Photo"}
TAKES_TEXT |= {caption: caption for caption in TAKES_TEXT.values()}


@pytest.fixture(scope="module")
def recording_client(server: NinoxEmulator) -> Iterator[tuple[Ninox, list[httpx.Request]]]:
    """A sync client whose sent requests are appended to the list (with their bodies)."""
    sent: list[httpx.Request] = []
    with (
        httpx.Client(event_hooks={"request": [sent.append]}, timeout=10) as http,
        Ninox(
            api_key=SECRET, base_url=server.base_url, team_id=TEAM, database_id=DB, http_client=http
        ) as client,
    ):
        yield client, sent


@given(name=nasty_text)
@example(name="")
@example(name="B")
@example(name="Last Name")
@example(name="Status")
@example(name="../../records")
def test_field_name_never_leaves_the_body(
    name: str, emu: NinoxEmulator, recording_client: tuple[Ninox, list[httpx.Request]]
) -> None:
    client, sent = recording_client
    emu.clear_requests()
    sent.clear()
    result, error = attempt(lambda: client.records.create([{name: "value"}], table="B"))
    TALLY["bad_inputs_tried"] += 1
    paths = check_paths(emu, [(f"{PREFIX}/tables/B/records", 9)])
    if isinstance(error, InvalidArgumentError):  # refused by ninoxkit: nothing sent
        assert paths == []
        assert sent == []
        return
    assert len(paths) == 1
    (request,) = sent
    assert json.loads(request.content) == [{"fields": {name: "value"}}]  # the name, as a key
    caption = TAKES_TEXT.get(name)
    if caption is None:
        assert isinstance(error, BatchWriteError), repr(error)
        assert isinstance(error.error, UnprocessableEntityError), repr(error.error)
        assert error.not_written == [0]
        return
    assert error is None, repr(error)
    assert result[0].fields[caption] == "value"  # Ninox answers by caption, also for an id
    assert client.records.get(result[0].id, table="B").fields[caption] == "value"


#: Characters httpx percent-encodes in a multipart ``filename`` (WHATWG form encoding) and the
#: emulator (python-multipart) does not decode: ninoxkit refuses them (tested separately).
MANGLED = ('"', "\r", "\n")


@given(
    name=nasty_text.filter(lambda n: not any(c in n for c in MANGLED)),
    content=st.binary(max_size=64),
)
@example(name="a/b.txt", content=b"x")
@example(name="say 'hi'.txt", content=b"\r\n--+++\r\n")
def test_file_name_round_trips_or_is_refused(
    name: str, content: bytes, emu: NinoxEmulator, shared_client: Ninox
) -> None:
    emu.clear_requests()
    TALLY["bad_inputs_tried"] += 1
    _, error = attempt(lambda: shared_client.files.upload(1, content, table="B", file_name=name))
    base = f"{PREFIX}/tables/B/records/1/files"
    paths = check_paths(emu, [(base, 11), (base + "/", 12)])
    if isinstance(error, InvalidArgumentError):
        assert paths == []  # refused by ninoxkit: nothing sent
        return
    if error is not None:  # refused by the server ("/" in a name): a clear 400, right path
        assert isinstance(error, BadRequestError), repr(error)
        assert "invalid file name" in str(error)
        return
    names = [f.name for f in shared_client.files.list(1, table="B")]
    assert name in names
    assert shared_client.files.download(1, name, table="B") == content
    shared_client.files.delete(1, name, table="B")
    check_paths(emu, [(base, 11), (base + "/", 12)])


@given(text=nasty_text)
@example(text='x" ; delete (select Contacts) ; "')
def test_nx_quote_evaluates_to_the_same_text(
    text: str, emu: NinoxEmulator, shared_client: Ninox
) -> None:
    emu.clear_requests()
    TALLY["bad_inputs_tried"] += 1
    result = shared_client.scripts.query(nx.quote(text))
    # Ninox answers an empty text as an empty body or "" (reference §4.6): both mean "".
    assert (result if text else result or "") == text
    check_paths(emu, [(f"{PREFIX}/query", 7)])


BAD_VALUES = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("Infinity")]),
    st.sampled_from([object(), b"bytes", 1j, {1: "x"}, [math.nan], {"k": math.inf}, ...]),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),  # naive
    st.datetimes(min_value=dt.datetime(1900, 1, 2), timezones=st.timezones()),  # aware
    st.floats(allow_nan=True, allow_infinity=True),
)


@given(value=BAD_VALUES, convert=st.booleans())
def test_invalid_values_fail_before_sending_or_round_trip(
    value: Any, convert: bool, emu: NinoxEmulator, shared_client: Ninox
) -> None:
    emu.clear_requests()
    TALLY["bad_inputs_tried"] += 1
    field = "Score" if isinstance(value, float) else "Last Name"  # a number or a text field
    try:
        (created,) = shared_client.records.create([{field: value}], table="B", convert=convert)
    except FieldValueError:
        writes = [e for e in emu.requests() if e["method"] != "GET"]
        assert writes == []  # refused before any write was sent
        return
    stored = shared_client.records.get(created.id, table="B").fields[field]
    if isinstance(value, dt.datetime):
        assert not convert  # a text field takes no datetime when the schema is known
        assert stored == value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(
            timespec="milliseconds" if value.microsecond else "seconds"
        )
    else:
        assert isinstance(value, float)
        assert math.isfinite(value)
        assert stored == value


def test_file_name_with_double_quote_is_refused_before_sending(
    emu: NinoxEmulator, shared_client: Ninox
) -> None:
    # httpx percent-encodes '"' in a multipart filename and nothing decodes it: the file would
    # be stored as 'say %22hi%22.txt'. ninoxkit refuses the name instead of renaming silently.
    emu.clear_requests()
    with pytest.raises(InvalidArgumentError, match="double quote"):
        shared_client.files.upload(1, b"x", table="B", file_name='say "hi".txt')
    assert emu.requests() == []

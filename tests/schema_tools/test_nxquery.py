"""The NX query builder: compiled text, refusals, and a property test against the emulator."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ninoxkit import InvalidArgumentError, Ninox
from ninoxkit._nxquery import Condition, F, _interval_form, compile_select
from ninoxkit._sync._select import select, select_ids
from ninoxkit.nx import NXError
from ninoxkit.testing import NinoxEmulator

from tests.helpers import examples

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])


def test_compiles_to_quoted_select() -> None:
    cond = (F("Score") > 50) & F("Status").in_(["Lead", "Customer"]) | ~F("VIP").is_empty()
    assert compile_select("Contacts", cond, order="Last Name") == (
        "(select 'Contacts' where ((('Score' > 50) and (('Status' = \"Lead\") or "
        "('Status' = \"Customer\"))) or (not ('VIP' = null)))) order by 'Last Name'"
    )
    assert compile_select("Contacts") == "select 'Contacts'"


def test_values_are_quoted_by_nx_quote() -> None:
    evil = 'x" ; delete (select Contacts) ; "'
    script = compile_select("Contacts", F("First Name") == evil)
    assert "delete" not in script.replace("delete%20", "")
    assert script == (
        "select 'Contacts' where ('First Name' = "
        'urlDecode("x%22%20%3B%20delete%20%28select%20Contacts%29%20%3B%20%22"))'
    )
    assert str(F("Birthday").between(dt.date(1980, 1, 2), dt.date(1990, 3, 4))) == (
        "(('Birthday' >= date(1980, 1, 2)) and ('Birthday' <= date(1990, 3, 4)))"
    )
    when = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    assert str(F("At") < when) == "('At' < datetime(2024, 5, 6, 7, 8, 9, 0))"
    assert str(F("Name").contains("an")) == "contains('Name', \"an\")"
    assert str(F("Name").in_([])) == "false"
    assert str(F("Name").not_empty()) == "('Name' != null)"


@pytest.mark.parametrize("bad", ["", "it's", "a\nb"])
def test_names_nx_cannot_hold_are_refused(bad: str) -> None:
    with pytest.raises(NXError):
        F(bad)
    with pytest.raises(NXError):
        compile_select(bad)


def test_conditions_refuse_python_truth_and_bad_values() -> None:
    with pytest.raises(TypeError, match="between"):
        bool(F("Score") > 1)
    with pytest.raises(TypeError):
        1 < F("Score") < 5  # noqa: B015 - the chained comparison itself must raise
    with pytest.raises(NXError):
        _ = F("Score") > float("nan")
    with pytest.raises(NXError, match="naive"):
        _ = F("At") > dt.datetime(2024, 1, 1)
    with pytest.raises(InvalidArgumentError):
        F("Status").in_("Lead")
    with pytest.raises(InvalidArgumentError, match="Condition"):
        compile_select("Contacts", "'Score' > 1")  # type: ignore[arg-type]


def test_select_returns_records_in_nx_order(crm: Ninox) -> None:
    contacts = crm.database().table("Contacts")
    leads = select(contacts, (F("Status") == "Lead") & (F("Score") >= 50))
    assert [(r.id, r.fields["First Name"]) for r in leads] == [(3, "Anna")]
    assert [r.id for r in select(crm, F("VIP") == True, table="B")] == [1, 5]  # noqa: E712
    assert select_ids(contacts, None, desc=True, limit=2) == [5, 4]
    typed = select(contacts, F("Birthday") < dt.date(1980, 1, 1), convert=True)
    assert [r.fields["Birthday"] for r in typed] == [dt.date(1978, 7, 30)]


def test_select_refuses_bad_arguments(crm: Ninox) -> None:
    from ninoxkit import InvalidArgumentError, UnknownNameError

    with pytest.raises(InvalidArgumentError):
        select(crm, F("Score") > 1)  # no table
    with pytest.raises(InvalidArgumentError):
        select(crm, "Score > 1", table="B")  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError, match="Score"):
        select(crm, (F("Status") == "Lead") & (F("Scor") > 1), table="Contacts")
    with pytest.raises(UnknownNameError, match="Birthday"):
        select(crm, None, table="Contacts", order=F("Birthdya"))


# -- property: Ninox's answer equals the condition evaluated in Python -------------------------

TEXT = st.text(alphabet="ab C\"'{}\\%é", min_size=1, max_size=4)
NUMBER = st.one_of(st.integers(-3, 3), st.sampled_from([0.5, -2.25, 100]))
DAY = st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 10))
KIND = st.sampled_from(["A b", "C", "D"])
# Instants with and without milliseconds (the stored form differs), and time intervals.
AT = st.integers(0, 5).map(
    lambda k: (
        dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        + dt.timedelta(minutes=30 * k, milliseconds=250 * (k % 2))
    )
)
TOOK = st.integers(0, 5).map(lambda k: dt.timedelta(milliseconds=1500 * k))
FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "Full Name": TEXT,
    "Score (pts)": NUMBER,
    "Active": st.booleans(),
    "Day": DAY,
    "Kind": KIND,
    "At": AT,
    "Took": TOOK,
}
ORDERED = ("Full Name", "Score (pts)", "Day", "At", "Took")
#: ``contains`` looks into a value's text; a time interval's text has no one form (NX: ms).
SEARCHED = ("Full Name", "Score (pts)", "Active", "Day", "Kind", "At")
NEEDLE = st.text(alphabet='abcA C"%é0125-:.tru', max_size=3)

ROW = st.fixed_dictionaries({}, optional=dict(FIELDS))


@st.composite
def leaf(draw: st.DrawFn) -> Condition:
    field = draw(st.sampled_from(sorted(FIELDS)))
    value: object = draw(FIELDS[field])
    f = F(field)
    kinds = ["eq", "ne", "cmp", "in", "between", "empty", "not_empty", "contains"]
    kind = draw(st.sampled_from(kinds))
    if kind == "eq":
        return f == value
    if kind == "ne":
        return f != value
    if kind == "in":
        return f.in_(draw(st.lists(FIELDS[field], max_size=3)))
    if kind == "empty":
        return f.is_empty()
    if kind == "not_empty":
        return f.not_empty()
    if kind == "contains":
        return F(draw(st.sampled_from(SEARCHED))).contains(draw(NEEDLE))
    if field not in ORDERED:
        return f == value
    if kind == "between":
        other: Any = draw(FIELDS[field])
        return f.between(*sorted([value, other]))
    op = draw(st.sampled_from(["<", "<=", ">", ">="]))
    return {"<": f < value, "<=": f <= value, ">": f > value, ">=": f >= value}[op]


CONDITIONS = st.recursive(
    leaf(),
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda p: p[0] & p[1]),
        st.tuples(inner, inner).map(lambda p: p[0] | p[1]),
        inner.map(lambda c: ~c),
    ),
    max_leaves=5,
)


def order_key(value: Any) -> tuple[int, Any]:
    """What ``order by`` sorts by, as documented: numbers and booleans, then text, empty last."""
    value = _interval_form(value)  # a time interval sorts by its milliseconds
    if value is None:
        return (2, 0)
    return (1, value) if isinstance(value, str) else (0, value)


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(ROW, min_size=1, max_size=8),
    condition=CONDITIONS,
    order=st.none() | st.sampled_from([*ORDERED, "Kind", "Active"]),
    desc=st.booleans(),
    limit=st.none() | st.integers(0, 5),
)
def test_compiled_condition_selects_what_python_selects(
    items_server: NinoxEmulator,
    items_client: Ninox,
    rows: list[dict[str, Any]],
    condition: Condition,
    order: str | None,
    desc: bool,
    limit: int | None,
) -> None:
    items_server.reset()
    table = items_client.database().table("Item List")
    table.create(rows, convert=True)
    stored = table.list().to_list()
    expected = [r for r in stored if condition.matches(r.fields.additional_properties)]
    if order is not None:
        expected.sort(key=lambda r: order_key(r.fields.additional_properties.get(order)))
    if desc:
        expected.reverse()
    expected = expected[:limit] if limit is not None else expected
    got = select(table, condition, order=order, desc=desc, limit=limit)
    assert [r.id for r in got] == [r.id for r in expected]
    assert [r.fields.additional_properties for r in got] == [
        r.fields.additional_properties for r in expected
    ]


def test_select_reads_dense_ids_with_one_listing(crm_server: NinoxEmulator, crm: Ninox) -> None:
    contacts = crm.database().table("Contacts")
    contacts.info()  # the schema is read once, before counting
    crm_server.clear_requests()
    # desc reverses Ninox's id order
    everyone = select(contacts, F("Score") > 10, desc=True)
    assert [r.id for r in everyone] == [5, 4, 3, 2, 1]
    sent = [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in crm_server.requests()]
    assert sent == [("GET", "query"), ("GET", "records")]
    crm_server.clear_requests()
    assert [r.id for r in select(contacts, F("First Name") == "Mei")] == [5]
    sent = [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in crm_server.requests()]
    assert sent == [("GET", "query"), ("GET", "5")]


def test_records_gone_since_the_query_are_left_out(crm: Ninox) -> None:
    from ninoxkit._sync._select import _read

    contacts = crm.database().table("Contacts")
    assert [r.id for r in _read(contacts, [3, 99, 2], convert=False)] == [3, 2]  # by listing
    assert _read(contacts, [99], convert=False) == []  # by GET: the 404 is skipped

"""DataFrames: typed columns from the schema, built page by page, and frames written back."""

from __future__ import annotations

import datetime as dt

import pytest
from ninoxkit import AsyncNinox, InvalidArgumentError, Ninox
from ninoxkit._schema import FieldInfo, TableInfo
from ninoxkit.testing import NinoxEmulator
from ninoxkit.types import Record

from .conftest import DB, TEAM

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

from ninoxkit._async import _frames as async_frames  # noqa: E402 - after the extras exist
from ninoxkit._frames import (  # noqa: E402
    create_from_frame,
    frame_rows,
    to_arrow,
    to_pandas,
    to_polars,
)

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])


def test_pandas_columns_are_typed_by_field_type(crm: Ninox) -> None:
    contacts = crm.database().table("Contacts")
    pager = contacts.list(per_page=2)
    df = to_pandas(pager, schema=contacts.info())
    assert pager.pages_fetched == 3
    assert list(df.columns) == [
        "id", "First Name", "Last Name", "Email", "Status", "Birthday", "Score", "Company",
        "VIP", "Photo",
    ]  # fmt: skip
    dtypes = {k: str(v) for k, v in df.dtypes.items()}
    assert dtypes["id"] == "Int64"
    assert dtypes["First Name"] == "string"
    assert dtypes["Status"] == "category"
    assert dtypes["Birthday"].startswith("datetime64")
    assert dtypes["Score"] == "float64"
    assert dtypes["Company"] == "Int64"
    assert dtypes["VIP"] == "boolean"
    # Every option is a category, in Ninox's order, even one no record uses yet.
    assert list(df["Status"].cat.categories) == ["Lead", "Customer", "Churned"]
    assert df["Birthday"].isna().tolist() == [False, False, False, True, False]
    assert df.loc[0, "Birthday"] == pd.Timestamp("1985-03-14")
    assert df["VIP"].isna().sum() == 2
    assert df["Score"].tolist() == [87.0, 42.0, 65.0, 12.0, 93.0]


def test_arrow_is_built_one_batch_per_page(crm: Ninox) -> None:
    contacts = crm.database().table("Contacts")
    table = to_arrow(contacts.list(per_page=2), schema=contacts.info())
    assert table.num_rows == 5
    assert table.column("id").num_chunks == 3
    assert table.schema.field("Status").type == pa.dictionary(pa.int32(), pa.string())
    assert table.schema.field("Birthday").type == pa.date32()
    empty = to_arrow([], schema=contacts.info())
    assert empty.num_rows == 0
    assert empty.schema.names[:2] == ["id", "First Name"]


def test_polars_and_inferred_columns(crm: Ninox) -> None:
    contacts = crm.database().table("Contacts")
    frame = to_polars(contacts.list(), schema=contacts.info())
    assert frame.schema["Status"] == pl.Categorical
    assert frame.schema["Birthday"] == pl.Date
    assert frame["First Name"].to_list() == ["Lisa", "Tom", "Anna", "Ravi", "Mei"]
    inferred = to_pandas(contacts.list())  # no schema: types from the JSON values
    assert inferred["Birthday"].tolist()[0] == "1985-03-14"


def test_timestamps_are_utc_and_unknown_choices_kept() -> None:
    info = TableInfo(
        "A",
        "Log",
        {
            "A": FieldInfo("A", "At", "timestamp"),
            "B": FieldInfo("B", "Level", "choice", {"1": "info", "2": "warn"}),
            "C": FieldInfo("C", "Took", "timeinterval"),
            "D": FieldInfo("D", "Tags", "multi", {"1": "x", "2": "y"}),
        },
    )
    records = [
        Record.from_dict({"id": 1, "fields": {"At": "2024-05-06T07:08:09", "Level": "warn"}}),
        Record.from_dict({"id": 2, "fields": {"Level": "panic", "Took": "0:00:01.500"}}),
        Record.from_dict({"id": 3, "fields": {"Tags": ["x", "y"]}}),
    ]
    table = to_arrow(records, schema=info)
    assert table.schema.field("At").type == pa.timestamp("ms", tz="UTC")
    df = to_pandas(records, schema=info)
    assert df.loc[0, "At"] == pd.Timestamp("2024-05-06T07:08:09", tz="UTC")
    assert df["Level"].tolist()[:2] == ["warn", "panic"]
    assert list(df["Level"].cat.categories) == ["info", "warn", "panic"]
    assert df.loc[1, "Took"] == pd.Timedelta(milliseconds=1500)
    assert list(df.loc[2, "Tags"]) == ["x", "y"]


def test_sync_twin_reads_pagers_page_by_page(crm: Ninox) -> None:
    from ninoxkit._sync import _frames as sync_frames

    contacts = crm.database().table("Contacts")
    table = sync_frames.to_arrow(contacts.list(per_page=2), schema=contacts.info())
    assert table.column("id").num_chunks == 3
    assert sync_frames.to_polars(contacts.list()).height == 5
    assert [
        r.id for r in sync_frames.create_from_frame(contacts, pd.DataFrame([{"Score": 1}]))
    ] == [6]


def test_create_from_frame_round_trips(crm: Ninox) -> None:
    contacts = crm.database().table("Contacts")
    df = to_pandas(contacts.list(), schema=contacts.info())
    copy = df[df["Score"] > 50].drop(columns=["Photo"])
    created = create_from_frame(contacts, copy)
    assert [r.id for r in created] == [6, 7, 8]
    originals = {r.id: r.fields.additional_properties for r in contacts.list()}
    for old, new in zip([1, 3, 5], [6, 7, 8], strict=True):
        assert originals[new] == originals[old]
    polars_rows = frame_rows(to_polars(contacts.list(limit=1), schema=contacts.info()))
    pandas_rows = frame_rows(df.head(1).drop(columns=["Photo"]), dates=["Birthday"])
    assert polars_rows == pandas_rows
    assert pandas_rows[0]["Birthday"] == dt.date(1985, 3, 14)
    # pandas holds dates as midnight timestamps: without ``dates`` they stay datetimes.
    assert isinstance(frame_rows(df.head(1))[0]["Birthday"], dt.datetime)
    with pytest.raises(InvalidArgumentError, match="list"):
        frame_rows([{"a": 1}])


@pytest.mark.asyncio
async def test_async_pager_to_pandas(crm_server: NinoxEmulator) -> None:
    crm_server.reset()
    async with AsyncNinox(
        api_key=crm_server.token, base_url=crm_server.base_url, team_id=TEAM, database_id=DB
    ) as client:
        deals = client.database().table("Deals")
        df = await async_frames.to_pandas(deals.list(per_page=2), schema=await deals.info())
        polars_frame = await async_frames.to_polars(await deals.list().to_list())
        created = await async_frames.create_from_frame(deals, df.head(1).drop(columns=["id"]))
    assert polars_frame.height == 3
    assert created[0].id == 4
    assert created[0].fields["Close Date"] == dt.date(2024, 3, 31)
    assert df["Title"].tolist() == ["Acme rollout", "Globex pilot", "Initech renewal"]
    assert list(df["Stage"].cat.categories) == ["Prospect", "Negotiation", "Won", "Lost"]


def test_pager_methods_read_the_schema_themselves(crm: Ninox) -> None:
    contacts = crm.database().table("Contacts")
    df = contacts.list(per_page=2).to_pandas()
    assert str(df["Status"].dtype) == "category"
    assert df["id"].tolist() == [1, 2, 3, 4, 5]
    assert contacts.list().to_arrow().schema.field("Birthday").type == pa.date32()
    assert contacts.list(limit=2).to_polars().height == 2


@pytest.mark.asyncio
async def test_async_pager_methods_read_the_schema_themselves(crm_server: NinoxEmulator) -> None:
    crm_server.reset()
    async with AsyncNinox(
        api_key=crm_server.token, base_url=crm_server.base_url, team_id=TEAM, database_id=DB
    ) as client:
        df = await client.records.list(table="Deals").to_pandas()
    assert list(df["Stage"].cat.categories) == ["Prospect", "Negotiation", "Won", "Lost"]


def test_table_create_from_frame_reports_rows_through_the_batch_writer(
    crm_server: NinoxEmulator, crm: Ninox
) -> None:
    from ninoxkit import BatchWriteError

    contacts = crm.database().table("Contacts")
    df = pd.DataFrame({"First Name": [f"P{i}" for i in range(5)], "Score": [1, None, 3, 4, 5]})
    # The second batch (rows 2 and 3) is refused: rows 0-1 are written, 2-4 certainly not
    # (one batch at a time, so that "the second" is the second sent).
    crm_server.faults.add(
        "status", status=422, path=r"/tables/B/records$", method="POST", every=2, max_count=1
    )
    try:
        with pytest.raises(BatchWriteError) as caught:
            contacts.create_from_frame(df, batch_size=2, max_in_flight=1)
    finally:
        crm_server.faults.clear()
    err = caught.value
    assert [(i, r.fields["First Name"]) for i, r in err.written] == [(0, "P0"), (1, "P1")]
    assert "Score" not in err.written[1][1].fields  # the empty cell was left out
    assert err.not_written == [2, 3, 4]
    assert err.unknown == []
    names = [r.fields["First Name"] for r in contacts.list()]
    assert names[-2:] == ["P0", "P1"]
    created = contacts.create_from_frame(df.tail(2))
    assert [r.fields.additional_properties for r in created] == [
        {"First Name": "P3", "Score": 4}, {"First Name": "P4", "Score": 5},
    ]  # fmt: skip


def test_create_from_frame_with_batches_in_flight_reports_every_row_once(
    crm_server: NinoxEmulator, crm: Ninox
) -> None:
    from ninoxkit import BatchWriteError

    contacts = crm.database().table("Contacts")
    before = {r.id for r in contacts.list()}
    df = pd.DataFrame({"First Name": [f"Q{i}" for i in range(9)]})
    crm_server.faults.add(
        "status", status=422, path=r"/tables/B/records$", method="POST", every=2, max_count=1
    )
    try:
        with pytest.raises(BatchWriteError) as caught:
            contacts.create_from_frame(df, batch_size=2)  # 5 batches, up to 4 at once
    finally:
        crm_server.faults.clear()
    err = caught.value
    written = [i for i, _ in err.written]
    assert sorted(written + err.not_written) == list(range(9))  # each row in one bucket
    assert err.unknown == []
    stored = {
        r.fields["First Name"] for r in contacts.list() if r.id not in before
    }  # what Ninox holds is exactly what was reported written
    assert stored == {f"Q{i}" for i in written}


@pytest.mark.asyncio
async def test_async_table_create_from_frame(crm_server: NinoxEmulator) -> None:
    crm_server.reset()
    async with AsyncNinox(
        api_key=crm_server.token, base_url=crm_server.base_url, team_id=TEAM, database_id=DB
    ) as client:
        deals = client.database().table("Deals")
        frame = pl.DataFrame({"Title": ["Big"], "Amount": [99.5], "Stage": ["Won"]})
        created = await deals.create_from_frame(frame)
    assert created[0].fields.additional_properties == {
        "Title": "Big", "Amount": 99.5, "Stage": "Won",
    }  # fmt: skip

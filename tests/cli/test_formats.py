"""Export and import formats: JSON arrays read back in bounded memory, Parquet typed by the
schema, and ``--limit`` never meaning "everything"."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from ninoxkit import Ninox

from .conftest import Run
from .test_transfer import _emails, _new_rows, _snapshot


def _json_rows(n: int) -> list[dict[str, Any]]:
    return [{"id": None, "fields": r} for r in _new_rows(n)]


def test_a_json_array_imports_item_by_item_in_small_pieces(
    run: Run, client: Ninox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ninoxkit._cli import _rows

    monkeypatch.setattr(_rows, "_JSON_CHUNK", 7)  # every item spans several reads
    rows = [{"fields": r} for r in _new_rows(40)]
    rows[3]["fields"]["Last Name"] = "x" * 5000 + ' "quoted" ]},[ \\u00e9'
    source = tmp_path / "new.json"
    source.write_text(json.dumps(rows, indent=1), encoding="utf-8")

    result = run("records", "import", "Contacts", str(source), "--batch-size", "9")
    assert result.exit_code == 0, result.output
    emails = _emails(client)
    assert all(emails[f"new{i}@example.test"] == 1 for i in range(40))
    got = client.records.find_one({"Email": "new3@example.test"}, table="Contacts")
    assert got is not None
    assert got.fields.additional_properties["Last Name"] == rows[3]["fields"]["Last Name"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"First Name": "A"}', "line 1: expected a JSON array of records"),
        ('[{"First Name": "A"},\n 5]', "item 2: expected a JSON object, got int"),
        ('[{"First Name": "A"},\n{"First Name": }]', "line 2: not JSON"),
        ('[{"First Name": "A"} {"First Name": "B"}]', "expected ',' or ']'"),
        ('[{"First Name": "A"}] []', "text after the end of the JSON array"),
        ('[{"First Name": "A"}', "line 1: expected ',' or ']'"),
    ],
)
def test_a_broken_json_array_stops_before_any_write(
    run: Run, client: Ninox, tmp_path: Path, text: str, message: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(text, encoding="utf-8")
    result = run("records", "import", "Contacts", str(source))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "nothing was imported" in result.stderr
    assert sum(_emails(client).values()) == 5


def test_a_json_item_over_the_size_limit_is_refused_clearly(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ninoxkit._cli import _rows

    monkeypatch.setattr(_rows, "_JSON_CHUNK", 64)
    monkeypatch.setattr(_rows, "MAX_JSON_ROW", 1000)
    source = tmp_path / "big.json"
    source.write_text(json.dumps([{"First Name": "x" * 5000}]), encoding="utf-8")
    result = run("records", "import", "Contacts", str(source))
    assert result.exit_code == 2, result.output
    assert "line 1: an item of the JSON array is over 1,000 characters" in result.stderr
    assert "nothing was imported" in result.stderr


def test_a_failed_json_import_writes_a_json_array_that_resumes(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    rows = [{"fields": r} for r in _new_rows(6)]
    rows[2]["fields"]["Status"] = "Prospect"  # refused by Ninox
    source = tmp_path / "new.json"
    source.write_text(json.dumps(rows), encoding="utf-8")
    assert run("records", "import", "Contacts", str(source)).exit_code == 3
    failed = tmp_path / "new.failed.json"
    left = json.loads(failed.read_text(encoding="utf-8"))
    assert [r["fields"]["Email"] for r in left] == ["new2@example.test"]
    assert left[0]["_outcome"] == "failed"
    left[0]["fields"]["Status"] = "Lead"
    failed.write_text(json.dumps(left), encoding="utf-8")
    assert run("records", "import", "Contacts", str(failed)).exit_code == 0
    assert all(_emails(client)[f"new{i}@example.test"] == 1 for i in range(6))


def test_parquet_export_is_typed_by_the_schema_and_written_page_by_page(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    client.records.create(
        [{**r, "Birthday": "1990-02-03", "VIP": i % 2 == 0} for i, r in enumerate(_new_rows(245))],
        table="Contacts",
    )
    out = tmp_path / "contacts.parquet"
    result = run("records", "export", "Contacts", "-o", str(out), "--per-page", "50")
    assert result.exit_code == 0, result.output
    assert "exported 250 record(s)" in result.stderr
    assert pq.ParquetFile(out).num_row_groups == 5  # one per page: 50 × 5

    table = pq.read_table(out)
    types = {f.name: f.type for f in table.schema}
    assert types["id"] == pa.int64()
    assert types["Score"] == pa.float64()
    assert types["Birthday"] == pa.date32()
    assert types["VIP"] == pa.bool_()
    assert types["Status"] == pa.dictionary(pa.int32(), pa.string())
    assert types["First Name"] == pa.string()

    rows = {r["id"]: r for r in table.to_pylist()}
    snap = _snapshot(client)
    assert set(rows) == set(snap)
    for record_id, fields in snap.items():
        row = rows[record_id]
        assert row["First Name"] == fields.get("First Name")
        assert row["Status"] == fields.get("Status")
        assert row["Score"] == (None if fields.get("Score") is None else float(fields["Score"]))
        expected = fields.get("Birthday")
        assert row["Birthday"] == (None if expected is None else dt.date.fromisoformat(expected))
        assert row["VIP"] == fields.get("VIP")
    assert rows[6]["Birthday"] == dt.date(1990, 2, 3)


def test_parquet_needs_a_file_and_the_frames_extra(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("records", "export", "Contacts", "--format", "parquet")
    assert result.exit_code == 2
    assert "pass -o FILE.parquet" in result.stderr
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were missing
    out = tmp_path / "c.parquet"
    result = run("records", "export", "Contacts", "-o", str(out))
    assert result.exit_code == 2
    assert "pip install 'ninoxkit[frames]'" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".*part"))
    out.write_bytes(b"PAR1")
    result = run("records", "import", "Contacts", str(out))
    assert result.exit_code == 2
    assert "cannot import Parquet" in result.stderr


@pytest.mark.parametrize(
    ("command", "hint"),
    [(("records", "list", "Contacts"), "pass --all"), (("records", "export", "Contacts"), "omit")],
)
def test_limit_zero_is_refused_with_the_way_to_get_everything(
    run: Run, command: tuple[str, ...], hint: str
) -> None:
    result = run(*command, "--limit", "0")
    assert result.exit_code == 2
    assert "0 is not a limit" in result.stderr
    assert hint in result.stderr
    assert result.stdout == ""


def test_records_list_all_shows_every_record(run: Run, client: Ninox) -> None:
    client.records.create(_new_rows(60), table="Contacts")
    result = run("records", "list", "Contacts", "--all")
    assert result.exit_code == 0, result.output
    assert "65 record(s)" in result.stderr
    assert "more exist" not in result.stderr
    assert "60 record(s)" not in run("records", "list", "Contacts").stderr
    assert "more exist" in run("records", "list", "Contacts").stderr

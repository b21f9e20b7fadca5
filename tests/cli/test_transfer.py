"""Export and import through the CLI: round trips, resume after failures, unknown outcomes."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ninoxkit import Ninox
from ninoxkit.testing import NinoxEmulator

from .conftest import Run

N = 3000
#: One batch at a time: for the tests that pin where exactly a stop falls.
SEQUENTIAL = ("--max-concurrency", "1")
STATUSES = ["Lead", "Customer", "Churned"]


def _row(i: int) -> dict[str, Any]:
    """Varied values: unicode, separators, quotes, newlines, floats, booleans, gaps."""
    fields: dict[str, Any] = {
        "First Name": f"Zoë-{i}",
        "Last Name": f'O\'Neil, "Jr." {i}' if i % 7 == 0 else f"Müller {i}",
        "Email": f"user{i}@example.test",
        "Status": STATUSES[i % 3],
        "Score": i * 1.5 if i % 2 else i,
        "Company": i % 3 + 1,
    }
    if i % 5:
        fields["Birthday"] = f"19{50 + i % 50:02d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
    if i % 4 == 0:
        fields["VIP"] = i % 8 == 0
    if i % 11 == 0:
        fields["Last Name"] = f"line one\nline two {i}"
    return fields


def _snapshot(client: Ninox) -> dict[int, dict[str, Any]]:
    pager = client.records.list(table="Contacts", per_page=500)
    return {r.id: dict(r.fields.additional_properties) for r in pager}


@pytest.fixture
def seeded(client: Ninox) -> dict[int, dict[str, Any]]:
    client.records.create([_row(i) for i in range(N)], table="Contacts", batch_size=500)
    snap = _snapshot(client)
    assert len(snap) == N + 5
    return snap


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_export_import_round_trip_keeps_every_value(
    run: Run, client: Ninox, seeded: dict[int, dict[str, Any]], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"contacts.{fmt}"
    result = run("records", "export", "Contacts", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"exported {N + 5} record(s)" in result.stderr

    client.records.delete_many(record_ids=list(seeded), table="Contacts", batch_size=500)
    assert _snapshot(client) == {}

    result = run("records", "import", "Contacts", str(out), "--batch-size", "250")
    assert result.exit_code == 0, result.output
    assert f"{N + 5}" in result.stderr
    assert _snapshot(client) == seeded
    assert not (tmp_path / f"contacts.failed.{fmt}").exists()


def test_export_json_is_one_array_and_csv_header_follows_the_schema(
    run: Run, seeded: dict[int, dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "all.json"
    assert run("records", "export", "Contacts", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in data] == sorted(seeded)
    assert data[0]["fields"] == seeded[1]

    result = run("records", "export", "Contacts", "--format", "csv", "--limit", "3")
    rows = list(csv.reader(result.stdout.splitlines()))
    assert rows[0] == ["id", "First Name", "Last Name", "Email", "Status", "Birthday", "Score",
                       "Company", "VIP", "Photo"]  # fmt: skip
    assert len(rows) == 4


def test_export_shows_progress_with_a_total(run: Run, seeded: dict[int, Any], tmp_path: Path):
    result = run("records", "export", "Contacts", "-o", str(tmp_path / "c.csv"), "--progress")
    assert result.exit_code == 0
    assert f"{N + 5}/{N + 5}" in result.stderr  # the total came from count(select Contacts)
    assert "rows/s" in result.stderr


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    columns = ["First Name", "Last Name", "Email", "Status", "Score"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for r in rows:
            writer.writerow({c: r.get(c, "") for c in columns})


def _new_rows(n: int) -> list[dict[str, Any]]:
    return [
        {
            "First Name": f"N{i}",
            "Last Name": "New",
            "Email": f"new{i}@example.test",
            "Status": "Lead",
            "Score": i,
        }
        for i in range(n)
    ]


def _emails(client: Ninox) -> Counter[str]:
    return Counter(
        str(r.fields.additional_properties.get("Email"))
        for r in client.records.list(table="Contacts", per_page=500)
    )


def _read_failed(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_refused_batches_go_to_the_failed_file_and_a_rerun_resumes(
    run: Run, emu: NinoxEmulator, client: Ninox, tmp_path: Path
) -> None:
    source = tmp_path / "new.csv"
    _write_csv(source, _new_rows(1000))
    emu.faults.add("status", status=422, path="/records$", method="POST", every=3, max_count=2)

    result = run("records", "import", "Contacts", str(source), "--no-split")
    assert result.exit_code == 3, result.output
    failed = tmp_path / "new.failed.csv"
    rows = _read_failed(failed)
    assert len(rows) == 200  # batches 3 and 6 of 100
    assert {r["_outcome"] for r in rows} == {"failed"}
    assert "422" in rows[0]["_error"]
    assert "rows failed" in result.stderr
    assert "200" in result.stderr

    result = run("records", "import", "Contacts", str(failed))
    assert result.exit_code == 0, result.output
    emails = _emails(client)
    assert all(emails[f"new{i}@example.test"] == 1 for i in range(1000))
    assert sum(emails.values()) == 1005


def test_a_bad_value_is_isolated_and_only_its_row_fails(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    rows = _new_rows(250)
    rows[137]["Status"] = "Prospect"  # not an option of Status: Ninox answers 422
    source = tmp_path / "new.csv"
    _write_csv(source, rows)

    result = run("records", "import", "Contacts", str(source))
    assert result.exit_code == 3
    failed_rows = _read_failed(tmp_path / "new.failed.csv")
    assert [r["Email"] for r in failed_rows] == ["new137@example.test"]
    assert "Status" in failed_rows[0]["_error"]

    # The user fixes the row in the failed file and imports that file again.
    failed_rows[0]["Status"] = "Lead"
    with (tmp_path / "new.failed.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(failed_rows[0]))
        writer.writeheader()
        writer.writerows(failed_rows)
    result = run("records", "import", "Contacts", str(tmp_path / "new.failed.csv"))
    assert result.exit_code == 0, result.output
    emails = _emails(client)
    assert all(emails[f"new{i}@example.test"] == 1 for i in range(250))
    # Nothing is left to resume: the failed file is gone, so running the resume command again
    # cannot create the row a second time.
    assert not (tmp_path / "new.failed.csv").exists()
    assert "removed" in result.stderr


def test_unknown_outcome_rows_are_not_resent_blindly(
    run: Run, emu: NinoxEmulator, client: Ninox, tmp_path: Path
) -> None:
    source = tmp_path / "new.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _new_rows(500)), encoding="utf-8")
    # The 2nd batch gets a 500: Ninox may or may not have written it.
    emu.faults.add("status", status=500, path="/records$", method="POST", every=2, max_count=1)

    result = run("records", "import", "Contacts", str(source))
    assert result.exit_code == 3, result.output
    assert "unknown outcome" in result.stderr
    failed = tmp_path / "new.failed.jsonl"
    lines = [json.loads(line) for line in failed.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 100
    assert {r["_outcome"] for r in lines} == {"unknown"}
    assert "check Ninox" in lines[0]["_error"]

    # A plain rerun does not send them again: they stay in the failed file.
    requests_before = len(emu.requests())
    result = run("records", "import", "Contacts", str(failed))
    assert result.exit_code == 3
    assert not [r for r in emu.requests()[requests_before:] if r["method"] == "POST"]
    assert len(failed.read_text(encoding="utf-8").splitlines()) == 100

    # Suppose half of the lost batch did land in Ninox; --key finds those and creates the rest.
    landed = [{k: v for k, v in r.items() if not k.startswith("_")} for r in lines[:50]]
    client.records.create(landed, table="Contacts")
    result = run("records", "import", "Contacts", str(failed), "--key", "Email")
    assert result.exit_code == 0, result.output
    assert "already in Ninox" in result.stderr
    emails = _emails(client)
    assert all(emails[f"new{i}@example.test"] == 1 for i in range(500))
    # Nothing is left to resume, so the resume command cannot import these rows again.
    assert not failed.exists()
    assert f"removed {failed}" in result.stderr


def test_retry_unknown_resends_after_the_user_checked(
    run: Run, emu: NinoxEmulator, client: Ninox, tmp_path: Path
) -> None:
    source = tmp_path / "new.csv"
    _write_csv(source, _new_rows(300))
    emu.faults.add("status", status=503, path="/records$", method="POST", every=3, max_count=1)
    assert run("records", "import", "Contacts", str(source)).exit_code == 3
    failed = tmp_path / "new.failed.csv"
    assert {r["_outcome"] for r in _read_failed(failed)} == {"unknown"}

    result = run("records", "import", "Contacts", str(failed), "--retry-unknown")
    assert result.exit_code == 0, result.output
    emails = _emails(client)
    assert all(emails[f"new{i}@example.test"] == 1 for i in range(300))


def test_rows_with_ids_update_and_are_safe_to_resend(
    run: Run, emu: NinoxEmulator, client: Ninox, tmp_path: Path
) -> None:
    source = tmp_path / "scores.csv"
    source.write_text("id,Score\n1,1\n2,2\n3,3\n", encoding="utf-8")
    emu.faults.add("status", status=500, path="/records$", method="POST", max_count=3)
    result = run("records", "import", "Contacts", str(source))
    # Upserts by id are idempotent: retried by the library, then reported as plain failures.
    assert result.exit_code == 3
    assert {r["_outcome"] for r in _read_failed(tmp_path / "scores.failed.csv")} == {"failed"}
    assert run("records", "import", "Contacts", str(tmp_path / "scores.failed.csv")).exit_code == 0
    snap = _snapshot(client)
    assert [snap[i]["Score"] for i in (1, 2, 3)] == [1, 2, 3]
    assert snap[1]["First Name"] == "Lisa"  # other fields untouched


def _stop_on_write(monkeypatch: pytest.MonkeyPatch, call: int) -> None:
    """Make the ``call``-th ``records.upsert`` raise KeyboardInterrupt (Ctrl-C mid-request)."""
    from ninoxkit._sync.resources.records import Records

    original = Records.upsert
    calls = Counter[str]()

    def upsert(self: Records, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == call:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Records, "upsert", upsert)


def test_an_import_stopped_by_ctrl_c_keeps_every_row_not_written(
    run: Run, client: Ninox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "new.csv"
    _write_csv(source, _new_rows(10))
    _stop_on_write(monkeypatch, call=3)  # batches 1 and 2 land, Ctrl-C during batch 3

    result = run(*SEQUENTIAL, "records", "import", "Contacts", str(source), "--batch-size", "2")
    assert result.exit_code == 130
    assert "rows written" in result.stderr  # the report, though the import stopped
    assert "stopped after row 6: interrupted" in result.stderr
    failed = _read_failed(tmp_path / "new.failed.csv")
    assert [(r["Email"], r["_outcome"]) for r in failed] == [
        ("new4@example.test", "unknown"),  # batch 3 was in flight: it may have been written
        ("new5@example.test", "unknown"),
        *((f"new{i}@example.test", "not sent") for i in range(6, 10)),
    ]
    monkeypatch.undo()
    assert run("records", "import", "Contacts", str(tmp_path / "new.failed.csv"),
               "--key", "Email").exit_code == 0  # fmt: skip
    assert all(_emails(client)[f"new{i}@example.test"] == 1 for i in range(10))


def test_after_ctrl_c_the_bar_stays_where_it_was_and_says_interrupted(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "new.csv"
    _write_csv(source, _new_rows(10))
    _stop_on_write(monkeypatch, call=3)  # batches 1 and 2 land, Ctrl-C during batch 3

    result = run(*SEQUENTIAL, "records", "import", "Contacts", str(source), "--batch-size", "2",
                 "--progress")  # fmt: skip
    assert result.exit_code == 130
    bar = next(line for line in result.stderr.splitlines() if "import Contacts" in line)
    assert "import Contacts (interrupted)" in bar
    assert "4/10" in bar  # not 10/10: the 6 rows saved as unknown/not sent were not imported


def test_a_stopped_resume_keeps_the_rows_after_the_stop_in_the_failed_file(
    run: Run, client: Ninox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _new_rows(10)
    rows[0]["Status"] = "Prospect"  # refused again on the rerun
    failed = tmp_path / "new.failed.jsonl"
    failed.write_text(
        "".join(json.dumps({**r, "_outcome": "failed", "_error": "x"}) + "\n" for r in rows),
        encoding="utf-8",
    )
    _stop_on_write(monkeypatch, call=5)  # batch 1 is split (3 calls), batch 2 lands, then stop

    result = run(*SEQUENTIAL, "records", "import", "Contacts", str(failed), "--batch-size", "2")
    assert result.exit_code == 130
    left = [json.loads(line) for line in failed.read_text(encoding="utf-8").splitlines()]
    assert [r["Email"] for r in left] == [r["Email"] for r in rows[:1] + rows[4:]]
    assert [r["_outcome"] for r in left] == ["failed", "unknown", "unknown"] + ["not sent"] * 4
    assert sum(_emails(client).values()) == 5 + 3


def test_input_errors_stop_the_import_before_any_write(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    lines = [json.dumps({**r, "_outcome": "failed", "_error": "x"}) for r in _new_rows(10)]
    lines.insert(5, "{not json")
    failed = tmp_path / "new.failed.jsonl"
    failed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("First Name\nA\nB\nMüller\n".encode("latin-1"))
    huge = tmp_path / "huge.csv"
    huge.write_text('First Name\nA\n"' + "x" * 200_000 + '"\n', encoding="utf-8")

    for path, message in [
        (failed, "line 6: not JSON"),
        (latin1, "not UTF-8 text"),
        (huge, "line 3: not valid CSV"),
    ]:
        before = path.read_bytes()
        result = run("records", "import", "Contacts", str(path), "--batch-size", "1")
        assert result.exit_code == 2, result.output
        assert message in result.stderr
        assert "nothing was imported" in result.stderr
        assert "Traceback" not in result.output
        assert path.read_bytes() == before
    assert sum(_emails(client).values()) == 5


def test_a_value_the_library_refuses_fails_only_its_row(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    lines = [json.dumps({"First Name": f"Q{i}", "Score": i}) for i in range(6)]
    lines[4] = '{"First Name": "Q4", "Score": NaN}'
    source = tmp_path / "nan.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run("records", "import", "Contacts", str(source), "--batch-size", "3", "--no-split")
    assert result.exit_code == 3, result.output
    left = (tmp_path / "nan.failed.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(left) == 1
    assert left[0].startswith('{"First Name":"Q4","Score":NaN')
    assert "cannot be sent" in json.loads(left[0])["_error"]
    names = {
        r.fields.additional_properties["First Name"] for r in client.records.list(table="Contacts")
    }
    assert {f"Q{i}" for i in (0, 1, 2, 3, 5)} <= names
    assert "Q4" not in names


def test_when_the_rest_cannot_be_saved_the_old_failed_file_is_left_alone(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ninoxkit._cli import _transfer

    failed = tmp_path / "new.failed.csv"
    _write_csv(failed, _new_rows(6))
    before = failed.read_bytes()
    _stop_on_write(monkeypatch, call=2)
    opened = Counter[str]()
    original = _transfer.open_input

    def open_input(path: Path) -> Any:
        opened["n"] += 1
        if opened["n"] == 2:  # reading the rest after the stop
            raise OSError("input gone")
        return original(path)

    monkeypatch.setattr(_transfer, "open_input", open_input)
    result = run(*SEQUENTIAL, "records", "import", "Contacts", str(failed), "--batch-size", "2")
    assert result.exit_code == 130
    assert failed.read_bytes() == before
    assert "was left as it was" in result.stderr
    assert "rows written" in result.stderr
    assert not list(tmp_path.glob(".*part"))


def test_csv_rows_whose_cells_do_not_match_the_header_fail_whole(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    source = tmp_path / "x.csv"
    # Row 1 has an unquoted comma (4 cells), row 2 an unquoted line break (2 short rows).
    source.write_text(
        "First Name,Last Name,Email\nAnna,Smith, Jr.,anna@x\nBob,Lee\n,bob@x\nCy,Ng,cy@x\n",
        encoding="utf-8",
    )
    result = run("records", "import", "Contacts", str(source))
    assert result.exit_code == 3, result.output
    lines = (tmp_path / "x.failed.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "First Name,Last Name,Email,_outcome,_error",
        'Anna,Smith, Jr.,failed,"row has 4 cells, the header has 3",anna@x',
        'Bob,Lee,,failed,"row has 2 cells, the header has 3"',
        ',bob@x,,failed,"row has 2 cells, the header has 3"',
    ]
    names = [r.fields.additional_properties.get("First Name") for r in client.records.list(
        table="Contacts") if r.id > 5]  # fmt: skip
    assert names == ["Cy"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_utf8_with_a_byte_order_mark_imports(
    run: Run, client: Ninox, tmp_path: Path, fmt: str
) -> None:
    source = tmp_path / f"excel.{fmt}"
    text = "First Name,Email\nÄnne,anne@x\n" if fmt == "csv" else '{"First Name": "Änne"}\n'
    source.write_text("\ufeff" + text, encoding="utf-8")  # as Excel's "CSV UTF-8" writes it
    result = run("records", "import", "Contacts", str(source))
    assert result.exit_code == 0, result.output
    assert client.records.find_one({"First Name": "Änne"}, table="Contacts") is not None


def test_the_resume_command_keeps_the_options_that_were_given(run: Run, tmp_path: Path) -> None:
    import shlex

    from .conftest import SECRET, TEAM

    source = tmp_path / "data.txt"  # the name does not tell the format
    source.write_text("First Name,Email,Status\nA,a@x,Prospect\n", encoding="utf-8")
    result = run("--api-key", SECRET, "--team", TEAM, "records", "import", "Contacts",
                 str(source), "--format", "csv", "--key", "Email", "--batch-size", "7",
                 "--no-split")  # fmt: skip
    assert result.exit_code == 3, result.output
    line = next(x for x in result.stderr.splitlines() if x.startswith("resume with: "))
    words = shlex.split(line.removeprefix("resume with: "))
    assert words == ["ninoxkit", "--team", TEAM, "records", "import", "Contacts",
                     str(tmp_path / "data.failed.txt"), "--format", "csv", "--batch-size", "7",
                     "--key", "Email", "--no-split"]  # fmt: skip
    assert SECRET not in result.output
    # The command runs as printed (the row is still refused, so it is still a partial failure).
    assert run(*words[1:]).exit_code == 3


def test_rows_resent_after_a_lookup_are_split_like_any_batch(
    run: Run, emu: NinoxEmulator, client: Ninox, tmp_path: Path
) -> None:
    rows = _new_rows(10)
    rows[6]["Status"] = "Prospect"  # refused when the missing rows are sent again
    source = tmp_path / "new.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    # The batch's answer is a 500: outcome unknown, so --key looks every row up (none is there).
    emu.faults.add("status", status=500, path="/records$", method="POST", max_count=1)

    result = run("records", "import", "Contacts", str(source), "--key", "Email")
    assert result.exit_code == 3, result.output
    failed = [json.loads(x) for x in (tmp_path / "new.failed.jsonl").read_text().splitlines()]
    assert [(r["Email"], r["_outcome"]) for r in failed] == [("new6@example.test", "failed")]
    emails = _emails(client)
    assert all(emails[f"new{i}@example.test"] == 1 for i in range(10) if i != 6)


def test_a_name_that_is_no_field_stops_either_format_before_any_write(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    rows = [{"First Name": f"N{i}", "Email": f"n{i}@x"} for i in range(5)]
    rows[2] = {"First Name": "N2", "Emial": "n2@x"}
    jsonl = tmp_path / "typo.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    csv_file = tmp_path / "typo.csv"
    csv_file.write_text("First Name,Emial\nA,a@x\n", encoding="utf-8")

    for path, where in [(jsonl, "row 3: "), (csv_file, "header: ")]:
        result = run("records", "import", "Contacts", str(path), "--batch-size", "1")
        assert result.exit_code == 4, result.output
        assert f"{where}no field of table 'Contacts' named 'Emial'" in result.stderr
        assert "did you mean 'Email'" in result.stderr
        assert "nothing was imported" in result.stderr
        assert not list(tmp_path.glob("*.failed.*"))
    assert sum(_emails(client).values()) == 5


def test_rows_read_into_a_batch_not_yet_sent_are_kept_after_a_stop(
    run: Run, client: Ninox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ninoxkit._cli import _transfer

    source = tmp_path / "new.csv"
    _write_csv(source, _new_rows(6))
    original = _transfer.read_rows
    calls = Counter[str]()

    def read_rows(stream: Any, fmt: str) -> Any:
        calls["n"] += 1
        for row in original(stream, fmt):
            if calls["n"] == 1 and row.number == 4:  # Ctrl-C while reading batch 2's 2nd row
                raise KeyboardInterrupt
            yield row

    monkeypatch.setattr(_transfer, "read_rows", read_rows)
    result = run(*SEQUENTIAL, "records", "import", "Contacts", str(source), "--batch-size", "2")
    assert result.exit_code == 130
    failed = _read_failed(tmp_path / "new.failed.csv")
    assert [(r["Email"], r["_outcome"]) for r in failed] == [
        (f"new{i}@example.test", "not sent") for i in range(2, 6)
    ]
    assert sum(_emails(client).values()) == 5 + 2


def test_a_cell_that_cannot_be_sent_fails_only_its_row(
    run: Run, client: Ninox, tmp_path: Path
) -> None:
    # A JSON string may hold a lone surrogate ("\ud800"), which has no UTF-8 form: the request
    # cannot be built. The import used to stop there with a UnicodeEncodeError traceback.
    lines = [json.dumps({"First Name": f"S{i}", "Score": i}) for i in range(6)]
    lines[4] = '{"First Name": "S4 \\ud800", "Score": 4}'
    source = tmp_path / "surrogate.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run("records", "import", "Contacts", str(source), "--batch-size", "3", "--no-split")
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    left = (tmp_path / "surrogate.failed.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(left) == 1
    row = json.loads(left[0])
    assert row["First Name"] == "S4 \ud800"  # kept exactly, as a \u escape
    assert "lone surrogate" in row["_error"]
    names = {
        r.fields.additional_properties["First Name"] for r in client.records.list(table="Contacts")
    }
    assert {f"S{i}" for i in (0, 1, 2, 3, 5)} <= names


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_reads_ahead_and_writes_what_one_page_at_a_time_writes(
    run: Run, emu: NinoxEmulator, seeded: dict[int, Any], tmp_path: Path, fmt: str
) -> None:
    one, ahead = tmp_path / f"one.{fmt}", tmp_path / f"ahead.{fmt}"
    result = run("--max-concurrency", "1", "records", "export", "Contacts", "-o", str(one))
    assert result.exit_code == 0
    result = run("records", "export", "Contacts", "-o", str(ahead), "--per-page", "100")
    assert result.exit_code == 0
    assert ahead.read_bytes() == one.read_bytes()
    emu.clear_requests()
    result = run("records", "export", "Contacts", "--limit", "700", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == sorted(seeded)[:700]
    pages = [e for e in emu.requests() if e["path"].endswith("/records")]
    assert len(pages) == 2  # 2 x 350: no more than the limit needs

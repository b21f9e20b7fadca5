# Written by scripts/unasync.py from tests/resources/_async/test_undocumented.py.
# Do not edit: edit the source and re-run the script.
"""Undocumented operations (getSchema, updateSchema, listReports, getReport, updateReports,
listReportFiles, downloadReportFile) over cassettes."""

from __future__ import annotations

from ninoxkit import Ninox

from tests.resources.recording import Session


def test_schema_roundtrip(target: Session) -> None:
    target.emulator_only()
    with Ninox(**target.options()) as client:
        schema = client.undocumented.get_schema()
        assert isinstance(schema.version, int)
        result = client.undocumented.update_schema(schema)
        again = client.undocumented.get_schema()
    assert result.version == schema.version + 1
    assert again.version == result.version
    assert again.types is not None
    assert "B" in again.types.additional_properties


def test_reports(target: Session) -> None:
    target.emulator_only()
    with Ninox(**target.options()) as client:
        reports = client.undocumented.list_reports(full=True)
        report = client.undocumented.get_report(report_id="r1")
        client.undocumented.update_reports([{"id": "r1", "caption": "Sheet", "tid": "B"}])
        renamed = client.undocumented.get_report(report_id="r1")
        files = client.undocumented.list_report_files(report_id="r1")
        content = client.undocumented.download_report_file(report_id="r1", file_name=files[0])
    assert [r.id for r in reports] == ["r1"]
    assert report.caption == "Contact sheet"
    assert renamed.caption == "Sheet"
    assert files == ["template.docx"]
    assert content == b"not really a docx"

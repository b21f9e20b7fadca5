"""Undocumented operations (getSchema, updateSchema, listReports, getReport, updateReports,
listReportFiles, downloadReportFile) over cassettes."""

from __future__ import annotations

import pytest
from ninoxkit import AsyncNinox

from tests.resources.recording import Session


@pytest.mark.asyncio
async def test_schema_roundtrip(target: Session) -> None:
    target.emulator_only()
    async with AsyncNinox(**target.options()) as client:
        schema = await client.undocumented.get_schema()
        assert isinstance(schema.version, int)
        result = await client.undocumented.update_schema(schema)
        again = await client.undocumented.get_schema()
    assert result.version == schema.version + 1
    assert again.version == result.version
    assert again.types is not None
    assert "B" in again.types.additional_properties


@pytest.mark.asyncio
async def test_reports(target: Session) -> None:
    target.emulator_only()
    async with AsyncNinox(**target.options()) as client:
        reports = await client.undocumented.list_reports(full=True)
        report = await client.undocumented.get_report(report_id="r1")
        await client.undocumented.update_reports([{"id": "r1", "caption": "Sheet", "tid": "B"}])
        renamed = await client.undocumented.get_report(report_id="r1")
        files = await client.undocumented.list_report_files(report_id="r1")
        content = await client.undocumented.download_report_file(report_id="r1", file_name=files[0])
    assert [r.id for r in reports] == ["r1"]
    assert report.caption == "Contact sheet"
    assert renamed.caption == "Sheet"
    assert files == ["template.docx"]
    assert content == b"not really a docx"

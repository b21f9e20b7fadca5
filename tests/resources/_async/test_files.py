"""Attachments (listFiles, uploadFile, downloadFile, getFileMetadata, getFileThumbnail,
deleteFile) over cassettes: binary-safe multipart upload and download."""

from __future__ import annotations

from pathlib import Path

import pytest
from ninoxkit import AsyncNinox, NotFoundError

from tests.resources.recording import CONTACTS, Session

#: Every byte value, including a CRLF and dashes that would end a naive multipart part.
BINARY = bytes(range(256)) + b"\r\n--+++\r\n" + bytes(range(255, -1, -1))


async def _mei(client: AsyncNinox) -> int:
    found = await client.records.find_one({"Email": "mei@globex.example"}, table=CONTACTS)
    assert found is not None
    return found.id


@pytest.mark.asyncio
async def test_list_download_and_metadata(target: Session, tmp_path: Path) -> None:
    async with AsyncNinox(**target.options()) as client:
        rid = await _mei(client)
        listed = await client.files.list(record_id=rid, table=CONTACTS)
        meta = await client.files.metadata(record_id=rid, file_name="notes.txt", table=CONTACTS)
        written = await client.files.download(
            record_id=rid, file_name="notes.txt", table=CONTACTS, to=tmp_path / "n"
        )
    assert [f.name for f in listed] == ["notes.txt"]
    assert meta.name == "notes.txt"
    assert written == tmp_path / "n"
    assert written.read_bytes() == b"Met at the Hamburg fair; wants a demo in Q2."
    assert meta.size == len(written.read_bytes())


@pytest.mark.asyncio
async def test_upload_binary_roundtrip_and_delete(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        rid = await _mei(client)
        await client.files.upload(BINARY, record_id=rid, table=CONTACTS, file_name="blob.bin")
        downloaded = await client.files.download(
            record_id=rid, file_name="blob.bin", table=CONTACTS
        )
        chunks: list[bytes] = []
        async for chunk in client.files.iter_bytes(
            record_id=rid, file_name="blob.bin", table=CONTACTS, chunk_size=200
        ):
            chunks.append(chunk)
        await client.files.delete(record_id=rid, file_name="blob.bin", table=CONTACTS)
        with pytest.raises(NotFoundError):
            await client.files.metadata(record_id=rid, file_name="blob.bin", table=CONTACTS)
    assert downloaded == BINARY
    assert b"".join(chunks) == BINARY
    assert max(len(chunk) for chunk in chunks) <= 200


@pytest.mark.asyncio
async def test_thumbnail_is_jpeg(target: Session) -> None:
    async with AsyncNinox(**target.options()) as client:
        rid = await _mei(client)
        thumb = await client.files.thumbnail(record_id=rid, file_name="notes.txt", table=CONTACTS)
    assert thumb[:3] == b"\xff\xd8\xff"

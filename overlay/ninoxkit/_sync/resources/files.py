# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/files.py.
# Do not edit: edit the source and re-run the script.
"""``client.files``: attachments of a record (reference §4.16).

Uploads stream from a path, bytes or a binary file object. The generated multipart body uses a
fixed ``+++`` boundary, which truncates any file that happens to contain ``\\r\\n--+++``
(toolchain-notes §3); ninoxkit reuses the generated request description and only replaces the
boundary with one derived from the content's SHA-256, which the content cannot contain and which
keeps recorded requests byte-identical. Downloads stream in chunks, in constant memory.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

import httpx
from ninox_api.api.files import (
    delete_file,
    download_file,
    get_file_metadata,
    get_file_thumbnail,
    list_files,
    upload_file,
)
from ninox_api.models import FileMeta, FileUpload
from ninox_api.types import File

from ninoxkit._constants import DOWNLOAD_CHUNK_SIZE
from ninoxkit._exceptions import (
    InvalidArgumentError,
    NotFoundError,
    ResponseTooLargeError,
)
from ninoxkit._sync._resource import APIResource
from ninoxkit._validate import check_id, check_positive_int
from ninoxkit.types import FileSource

__all__ = ["Files"]


class Files(APIResource):
    """Files attached to a record."""

    def list(
        self,
        *,
        table: str,
        record_id: int,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> list[FileMeta]:
        """List a record's attachments.

        Args:
            table: Table id or caption.
            record_id: The record's id.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            One metadata entry per attachment.

        Raises:
            NotFoundError: no such record (or table).
        """
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        response = self._call(list_files.sync_detailed, team, db, tid, rid)
        return self._parsed_list(response, FileMeta)

    def upload(
        self,
        file: FileSource,
        *,
        table: str,
        record_id: int,
        file_name: str | None = None,
        field: str | None = None,
        content_type: str | None = None,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> Any:
        """Attach a file to a record, streamed and binary-safe.

        Args:
            file: A path, bytes, or a binary file object opened for reading.
            table: Table id or caption.
            record_id: The record's id.
            file_name: Name to store; default the path's name (required for bytes and streams
                without a ``name``).
            field: Put the file into this file/image field (name or id) instead of the general
                attachments (``fieldName``, reference §4.16 [1]).
            content_type: MIME type; default guessed from the name.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        The client's ``deadline`` covers the wait for a concurrency slot and for Ninox's
        answer; the sending of the file does not count against it (its size and the line set
        how long that takes), each write of it is bounded by the write timeout instead. An
        upload is never re-sent once it may have reached Ninox.

        Returns:
            What Ninox answers (undocumented; the emulator answers the file's metadata): decoded
            JSON, the text of a non-JSON answer, or ``None`` for an empty one.

        Raises:
            InvalidArgumentError: no file name, a text-mode file, or a missing path.
            OutcomeUnknownTimeoutError: the deadline passed after the file went out, before
                Ninox answered: check whether it was attached before uploading it again.
        """
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        opened: IO[bytes] | None = None
        try:
            payload, name, boundary, opened = _prepare(file, file_name)
            mime = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
            stream = io.BytesIO(payload) if isinstance(payload, bytes) else payload
            body = FileUpload(
                file=File(payload=cast(BinaryIO, stream), file_name=name, mime_type=mime)
            )
            if field is not None:
                body.field_name = check_id("field", field)
            kwargs = upload_file.request_kwargs(team, db, tid, rid, body=body)
            headers = dict(kwargs.pop("headers", {}))
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            # A repeated upload would attach the file twice. The deadline bounds the wait for
            # a slot and for the answer, not the sending of the body: how long that takes
            # depends on the file and the line (each write is bounded by the write timeout).
            response = self._client._send(
                {**kwargs, "headers": headers}, idempotent=False, exempt_body=True
            )
        finally:
            if opened is not None:
                opened.close()
        if not response.content.strip():
            return None
        try:
            return response.json()
        except (ValueError, RecursionError):
            # The answer is undocumented; the upload went through, so a non-JSON answer is
            # returned as text rather than raised (a caller retrying would attach it twice).
            return response.text

    def download(
        self,
        *,
        table: str,
        record_id: int,
        file_name: str,
        to: str | os.PathLike[str] | None = None,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> bytes | Path:
        """Download a file: into memory (``to=None``), or streamed to the path ``to``.

        The client's ``deadline`` bounds the wait for the answer's headers; the content then
        streams as long as each read stays within the read timeout (a file's size sets how long
        that takes). Into memory, at most ``max_response_size`` bytes are read (then
        :class:`~ninoxkit.ResponseTooLargeError`); streamed to a path there is no size limit.

        Writing to a path goes through a temporary file renamed at the end, so an interrupted
        download never leaves a truncated file under the final name. A body that breaks off is
        fetched again from the start, within the client's ``max_retries`` (nothing of it has
        reached the caller yet); :meth:`iter_bytes`, whose chunks reach the caller at once, is
        not.

        Args:
            table: Table id or caption.
            record_id: The record's id.
            file_name: The attachment's name (as :meth:`list` answers it).
            to: Stream the file to this path instead of returning its bytes.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            The bytes, or the path written.

        Raises:
            InvalidArgumentError: ``to`` is not a path, its folder does not exist, or it is a
                folder itself (checked before anything is sent).
            ResponseTooLargeError: ``to=None`` and the file is larger than
                ``max_response_size``.
            NotFoundError: no such record or file.
        """
        if to is not None and not isinstance(to, str | os.PathLike):
            raise InvalidArgumentError(f"to must be a path or None, got {type(to).__name__}")
        if to is None:
            return self._download_bytes(record_id, file_name, table, team_id, database_id)
        target = Path(to)
        _check_target(target)
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        name = check_id("file_name", file_name)
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        try:
            try:
                out = partial.open("wb")
            except OSError as exc:
                # Not the hidden temporary name: the caller asked for ``target``.
                raise InvalidArgumentError(
                    f"cannot write the download to {target}: {exc.strerror or exc}"
                ) from None
            # Local disk writes of one chunk are short; one source serves both twins.
            with out:

                def write(response: httpx.Response) -> None:
                    out.seek(0)  # a retry after the body broke off starts over
                    out.truncate()
                    for chunk in response.iter_bytes(DOWNLOAD_CHUNK_SIZE):
                        out.write(chunk)

                kwargs = download_file.request_kwargs(team, db, tid, rid, name)
                self._client._send(kwargs, read_body=write)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return target

    def _download_bytes(
        self,
        record_id: int,
        file_name: str,
        table: str,
        team_id: str | None,
        database_id: str | None,
    ) -> bytes:
        """Read a file into memory, at most ``max_response_size`` bytes of it."""
        limit = self._client.options.max_response_size
        chunks: list[bytes] = []
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        name = check_id("file_name", file_name)

        def read(response: httpx.Response) -> None:
            chunks.clear()  # a retry after the body broke off starts over
            size = 0
            for chunk in response.iter_bytes(DOWNLOAD_CHUNK_SIZE):
                size += len(chunk)
                if size > limit:
                    raise ResponseTooLargeError(
                        f"the file is larger than max_response_size={limit} bytes; reading it "
                        "into memory stopped there. Download it to a path (to=...) or with "
                        "iter_bytes(), which stream it without a limit, or raise "
                        "max_response_size",
                        limit=limit,
                        status_code=200,
                        applied=False,  # a download changes nothing
                    )
                chunks.append(chunk)

        kwargs = download_file.request_kwargs(team, db, tid, rid, name)
        # The transport retries a body that breaks off (nothing of it has reached the caller)
        # and closes it afterwards, which frees the connection and its slot at once.
        self._client._send(kwargs, read_body=read)
        return b"".join(chunks)

    def iter_bytes(
        self,
        *,
        table: str,
        record_id: int,
        file_name: str,
        chunk_size: int = DOWNLOAD_CHUNK_SIZE,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> Iterator[bytes]:
        """Yield a file's content in chunks of at most ``chunk_size`` bytes (constant memory).

        Args:
            table: Table id or caption.
            record_id: The record's id.
            file_name: The attachment's name (as :meth:`list` answers it).
            chunk_size: Largest chunk yielded, in bytes.
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            The file's bytes, chunk by chunk.

        Raises:
            NotFoundError: no such record or file.
            InvalidArgumentError: ``chunk_size`` is not an int ≥ 1 (httpx would otherwise
                treat 0 or a negative size as "no chunking" or cut the content wrongly).
        """
        check_positive_int("chunk_size", chunk_size)
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        name = check_id("file_name", file_name)
        kwargs = download_file.request_kwargs(team, db, tid, rid, name)
        with self._client._send_streamed(kwargs) as response:
            for chunk in response.iter_bytes(chunk_size):
                yield chunk

    def delete(
        self,
        *,
        table: str,
        record_id: int,
        file_name: str,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> None:
        """Delete an attachment (a 404 to a re-sent delete is success: the file is gone).

        Args:
            table: Table id or caption.
            record_id: The record's id.
            file_name: The attachment's name (as :meth:`list` answers it).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Raises:
            NotFoundError: no such record or file (answered to the first attempt).
        """
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        name = check_id("file_name", file_name)
        try:
            self._call(delete_file.sync_detailed, team, db, tid, rid, name)
        except NotFoundError as exc:
            if not exc.may_have_been_applied:
                raise
            # A 404 after an attempt that may have landed (the transport's verdict): that
            # attempt, whose answer was lost, deleted it.

    def metadata(
        self,
        *,
        table: str,
        record_id: int,
        file_name: str,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> FileMeta:
        """Get an attachment's metadata (name, content type, size, …).

        Args:
            table: Table id or caption.
            record_id: The record's id.
            file_name: The attachment's name (as :meth:`list` answers it).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            The attachment's metadata.

        Raises:
            NotFoundError: no such record or file.
        """
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        name = check_id("file_name", file_name)
        response = self._call(get_file_metadata.sync_detailed, team, db, tid, rid, name)
        return self._parsed(response, FileMeta)

    def thumbnail(
        self,
        *,
        table: str,
        record_id: int,
        file_name: str,
        team_id: str | None = None,
        database_id: str | None = None,
    ) -> bytes:
        """Get an attachment's JPEG thumbnail.

        Args:
            table: Table id or caption.
            record_id: The record's id.
            file_name: The attachment's name (as :meth:`list` answers it).
            team_id: Team id; default: the client's ``team_id``.
            database_id: Database id; default: the client's ``database_id``.

        Returns:
            The thumbnail's bytes.

        Raises:
            NotFoundError: no such record or file.
        """
        team, db, tid, rid = self._record_path(record_id, table, team_id, database_id)
        name = check_id("file_name", file_name)
        response = self._call(get_file_thumbnail.sync_detailed, team, db, tid, rid, name)
        return response.content


def _prepare(
    file: FileSource, file_name: str | None
) -> tuple[IO[bytes] | bytes, str, str, IO[bytes] | None]:
    """Return (payload, name, boundary, file we opened) for an upload source."""
    if isinstance(file, str | os.PathLike):
        path = Path(file)
        if not path.is_file():
            raise InvalidArgumentError(f"no file at {path}")
        name = file_name or path.name
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        opened = path.open("rb")
        return opened, _upload_name(name), _boundary(digest.hexdigest()), opened
    if isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
        if not file_name:
            raise InvalidArgumentError("file_name is required when uploading bytes")
        return (
            data,
            _upload_name(file_name),
            _boundary(hashlib.sha256(data).hexdigest()),
            None,
        )
    if hasattr(file, "read"):
        name = file_name or os.path.basename(str(getattr(file, "name", "") or ""))
        if not name:
            raise InvalidArgumentError("file_name is required for a file object without a name")
        if "b" not in getattr(file, "mode", "b"):
            raise InvalidArgumentError("open the file in binary mode ('rb') to upload it")
        # A stream can be read only once, so its boundary is random: 128 bits make a collision
        # with the content practically impossible.
        return file, _upload_name(name), _boundary(uuid.uuid4().hex), None
    raise InvalidArgumentError(
        f"file must be a path, bytes or a binary file object, got {type(file).__name__}"
    )


def _check_target(target: Path) -> None:
    """Refuse a download path that cannot be written, before anything is sent."""
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise InvalidArgumentError(
            f"cannot download to {target}: the folder {folder} {what}; create it first"
        )
    if target.is_dir():
        raise InvalidArgumentError(
            f"cannot download to {target}: it is a folder; name the file to write"
        )


def _upload_name(name: str) -> str:
    """Check a file name for an upload (beyond :func:`check_id`).

    httpx writes the multipart ``filename`` the way browsers do and percent-encodes ``"``
    (and CR/LF, which check_id refuses already); nothing decodes it again, so the file would be
    stored under another name. Refuse it instead of renaming the file silently.
    """
    checked = check_id("file_name", name)
    if '"' in checked:
        raise InvalidArgumentError(
            f"file_name {name!r} contains a double quote, which a multipart upload cannot carry "
            "unchanged; rename the file"
        )
    return checked


def _boundary(token: str) -> str:
    return f"ninoxkit-{token}"

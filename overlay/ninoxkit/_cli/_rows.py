"""Rows on disk: CSV, JSON and JSONL readers and writers, and cell conversion by field type.

Export writes one record per row (CSV: an ``id`` column, then one column per field in the
table's order; JSON/JSONL: the record as Ninox sends it, ``{"id", "fields", "sequence", …}``).
Import reads CSV, a JSON array or JSONL (nested ``{"id", "fields"}`` or flat
``{"id", "Name": …}``) and turns CSV text into the field's type using the schema, so an export
imports back with values intact.

Columns whose name starts with ``_`` are never sent: they carry import notes (``_outcome``,
``_error``) in failed-row files, which keeps those files valid input for a rerun.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, NamedTuple

from ninoxkit._exceptions import UnknownNameError
from ninoxkit._schema import TableInfo

__all__ = [
    "ERROR_COLUMN",
    "MAX_JSON_ROW",
    "OUTCOME_COLUMN",
    "InputRow",
    "InputSummary",
    "RowError",
    "RowWriter",
    "cell_to_text",
    "check_input",
    "detect_format",
    "open_input",
    "parse_cell",
    "read_rows",
    "row_to_write",
]

#: Columns added to failed-row files (and honoured when such a file is imported again).
OUTCOME_COLUMN = "_outcome"
ERROR_COLUMN = "_error"

_INT = re.compile(r"^[+-]?\d+$")
#: A lone surrogate (only a JSON input can carry one: the CSV reader decodes UTF-8 strictly).
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Characters read at a time from a JSON array input, and the largest item it may hold.
_JSON_CHUNK = 1 << 16
MAX_JSON_ROW = 64 * 2**20
_TRUE = {"true", "1", "yes", "y", "on"}
_FALSE = {"false", "0", "no", "n", "off"}
#: Field types whose JSON value is a string; a CSV cell is taken verbatim.
_TEXT_TYPES = {
    "string",
    "html",
    "email",
    "phone",
    "url",
    "link",
    "color",
    "icon",
    "choice",
    "date",
    "time",
    "timestamp",
    "datetime",
    "timeinterval",
    "appointment",
    "location",
}


class RowError(ValueError):
    """A row cannot be turned into a record write (bad id or value); the row is not sent."""


def detect_format(path: str | None, explicit: str | None, default: str = "jsonl") -> str:
    """``explicit`` if given, else the file extension (csv/json/jsonl/ndjson/parquet), else
    ``default``."""
    if explicit:
        return explicit.lower()
    if path and path != "-":
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in ("csv", "json", "jsonl", "parquet"):
            return suffix
        if suffix == "ndjson":
            return "jsonl"
    return default


# -- values ---------------------------------------------------------------------------------


def cell_to_text(value: Any) -> str:
    """A field value as one CSV cell: text verbatim, numbers exact, lists/objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):  # the most common cell: tested first (an export has millions)
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parse_cell(text: str, field_type: str | None, *, column: str = "value") -> Any:
    """Turn a CSV cell (or a ``--filter`` value) into the JSON value of a field of that type.

    Raises:
        RowError: the text does not fit the type (e.g. ``abc`` for a number).
    """
    kind = (field_type or "").lower()
    if kind == "number":
        stripped = text.strip()
        if _INT.match(stripped):
            return int(stripped)
        try:
            number = float(stripped)
        except ValueError:
            raise RowError(f"column {column!r}: {text!r} is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise RowError(f"column {column!r}: {text!r} is not a finite number")
        return number
    if kind == "boolean":
        folded = text.strip().lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise RowError(f"column {column!r}: {text!r} is not true/false")
    if kind == "multi":
        stripped = text.strip()
        if stripped.startswith("["):
            try:
                items = json.loads(stripped)
            except ValueError:
                raise RowError(f"column {column!r}: {text!r} is not a JSON list") from None
            return items
        return [part.strip() for part in stripped.split(",") if part.strip()]
    if kind in _TEXT_TYPES:
        return text
    # Formulas, files, users and unknown types: JSON if it looks like JSON, else text.
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except ValueError:
            return text
    return text


def _sent(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """The columns of a row that become fields: nested ``{"id", "fields"}`` or flat; columns
    with no name or a name starting with ``_`` are never sent."""
    if "fields" in row and isinstance(row["fields"], Mapping):
        source: Mapping[str, Any] = row["fields"]
    else:
        source = {k: v for k, v in row.items() if k != "id"}
    return {k: v for k, v in source.items() if k and not k.startswith("_")}


def _check_names(row: Mapping[str, Any], table: TableInfo, where: str) -> None:
    for key in _sent(row):
        try:
            table.field(key)
        except UnknownNameError as exc:
            raise UnknownNameError(f"{where}: {exc}", candidates=exc.candidates) from None


def _parse_id(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RowError(f"id must be a positive integer, got {value!r}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _INT.match(value.strip()):
        number = int(value.strip())
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raise RowError(f"id must be a positive integer, got {value!r}")
    if number < 1:
        raise RowError(f"id must be a positive integer, got {value!r}")
    return number


def row_to_write(row: Mapping[str, Any], table: TableInfo, *, from_text: bool) -> dict[str, Any]:
    """Turn an input row into ``{"id"?: int, "fields": {...}}`` for ``records.upsert``.

    ``from_text`` (CSV): cells are text, converted by the field's type; an empty cell is left
    out (so a CSV import never clears a field; use JSONL with ``null`` for that). Otherwise
    (JSONL) values are JSON already and sent as they are, ``null`` included.

    Raises:
        RowError: a bad id or value (the row is reported as failed; nothing is sent for it).
        UnknownNameError: a column names no field of the table (:func:`check_input` finds
            these before the import starts).
    """
    fields: dict[str, Any] = {}
    for key, value in _sent(row).items():
        info = table.field(key)
        if from_text:
            text = "" if value is None else str(value)
            if text == "":
                continue
            fields[info.name] = parse_cell(text, info.type, column=key)
        else:
            fields[info.name] = value
    out: dict[str, Any] = {"fields": fields}
    record_id = _parse_id(row.get("id"))
    if record_id is not None:
        out["id"] = record_id
    return out


# -- reading --------------------------------------------------------------------------------


class InputRow:
    """One input row: its 1-based position, the row as read (for the failed file) and notes.

    ``error`` says why the row cannot be imported as read (a CSV row whose cells do not match
    the header); ``extra`` holds the cells beyond the header, kept for the failed file.
    """

    __slots__ = ("data", "error", "extra", "number", "outcome")

    def __init__(
        self,
        number: int,
        data: dict[str, Any],
        *,
        error: str | None = None,
        extra: list[str] | None = None,
    ) -> None:
        self.number = number
        self.outcome = str(data.get(OUTCOME_COLUMN) or "")
        self.data = data
        self.error = error
        self.extra = extra or []


def open_input(path: Path) -> IO[str]:
    """Open an input file for :func:`read_rows`: UTF-8, with or without a byte order mark."""
    # Excel's "CSV UTF-8" starts the file with a BOM, which would become part of the first
    # column's name.
    return path.open(encoding="utf-8-sig", newline="")


def read_rows(stream: IO[str], fmt: str) -> Iterator[InputRow]:
    """Yield the rows of a CSV, JSON array or JSONL stream one at a time (constant memory).

    A JSON array is read item by item, so memory is about one row; one row may be at most
    :data:`MAX_JSON_ROW` characters of JSON.

    Raises:
        RowError: the input cannot be read as rows: not UTF-8, not CSV, a JSONL line (or a JSON
            array item) that is not a JSON object, or no JSON array (with the line number).
    """
    try:
        if fmt == "csv":
            yield from _read_csv(stream)
        elif fmt == "jsonl":
            yield from _read_jsonl(stream)
        elif fmt == "json":
            yield from _read_json_array(stream)
        else:
            raise RowError(f"cannot import {fmt!r}: use csv, json or jsonl")
    except UnicodeDecodeError as exc:
        byte = exc.object[exc.start : exc.start + 1]
        raise RowError(
            f"not UTF-8 text (byte {byte!r} cannot be decoded); save the file as UTF-8 "
            "(in Excel: CSV UTF-8)"
        ) from None


def _read_csv(stream: IO[str]) -> Iterator[InputRow]:
    reader = csv.reader(stream)
    try:
        header = next(reader, [])
        number = 0
        for cells in reader:
            if not cells:
                continue
            number += 1
            # A cell count that differs from the header's means the cells may be shifted (an
            # unquoted comma or line break): importing such a row could put values into the
            # wrong fields, so it fails as a whole, and its cells are all kept.
            error = None
            if len(cells) != len(header):
                error = f"row has {len(cells)} cells, the header has {len(header)}"
            data = dict(zip(header, cells, strict=False))
            yield InputRow(number, data, error=error, extra=cells[len(header) :])
    except csv.Error as exc:
        raise RowError(f"line {reader.line_num}: not valid CSV ({exc})") from None


def _read_jsonl(stream: IO[str]) -> Iterator[InputRow]:
    number = 0
    for line_no, line in enumerate(stream, 1):
        if not line.strip():
            continue
        number += 1
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise RowError(f"line {line_no}: not JSON ({exc})") from None
        if not isinstance(data, dict):
            raise RowError(f"line {line_no}: expected a JSON object, got {type(data).__name__}")
        yield InputRow(number, data)


def _read_json_array(stream: IO[str]) -> Iterator[InputRow]:
    for number, data in enumerate(_JSONArray(stream), 1):
        if not isinstance(data, dict):
            raise RowError(f"item {number}: expected a JSON object, got {type(data).__name__}")
        yield InputRow(number, data)


class _JSONArray:
    """The items of a JSON array read from a stream piece by piece (memory: about one item).

    ``json.JSONDecoder.raw_decode`` decodes one item from a buffer; when the buffer ends inside
    the item, more text is read (at least doubling what is buffered, so a large item costs
    linear time) and the item is decoded again.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # the line at the start of buf
        self.decoder = json.JSONDecoder()

    def _more(self) -> None:
        chunk = self.stream.read(max(_JSON_CHUNK, len(self.buf) - self.pos))
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        self.eof = not chunk

    def _next_char(self) -> str:
        """The next character that is not whitespace ("" at the end), without consuming it."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos : self.pos + 1]
            self._more()

    def _where(self, pos: int | None = None) -> str:
        return f"line {self.line + self.buf.count(chr(10), 0, self.pos if pos is None else pos)}"

    def _item(self) -> Any:
        self._next_char()  # raw_decode does not skip leading whitespace
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise RowError(f"{self._where(exc.pos)}: not JSON ({exc.msg})") from None
                if len(self.buf) - self.pos > MAX_JSON_ROW:
                    raise RowError(
                        f"{self._where()}: an item of the JSON array is over "
                        f"{MAX_JSON_ROW:,} characters; split the file or use JSONL"
                    ) from None
                self._more()
                continue
            if end == len(self.buf) and not self.eof:
                self._more()  # a number at the buffer's end may go on: decode it again
                continue
            self.pos = end
            return value

    def __iter__(self) -> Iterator[Any]:
        if self._next_char() != "[":
            raise RowError(
                f"{self._where()}: expected a JSON array of records (as records export "
                "--format json writes); for one object per line use .jsonl"
            )
        self.pos += 1
        if self._next_char() == "]":
            self.pos += 1
        else:
            while True:
                yield self._item()
                char = self._next_char()
                self.pos += 1
                if char == "]":
                    break
                if char != ",":
                    raise RowError(f"{self._where()}: expected ',' or ']' in the JSON array")
        if self._next_char():
            raise RowError(f"{self._where()}: text after the end of the JSON array")


class InputSummary(NamedTuple):
    """What :func:`check_input` found: the number of rows, and the CSV header (JSON: None)."""

    rows: int
    columns: list[str] | None


def check_input(path: Path, fmt: str, table: TableInfo) -> InputSummary:
    """Read the whole input once, before anything is written.

    An input that cannot be read to the end must stop the import before the first write, not
    halfway through it. A name that is no field of the table stops it too, in either format
    (a typo in a column would otherwise fail every row, or write every row without it).

    Raises:
        RowError: as :func:`read_rows`, or a CSV file without a header.
        UnknownNameError: a CSV column or a JSONL key names no field (with the closest names).
    """
    rows = 0
    with open_input(path) as stream:
        for row in read_rows(stream, fmt):
            rows += 1
            if fmt != "csv":
                _check_names(row.data, table, f"row {row.number}")
    if fmt != "csv":
        return InputSummary(rows, None)
    with open_input(path) as stream:
        header = next(csv.reader(stream), [])
    if not header:
        raise RowError("empty CSV (no header row)")
    _check_names(dict.fromkeys(header, ""), table, "header")
    return InputSummary(rows, header)


# -- writing --------------------------------------------------------------------------------


class RowWriter:
    """Write rows as CSV, JSON (one array, streamed) or JSONL.

    Args:
        stream: A text stream (opened with ``newline=""`` for CSV).
        fmt: ``csv``, ``json`` or ``jsonl``.
        columns: CSV header; required for CSV.
    """

    def __init__(self, stream: IO[str], fmt: str, columns: list[str] | None = None) -> None:
        self.stream = stream
        self.fmt = fmt
        self.count = 0
        self._columns = columns or []
        self._csv: Any = None  # a csv.writer (its type is private to typeshed)
        if fmt == "csv":
            if columns is None:
                raise ValueError("CSV needs columns")
            self._csv = csv.writer(stream)
            self._csv.writerow(columns)
        elif fmt == "json":
            stream.write("[")
        elif fmt != "jsonl":
            raise ValueError(f"unknown format {fmt!r}")

    def write(self, row: Mapping[str, Any], extra: list[str] | None = None) -> None:
        """Write one row (CSV: a mapping of column → cell text, then ``extra`` cells, if any)."""
        if self._csv is not None:
            cells = ["" if row.get(c) is None else row[c] for c in self._columns]
            self._csv.writerow([*cells, *(extra or [])])
        else:
            text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
            if _SURROGATE.search(text):
                # A lone surrogate read from a JSON input has no UTF-8 form; as a \\uXXXX escape
                # the row is kept exactly and reads back the same.
                text = json.dumps(row, ensure_ascii=True, separators=(",", ":"))
            if self.fmt == "json":
                self.stream.write(("\n" if self.count == 0 else ",\n") + text)
            else:
                self.stream.write(text + "\n")
        self.count += 1

    def write_cells(self, rows: list[list[str]]) -> None:
        """Write CSV rows given as their cells in column order (an export's page at once)."""
        if self._csv is None:
            raise ValueError("write_cells writes CSV rows")
        self._csv.writerows(rows)
        self.count += len(rows)

    def close(self) -> None:
        """Finish the document (JSON: the closing bracket) and flush."""
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()

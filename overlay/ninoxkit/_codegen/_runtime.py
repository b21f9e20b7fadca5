"""Helpers the generated model modules call at run time (kept small; the code is generated).

Values are converted by :mod:`ninoxkit._values`, the same conversion as ``convert=True``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Mapping
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from ninoxkit._values import decode_fields
from ninoxkit.types import Record

__all__ = ["Link", "decoded_fields", "link", "number"]

_JSON = (str, int, float, bool, list, dict, type(None))


def decoded_fields(
    record: Record | Mapping[str, Any],
    types: Mapping[str, str],
    choices: Mapping[str, Mapping[str, str]],
) -> dict[str, Any]:
    """A record's fields (a :class:`Record`, or its ``fields`` mapping) decoded by type.

    Works for records read with ``convert=False`` (raw JSON) and ``convert=True`` alike: values
    that are already Python types decode to themselves.
    """
    raw = record.fields.additional_properties if isinstance(record, Record) else record
    # Values convert=True already turned into Python types are kept; the rest is JSON.
    json_part = {k: v for k, v in raw.items() if isinstance(v, _JSON)}
    out = dict(raw)
    out.update(decode_fields(json_part, types, choices))
    return out


def number(value: Any) -> float | None:
    """A number field's value as ``float`` (the models' one number type), ``None`` kept."""
    if value is None:
        return None
    return float(value)


class _Model(Protocol):
    """What every generated model class offers (the part a link needs)."""

    TABLE_ID: ClassVar[str]

    @classmethod
    def from_record(cls, record: Record) -> Any: ...


M = TypeVar("M", bound=_Model)


class _Table(Protocol):
    def get(self, *, record_id: int) -> Record: ...


class _Database(Protocol):
    def table(self, name_or_id: str, /) -> _Table: ...


class _AsyncTable(Protocol):
    def get(self, *, record_id: int) -> Awaitable[Record]: ...


class _AsyncDatabase(Protocol):
    def table(self, name_or_id: str, /) -> _AsyncTable: ...


@dataclasses.dataclass(frozen=True)
class Link(Generic[M]):
    """A link field's value: the linked record's id, typed by the linked table's model.

    ``deal.company.id`` is the id Ninox stores; ``deal.company.fetch(db)`` reads that record
    and returns it as the linked table's model (``await deal.company.afetch(db)`` with an
    ``AsyncDatabase``). Build one for a write with ``Company.link(42)``.

    Attributes:
        model: The linked table's model class.
        id: The linked record's id.
    """

    model: type[M] = dataclasses.field(repr=False)
    id: int

    def fetch(self, db: _Database) -> M:
        """Read the linked record.

        Args:
            db: A ``Database`` handle of the database both tables are in.

        Returns:
            The linked record as the linked table's model.
        """
        result: M = self.model.from_record(db.table(self.model.TABLE_ID).get(record_id=self.id))
        return result

    async def afetch(self, db: _AsyncDatabase) -> M:
        """Read the linked record through an ``AsyncDatabase``.

        Args:
            db: An ``AsyncDatabase`` handle of the database both tables are in.

        Returns:
            The linked record as the linked table's model.
        """
        record = await db.table(self.model.TABLE_ID).get(record_id=self.id)
        result: M = self.model.from_record(record)
        return result


def link(model: type[M], value: Any) -> Link[M] | None:
    """A decoded link field's value (the id, or ``None`` when empty) as a :class:`Link`."""
    if value is None:
        return None
    return Link(model, int(value))

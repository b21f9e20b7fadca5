"""Page bookkeeping for listing records, shared by the sync and async pagers (no I/O).

Ninox answers a records listing with a bare array: no total, no "has more" (reference §4.9).
Three things make a pager that only counts tell lies, and this tracker guards against each:

* **Repeats.** n8n saw Ninox answer the same page twice (peers.md §3 item 1); a hostile or
  confused server may also repeat ids inside one page or alternate pages (A, B, A, B …). No
  record is ever yielded twice in one listing, and a page that brings nothing new ends it, so
  every listing ends (each page before the last brings at least one new record).
* **Order.** Which records count as "already yielded" depends on the order. In id order
  (no ``order``/``new``/``updated``; ascending, or descending with ``desc``) the ids already
  listed form one span ``[low, high]``; a record is new exactly when its id lies outside it, so
  memory stays O(page) whichever direction the ids go. Any other order (a field, ``new``,
  ``updated``) keeps the set of ids yielded (ids are ints: about 60 bytes each; 1M records is
  roughly 60 MB).
* **Caps.** A server may cap ``perPage`` below what was asked without saying so; then a short
  page looks like the last one. A short page ends the listing only when an earlier page of the
  same listing was longer (the server showed it can send more); otherwise the next page is asked
  for, so a cap at any fixed value costs at most one extra request and loses nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ._constants import MAX_PAGE_SIZE
from ._exceptions import UnknownNameError
from ._schema import TableInfo
from ._values import decode_value

__all__ = ["FilterCheck", "Mismatch", "PageTracker", "page_size_for"]

log = logging.getLogger("ninoxkit")

#: A page item: a record, or (in the pager) the record's JSON before it is built.
T = TypeVar("T")


def page_size_for(limit: int | None) -> int:
    """The page size a listing asks for when the caller sets none.

    Every record: the largest page Ninox is known to serve (``MAX_PAGE_SIZE``: fewest round
    trips). With ``limit``: no more than it needs, spread evenly over the fewest pages
    (``limit=700`` → two pages of 350, not 500 + 500).
    """
    if limit is None:
        return MAX_PAGE_SIZE
    pages = -(-limit // MAX_PAGE_SIZE)
    return -(-limit // pages)


class PageTracker:
    """Decides which page to ask for next and which records of an answer to yield.

    Args:
        per_page: page size asked for (``perPage``).
        limit: stop after this many records (``None``: all).
        start_page: first page number (0-based, reference §4.9).
        ordered_by_id: ``True`` when the listing is in id order (ascending or descending: no
            ``order``, ``new`` or ``updated``); then the ids listed form one span and memory
            stays O(page). ``False`` keeps the set of ids yielded.

    Attributes:
        pages_fetched: pages accepted so far.
        repeated_pages: pages that brought no new record (the listing ended there).
        repeated_records: records dropped because they had been yielded already.
    """

    def __init__(
        self,
        *,
        per_page: int,
        limit: int | None = None,
        start_page: int = 0,
        ordered_by_id: bool = True,
    ) -> None:
        self.per_page = per_page
        self.limit = limit
        self.page = start_page
        self.ordered_by_id = ordered_by_id
        self.done = limit == 0
        self.yielded = 0
        self.pages_fetched = 0
        self.repeated_pages = 0
        self.repeated_records = 0
        #: Longest page seen: a shorter page after it is the last one (see module docstring).
        self._longest = 0
        # Id order: the span of ids yielded (empty while low > high).
        self._low = 1
        self._high = 0
        # Any other order: every id yielded.
        self._seen: set[int] = set()

    def accept(self, items: Sequence[T], ids: Sequence[int]) -> list[T]:
        """Take one page: its items and their record ids (``ids[i]`` is ``items[i]``'s id);
        return the items to yield and advance to the next page.

        After this call ``done`` tells whether another page must be fetched.
        """
        if len(ids) != len(items):
            raise ValueError(f"{len(items)} items but {len(ids)} ids")
        self.pages_fetched += 1
        count = len(items)
        if not count:
            self.done = True
            return []
        if count < self.per_page and count < self._longest:
            # Shorter than a page the server already sent in this listing: nothing is left.
            self.done = True
        self._longest = max(self._longest, count)
        fresh = self._fresh(items, ids)
        if not fresh:
            # Nothing new (Ninox answered a page again, peers.md §3 item 1): asking for more
            # could loop forever, so the listing ends here.
            log.warning("ninoxkit: page %d held no new record; stopping the listing", self.page)
            self.repeated_pages += 1
            self.done = True
        elif len(fresh) < count:
            log.warning(
                "ninoxkit: page %d repeated %d record(s) already listed; dropped them",
                self.page,
                count - len(fresh),
            )
        self.repeated_records += count - len(fresh)
        if self.limit is not None:
            room = self.limit - self.yielded
            if len(fresh) >= room:
                fresh = fresh[:room]
                self.done = True
        self.yielded += len(fresh)
        self.page += 1
        return fresh

    def _fresh(self, items: Sequence[T], ids: Sequence[int]) -> list[T]:
        """The items not yielded before (nor earlier on this page); remembers them."""
        if self.ordered_by_id:
            low, high = self._low, self._high
            first, last = min(ids), max(ids)
            if (first > high or last < low) and len(set(ids)) == len(ids):
                # The usual page: every id beyond the span listed so far, none twice.
                fresh = list(items)
            else:
                taken: set[int] = set()
                fresh = []
                for item, rid in zip(items, ids, strict=True):
                    if (rid < low or rid > high) and rid not in taken:
                        taken.add(rid)
                        fresh.append(item)
            if low > high:
                self._low, self._high = first, last
            else:
                self._low, self._high = min(low, first), max(high, last)
            return fresh
        seen = self._seen
        fresh = []
        for item, rid in zip(items, ids, strict=True):
            if rid not in seen:
                seen.add(rid)
                fresh.append(item)
        return fresh


#: Field types whose values the record routes do not return (formulas, reference §13).
_NOT_RETURNED = frozenset({"fn", "formula", "function"})

#: A record that does not match the filter: its id, the filter key, the value sent and the
#: record's value.
Mismatch = tuple[int | None, str, Any, Any]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def _same(a: Any, b: Any) -> bool:
    """Equal, tolerating representations that mean the same (``7`` and ``7.0`` or ``"7"``)."""
    if a == b:
        return True
    numbers = (int, float)
    if (isinstance(a, numbers) and isinstance(b, str)) or (
        isinstance(b, numbers) and isinstance(a, str)
    ):
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return sorted(map(str, a)) == sorted(map(str, b))
    return False


class FilterCheck:
    """Checks that records answered to a filtered listing or lookup match the filter sent.

    A server that ignores or misreads ``filters`` (their shape differs between sources,
    reference §13) answers records that do not match; yielding them would make the caller act
    on the wrong records. The check is two-step so an honest answer costs no request: records
    whose fields equal the filter as sent pass at once; the others are compared again by the
    table's schema (field id or caption, choice id or caption, number or text), read-only.

    Args:
        sent: The filter as sent: field name or id → encoded value.
    """

    def __init__(self, sent: Mapping[str, Any]) -> None:
        self.sent = dict(sent)

    def suspects(
        self, records: Iterable[tuple[int | None, Mapping[str, Any]]]
    ) -> list[tuple[int | None, Mapping[str, Any]]]:
        """The ``(id, fields)`` pairs that do not plainly match (the schema must decide)."""
        out = []
        for rid, fields in records:
            for key, want in self.sent.items():
                got = fields.get(key)
                if not (_same(got, want) or (_empty(got) and _empty(want))):
                    out.append((rid, fields))
                    break
        return out

    def mismatch(
        self, records: Iterable[tuple[int | None, Mapping[str, Any]]], table: TableInfo
    ) -> Mismatch | None:
        """The first record that does not match by the table's schema, or ``None``."""
        for rid, fields in records:
            for key, want in self.sent.items():
                try:
                    field = table.field(key)
                except UnknownNameError:
                    continue  # not a field we can read back: nothing to compare with
                got = fields.get(field.name, fields.get(field.id, fields.get(key)))
                if got is None and field.type.lower() in _NOT_RETURNED:
                    continue
                if not self._equal(got, want, field.type, field.choices):
                    return rid, key, want, got
        return None

    @staticmethod
    def _equal(got: Any, want: Any, kind: str, choices: Mapping[str, str]) -> bool:
        if _same(got, want) or (_empty(got) and _empty(want)):
            return True
        try:
            a, b = decode_value(got, kind, choices), decode_value(want, kind, choices)
        except Exception:  # an odd value on either side: it does not plainly match
            return False
        return _same(a, b) or (_empty(a) and _empty(b))

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
from collections.abc import Sequence
from typing import TypeVar

__all__ = ["PageTracker"]

log = logging.getLogger("ninoxkit")

#: A page item: a record, or (in the pager) the record's JSON before it is built.
T = TypeVar("T")


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

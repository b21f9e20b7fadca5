"""Page bookkeeping for listing records, shared by the sync and async pagers (no I/O).

Ninox answers a records listing with a bare array: no total, no "has more" (reference §4.9).
The last page is the first one shorter than ``perPage``. n8n saw Ninox answer the same page
twice (peers.md §3 item 1), so a pager that only counts would loop or yield duplicates; this
tracker compares each page with the one before and drops records already yielded.
Memory stays O(page): it keeps the previous page's ids and the highest id seen, not every id.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TypeVar

__all__ = ["SUSPECTED_CAP", "PageTracker"]

log = logging.getLogger("ninoxkit")

#: A page item: a record, or (in the pager) the record's JSON before it is built.
T = TypeVar("T")

#: Ninox's default page size (reference §4.9). If a server caps ``perPage`` there without
#: saying so, a full page of exactly this many looks "short"; one more request settles it
#: instead of silently ending the listing early.
SUSPECTED_CAP = 100


class PageTracker:
    """Decides which page to ask for next and which records of an answer to yield.

    Args:
        per_page: page size asked for (``perPage``).
        limit: stop after this many records (``None``: all).
        start_page: first page number (0-based, reference §4.9).
        ordered_by_id: ``True`` when the listing is in Ninox's default order (ascending ids), so
            any id not above the highest one seen is a duplicate.
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
        self._previous_ids: tuple[int, ...] | None = None
        self._max_id = 0

    def accept(self, items: Sequence[T], ids: Sequence[int]) -> list[T]:
        """Take one page: its items and their record ids (``ids[i]`` is ``items[i]``'s id);
        return the items to yield and advance to the next page.

        After this call ``done`` tells whether another page must be fetched.
        """
        ids = tuple(ids)
        if len(ids) != len(items):
            raise ValueError(f"{len(items)} items but {len(ids)} ids")
        self.pages_fetched += 1
        if len(items) < self.per_page and not len(items) == SUSPECTED_CAP < self.per_page:
            self.done = True
        if ids and ids == self._previous_ids:
            # Ninox returned the page it returned last time (peers.md §3 item 1): asking again
            # would loop forever, so the listing ends here.
            log.warning("ninoxkit: Ninox answered page %d twice; stopping the listing", self.page)
            self.repeated_pages += 1
            self.done = True
            return []
        if self.ordered_by_id and ids and min(ids) > self._max_id:
            # The usual page: every id above all seen so far (so none on the previous page).
            fresh = list(items)
        else:
            previous = set(self._previous_ids or ())
            fresh = [
                item
                for item, rid in zip(items, ids, strict=True)
                if rid not in previous and not (self.ordered_by_id and rid <= self._max_id)
            ]
        if ids and not fresh:
            self.repeated_pages += 1
            self.done = True
        self._previous_ids = ids
        if self.ordered_by_id and ids:
            self._max_id = max(self._max_id, max(ids))
        if self.limit is not None:
            room = self.limit - self.yielded
            if len(fresh) >= room:
                fresh = fresh[:room]
                self.done = True
        self.yielded += len(fresh)
        self.page += 1
        return fresh

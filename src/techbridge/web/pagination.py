"""Pagination of long lists that reads a page's keys before its rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Model, QuerySet, Window

TOTAL = "pagination_total"


class KeysFirstPaginator(Paginator):
    """A ``Paginator`` over a queryset that reads each page in two queries: the primary
    keys of the page in the list's order, then the rows of those keys from ``rows``.

    An OFFSET deep into a list makes the database step over every earlier row. Stepping
    over keys is cheap: it needs only the columns that filter and order the list, which
    indexes hold. Stepping over whole rows (multilingual texts, the joined organisation)
    is not. ``rows(keys)`` returns the rows with everything the page shows, in any order;
    keys it does not return (a row unpublished in between) are left out of the page.

    With ``count_with_keys``, the keys query also counts the whole list (a window
    count), which saves the separate COUNT query when the database visits every row of
    the list anyway, as it does to rank search results. Leave it off for lists read in
    index order: there a page stops early, and a count over an index is cheaper.
    """

    def __init__(
        self,
        object_list: QuerySet[Any],
        per_page: int,
        *,
        rows: Callable[[list[Any]], Iterable[Model]],
        count_with_keys: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(object_list, per_page, **options)
        self.rows = rows
        self.count_with_keys = count_with_keys and not self.orphans

    def page(self, number: int | str) -> Page:
        if self.count_with_keys and "count" not in self.__dict__:
            position = self._positive_number(number)
            bottom = (position - 1) * self.per_page
            counted = self.object_list.annotate(**{TOTAL: Window(Count("*"))})
            found = list(counted.values_list("pk", TOTAL)[bottom : bottom + self.per_page])
            if found:
                self.__dict__["count"] = found[0][1]  # Paginator.count is a cached property
                return self._page_of([key for key, _total in found], position)
            # Past the end, or nothing found: the plain count below decides which.
        position = self.validate_number(number)
        bottom = (position - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._page_of(
            list(self.object_list.values_list("pk", flat=True)[bottom:top]), position
        )

    def _positive_number(self, number: int | str) -> int:
        """The page number as ``validate_number`` reads it, before the count is known."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            position = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if position < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return position

    def _page_of(self, keys: list[Any], number: int) -> Page:
        by_key = {row.pk: row for row in self.rows(keys)}
        return self._get_page([by_key[key] for key in keys if key in by_key], number, self)

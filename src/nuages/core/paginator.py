"""Paginator and Page (sync), AsyncPaginator and AsyncPage (Django 6.0)."""

from __future__ import annotations

import collections.abc
import inspect
import warnings
from collections.abc import Iterator
from math import ceil
from typing import Any

from nuages.utils.functional import cached_property
from nuages.utils.inspect import method_has_no_args
from nuages.utils.translation import gettext_lazy as _

__all__ = [
    "AsyncPage",
    "AsyncPaginator",
    "EmptyPage",
    "InvalidPage",
    "Page",
    "PageNotAnInteger",
    "Paginator",
    "UnorderedObjectListWarning",
]


class UnorderedObjectListWarning(RuntimeWarning):
    pass


class InvalidPage(Exception):
    pass


class PageNotAnInteger(InvalidPage):
    pass


class EmptyPage(InvalidPage):
    pass


class _PaginatorBase:
    ELLIPSIS = _("…")
    default_error_messages = {
        "invalid_page": _("That page number is not an integer"),
        "min_page": _("That page number is less than 1"),
        "no_results": _("That page contains no results"),
    }

    def __init__(
        self,
        object_list: Any,
        per_page: int | str,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
        error_messages: dict | None = None,
    ) -> None:
        self.object_list = object_list
        self._check_object_list_is_ordered()
        self.per_page = int(per_page)
        self.orphans = int(orphans)
        self.allow_empty_first_page = allow_empty_first_page
        self.error_messages = {**self.default_error_messages, **(error_messages or {})}

    def _check_object_list_is_ordered(self) -> None:
        ordered = getattr(self.object_list, "ordered", None)
        if ordered is not None and not ordered:
            obj_list_repr = (
                f"{self.object_list.model} {self.object_list.__class__.__name__}"
                if hasattr(self.object_list, "model")
                else f"{self.object_list!r}"
            )
            warnings.warn(
                "Pagination may yield inconsistent results with an unordered "
                f"object_list: {obj_list_repr}.",
                UnorderedObjectListWarning,
                stacklevel=3,
            )

    def _validate_number(self, number: Any, num_pages: int) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError, OverflowError):
            raise PageNotAnInteger(self.error_messages["invalid_page"])
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > num_pages and not (number == 1 and self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def _num_pages(self, count: int) -> int:
        if count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, count - self.orphans)
        return ceil(hits / self.per_page)

    def _bounds(self, number: int, count: int) -> tuple[int, int]:
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= count:
            top = count
        return bottom, top

    def _elided(
        self, number: Any, num_pages: int, on_each_side: int, on_ends: int
    ) -> Iterator[Any]:
        if num_pages <= (on_each_side + on_ends) * 2:
            yield from range(1, num_pages + 1)
            return
        if number > (1 + on_each_side + on_ends) + 1:
            yield from range(1, on_ends + 1)
            yield self.ELLIPSIS
            yield from range(number - on_each_side, number + 1)
        else:
            yield from range(1, number + 1)
        if number < (num_pages - on_each_side - on_ends) - 1:
            yield from range(number + 1, number + on_each_side + 1)
            yield self.ELLIPSIS
            yield from range(num_pages - on_ends + 1, num_pages + 1)
        else:
            yield from range(number + 1, num_pages + 1)


class Paginator(_PaginatorBase):
    """Splits object_list into pages of per_page items."""

    def __iter__(self) -> Iterator[Page]:
        for page_number in self.page_range:
            yield self.page(page_number)

    def validate_number(self, number: Any) -> int:
        return self._validate_number(number, self.num_pages)

    def get_page(self, number: Any) -> Page:
        """The page, or the first for a non-integer, or the last for an out-of-range number."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages
        return self.page(number)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom, top = self._bounds(number, self.count)
        return self._get_page(self.object_list[bottom:top], number, self)

    def _get_page(self, *args: Any, **kwargs: Any) -> Page:
        return Page(*args, **kwargs)

    @cached_property
    def count(self) -> int:
        c = getattr(self.object_list, "count", None)
        if callable(c) and not inspect.isbuiltin(c) and method_has_no_args(c):
            return c()
        return len(self.object_list)

    @cached_property
    def num_pages(self) -> int:
        return self._num_pages(self.count)

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)

    def get_elided_page_range(
        self, number: Any = 1, *, on_each_side: int = 3, on_ends: int = 2
    ) -> Iterator[Any]:
        number = self.validate_number(number)
        yield from self._elided(number, self.num_pages, on_each_side, on_ends)


class Page(collections.abc.Sequence):
    def __init__(self, object_list: Any, number: int, paginator: Paginator) -> None:
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self) -> str:
        return f"<Page {self.number} of {self.paginator.num_pages}>"

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, (int, slice)):
            raise TypeError(f"Page indices must be integers or slices, not {type(index).__name__}.")
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return self.object_list[index]

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.paginator.validate_number(self.number + 1)

    def previous_page_number(self) -> int:
        return self.paginator.validate_number(self.number - 1)

    def start_index(self) -> int:
        if self.paginator.count == 0:
            return 0
        return (self.paginator.per_page * (self.number - 1)) + 1

    def end_index(self) -> int:
        if self.number == self.paginator.num_pages:
            return self.paginator.count
        return self.number * self.paginator.per_page


class AsyncPaginator(_PaginatorBase):
    """The async twin: await apage(), aget_page(), acount(), anum_pages()."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache_acount: int | None = None
        self._cache_anum_pages: int | None = None

    async def acount(self) -> int:
        if self._cache_acount is None:
            c = getattr(self.object_list, "acount", None)
            if callable(c) and not inspect.isbuiltin(c) and method_has_no_args(c):
                self._cache_acount = await c()
            else:
                self._cache_acount = len(self.object_list)
        return self._cache_acount

    async def anum_pages(self) -> int:
        if self._cache_anum_pages is None:
            self._cache_anum_pages = self._num_pages(await self.acount())
        return self._cache_anum_pages

    async def apage_range(self) -> range:
        return range(1, await self.anum_pages() + 1)

    async def avalidate_number(self, number: Any) -> int:
        return self._validate_number(number, await self.anum_pages())

    async def aget_page(self, number: Any) -> AsyncPage:
        try:
            number = await self.avalidate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = await self.anum_pages()
        return await self.apage(number)

    async def apage(self, number: Any) -> AsyncPage:
        number = await self.avalidate_number(number)
        bottom, top = self._bounds(number, await self.acount())
        return AsyncPage(self.object_list[bottom:top], number, self)

    async def aget_elided_page_range(
        self, number: Any = 1, *, on_each_side: int = 3, on_ends: int = 2
    ) -> list[Any]:
        number = await self.avalidate_number(number)
        return list(self._elided(number, await self.anum_pages(), on_each_side, on_ends))


class AsyncPage:
    def __init__(self, object_list: Any, number: int, paginator: AsyncPaginator) -> None:
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self) -> str:
        return f"<Async Page {self.number}>"

    async def aget_object_list(self) -> list:
        if not isinstance(self.object_list, list):
            if hasattr(self.object_list, "__aiter__"):
                self.object_list = [obj async for obj in self.object_list]
            else:
                self.object_list = list(self.object_list)
        return self.object_list

    async def __aiter__(self) -> Any:
        for obj in await self.aget_object_list():
            yield obj

    async def ahas_next(self) -> bool:
        return self.number < await self.paginator.anum_pages()

    async def ahas_previous(self) -> bool:
        return self.number > 1

    async def ahas_other_pages(self) -> bool:
        return await self.ahas_previous() or await self.ahas_next()

    async def anext_page_number(self) -> int:
        return await self.paginator.avalidate_number(self.number + 1)

    async def aprevious_page_number(self) -> int:
        return await self.paginator.avalidate_number(self.number - 1)

    async def astart_index(self) -> int:
        if await self.paginator.acount() == 0:
            return 0
        return (self.paginator.per_page * (self.number - 1)) + 1

    async def aend_index(self) -> int:
        if self.number == await self.paginator.anum_pages():
            return await self.paginator.acount()
        return self.number * self.paginator.per_page

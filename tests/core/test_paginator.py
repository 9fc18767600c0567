"""nuages.core.paginator: Paginator, Page, get_elided_page_range, the async pair."""

import asyncio
import warnings

import pytest

from nuages.core.paginator import (
    AsyncPaginator,
    EmptyPage,
    InvalidPage,
    PageNotAnInteger,
    Paginator,
    UnorderedObjectListWarning,
)


def test_basic_pages():
    p = Paginator(list(range(1, 24)), 5)
    assert (p.count, p.num_pages, list(p.page_range)) == (23, 5, [1, 2, 3, 4, 5])
    page = p.page(2)
    assert list(page) == [6, 7, 8, 9, 10]
    assert repr(page) == "<Page 2 of 5>"
    assert (page.has_next(), page.has_previous(), page.has_other_pages()) == (True, True, True)
    assert (page.next_page_number(), page.previous_page_number()) == (3, 1)
    assert (page.start_index(), page.end_index()) == (6, 10)
    last = p.page(5)
    assert (last.start_index(), last.end_index(), len(last)) == (21, 23, 3)
    assert last[0] == 21 and last[-1] == 23 and last[:2] == [21, 22]
    with pytest.raises(TypeError):
        last["x"]


def test_orphans():
    p = Paginator(list(range(11)), 5, orphans=1)
    assert p.num_pages == 2
    assert len(p.page(2)) == 6


def test_invalid_numbers():
    p = Paginator(list(range(10)), 5)
    for bad in ("x", None, 1.5, "1.5"):
        with pytest.raises(PageNotAnInteger):
            p.page(bad)
    with pytest.raises(EmptyPage) as cm:
        p.page(0)
    assert str(cm.value) == "That page number is less than 1"
    with pytest.raises(EmptyPage) as cm:
        p.page(3)
    assert str(cm.value) == "That page contains no results"
    assert issubclass(EmptyPage, InvalidPage)
    assert p.page(2.0).number == 2
    assert p.page("2").number == 2


def test_get_page_never_raises():
    p = Paginator(list(range(10)), 5)
    assert p.get_page("x").number == 1
    assert p.get_page(99).number == 2
    assert p.get_page(-1).number == 2
    assert p.get_page("9" * 5000).number == 1  # huge strings are not integers


def test_empty():
    p = Paginator([], 5)
    assert (p.count, p.num_pages) == (0, 1)
    page = p.page(1)
    assert (list(page), page.start_index(), page.end_index()) == ([], 0, 0)
    q = Paginator([], 5, allow_empty_first_page=False)
    assert q.num_pages == 0
    with pytest.raises(EmptyPage):
        q.page(1)


def test_error_messages():
    p = Paginator([1], 1, error_messages={"no_results": "Nope"})
    with pytest.raises(EmptyPage, match="Nope"):
        p.page(2)


def test_elided_page_range():
    p = Paginator(list(range(1000)), 10)
    assert list(p.get_elided_page_range(1)) == [1, 2, 3, 4, "…", 99, 100]
    assert list(p.get_elided_page_range(50)) == [
        1,
        2,
        "…",
        47,
        48,
        49,
        50,
        51,
        52,
        53,
        "…",
        99,
        100,
    ]
    assert list(p.get_elided_page_range(100)) == [1, 2, "…", 97, 98, 99, 100]
    assert list(Paginator(list(range(50)), 10).get_elided_page_range(3)) == [1, 2, 3, 4, 5]


def test_unordered_warning():
    class Unordered(list):
        ordered = False

    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        Paginator(Unordered([1, 2]), 1)
    assert any(issubclass(x.category, UnorderedObjectListWarning) for x in w)


def test_count_method_used():
    class Counted(list):
        def count(self):
            return 42

    assert Paginator(Counted([1]), 10).count == 42


def test_iteration():
    assert [page.number for page in Paginator(list(range(6)), 2)] == [1, 2, 3]


def test_async_paginator():
    async def run():
        p = AsyncPaginator(list(range(23)), 5)
        assert await p.acount() == 23
        assert await p.anum_pages() == 5
        page = await p.apage(2)
        assert await page.aget_object_list() == [5, 6, 7, 8, 9]
        assert [x async for x in page] == [5, 6, 7, 8, 9]
        assert await page.ahas_next() and await page.ahas_previous()
        assert await page.anext_page_number() == 3
        assert (await page.astart_index(), await page.aend_index()) == (6, 10)
        assert (await p.aget_page("x")).number == 1
        assert (await p.aget_page(99)).number == 5
        with pytest.raises(EmptyPage):
            await p.apage(9)
        assert await p.aget_elided_page_range(1) == [1, 2, 3, 4, 5]

    asyncio.run(run())

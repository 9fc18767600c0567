"""ATOMIC_REQUESTS: BaseHandler.make_view_atomic wraps views in transaction.atomic per database."""

from __future__ import annotations

import pytest
from testapp.models import Tag

from nuages.core.handlers.base import BaseHandler
from nuages.db import connections, transaction


@pytest.fixture
def atomic_requests(monkeypatch):
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", True)


def count(db):
    return db.run(Tag.objects.count, Tag.objects.acount)


def test_failing_view_is_rolled_back(db, atomic_requests):
    def view(request):
        Tag.objects.create(name="sync", weight=1)
        raise RuntimeError("boom")

    async def aview(request):
        await Tag.objects.acreate(name="async", weight=1)
        raise RuntimeError("boom")

    wrapped = BaseHandler().make_view_atomic(view if not db.is_async else aview)
    with pytest.raises(RuntimeError):
        db.run(lambda: wrapped(None), lambda: wrapped(None))
    assert count(db) == 0


def test_successful_view_keeps_its_writes(db, atomic_requests):
    def view(request):
        assert connections["default"].in_atomic_block
        return Tag.objects.create(name="ok", weight=1)

    async def aview(request):
        assert connections["default"].in_atomic_block
        return await Tag.objects.acreate(name="ok", weight=1)

    wrapped = BaseHandler().make_view_atomic(view if not db.is_async else aview)
    db.run(lambda: wrapped(None), lambda: wrapped(None))
    assert count(db) == 1


def test_non_atomic_requests_opts_out(db, atomic_requests):
    @transaction.non_atomic_requests
    def view(request):
        Tag.objects.create(name="kept", weight=1)
        raise RuntimeError("boom")

    assert BaseHandler().make_view_atomic(view) is view
    assert transaction.non_atomic_requests(using="other")(view)._non_atomic_requests == {
        "default",
        "other",
    }


def test_off_by_default(db):
    def view(request):
        return None

    assert BaseHandler().make_view_atomic(view) is view

"""save/delete/refresh, signals, sync and async."""

import asyncio
import datetime
import decimal
import uuid

import pytest
from testapp.models import Article, Kitchen, Tag

from nuages.db.models import signals


def test_save_insert_then_update(conn):
    a = Article(title="a")
    a.save()
    assert a.pk is not None and a._state.adding is False
    assert a.created is not None and a.created.tzinfo is not None
    a.title = "b"
    a.save()
    assert Article.objects.count() == 1
    assert Article.objects.get().title == "b"


def test_update_fields_and_forced_update(conn):
    a = Article.objects.create(title="a", views=1)
    a.title, a.views = "changed", 9
    a.save(update_fields=["views"])
    a.refresh_from_db()
    assert (a.title, a.views) == ("a", 9)
    with pytest.raises(ValueError, match="do not exist in this model"):
        a.save(update_fields=["nope"])
    ghost = Article(id=999_999, title="x")
    with pytest.raises(Article.NotUpdated):
        ghost.save(force_update=True)
    with pytest.raises(ValueError, match="Cannot force both insert and updating"):
        a.save(force_insert=True, force_update=True)


def test_delete(conn):
    a = Article.objects.create(title="a")
    assert a.delete() == (1, {"ormtests.Article": 1})
    assert a.pk is None
    with pytest.raises(
        ValueError, match="can't be deleted because its id attribute is set to None"
    ):
        a.delete()


def test_refresh_missing_row(conn):
    a = Article.objects.create(title="a")
    Article.objects.filter(pk=a.pk).delete()
    with pytest.raises(Article.DoesNotExist):
        a.refresh_from_db()


def test_deferred_fields_load_on_access(conn):
    Article.objects.create(title="a", body="long")
    a = Article.objects.only("title").get()
    assert a.get_deferred_fields() >= {"body", "views"}
    assert a.body == "long"
    b = Article.objects.defer("body").get()
    assert "body" in b.get_deferred_fields()


def test_round_trip_of_every_field_type(conn):
    when = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC)
    uid = uuid.uuid4()
    k = Kitchen.objects.create(
        uid=uid,
        data={"a": [1, 2, {"b": None}]},
        blob=b"\x00\x01",
        duration=datetime.timedelta(days=1, seconds=3),
        at=datetime.time(10, 11, 12),
        when=when,
        ip="::ffff:1.2.3.4",
        email="a@b.cd",
        slug="s-1",
        small=-3,
        big=2**40,
        positive=7,
    )
    got = Kitchen.objects.get(pk=k.pk)
    assert got.uid == uid
    assert got.data == {"a": [1, 2, {"b": None}]}
    assert bytes(got.blob) == b"\x00\x01"
    assert got.duration == datetime.timedelta(days=1, seconds=3)
    assert got.at == datetime.time(10, 11, 12)
    assert got.when == when
    assert got.big == 2**40
    a = Article.objects.create(
        title="p", price=decimal.Decimal("12.50"), published=datetime.date(2024, 1, 2), flag=True
    )
    got = Article.objects.get(pk=a.pk)
    assert got.price == decimal.Decimal("12.50") and got.published == datetime.date(2024, 1, 2)
    assert got.flag is True


def test_signals_sync(conn):
    seen = []

    def pre(sender, instance, **kw):
        seen.append(("pre_save", instance.title))

    def post(sender, instance, created, **kw):
        seen.append(("post_save", created))

    def post_del(sender, instance, **kw):
        seen.append(("post_delete", instance.title))

    signals.pre_save.connect(pre, sender=Article)
    signals.post_save.connect(post, sender=Article)
    signals.post_delete.connect(post_del, sender=Article)
    try:
        a = Article.objects.create(title="s")
        a.save()
        a.delete()
    finally:
        signals.pre_save.disconnect(pre, sender=Article)
        signals.post_save.disconnect(post, sender=Article)
        signals.post_delete.disconnect(post_del, sender=Article)
    assert seen == [
        ("pre_save", "s"),
        ("post_save", True),
        ("pre_save", "s"),
        ("post_save", False),
        ("post_delete", "s"),
    ]


def test_persistence_sync_and_async_receivers(db):
    seen = []

    async def apost(sender, instance, created, **kw):
        await asyncio.sleep(0)
        seen.append(created)

    def post(sender, instance, created, **kw):
        seen.append(created)

    def sync():
        t = Tag(name="x")
        t.save()
        t.weight = 5
        t.save()
        t.refresh_from_db()
        assert t.weight == 5
        assert Tag.objects.count() == 1
        t.delete()
        return Tag.objects.exists()

    async def main():
        t = Tag(name="x")
        await t.asave()
        t.weight = 5
        await t.asave()
        await t.arefresh_from_db()
        assert t.weight == 5
        assert await Tag.objects.acount() == 1
        await t.adelete()
        return await Tag.objects.aexists()

    receiver = apost if db.is_async else post
    signals.post_save.connect(receiver, sender=Tag)
    try:
        assert db.run(sync, main) is False
    finally:
        signals.post_save.disconnect(receiver, sender=Tag)
    assert seen == [True, False]

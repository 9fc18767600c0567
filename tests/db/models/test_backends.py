"""Backend-sensitive behaviour, on every selected backend, through the sync and the async API."""

import datetime
import decimal
import uuid
import zoneinfo

import pytest
from testapp.models import Article, Kitchen, Tag

from nuages.db import NotSupportedError, transaction
from nuages.db.models import F

UTC = datetime.UTC


def fetch(db, qs):
    async def alist():
        return [obj async for obj in qs.all()]

    return db.run(lambda: list(qs.all()), alist)


def titles(db, qs):
    return sorted(a.title for a in fetch(db, qs))


def count(db, qs):
    return db.run(qs.count, qs.acount)


def create(db, model, **kw):
    return db.run(lambda: model.objects.create(**kw), lambda: model.objects.acreate(**kw))


def bulk(db, model, objs, **kw):
    return db.run(
        lambda: model.objects.bulk_create(objs, **kw),
        lambda: model.objects.abulk_create(objs, **kw),
    )


@pytest.fixture
def articles(db):
    return bulk(
        db,
        Article,
        [
            Article(title="alpha", views=1, published=datetime.date(2024, 1, 15), flag=True),
            Article(title="Beta", views=5, published=datetime.date(2024, 3, 2)),
            Article(title="Gamma 100%", views=10, published=datetime.date(2023, 12, 31)),
            Article(title="under_score", views=7, price=decimal.Decimal("3.10")),
        ],
    )


def test_round_trip_every_type(db):
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    when = datetime.datetime(2024, 5, 6, 9, 8, 9, 123456, tzinfo=paris)
    uid = uuid.uuid4()
    values = dict(
        uid=uid,
        data={"a": [1, 2, {"b": None}], "s": "x'y\"z"},
        blob=b"\x00\x01\xff",
        duration=datetime.timedelta(days=1, seconds=3, microseconds=5),
        at=datetime.time(10, 11, 12, 13),
        when=when,
        ip="::ffff:1.2.3.4",
        email="a@b.cd",
        slug="s-1",
        small=-3,
        big=2**40,
        positive=7,
    )
    k = create(db, Kitchen, **values)
    assert k.pk is not None
    got = db.run(lambda: Kitchen.objects.get(pk=k.pk), lambda: Kitchen.objects.aget(pk=k.pk))
    for name, value in values.items():
        stored = getattr(got, name)
        assert (bytes(stored) if name == "blob" else stored) == value, name
    assert got.when.utcoffset() == datetime.timedelta(0)  # stored and returned in UTC
    assert count(db, Kitchen.objects.filter(uid=uid)) == 1
    assert count(db, Kitchen.objects.filter(when=when)) == 1
    assert count(db, Kitchen.objects.filter(duration__gt=datetime.timedelta(days=1))) == 1
    assert count(db, Kitchen.objects.filter(at__lt=datetime.time(11))) == 1


def test_numbers_and_booleans(db, articles):
    assert titles(db, Article.objects.filter(flag=True)) == ["alpha"]
    assert titles(db, Article.objects.filter(flag=False)) == ["Beta", "Gamma 100%", "under_score"]
    assert titles(db, Article.objects.filter(price=decimal.Decimal("3.1"))) == ["under_score"]
    got = fetch(db, Article.objects.filter(price__isnull=False))[0]
    assert got.price == decimal.Decimal("3.10") and isinstance(got.price, decimal.Decimal)
    assert fetch(db, Article.objects.filter(title="alpha"))[0].flag is True
    assert (
        db.run(
            lambda: Article.objects.filter(views__lt=6).update(views=F("views") + 1),
            lambda: Article.objects.filter(views__lt=6).aupdate(views=F("views") + 1),
        )
        == 2
    )
    assert sorted(fetch(db, Article.objects.values_list("views", flat=True))) == [2, 6, 7, 10]


def test_text_lookups_case_and_wildcards(db, articles):
    a = Article.objects
    assert titles(db, a.filter(title__contains="amm")) == ["Gamma 100%"]
    # SQLite's LIKE ignores ASCII case (Django documents contains acting like icontains there)
    case_sensitive_like = db.vendor != "sqlite"
    assert titles(db, a.filter(title__contains="AMM")) == (
        [] if case_sensitive_like else ["Gamma 100%"]
    )
    assert titles(db, a.filter(title__icontains="AMM")) == ["Gamma 100%"]
    # MySQL/MariaDB: exact follows the column's (case-insensitive) collation, as documented
    assert titles(db, a.filter(title="beta")) == ([] if db.vendor != "mysql" else ["Beta"])
    assert titles(db, a.filter(title__exact="Beta")) == ["Beta"]
    assert titles(db, a.filter(title__iexact="BETA")) == ["Beta"]
    assert titles(db, a.filter(title__startswith="b")) == ([] if case_sensitive_like else ["Beta"])
    assert titles(db, a.filter(title__istartswith="b")) == ["Beta"]
    assert titles(db, a.filter(title__endswith="TA")) == ([] if case_sensitive_like else ["Beta"])
    assert titles(db, a.filter(title__iendswith="TA")) == ["Beta"]
    assert titles(db, a.filter(title__contains="%")) == ["Gamma 100%"]
    assert titles(db, a.filter(title__contains="_")) == ["under_score"]
    assert titles(db, a.filter(title__icontains="R_S")) == ["under_score"]
    assert titles(db, a.filter(title__contains="\\")) == []
    assert titles(db, a.filter(title__regex=r"^[a-z]+$")) == ["alpha"]
    assert titles(db, a.filter(title__iregex=r"^[a-z]+$")) == ["Beta", "alpha"]
    assert titles(db, a.filter(title__in=["alpha", "Beta"])) == ["Beta", "alpha"]
    assert titles(db, a.filter(title__range=("B", "C"))) == ["Beta"]


def test_date_transforms(db, articles):
    a = Article.objects
    assert titles(db, a.filter(published__year=2024)) == ["Beta", "alpha"]
    assert titles(db, a.filter(published__year__gte=2024)) == ["Beta", "alpha"]
    assert titles(db, a.filter(published__month=3)) == ["Beta"]
    assert titles(db, a.filter(published__day=31)) == ["Gamma 100%"]
    assert titles(db, a.filter(published__quarter=4)) == ["Gamma 100%"]
    assert titles(db, a.filter(published__week_day=2)) == ["alpha"]  # Monday, Sunday=1
    assert titles(db, a.filter(published__iso_week_day=1)) == ["alpha"]
    assert titles(db, a.filter(published__week=52)) == ["Gamma 100%"]
    assert titles(db, a.filter(published__iso_year=2024)) == ["Beta", "alpha"]


def test_dates_and_datetimes(db, articles):
    a = Article.objects
    dates = db.run(
        lambda: list(a.dates("published", "month")),
        lambda: _alist(a.dates("published", "month")),
    )
    assert dates == [
        datetime.date(2023, 12, 1),
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 1),
    ]


async def _alist(qs):
    return [x async for x in qs]


def test_datetime_transforms_in_utc(db):
    when = datetime.datetime(2024, 2, 29, 23, 30, 15, tzinfo=UTC)
    create(db, Kitchen, when=when)
    k = Kitchen.objects
    assert count(db, k.filter(when__date=datetime.date(2024, 2, 29))) == 1
    assert count(db, k.filter(when__year=2024, when__month=2, when__day=29)) == 1
    assert count(db, k.filter(when__hour=23, when__minute=30, when__second=15)) == 1
    assert count(db, k.filter(when__time=datetime.time(23, 30, 15))) == 1
    assert count(db, k.filter(when__gte=when - datetime.timedelta(seconds=1))) == 1


def test_datetimes(db):
    create(db, Kitchen, when=datetime.datetime(2024, 2, 29, 23, 30, 15, tzinfo=UTC))
    k = Kitchen.objects
    got = db.run(
        lambda: list(k.datetimes("when", "hour")), lambda: _alist(k.datetimes("when", "hour"))
    )
    assert got == [datetime.datetime(2024, 2, 29, 23, tzinfo=UTC)]


def test_json_key_and_index(db):
    create(db, Kitchen, data={"a": {"b": 3}, "l": [5, 6], "s": "x"})
    create(db, Kitchen, data={"a": {"b": 4}, "l": [], "s": "y"})
    k = Kitchen.objects
    assert count(db, k.filter(data__a__b=3)) == 1
    assert count(db, k.filter(data__s="y")) == 1
    assert count(db, k.filter(data__l__1=6)) == 1
    assert count(db, k.filter(data__has_key="s")) == 2
    assert count(db, k.filter(data__a__b__gt=3)) == 1
    if db.vendor == "sqlite":
        with pytest.raises(NotSupportedError):
            count(db, k.filter(data__contains={"s": "x"}))
    else:
        assert count(db, k.filter(data__contains={"s": "x"})) == 1


def test_bulk_create_conflicts(db):
    bulk(db, Tag, [Tag(name="a", weight=1), Tag(name="b", weight=1)])
    bulk(db, Tag, [Tag(name="a", weight=1), Tag(name="c", weight=1)], ignore_conflicts=True)
    assert sorted(fetch(db, Tag.objects.values_list("name", flat=True))) == ["a", "b", "c"]
    bulk(
        db,
        Tag,
        [Tag(name="a", weight=9), Tag(name="d", weight=9)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["weight"],
    )
    got = dict(fetch(db, Tag.objects.values_list("name", "weight")))
    assert got == {"a": 9, "b": 1, "c": 1, "d": 9}


def test_bulk_update_and_iterator(db, articles):
    objs = fetch(db, Article.objects.order_by("id"))
    for i, obj in enumerate(objs):
        obj.views = 100 + i
        obj.title = f"t{i}"
    n = db.run(
        lambda: Article.objects.bulk_update(objs, ["views", "title"], batch_size=3),
        lambda: Article.objects.abulk_update(objs, ["views", "title"], batch_size=3),
    )
    assert n == 4

    async def aiter():
        return [a.views async for a in Article.objects.order_by("id").aiterator(chunk_size=2)]

    got = db.run(
        lambda: [a.views for a in Article.objects.order_by("id").iterator(chunk_size=2)], aiter
    )
    assert got == [100, 101, 102, 103]


def test_select_for_update_in_atomic(db, articles):
    def sync():
        with transaction.atomic():
            return [a.title for a in Article.objects.select_for_update().filter(views__gt=4)]

    async def main():
        async with transaction.atomic():
            qs = Article.objects.select_for_update().filter(views__gt=4)
            return [a.title async for a in qs]

    assert sorted(db.run(sync, main)) == ["Beta", "Gamma 100%", "under_score"]


def test_atomic_rollback(db):
    def sync():
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            Tag.objects.create(name="gone")
            1 / 0
        return Tag.objects.filter(name="gone").exists()

    async def main():
        with pytest.raises(ZeroDivisionError):
            async with transaction.atomic():
                await Tag.objects.acreate(name="gone")
                1 / 0
        return await Tag.objects.filter(name="gone").aexists()

    assert db.run(sync, main) is False


def test_iterator_streams_in_chunks(db, articles):
    conn = db.connection
    calls = []

    def wrapper(execute, sql, params, many, context):
        calls.append(sql)
        return execute(sql, params, many, context)

    async def aiter():
        return [a.title async for a in Article.objects.order_by("id").aiterator(chunk_size=3)]

    def sync():
        it = Article.objects.order_by("id").iterator(chunk_size=3)
        first = next(it)  # one row decoded before the rest is read
        return [first.title, *(a.title for a in it)]

    with conn.execute_wrapper(wrapper):
        got = db.run(sync, aiter)
    assert got == ["alpha", "Beta", "Gamma 100%", "under_score"]
    assert len(calls) == 1


def test_async_api_uses_the_async_driver(db, articles):
    conn = db.connection
    count(db, Article.objects.all())
    if db.is_async:
        assert conn.aconnection is not None
        if db.vendor == "postgresql":
            import psycopg

            assert isinstance(conn.aconnection, psycopg.AsyncConnection)
        elif db.vendor == "mysql":
            assert type(conn.aconnection).__module__.startswith("asyncmy")
    else:
        assert conn.connection is not None and conn.aconnection is None


def test_bulk_update_one_statement_per_batch(db):
    objs = bulk(db, Kitchen, [Kitchen(small=i) for i in range(5)])
    objs = fetch(db, Kitchen.objects.order_by("id"))
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    for i, k in enumerate(objs):
        k.data = {"i": i} if i else None
        k.when = when if i % 2 else None
        k.duration = datetime.timedelta(seconds=i)
        k.small = F("small") + 10 if i == 4 else 100 + i
    calls = []

    def wrapper(execute, sql, params, many, context):
        calls.append(sql)
        return execute(sql, params, many, context)

    fields = ["data", "when", "duration", "small"]
    with db.connection.execute_wrapper(wrapper):
        n = db.run(
            lambda: Kitchen.objects.bulk_update(objs, fields, batch_size=2),
            lambda: Kitchen.objects.abulk_update(objs, fields, batch_size=2),
        )
    assert n == 5
    assert len([s for s in calls if s.startswith("UPDATE")]) == 3  # 2 batches + 1 expression
    got = fetch(db, Kitchen.objects.order_by("id"))
    assert [k.small for k in got] == [100, 101, 102, 103, 14]
    assert [k.data for k in got] == [None, {"i": 1}, {"i": 2}, {"i": 3}, {"i": 4}]
    assert [k.when for k in got] == [None, when, None, when, None]
    assert got[3].duration == datetime.timedelta(seconds=3)

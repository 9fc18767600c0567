"""dates() and datetimes(): kinds, order, time zones, on every backend, sync and async."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from testapp.models import Article, Kitchen

from nuages.utils import timezone

UTC = datetime.UTC
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def fetch(db, qs):
    async def alist():
        return [x async for x in qs]

    return db.run(lambda: list(qs), alist)


def create(db, model, **kw):
    return db.run(lambda: model.objects.create(**kw), lambda: model.objects.acreate(**kw))


@pytest.fixture
def moments(db):
    for when in (
        datetime.datetime(2024, 2, 29, 23, 30, 15, tzinfo=UTC),  # 2024-03-01 00:30 in Paris
        datetime.datetime(2024, 2, 29, 10, 5, 1, tzinfo=UTC),
        datetime.datetime(2023, 11, 5, 8, 0, 0, tzinfo=UTC),
    ):
        create(db, Kitchen, when=when)
    create(db, Kitchen, when=None)


def test_dates_kinds_and_order(db):
    for day in (datetime.date(2024, 1, 15), datetime.date(2024, 1, 17), datetime.date(2023, 5, 3)):
        create(db, Article, title=str(day), published=day)
    create(db, Article, title="no date")
    a = Article.objects
    assert fetch(db, a.dates("published", "year")) == [
        datetime.date(2023, 1, 1),
        datetime.date(2024, 1, 1),
    ]
    assert fetch(db, a.dates("published", "month", order="DESC")) == [
        datetime.date(2024, 1, 1),
        datetime.date(2023, 5, 1),
    ]
    assert fetch(db, a.dates("published", "week")) == [
        datetime.date(2023, 5, 1),
        datetime.date(2024, 1, 15),
    ]
    assert fetch(db, a.filter(title__startswith="2024").dates("published", "day")) == [
        datetime.date(2024, 1, 15),
        datetime.date(2024, 1, 17),
    ]


def test_datetimes_kinds_in_utc(db, moments):
    k = Kitchen.objects
    assert fetch(db, k.datetimes("when", "day")) == [
        datetime.datetime(2023, 11, 5, tzinfo=UTC),
        datetime.datetime(2024, 2, 29, tzinfo=UTC),
    ]
    assert fetch(db, k.datetimes("when", "quarter", order="DESC")) == [
        datetime.datetime(2024, 1, 1, tzinfo=UTC),
        datetime.datetime(2023, 10, 1, tzinfo=UTC),
    ]
    assert fetch(db, k.datetimes("when", "minute"))[-1] == datetime.datetime(
        2024, 2, 29, 23, 30, tzinfo=UTC
    )
    assert len(fetch(db, k.datetimes("when", "second"))) == 3


def test_datetimes_in_another_zone(db, moments):
    got = fetch(db, Kitchen.objects.datetimes("when", "day", tzinfo=PARIS))
    assert got == [
        datetime.datetime(2023, 11, 5, tzinfo=PARIS),
        datetime.datetime(2024, 2, 29, tzinfo=PARIS),
        datetime.datetime(2024, 3, 1, tzinfo=PARIS),
    ]
    assert all(d.tzinfo is PARIS for d in got)


def test_datetimes_use_the_current_zone(db, moments):
    with timezone.override(PARIS):
        got = fetch(db, Kitchen.objects.datetimes("when", "month"))
    assert got == [
        datetime.datetime(2023, 11, 1, tzinfo=PARIS),
        datetime.datetime(2024, 2, 1, tzinfo=PARIS),
        datetime.datetime(2024, 3, 1, tzinfo=PARIS),
    ]


def test_bad_arguments():
    k = Kitchen.objects
    with pytest.raises(ValueError, match="kind"):
        k.datetimes("when", "century")
    with pytest.raises(ValueError, match="order"):
        k.datetimes("when", "day", order="UP")
    with pytest.raises(ValueError, match="kind"):
        Article.objects.dates("published", "hour")
    with pytest.raises(TypeError):
        Kitchen.objects.datetimes("email", "day")


def test_transforms_in_the_current_zone(db):
    # 2024-02-29 23:30:15 UTC is 2024-03-01 00:30:15 in Paris
    create(db, Kitchen, when=datetime.datetime(2024, 2, 29, 23, 30, 15, tzinfo=UTC))
    k = Kitchen.objects

    def n(qs):
        return db.run(qs.count, qs.acount)

    with timezone.override(PARIS):
        assert n(k.filter(when__date=datetime.date(2024, 3, 1))) == 1
        assert n(k.filter(when__month=3, when__day=1, when__hour=0, when__minute=30)) == 1
        assert n(k.filter(when__time=datetime.time(0, 30, 15))) == 1
        assert n(k.filter(when__week_day=6)) == 1  # Friday
    # the same query shape outside the override is compiled for UTC, not reused from the cache
    assert n(k.filter(when__month=2, when__day=29, when__hour=23, when__minute=30)) == 1
    assert n(k.filter(when__date=datetime.date(2024, 2, 29))) == 1

"""QuerySet API, lookups, Q/F, bad input and injection attempts."""

import datetime

import pytest
from testapp.models import Article, Tag

from nuages.core.exceptions import FieldError
from nuages.db.models import F, Lookup, Q
from nuages.db.models.fields import CharField
from nuages.db.models.sql.cache_key import statement_cache


@pytest.fixture
def data(conn):
    rows = [
        Article(
            title="alpha", views=1, status="p", published=datetime.date(2024, 1, 15), rating=None
        ),
        Article(title="beta", views=5, status="d", published=datetime.date(2024, 3, 2), rating=2.5),
        Article(
            title="Gamma 100%",
            views=10,
            status="p",
            published=datetime.date(2023, 12, 31),
            rating=4.0,
        ),
        Article(title="under_score", views=7, status="d", published=None, rating=1.0),
    ]
    Article.objects.bulk_create(rows)
    return rows


def titles(qs):
    return [a.title for a in qs]


def test_bulk_create_sets_pks(data):
    assert all(a.pk is not None for a in data)
    assert Article.objects.count() == 4


def test_filter_exclude_q(data):
    assert titles(Article.objects.filter(views__gt=4).order_by("views")) == [
        "beta",
        "under_score",
        "Gamma 100%",
    ]
    assert titles(Article.objects.filter(Q(views=1) | Q(views=10)).order_by("-views")) == [
        "Gamma 100%",
        "alpha",
    ]
    assert titles(Article.objects.filter(~Q(status="p")).order_by("title")) == [
        "beta",
        "under_score",
    ]
    # (sorted in Python: MariaDB's default collation orders case-insensitively)
    assert sorted(titles(Article.objects.filter(Q(views__lt=6) ^ Q(status="p")))) == [
        "Gamma 100%",
        "beta",
    ]
    # exclude keeps rows whose nullable column is NULL
    assert sorted(titles(Article.objects.exclude(rating=2.5))) == [
        "Gamma 100%",
        "alpha",
        "under_score",
    ]
    assert titles(Article.objects.filter(rating=None)) == ["alpha"]
    assert titles(Article.objects.filter(rating__isnull=False).order_by("rating")) == [
        "under_score",
        "beta",
        "Gamma 100%",
    ]


def test_lookups(data):
    assert titles(Article.objects.filter(title__iexact="ALPHA")) == ["alpha"]
    assert titles(Article.objects.filter(title__icontains="AMM")) == ["Gamma 100%"]
    assert titles(Article.objects.filter(title__startswith="be")) == ["beta"]
    assert titles(Article.objects.filter(title__endswith="ta")) == ["beta"]
    assert titles(Article.objects.filter(views__in=[1, 7]).order_by("views")) == [
        "alpha",
        "under_score",
    ]
    assert list(Article.objects.filter(views__in=[])) == []
    assert titles(Article.objects.filter(views__range=(5, 7)).order_by("views")) == [
        "beta",
        "under_score",
    ]
    # LIKE wildcards in values are escaped
    assert titles(Article.objects.filter(title__contains="%")) == ["Gamma 100%"]
    assert titles(Article.objects.filter(title__contains="_")) == ["under_score"]


def test_date_transforms(data):
    assert titles(Article.objects.filter(published__year=2024).order_by("published")) == [
        "alpha",
        "beta",
    ]
    assert titles(Article.objects.filter(published__month=3)) == ["beta"]
    assert titles(Article.objects.filter(published__day__gte=15).order_by("views")) == [
        "alpha",
        "Gamma 100%",
    ]
    assert titles(Article.objects.filter(published__quarter=4)) == ["Gamma 100%"]
    # 2024-01-15 is a Monday: week_day 2 (Sunday=1), iso_week_day 1, ISO week 3
    assert titles(Article.objects.filter(published__week_day=2)) == ["alpha"]
    assert titles(Article.objects.filter(published__iso_week_day=1)) == ["alpha"]
    assert titles(Article.objects.filter(published__week=3)) == ["alpha"]
    # 2023-12-31 belongs to ISO year 2023, week 52
    assert titles(Article.objects.filter(published__iso_year=2023)) == ["Gamma 100%"]


def test_in_subquery(data):
    sub = Article.objects.filter(status="p").values("id")
    assert sorted(titles(Article.objects.filter(id__in=sub))) == ["Gamma 100%", "alpha"]


def test_ordering_slicing_first_last(data):
    assert titles(Article.objects.all()) == [
        "alpha",
        "beta",
        "Gamma 100%",
        "under_score",
    ]  # Meta.ordering
    assert titles(Article.objects.order_by("-views")[1:3]) == ["Gamma 100%"][:0] + [
        "under_score",
        "beta",
    ]
    assert Article.objects.order_by("views").first().title == "alpha"
    assert Article.objects.order_by("views").last().title == "Gamma 100%"
    assert titles(Article.objects.order_by("views").reverse()[:1]) == ["Gamma 100%"]
    assert Article.objects.order_by("views")[2].title == "under_score"
    assert len(list(Article.objects.order_by("?"))) == 4
    with pytest.raises(ValueError, match="Negative indexing is not supported."):
        Article.objects.all()[-1]
    # NULLs sort differently per database (documented): filter them out
    assert Article.objects.filter(published__isnull=False).latest().title == "beta"
    assert Article.objects.earliest("views").title == "alpha"


def test_values_and_values_list(data):
    assert list(Article.objects.order_by("views").values("title", "views")[:1]) == [
        {"title": "alpha", "views": 1}
    ]
    assert list(Article.objects.order_by("views").values_list("views", flat=True)) == [1, 5, 7, 10]
    row = Article.objects.order_by("views").values_list("title", "views", named=True)[0]
    assert (row.title, row.views) == ("alpha", 1)
    assert Article.objects.values_list("title", "views").order_by("views")[0] == ("alpha", 1)
    with pytest.raises(TypeError):
        Article.objects.values_list("title", "views", flat=True)


def test_get_errors(data):
    with pytest.raises(Article.DoesNotExist, match="Article matching query does not exist."):
        Article.objects.get(title="nope")
    with pytest.raises(
        Article.MultipleObjectsReturned, match="returned more than one Article -- it returned 2!"
    ):
        Article.objects.get(status="p")


def test_update_delete_count_exists(data):
    assert Article.objects.filter(status="d").update(views=F("views") + 100) == 2
    assert sorted(Article.objects.filter(status="d").values_list("views", flat=True)) == [105, 107]
    assert Article.objects.filter(views__gt=100).exists()
    assert not Article.objects.none().exists()
    assert Article.objects.filter(status="d").delete() == (2, {"ormtests.Article": 2})
    assert Article.objects.count() == 2
    assert Article.objects.contains(data[0])


def test_get_or_create_update_or_create(conn):
    t, created = Tag.objects.get_or_create(name="x", defaults={"weight": 3})
    assert created and t.weight == 3
    t2, created = Tag.objects.get_or_create(name="x")
    assert not created and t2.pk == t.pk
    t3, created = Tag.objects.update_or_create(name="x", defaults={"weight": 9})
    assert not created and Tag.objects.get(pk=t.pk).weight == 9
    with pytest.raises(FieldError, match="Invalid field name"):
        Tag.objects.get_or_create(name="y", defaults={"colour": 1})


def test_in_bulk_bulk_update_union(data):
    found = Article.objects.in_bulk([data[0].pk, data[1].pk])
    assert set(found) == {data[0].pk, data[1].pk}
    data[0].views, data[1].views = 50, 60
    Article.objects.bulk_update(data[:2], ["views"])
    assert sorted(Article.objects.values_list("views", flat=True)) == [7, 10, 50, 60]
    u = Article.objects.filter(views=7).union(Article.objects.filter(views=10))
    assert sorted(titles(u)) == ["Gamma 100%", "under_score"]
    assert titles(
        Article.objects.filter(views=7).difference(Article.objects.filter(status="p"))
    ) == ["under_score"]
    assert list(Article.objects.filter(views__lt=8).iterator(chunk_size=2))


def test_bulk_create_ignore_conflicts(conn):
    Tag.objects.create(name="a")
    Tag.objects.bulk_create([Tag(name="a"), Tag(name="b")], ignore_conflicts=True)
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["a", "b"]


def _rows():
    return [
        Article(title="alpha", views=1, status="p", published=datetime.date(2024, 1, 15)),
        Article(title="beta", views=5, status="d", published=datetime.date(2024, 3, 2)),
        Article(title="Gamma 100%", views=10, status="p", published=datetime.date(2023, 12, 31)),
        Article(title="under_score", views=7, status="d"),
    ]


def test_queryset_api_sync_and_async(db):
    def sync():
        Article.objects.bulk_create(_rows())
        got = [a.title for a in Article.objects.filter(status="p").order_by("views")]
        first = Article.objects.order_by("views").first()
        last = Article.objects.order_by("views").last()
        n = Article.objects.filter(views__gte=5).count()
        upd = Article.objects.filter(title="beta").update(views=0)
        obj, created = Tag.objects.get_or_create(name="z")
        bulk = Article.objects.in_bulk([first.pk])
        deleted = Article.objects.filter(title="alpha").delete()
        return got, first.title, last.title, n, upd, created, list(bulk), deleted

    async def main():
        await Article.objects.abulk_create(_rows())
        got = [a.title async for a in Article.objects.filter(status="p").order_by("views")]
        first = await Article.objects.order_by("views").afirst()
        last = await Article.objects.order_by("views").alast()
        n = await Article.objects.filter(views__gte=5).acount()
        upd = await Article.objects.filter(title="beta").aupdate(views=0)
        obj, created = await Tag.objects.aget_or_create(name="z")
        bulk = await Article.objects.ain_bulk([first.pk])
        deleted = await Article.objects.filter(title="alpha").adelete()
        return got, first.title, last.title, n, upd, created, list(bulk), deleted

    got, first, last, n, upd, created, bulk, deleted = db.run(sync, main)
    assert got == ["alpha", "Gamma 100%"] and first == "alpha" and last == "Gamma 100%"
    assert n == 3 and upd == 1 and created and len(bulk) == 1 and deleted[0] == 1


def test_shape_cache_reuses_sql(data):
    Article.objects.filter(views=1).count()
    hits = statement_cache.hits
    assert Article.objects.filter(views=999).count() == 0
    assert statement_cache.hits == hits + 1


# -- bad input ------------------------------------------------------------------------------
def test_unknown_field_lists_choices(conn):
    with pytest.raises(
        FieldError, match=r"Cannot resolve keyword 'nope' into field. Choices are: .*title"
    ):
        Article.objects.filter(nope=1)
    with pytest.raises(FieldError, match="Cannot resolve keyword 'nope'"):
        Article.objects.order_by("nope")
    with pytest.raises(FieldError, match="Cannot resolve keyword"):
        Article.objects.values("nope")


def test_unknown_lookup_lists_choices(conn):
    with pytest.raises(
        FieldError, match=r"Unsupported lookup 'bogus' for CharField.*Choices are: .*icontains"
    ):
        Article.objects.filter(title__bogus="x")


def test_wrong_value_names_field_and_value(conn):
    with pytest.raises(ValueError, match=r"Field 'views' expected a number but got 'abc'"):
        Article.objects.filter(views="abc")
    with pytest.raises(ValueError, match=r"Field 'published' expected a date but got 'soon'"):
        Article.objects.filter(published="soon")


def test_injection_attempts_are_parameterised_or_refused(data):
    evil = "x'; DROP TABLE ormtests_article; --"
    assert list(Article.objects.filter(title=evil)) == []
    assert list(Article.objects.filter(title__contains=evil)) == []
    with pytest.raises(FieldError):
        Article.objects.order_by("title; DROP TABLE ormtests_article")
    with pytest.raises(FieldError):
        Article.objects.values("title) FROM x; --")
    with pytest.raises(NotImplementedError):
        Article.objects.extra(where=["1=1"])
    raw = list(Article.objects.raw("SELECT * FROM ormtests_article WHERE title = %s", [evil]))
    assert raw == []
    assert Article.objects.count() == 4


def test_custom_lookup_and_transform(data):
    class NotEqual(Lookup):
        lookup_name = "ne"

        def as_sql(self, compiler, connection):
            lhs, lhs_params = self.process_lhs(compiler, connection)
            rhs, rhs_params = self.process_rhs(compiler, connection)
            return f"{lhs} <> {rhs}", lhs_params + rhs_params

    CharField.register_lookup(NotEqual)
    try:
        assert sorted(titles(Article.objects.filter(title__ne="alpha"))) == [
            "Gamma 100%",
            "beta",
            "under_score",
        ]
    finally:
        CharField._unregister_lookup(NotEqual)
    with pytest.raises(FieldError):
        Article.objects.filter(title__ne="alpha")


def test_get_fast_path_matches_general_path(data):
    a = data[0]
    for _ in range(2):  # the first call compiles and caches, the second reuses the statement
        got = Article.objects.get(pk=a.pk)
        assert (got.pk, got.title, got._state.adding) == (a.pk, "alpha", False)
        assert got._state.db == a._state.db
        assert Article.objects.get(title="beta", views=5).title == "beta"
        assert Article.objects.get(published=datetime.date(2024, 1, 15)).pk == a.pk
        with pytest.raises(Article.DoesNotExist):
            Article.objects.get(pk=-1)
        with pytest.raises(Article.MultipleObjectsReturned, match="it returned 2!"):
            Article.objects.get(status="p")
    # None, filtered, sliced and values() querysets take the general path, same answers
    assert Article.objects.get(rating=None).title == "alpha"
    with pytest.raises(Article.DoesNotExist):
        Article.objects.filter(status="d").get(pk=a.pk)
    assert Article.objects.values("title").get(pk=a.pk) == {"title": "alpha"}
    with pytest.raises(Exception, match="views"):
        Article.objects.get(views="not a number")


def test_fetched_state_is_per_instance(data):
    a, b = Article.objects.order_by("pk")[:2]
    assert type(a._state) is type(b._state) and a._state is not b._state
    a._state.adding = True
    a._state.fields_cache["x"] = 1
    assert b._state.adding is False and b._state.fields_cache == {}
    assert a._state.db == b._state.db

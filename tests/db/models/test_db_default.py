"""db_default: columns left to the database on INSERT, values read back where supported."""

from testapp.models import Defaulted, DefaultedCode

from nuages.db import connection
from nuages.test.utils import CaptureQueriesContext


def _inserts(ctx):
    return [q["sql"] for q in ctx.captured_queries if q["sql"].upper().startswith("INSERT")]


def test_save_leaves_db_default_columns_out(db):
    obj = Defaulted(name="a")
    with CaptureQueriesContext(connection) as ctx:
        db.run(obj.save, obj.asave)
    (sql,) = _inserts(ctx)
    columns = sql.replace("`", '"').split("VALUES")[0]
    assert '"n"' not in columns and "label" not in columns
    assert obj.pk is not None
    assert (obj.n, obj.label) == (42, "dflt")
    fresh = db.run(
        lambda: Defaulted.objects.get(pk=obj.pk), lambda: Defaulted.objects.aget(pk=obj.pk)
    )
    assert (fresh.n, fresh.label) == (42, "dflt")


def test_explicit_values_are_inserted(db):
    obj = db.run(
        lambda: Defaulted.objects.create(name="b", n=1, label="mine"),
        lambda: Defaulted.objects.acreate(name="b", n=1, label="mine"),
    )
    fresh = db.run(
        lambda: Defaulted.objects.get(pk=obj.pk), lambda: Defaulted.objects.aget(pk=obj.pk)
    )
    assert (fresh.n, fresh.label) == (1, "mine")


def test_explicit_pk_with_db_default(db):
    obj = DefaultedCode(code="x1")
    db.run(obj.save, obj.asave)
    assert obj.code == "x1" and obj.n == 7
    fresh = db.run(
        lambda: DefaultedCode.objects.get(pk="x1"), lambda: DefaultedCode.objects.aget(pk="x1")
    )
    assert fresh.n == 7


def test_bulk_create_mixes_defaults_and_values(db):
    objs = [Defaulted(name="c"), Defaulted(name="d", n=5), Defaulted(name="e", label="own")]
    db.run(
        lambda: Defaulted.objects.bulk_create(objs), lambda: Defaulted.objects.abulk_create(objs)
    )
    rows = db.run(
        lambda: list(Defaulted.objects.order_by("name").values_list("name", "n", "label")),
        lambda: _alist(Defaulted.objects.order_by("name").values_list("name", "n", "label")),
    )
    assert rows == [("c", 42, "dflt"), ("d", 5, "dflt"), ("e", 42, "own")]


async def _alist(qs):
    return [row async for row in qs]

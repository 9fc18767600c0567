import asyncio

from testapp.models import Article


def test_roundtrip(conn):
    a = Article.objects.create(title="hello", views=3)
    assert a.pk is not None
    assert Article.objects.get(pk=a.pk).title == "hello"
    assert Article.objects.filter(title__contains="ell").count() == 1
    assert list(Article.objects.values_list("title", flat=True)) == ["hello"]


def test_async(conn):
    async def main():
        a = await Article.objects.acreate(title="x")
        return (await Article.objects.aget(pk=a.pk)).title

    assert asyncio.run(main()) == "x"

"""ListView, DetailView, FormView, CreateView, UpdateView, DeleteView and the date-based views,
through the test client with templates from tests/views/generic/templates (SQLite)."""

import datetime

import pytest
from gvproj.models import Author, Book

from nuages.core.exceptions import ImproperlyConfigured
from nuages.test import Client, RequestFactory
from nuages.views import generic

pytestmark = pytest.mark.usefixtures("site")


def authors(n):
    for i in range(n):
        Author.objects.create(name=f"a{i}", slug=f"s{i}")


def body(response):
    return response.content.decode().strip()


def test_list_view():
    authors(3)
    response = Client().get("/authors/")
    assert response.status_code == 200
    assert body(response) == "a0;a1;a2;|False|/|"
    assert response.template_name == ["gvtests/author_list.html"]
    assert list(response.context_data["object_list"]) == list(Author.objects.all())
    assert Client().get("/authors/ordered/").content.decode().strip().endswith("a2,a1,a0,")


def test_list_pagination_and_bad_pages():
    authors(5)
    c = Client()
    assert body(c.get("/authors/paged/")) == "a0;a1;|True|1/3|"
    assert body(c.get("/authors/paged/?page=3")) == "a4;|True|3/3|"
    assert body(c.get("/authors/paged/?page=last")) == "a4;|True|3/3|"
    # Orphans: the last page absorbs a lone object; page from the URL kwarg.
    assert body(c.get("/authors/paged/2/")) == "a2;a3;a4;|True|2/2|"
    for bad in ("4", "0", "-1", "abc", "1.5", "99999999999999999999"):
        assert c.get(f"/authors/paged/?page={bad}").status_code == 404, bad
    assert c.get("/authors/paged/9/").status_code == 404


def test_list_allow_empty():
    c = Client()
    assert c.get("/authors/").status_code == 200
    assert c.get("/authors/strict/").status_code == 404
    authors(1)
    assert c.get("/authors/strict/").status_code == 200


def test_detail_view():
    Author.objects.create(name="Ann", slug="ann")
    a = Author.objects.get()
    c = Client()
    response = c.get(f"/authors/{a.pk}/")
    assert body(response) == "Ann=ann"
    assert response.context_data["author"] == a
    assert body(c.get("/authors/by-slug/ann/")) == "Ann=ann"
    assert c.get(f"/authors/both/{a.pk}/ann/").status_code == 200
    assert c.get(f"/authors/both/{a.pk}/nope/").status_code == 404
    for bad in ("999", "abc", "99999999999999999999999"):
        assert c.get(f"/authors/{bad}/").status_code == 404, bad
    assert c.get("/authors/by-slug/nope/").status_code == 404


def test_detail_404_message_and_misconfiguration():
    rf = RequestFactory()
    from nuages.http import Http404

    with pytest.raises(Http404, match="No author found matching the query"):
        generic.DetailView.as_view(model=Author)(rf.get("/"), pk=123)
    with pytest.raises(AttributeError, match="must be called with either an object pk or a slug"):
        generic.DetailView.as_view(model=Author)(rf.get("/"))
    with pytest.raises(ImproperlyConfigured, match="DetailView is missing a QuerySet"):
        generic.DetailView.as_view()(rf.get("/"), pk=1)


def test_form_view():
    c = Client()
    assert 'name="name"' in body(c.get("/contact/"))
    response = c.post("/contact/", {"name": "x"})
    assert response.status_code == 302 and response["Location"] == "/thanks/"
    response = c.post("/contact/", {})
    assert response.status_code == 200 and "This field is required." in body(response)


def test_create_view():
    c = Client()
    response = c.get("/create/")
    assert response.template_name == ["gvtests/author_form.html"]
    assert 'name="slug"' in body(response)
    response = c.post("/create/", {"name": "Bo", "slug": "bo"})
    a = Author.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/authors/{a.pk}/"
    response = c.post("/create/to/", {"name": "Cy", "slug": "cy"})
    assert response["Location"] == "/done/cy/"
    # Bad input: a form error, nothing stored.
    response = c.post("/create/", {"name": "Bo", "slug": "bo"})
    assert response.status_code == 200
    assert "Author with this Slug already exists." in body(response)
    response = c.post("/create/", {"name": "", "slug": "not a slug!"})
    assert response.status_code == 200
    assert Author.objects.count() == 2


def test_create_view_misconfigured():
    rf = RequestFactory()
    with pytest.raises(ImproperlyConfigured, match="without the 'fields' attribute is prohibited"):
        generic.CreateView.as_view(model=Author)(rf.get("/"))
    with pytest.raises(ImproperlyConfigured, match="Specifying both 'fields' and 'form_class'"):
        generic.CreateView.as_view(model=Author, fields=["name"], form_class=object)(rf.get("/"))


def test_update_view():
    Author.objects.create(name="Ann", slug="ann")
    a = Author.objects.get()
    c = Client()
    assert 'value="Ann"' in body(c.get(f"/update/{a.pk}/"))
    response = c.post(f"/update/{a.pk}/", {"name": "Anne", "slug": "ann"})
    assert response.status_code == 302
    assert Author.objects.get().name == "Anne"
    assert c.post("/update/999/", {"name": "x", "slug": "x"}).status_code == 404
    assert Author.objects.count() == 1


def test_delete_view():
    Author.objects.create(name="Ann", slug="ann")
    a = Author.objects.get()
    c = Client()
    assert body(c.get(f"/delete/{a.pk}/")) == "Delete Ann?"
    # With a form that must validate first (Django 4.0+ semantics).
    response = c.post(f"/delete-confirm/{a.pk}/", {})
    assert response.status_code == 200 and Author.objects.count() == 1
    response = c.post(f"/delete/{a.pk}/")
    assert response.status_code == 302 and response["Location"] == "/gone/"
    assert Author.objects.count() == 0
    assert c.post(f"/delete/{a.pk}/").status_code == 404


def books():
    for title, day in [
        ("old", datetime.date(2019, 5, 1)),
        ("a", datetime.date(2020, 1, 15)),
        ("b", datetime.date(2020, 3, 2)),
        ("c", datetime.date(2020, 3, 3)),
        ("future", datetime.date(2999, 1, 1)),
    ]:
        Book.objects.create(title=title, pubdate=day)


def test_archive_index_and_year():
    c = Client()
    assert c.get("/books/").status_code == 404  # allow_empty is False for date views
    books()
    assert body(c.get("/books/")) == "2020;2019;|c,b,a,old,"
    assert body(c.get("/books/2020/")) == "01;03;|c,b,a,|2020||2019"
    assert c.get("/books/1990/").status_code == 404
    assert c.get("/books/2999/").status_code == 404  # the future is hidden


def test_month_week_day_archives():
    books()
    c = Client()
    assert (
        body(c.get("/books/2020/mar/")) == "02;03;|c,b,|2020-03||2020-01"
    )  # no next month: only the future
    assert c.get("/books/2020/foo/").status_code == 404
    assert c.get("/books/2020/feb/").status_code == 404
    # Week 9 of 2020 (weeks start on Sunday, %U): 2020-03-01 to 2020-03-07.
    assert body(c.get("/books/2020/week/9/")) == "c,b,|2020-03-01"
    assert body(c.get("/books/2020/mar/3/")) == "c,|2020-03-03|2020-03-02|2020-03-04"
    assert body(c.get("/books/2020/mar/31/")) == "|2020-03-31|2020-03-30|2020-04-01"
    assert c.get("/books/2020/mar/32/").status_code == 404
    assert c.get("/books/today/").status_code == 200


def test_date_detail():
    books()
    c = Client()
    b = Book.objects.get(title="b")
    assert body(c.get(f"/books/2020/mar/2/{b.pk}/")) == "b"
    assert c.get(f"/books/2020/mar/3/{b.pk}/").status_code == 404
    f = Book.objects.get(title="future")
    assert c.get(f"/books/2999/jan/1/{f.pk}/").status_code == 404


def test_datetime_field_day_archive():
    from nuages.utils import timezone

    Book.objects.create(
        title="t",
        pubdate=datetime.date(2020, 1, 1),
        created=timezone.make_aware(datetime.datetime(2020, 1, 1, 23, 30)),
    )
    c = Client()
    assert body(c.get("/created/2020/jan/1/")).startswith("t,|2020-01-01")
    assert c.get("/created/2020/jan/2/").status_code == 404

"""Model class construction, _meta, instances, validation."""

import pickle

import pytest
from testapp.models import Article, Kitchen, Post, Status, Tag

from nuages.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from nuages.db import models


def test_meta_basics():
    opts = Article._meta
    assert opts.db_table == "ormtests_article"
    assert opts.label == "ormtests.Article"
    assert opts.label_lower == "ormtests.article"
    assert opts.pk.name == "id"
    assert isinstance(opts.pk, models.AutoField)
    assert [f.name for f in opts.concrete_fields][:2] == ["id", "created"]
    assert opts.ordering == ["id"]  # inherited from the abstract Meta
    assert opts.get_latest_by == "published"
    assert opts.verbose_name == "article"
    assert opts.verbose_name_plural == "articles"
    assert Tag._meta.unique_together == (("name", "weight"),)


def test_get_field_unknown_names_model_and_field():
    with pytest.raises(FieldDoesNotExist, match="Article has no field named 'nope'"):
        Article._meta.get_field("nope")


def test_exceptions_per_model():
    assert issubclass(Article.DoesNotExist, ObjectDoesNotExist)
    assert Article.DoesNotExist is not Tag.DoesNotExist
    assert issubclass(Article.NotUpdated, Exception)


def test_app_label_required_outside_installed_apps():
    with pytest.raises(RuntimeError, match="doesn't declare an explicit app_label"):

        class Stray(models.Model):
            pass


def test_invalid_meta_attribute():
    with pytest.raises(TypeError, match="invalid attribute"):

        class Bad(models.Model):
            class Meta:
                app_label = "ormtests"
                colour = "red"


def test_init_kwargs_and_defaults():
    a = Article(title="t")
    assert a.views == 0 and a.status == "d" and a.body == ""
    assert a.pk is None
    with pytest.raises(TypeError, match=r"Article\(\) got unexpected keyword arguments: 'colour'"):
        Article(title="t", colour="red")


def test_callable_default_and_display():
    k1, k2 = Kitchen(), Kitchen()
    assert k1.uid != k2.uid
    a = Article(status=Status.PUBLISHED)
    assert a.get_status_display() == "Published"
    assert Article(status="zz").get_status_display() == "zz"


def test_choices_enum():
    assert Status.choices == [("d", "Draft"), ("p", "Published")]
    assert Status.PUBLISHED.label == "Published"
    assert "d" in Status

    class Size(models.IntegerChoices):
        S = 1
        L = 3, "Large"

    assert Size.choices == [(1, "S"), (3, "Large")]


def test_equality_hash_and_pickle(conn):
    a = Article.objects.create(title="one")
    b = Article.objects.get(pk=a.pk)
    assert a == b and hash(a) == hash(b)
    assert Article(title="x") != Article(title="x")
    with pytest.raises(TypeError):
        hash(Article())
    c = pickle.loads(pickle.dumps(b))
    assert c == b and c.title == "one" and c._state.adding is False


def test_full_clean_reports_field_errors():
    a = Article(title="x" * 101, status="z")
    with pytest.raises(ValidationError) as info:
        a.full_clean(validate_unique=False)
    errors = info.value.message_dict
    assert "title" in errors and "status" in errors
    assert "at most 100 characters" in errors["title"][0]


def test_validate_unique(conn):
    Tag.objects.create(name="a")
    with pytest.raises(ValidationError) as info:
        Tag(name="a").validate_unique()
    assert "name" in info.value.message_dict


def test_field_deconstruct():
    name, path, args, kwargs = Article._meta.get_field("title").deconstruct()
    assert (name, path, kwargs) == ("title", "nuages.db.models.CharField", {"max_length": 100})


def test_custom_managers(conn):
    Post.objects.create(title="a", status="p")
    Post.objects.create(title="b")
    assert Post.objects.count() == 2
    assert [p.title for p in Post.published.all()] == ["a"]
    Tag.objects.create(name="small")
    Tag.objects.create(name="big")
    assert [t.name for t in Tag.objects.short()] == ["small"]
    with pytest.raises(AttributeError, match="Manager isn't accessible via Post instances"):
        Post().objects  # noqa: B018

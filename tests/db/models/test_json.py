"""JSONField key, index and path transforms, has_key(s), contains, on every backend, sync and async."""

from __future__ import annotations

import pytest
from testapp.models import Kitchen

from nuages.db import NotSupportedError
from nuages.db.models import Q


def count(db, qs):
    return db.run(qs.count, qs.acount)


def create(db, **kw):
    return db.run(lambda: Kitchen.objects.create(**kw), lambda: Kitchen.objects.acreate(**kw))


@pytest.fixture
def rows(db):
    create(db, data={"a": {"b": 3, "c": [1, {"d": "deep"}]}, "s": "Hello", "n": None, "l": [5, 6]})
    create(db, data={"a": {"b": 10}, "s": "world", "l": []})
    create(db, data={"s": "x", 'it\'s "odd"': 1, "0": "zero-key"})
    create(db, data=None)


def test_nested_keys_and_indexes(db, rows):
    k = Kitchen.objects
    assert count(db, k.filter(data__a__b=3)) == 1
    assert count(db, k.filter(data__a__c__1__d="deep")) == 1
    assert count(db, k.filter(data__a__c__0=1)) == 1
    assert count(db, k.filter(data__l__1=6)) == 1
    assert count(db, k.filter(data__a={"b": 10})) == 1
    assert count(db, k.filter(data__a__b__in=[3, 10])) == 2


def test_numeric_comparisons_on_keys(db, rows):
    k = Kitchen.objects
    assert count(db, k.filter(data__a__b__gt=3)) == 1  # numeric, not text: 10 > 3
    assert count(db, k.filter(data__a__b__gte=3)) == 2
    assert count(db, k.filter(data__a__b__lt=10)) == 1
    assert count(db, k.filter(data__a__b__lte=10)) == 2


def test_text_lookups_on_keys(db, rows):
    k = Kitchen.objects
    assert count(db, k.filter(data__s__iexact="hello")) == 1
    assert count(db, k.filter(data__s__icontains="ELL")) == 1
    assert count(db, k.filter(data__s__startswith="wor")) == 1
    assert count(db, k.filter(data__s__iendswith="LD")) == 1


def test_has_key_family(db, rows):
    k = Kitchen.objects
    assert count(db, k.filter(data__has_key="s")) == 3
    assert count(db, k.filter(data__has_keys=["a", "l"])) == 2
    assert count(db, k.filter(data__has_any_keys=["l", "0"])) == 3
    assert count(db, k.filter(data__a__has_key="c")) == 1
    assert count(db, k.filter(data__has_key="n")) == 1  # a JSON null is a present key


def test_isnull_on_keys_and_json_null(db, rows):
    k = Kitchen.objects
    assert count(db, k.filter(data__a__isnull=False)) == 2
    assert count(db, k.filter(data__isnull=False, data__a__isnull=True)) == 1
    assert count(db, k.filter(data__n=None)) == 1  # JSON null value of a key
    assert count(db, k.filter(data__isnull=True)) == 1


def test_contains_and_contained_by(db, rows):
    k = Kitchen.objects
    if db.vendor == "sqlite":
        for lookup in ("data__contains", "data__contained_by"):
            with pytest.raises(NotSupportedError, match="not supported"):
                count(db, k.filter(**{lookup: {"s": "x"}}))
        return
    assert count(db, k.filter(data__contains={"s": "x"})) == 1
    assert count(db, k.filter(data__a__contains={"b": 10})) == 1
    assert count(db, k.filter(data__contained_by={"a": {"b": 10}, "s": "world", "l": []})) == 1


def test_key_names_are_parameters(db, rows):
    k = Kitchen.objects
    # quotes in a key name are data, not SQL or JSON-path syntax; SQLite's JSON paths cannot
    # name a key holding a double quote (as with Django): such a key matches nothing there.
    found = 0 if db.vendor == "sqlite" else 1
    assert count(db, k.filter(**{'data__it\'s "odd"': 1})) == found
    assert count(db, k.filter(**{'data__it\'s "odd"__isnull': False})) == found
    assert count(db, k.filter(**{"data__has_key": 'it\'s "odd"'})) == found
    # the classic injection attempt matches nothing and breaks nothing
    evil = "data__test' = '\"a\"') OR 1 = 1 OR ('d"
    assert count(db, k.filter(**{evil: "x"})) == 0
    assert count(db, k.filter(Q(**{'data__a" OR 1=1 --': 1}))) == 0
    assert count(db, k.filter(**{"data__%s%%": 1})) == 0
    assert count(db, k.all()) == 4


def test_digit_keys_are_array_indexes(db, rows):
    # As in Django: a key made of digits is an array index, so {"0": ...} is not reached by data__0.
    assert count(db, Kitchen.objects.filter(data__l__0=5)) == 1


def test_exclude_on_key(db, rows):
    assert count(db, Kitchen.objects.exclude(data__s="x")) == 3  # SQL NULL data included


def test_same_shape_other_keys(db, rows):
    # key names are parameters of one cached statement: each query gets its own keys
    k = Kitchen.objects
    assert count(db, k.filter(data__s="world")) == 1
    assert count(db, k.filter(data__t="world")) == 0
    assert count(db, k.filter(data__a__b=10)) == 1
    assert count(db, k.filter(data__a__c=10)) == 0

"""lazy(), cached_property, LazyObject and SimpleLazyObject."""

import copy
import pickle

import pytest

from nuages.utils.functional import (
    Promise,
    SimpleLazyObject,
    cached_property,
    classproperty,
    keep_lazy_text,
    lazy,
    lazystr,
    partition,
)


def test_cached_property_computes_once():
    calls = []

    class A:
        @cached_property
        def value(self):
            calls.append(1)
            return 42

    a = A()
    assert a.value == 42 and a.value == 42
    assert calls == [1]
    del a.value
    assert a.value == 42 and len(calls) == 2
    assert isinstance(A.value, cached_property)


def test_cached_property_name_clash():
    def f(self):
        return 1

    prop = cached_property(f)
    # Python 3.11 wraps errors raised in __set_name__ in a RuntimeError; 3.12+ does not.
    with pytest.raises((TypeError, RuntimeError)) as info:

        class B:
            a = prop
            b = prop

    err = info.value.__cause__ or info.value
    assert "Cannot assign the same cached_property to two different names" in str(err)


def test_classproperty():
    class C:
        @classproperty
        def name(cls):
            return cls.__name__

    assert C.name == "C"


def test_lazy_evaluates_on_use_each_time():
    counter = {"n": 0}

    def compute():
        counter["n"] += 1
        return f"v{counter['n']}"

    proxy = lazy(compute, str)()
    assert isinstance(proxy, Promise)
    assert counter["n"] == 0
    assert str(proxy) == "v1"
    assert proxy.upper() == "V2"
    assert proxy == "v3"
    assert proxy + "!" == "v4!"
    assert "x" + proxy == "xv5"


def test_lazy_pickles_and_hashes():
    proxy = lazystr("hello")
    assert hash(proxy) == hash("hello")
    assert pickle.loads(pickle.dumps(proxy)) == "hello"
    assert copy.deepcopy(proxy) is proxy
    assert f"{proxy:>7}" == "  hello"
    assert len(proxy) == 5


def test_keep_lazy_text():
    @keep_lazy_text
    def shout(text):
        return str(text).upper()

    assert shout("a") == "A"
    lazy_result = shout(lazystr("b"))
    assert isinstance(lazy_result, Promise)
    assert str(lazy_result) == "B"


def test_simple_lazy_object():
    calls = []

    def build():
        calls.append(1)
        return [1, 2, 3]

    obj = SimpleLazyObject(build)
    assert calls == []
    assert len(obj) == 3 and obj[0] == 1 and 2 in obj
    assert obj.__class__ is list
    assert calls == [1]
    assert pickle.loads(pickle.dumps(obj)) == [1, 2, 3]
    assert "SimpleLazyObject" in repr(obj)
    assert copy.copy(obj) == [1, 2, 3]


def test_partition():
    assert partition(lambda x: x > 2, range(5)) == ([0, 1, 2], [3, 4])

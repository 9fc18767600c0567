"""Built-in and registered path converters."""

import uuid

import pytest
from url_fixtures import views

from nuages.urls import (
    NoReverseMatch,
    Resolver404,
    converters,
    path,
    register_converter,
    resolve,
    reverse,
)


@pytest.fixture
def registry():
    saved = dict(converters.REGISTERED_CONVERTERS)
    yield converters.REGISTERED_CONVERTERS
    converters.REGISTERED_CONVERTERS.clear()
    converters.REGISTERED_CONVERTERS.update(saved)
    converters.get_converters.cache_clear()
    for hook in converters._change_hooks:
        hook()


def test_builtin_converters():
    assert converters.IntConverter().to_python("007") == 7
    assert converters.IntConverter().to_url(7) == "7"
    value = "abcdef78-1234-5678-1234-567812345678"
    assert converters.UUIDConverter().to_python(value) == uuid.UUID(value)
    assert converters.UUIDConverter().to_url(uuid.UUID(value)) == value
    assert converters.StringConverter().to_python("x") == "x"
    assert converters.SlugConverter.regex == "[-a-zA-Z0-9_]+"
    assert converters.PathConverter.regex == ".+"
    assert converters.StringConverter.regex == "[^/]+"
    assert converters.IntConverter.regex == "[0-9]+"
    assert set(converters.get_converters()) == {"int", "path", "slug", "str", "uuid"}
    assert isinstance(converters.get_converter("int"), converters.IntConverter)
    with pytest.raises(KeyError):
        converters.get_converter("nope")


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class Dynamic:
    regex = "[a-z]+"

    def to_python(self, value):
        if value == "reject":
            raise ValueError
        return value.upper()

    def to_url(self, value):
        if value == "reject":
            raise ValueError
        return value.lower()


def test_register_converter(registry):
    register_converter(FourDigitYear, "yyyy")
    assert isinstance(converters.get_converter("yyyy"), FourDigitYear)
    urlconf = [path("y/<yyyy:year>/", views.empty_view, name="year")]
    assert resolve("/y/2024/", urlconf).kwargs == {"year": 2024}
    with pytest.raises(Resolver404):
        resolve("/y/24/", urlconf)
    assert reverse("year", urlconf, args=[99]) == "/y/0099/"


def test_register_twice_warns_and_overrides(registry):
    # Django 5.2: a deprecation warning, and the new converter wins.
    register_converter(FourDigitYear, "yyyy2")
    with pytest.warns(DeprecationWarning, match="Converter 'yyyy2' is already registered."):
        register_converter(Dynamic, "yyyy2")
    assert isinstance(converters.get_converter("yyyy2"), Dynamic)
    with pytest.warns(DeprecationWarning, match="Converter 'int' is already registered."):
        register_converter(FourDigitYear, "int")
    assert isinstance(converters.get_converter("int"), FourDigitYear)


def test_value_errors_mean_no_match(registry):
    register_converter(Dynamic, "dyn")
    urlconf = [path("d/<dyn:v>/", views.empty_view, name="d")]
    assert resolve("/d/abc/", urlconf).kwargs == {"v": "ABC"}
    with pytest.raises(Resolver404):
        resolve("/d/reject/", urlconf)
    assert reverse("d", urlconf, kwargs={"v": "ABC"}) == "/d/abc/"
    with pytest.raises(NoReverseMatch):
        reverse("d", urlconf, kwargs={"v": "reject"})


def test_other_exceptions_propagate(registry):
    class Broken:
        regex = "[a-z]+"

        def to_python(self, value):
            raise KeyError("boom")

        def to_url(self, value):
            raise TypeError("bad")

    register_converter(Broken, "broken")
    urlconf = [path("b/<broken:v>/", views.empty_view, name="b")]
    with pytest.raises(KeyError):
        resolve("/b/x/", urlconf)
    with pytest.raises(TypeError):
        reverse("b", urlconf, args=["x"])


def test_route_using_converter_registered_later_is_an_error_before(registry):
    from nuages.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="uses invalid converter 'late'"):
        path("<late:x>/", views.empty_view)
    register_converter(Dynamic, "late")
    assert path("<late:x>/", views.empty_view).pattern.converters["x"].__class__ is Dynamic

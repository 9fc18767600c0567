"""path(), re_path() and include(): construction and configuration errors."""

import string

import pytest
from url_fixtures import views

from nuages.core.exceptions import ImproperlyConfigured
from nuages.urls import (
    LocalePrefixPattern,
    Resolver404,
    URLPattern,
    URLResolver,
    include,
    path,
    re_path,
    resolve,
)
from nuages.urls.resolvers import RegexPattern, RoutePattern


def test_path_builds_pattern_objects():
    entry = path("a/<int:n>/", views.empty_view, {"k": 1}, name="a")
    assert isinstance(entry, URLPattern)
    assert isinstance(entry.pattern, RoutePattern)
    assert entry.name == entry.pattern.name == "a"
    assert entry.default_args == {"k": 1}
    assert entry.callback is views.empty_view
    assert repr(entry) == "<URLPattern 'a/<int:n>/' [name='a']>"
    assert entry.pattern.regex.pattern == "^a/(?P<n>[0-9]+)/\\Z"
    assert str(entry.pattern) == "a/<int:n>/"
    entry = re_path(r"^b/$", views.empty_view)
    assert isinstance(entry.pattern, RegexPattern)
    assert repr(entry) == "<URLPattern '^b/$'>"
    assert entry.default_args == {}


def test_route_regex_escapes_literals():
    assert path("a-b.c/<x>", views.empty_view).pattern.regex.pattern == "^a\\-b\\.c/(?P<x>[^/]+)\\Z"
    assert path("inc/", include([])).pattern.regex.pattern == "^inc/"


def test_route_default_converter_is_str():
    assert resolve("/v/x/", [path("v/<value>/", views.empty_view)]).kwargs == {"value": "x"}


def test_invalid_converter():
    with pytest.raises(ImproperlyConfigured) as info:
        path("foo/<nonexistent:var>/", views.empty_view)
    assert (
        str(info.value)
        == "URL route 'foo/<nonexistent:var>/' uses invalid converter 'nonexistent'."
    )


def test_invalid_parameter_name():
    with pytest.raises(ImproperlyConfigured) as info:
        path("hello/<int:1>/", views.empty_view)
    assert str(info.value) == (
        "URL route 'hello/<int:1>/' uses parameter name '1' which isn't a valid Python identifier."
    )
    with pytest.raises(ImproperlyConfigured, match="isn't a valid Python identifier"):
        path("<int:a:b>/", views.empty_view)


@pytest.mark.parametrize("whitespace", list(string.whitespace))
def test_whitespace_in_angle_brackets(whitespace):
    route = f"space/<int:num>/extra/<str:{whitespace}test>"
    with pytest.raises(ImproperlyConfigured) as info:
        path(route, views.empty_view)
    assert (
        str(info.value) == f"URL route '{route}' cannot contain whitespace in angle brackets <…>."
    )


def test_whitespace_outside_brackets_is_fine():
    assert resolve("/a b/", [path("a b/", views.empty_view, name="sp")]).url_name == "sp"


def test_unbalanced_brackets_are_literal():
    # As in Django: not an error when building the pattern (a system check warns about it).
    entry = path("foo/<int:x", views.empty_view, name="lit")
    assert entry.pattern.converters == {}
    assert resolve("/foo/<int:x", [entry]).url_name == "lit"


def test_invalid_view():
    with pytest.raises(TypeError) as info:
        path("x/", "not.a.view")
    assert str(info.value) == "view must be a callable or a list/tuple in the case of include()."
    with pytest.raises(TypeError, match=r"view must be a callable or a list/tuple"):
        re_path("x/", None)


def test_view_instance_instead_of_as_view():
    with pytest.raises(TypeError) as info:
        path("x/", views.ClassBasedView())
    assert str(info.value) == (
        "view must be a callable, pass ClassBasedView.as_view(), not ClassBasedView()."
    )


def test_kwargs_must_be_a_dict():
    with pytest.raises(TypeError) as info:
        path("x/", views.empty_view, "name")
    assert str(info.value) == "kwargs argument must be a dict, but got str."
    with pytest.raises(TypeError, match="but got tuple"):
        re_path("x/", include([]), ("a",))


def test_include_forms():
    module_result = include("url_fixtures.included")
    from url_fixtures import included

    assert module_result == (included, None, None)
    assert include(included) == (included, None, None)
    patterns = [path("a/", views.empty_view)]
    assert include(patterns) == (patterns, None, None)
    assert include((patterns, "app")) == (patterns, "app", "app")
    assert include((patterns, "app"), namespace="ns") == (patterns, "app", "ns")
    from url_fixtures import app_urls

    assert include("url_fixtures.app_urls") == (app_urls, "testapp", "testapp")
    assert include("url_fixtures.app_urls", namespace="inst") == (app_urls, "testapp", "inst")


def test_include_namespace_without_app_name():
    with pytest.raises(ImproperlyConfigured) as info:
        include("url_fixtures.included", namespace="ns")
    assert str(info.value) == (
        "Specifying a namespace in include() without providing an app_name is not supported. "
        "Set the app_name attribute in the included module, or pass a 2-tuple containing the "
        "list of patterns and app_name instead."
    )


def test_include_bad_tuples():
    patterns = [path("a/", views.empty_view)]
    with pytest.raises(ImproperlyConfigured) as info:
        include((patterns, "app", "ns"))
    assert str(info.value) == (
        "Passing a 3-tuple to include() is not supported. Pass a 2-tuple containing the list of "
        "patterns and app_name, and provide the namespace argument to include() instead."
    )
    with pytest.raises(ImproperlyConfigured) as info:
        include((patterns, "app", "ns"), namespace="other")
    assert str(info.value) == (
        "Cannot override the namespace for a dynamic module that provides a namespace."
    )
    with pytest.raises(ImproperlyConfigured, match="Passing a 1-tuple"):
        include((patterns,))


def test_include_of_i18n_patterns_refused():
    with pytest.raises(ImproperlyConfigured) as info:
        include("url_fixtures.i18n_included")
    assert str(info.value) == "Using i18n_patterns in an included URLconf is not allowed."


def test_include_missing_module():
    with pytest.raises(ModuleNotFoundError):
        include("url_fixtures.does_not_exist")


def test_include_module_without_patterns():
    entry = path("x/", include("url_fixtures.no_urls"))
    with pytest.raises(ImproperlyConfigured) as info:
        resolve("/x/y/", [entry])
    assert str(info.value).startswith("The included URLconf '<module 'url_fixtures.no_urls'")
    assert str(info.value).endswith(
        "does not appear to have any patterns in it. If you see the 'urlpatterns' variable "
        "with valid patterns in the file then the issue is probably caused by a circular import."
    )
    resolver = URLResolver(RegexPattern(r"^/"), "url_fixtures.no_urls")
    with pytest.raises(
        ImproperlyConfigured, match="The included URLconf 'url_fixtures.no_urls' does not"
    ):
        resolver.resolve("/")


def test_include_with_tuple_view_directly():
    patterns = [path("a/", views.empty_view, name="a")]
    entry = path("p/", (patterns, "app", "ns"))
    assert isinstance(entry, URLResolver)
    assert (entry.app_name, entry.namespace) == ("app", "ns")
    assert repr(entry) == "<URLResolver <URLPattern list> (app:ns) 'p/'>"
    assert resolve("/p/a/", [entry]).view_name == "ns:a"


def test_resolver_repr_with_module_name():
    resolver = URLResolver(RegexPattern(r"^/"), "url_fixtures.urls")
    assert repr(resolver) == "<URLResolver 'url_fixtures.urls' (None:None) '^/'>"


def test_invalid_regex_raises_on_use():
    entry = re_path(r"^(unclosed/$", views.empty_view)
    with pytest.raises(ImproperlyConfigured) as info:
        resolve("/x/", [entry])
    assert str(info.value).startswith('"^(unclosed/$" is not a valid regular expression: ')


def test_patterns_before_an_invalid_regex_still_resolve():
    urlconf = [
        path("ok/", views.empty_view, name="ok"),
        re_path(r"^(bad", views.empty_view),
        path("after/", views.empty_view, name="after"),
    ]
    assert resolve("/ok/", urlconf).url_name == "ok"
    with pytest.raises(ImproperlyConfigured):
        resolve("/other/", urlconf)


def test_locale_prefix_pattern():
    from nuages.test.utils import override_settings
    from nuages.utils import translation

    urlconf = [URLResolver(LocalePrefixPattern(), [path("page/", views.empty_view, name="page")])]
    pattern = urlconf[0].pattern
    with override_settings(LANGUAGE_CODE="en", LANGUAGES=[("en", "English"), ("fr", "French")]):
        with translation.override("fr"):
            assert str(pattern) == "fr/"
            assert pattern.describe() == "'fr/'"
            assert pattern.regex.pattern == "fr/"
            assert resolve("/fr/page/", urlconf).url_name == "page"
            with pytest.raises(Resolver404):
                resolve("/en/page/", urlconf)
        with translation.override("en"):
            assert resolve("/en/page/", urlconf).url_name == "page"
            unprefixed = LocalePrefixPattern(prefix_default_language=False)
            assert unprefixed.language_prefix == ""
            assert unprefixed.match("page/") == ("page/", (), {})
        assert pattern.match("de/page/") is None

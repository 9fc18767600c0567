"""get_callable(), get_mod_func() and error handler resolution."""

import pytest
from url_fixtures import views

from nuages.core.exceptions import ViewDoesNotExist
from nuages.urls import URLResolver, get_callable, get_mod_func, get_resolver
from nuages.urls.resolvers import RegexPattern


def test_get_mod_func():
    assert get_mod_func("a.b.c") == ("a.b", "c")
    assert get_mod_func("abc") == ("abc", "")


def test_get_callable():
    assert get_callable("url_fixtures.views.empty_view") is views.empty_view
    assert get_callable(views.empty_view) is views.empty_view


def test_get_callable_errors():
    with pytest.raises(ViewDoesNotExist, match="View does not exist in module url_fixtures.views."):
        get_callable("url_fixtures.views.i_should_not_exist")
    with pytest.raises(ViewDoesNotExist, match="'1' is not a callable or a dot-notation path"):
        get_callable(1)
    with pytest.raises(
        ImportError, match="Could not import 'test'. The path must be fully qualified."
    ):
        get_callable("test")
    with pytest.raises(ImportError, match="No module named 'foo'"):
        get_callable("foo.bar")
    with pytest.raises(ViewDoesNotExist, match="Parent module url_fixtures.foo does not exist."):
        get_callable("url_fixtures.foo.bar")
    with pytest.raises(
        ViewDoesNotExist,
        match="Could not import 'url_fixtures.views.not_a_view'. View is not callable.",
    ):
        get_callable("url_fixtures.views.not_a_view")


def test_named_and_callable_handlers():
    for urlconf in ("url_fixtures.handlers_named", "url_fixtures.handlers_callables"):
        resolver = URLResolver(RegexPattern(r"^$"), urlconf)
        for code in (400, 403, 404, 500):
            assert resolver.resolve_error_handler(code) is views.empty_view


def test_default_handlers():
    from nuages.views import defaults

    resolver = get_resolver()
    assert resolver.resolve_error_handler(400) is defaults.bad_request
    assert resolver.resolve_error_handler(403) is defaults.permission_denied
    assert resolver.resolve_error_handler(404) is defaults.page_not_found
    assert resolver.resolve_error_handler(500) is defaults.server_error

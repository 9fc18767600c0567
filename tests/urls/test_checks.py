"""URL system checks: resolver.check() and the patterns' checks."""

from url_fixtures import views

from nuages.test.utils import override_settings
from nuages.urls import URLResolver, get_resolver, include, path, re_path
from nuages.urls.resolvers import RegexPattern


def ids(messages):
    return [m.id for m in messages]


def check(urlpatterns):
    class Conf:
        pass

    Conf.urlpatterns = urlpatterns
    return URLResolver(RegexPattern(r"^/"), Conf).check()


def test_fixture_urlconf_is_clean():
    assert get_resolver().check() == []


def test_beginning_with_slash():
    messages = check([path("/path-starting-with-slash/", views.empty_view)])
    assert ids(messages) == ["urls.W002"]
    assert messages[0].msg == (
        "Your URL pattern '/path-starting-with-slash/' has a route beginning with a '/'. Remove "
        "this slash as it is unnecessary. If this pattern is targeted in an include(), ensure "
        "the include() pattern has a trailing '/'."
    )
    assert ids(check([re_path(r"^/starting-with-slash/$", views.empty_view)])) == ["urls.W002"]
    with override_settings(APPEND_SLASH=False):
        assert check([path("/x/", views.empty_view)]) == []
    # An include pattern ending with a slash is fine.
    assert check([path("/inc/", include([path("a/", views.empty_view)]))]) == []


def test_include_with_dollar():
    messages = check([re_path(r"^include-with-dollar$", include([]))])
    assert ids(messages) == ["urls.W001"]
    assert messages[0].msg == (
        "Your URL pattern '^include-with-dollar$' uses include with a route ending with a '$'. "
        "Remove the dollar from the route to avoid problems including URLs."
    )
    assert check([re_path(r"^price\$", include([]))]) == []


def test_name_with_colon():
    messages = check([path("x/", views.empty_view, name="a:b")])
    assert ids(messages) == ["urls.W003"]
    assert messages[0].msg == (
        "Your URL pattern 'x/' [name='a:b'] has a name including a ':'. Remove the colon, to "
        "avoid ambiguous namespace references."
    )


def test_invalid_entries():
    messages = check(["^prefix/", ("x/", views.empty_view)])
    assert ids(messages) == ["urls.E004", "urls.E004"]
    assert messages[0].msg == (
        "Your URL pattern '^prefix/' is invalid. Ensure that urlpatterns is a list of path() "
        "and/or re_path() instances."
    )
    assert messages[0].hint == (
        "Try removing the string '^prefix/'. The list of urlpatterns should not have a prefix "
        "string as the first element."
    )
    assert messages[1].hint == "Try using path() instead of a tuple."


def test_class_instead_of_as_view():
    messages = check([path("cbv/", views.ClassBasedView)])
    assert ids(messages) == ["urls.E009"]
    assert messages[0].msg == (
        "Your URL pattern 'cbv/' has an invalid view, pass ClassBasedView.as_view() instead of "
        "ClassBasedView."
    )


def test_unmatched_brackets_and_regex_like_routes():
    messages = check([path("foo/<int:x/", views.empty_view), path("bar/x>/", views.empty_view)])
    assert ids(messages) == ["urls.W010", "urls.W010"]
    assert messages[0].msg == "Your URL pattern 'foo/<int:x/' has an unmatched '<' bracket."
    assert messages[1].msg == "Your URL pattern 'bar/x>/' has an unmatched '>' bracket."
    messages = check([path("^regex/$", views.empty_view)])
    assert ids(messages) == ["2_0.W001"]
    assert (
        "has a route that contains '(?P<', begins with a '^', or ends with a '$'" in messages[0].msg
    )


def test_nested_messages_are_collected():
    messages = check([path("inc/", include([path("/bad/", views.empty_view, name="n:x")]))])
    assert sorted(ids(messages)) == ["urls.W002", "urls.W003"]


def test_error_handler_checks():
    resolver = URLResolver(RegexPattern(r"^/"), "url_fixtures.handlers_bad")
    messages = resolver.check()
    assert ids(messages) == ["urls.E008", "urls.E007"]
    assert messages[0].msg == (
        "The custom handler403 view 'url_fixtures.views.does_not_exist' could not be imported."
    )
    assert "View does not exist in module url_fixtures.views." in messages[0].hint
    assert messages[1].msg == (
        "The custom handler404 view 'url_fixtures.views.bad_handler' does not take the correct "
        "number of arguments (request, exception)."
    )

"""The compiled matcher keeps list-order semantics in every arrangement of entries."""

import pytest
from url_fixtures import views

from nuages.urls import Resolver404, include, path, re_path, resolve, reverse
from nuages.urls._matcher import Matcher
from nuages.utils.functional import lazy


def name(p, urlconf):
    return resolve(p, urlconf).url_name


def test_static_route_shadowed_by_earlier_regex_or_include():
    urlconf = [
        re_path(r"^abo", views.empty_view, name="regex"),
        path("about/", views.empty_view, name="static"),
        path("", include([path("contact/", views.empty_view, name="included")])),
        path("contact/", views.empty_view, name="static-contact"),
        path("team/", views.empty_view, name="team"),
    ]
    assert name("/about/", urlconf) == "regex"
    assert name("/contact/", urlconf) == "included"
    assert name("/team/", urlconf) == "team"


def test_static_lookup_is_used_when_safe():
    matcher = Matcher(
        [path("a/", views.empty_view).pattern, path("<int:x>/", views.empty_view).pattern]
    )
    assert matcher._static == {"a/": 0}
    matcher = Matcher(
        [path("<slug:x>/", views.empty_view).pattern, path("a/", views.empty_view).pattern]
    )
    assert matcher._static == {}


def test_resume_after_rejections_across_blocks():
    urlconf = [
        path("x/<int:n>/", include([path("deep/", views.empty_view, name="deep")])),
        re_path(r"^y/$", views.empty_view, name="y"),
        path("x/<int:n>/", include([path("other/", views.empty_view, name="other")])),
        path("x/<slug:s>/<slug:t>/", views.empty_view, name="slugs"),
    ]
    assert name("/x/1/deep/", urlconf) == "deep"
    assert name("/x/1/other/", urlconf) == "other"
    assert name("/x/1/nope/", urlconf) == "slugs"
    assert name("/y/", urlconf) == "y"
    with pytest.raises(Resolver404):
        resolve("/x/1/", urlconf)


def test_lazy_route_is_matched_in_place():
    lazy_route = lazy(str, str)("lazy/")
    urlconf = [
        path("<slug:s>/x/", views.other_view, name="first"),
        path(lazy_route, views.empty_view, name="lazy"),
        path("lazy/", views.other_view, name="plain"),
    ]
    assert name("/lazy/", urlconf) == "lazy"
    assert reverse("lazy", urlconf) == "/lazy/"
    assert resolve("/lazy/", urlconf).route == "lazy/"


def test_empty_urlconf():
    with pytest.raises(Resolver404) as info:
        resolve("/", [])
    assert info.value.args[0] == {"tried": [], "path": ""}

"""Instance and application namespaces, for reverse() and resolve()."""

import pytest

from nuages.urls import NoReverseMatch, get_resolver, resolve, reverse

URLCONF = "url_fixtures.namespace_urls"


def rev(name, *args, current_app=None, **kwargs):
    return reverse(name, URLCONF, args=args, kwargs=kwargs, current_app=current_app)


def test_instance_namespaces():
    assert rev("test-ns1:index") == "/test1/"
    assert rev("test-ns2:detail", 4) == "/test2/4/"
    assert rev("test-ns2:detail", pk=4) == "/test2/4/"
    assert rev("normal") == "/normal/"


def test_names_inside_a_namespace_need_it():
    with pytest.raises(NoReverseMatch):
        rev("detail", 1)


def test_default_application_instance():
    # The instance named like the application is the default one.
    assert rev("testapp:index") == "/default/"
    assert rev("testapp:index", current_app="test-ns2") == "/test2/"
    assert rev("testapp:index", current_app="unknown") == "/default/"


def test_last_deployed_instance_without_a_default():
    assert rev("otherapp:index") == "/other2/"
    assert rev("otherapp:index", current_app="other-ns1") == "/other1/"


def test_converters_and_groups_in_namespace_prefix():
    assert rev("num-ns:detail", outer=3, pk=4) == "/num/3/4/"
    assert rev("num-ns:detail", 3, 4) == "/num/3/4/"
    with pytest.raises(NoReverseMatch):
        rev("num-ns:detail", outer="x", pk=4)
    assert rev("re-ns:index", "5") == "/re/5/"


def test_namespace_under_a_plain_include_with_converter():
    assert rev("deep-ns:leaf", section="s", slug="x") == "/plain/s/deep/leaf/x/"
    assert rev("deep-ns:inner-ns:detail", section="s", pk=1) == "/plain/s/deep/inner/1/"
    assert (
        rev("deepapp:innerapp:index", section="s", current_app="deep-ns:inner-ns")
        == "/plain/s/deep/inner/"
    )


def test_same_namespace_twice_first_wins():
    assert rev("dup:index") == "/dup1/"


def test_unknown_namespaces():
    with pytest.raises(NoReverseMatch) as info:
        rev("nope:index")
    assert str(info.value) == "'nope' is not a registered namespace"
    with pytest.raises(NoReverseMatch) as info:
        rev("test-ns1:nope:index")
    assert str(info.value) == "'nope' is not a registered namespace inside 'test-ns1'"
    with pytest.raises(NoReverseMatch) as info:
        rev("test-ns1:nonexistent")
    assert "'nonexistent' is not a valid view function or pattern name" in str(info.value)


def test_namespace_message_shows_prefixed_patterns():
    with pytest.raises(NoReverseMatch) as info:
        rev("num-ns:detail", outer=1)
    assert str(info.value) == (
        "Reverse for 'detail' with keyword arguments '{'outer': 1}' not found. 1 pattern(s) "
        "tried: ['num/(?P<outer>[0-9]+)/(?P<pk>[0-9]+)/\\\\Z']"
    )


def test_resolve_reports_namespaces():
    match = resolve("/test1/3/", URLCONF)
    assert match.namespaces == ["test-ns1"]
    assert match.app_names == ["testapp"]
    assert match.namespace == "test-ns1"
    assert match.app_name == "testapp"
    assert match.view_name == "test-ns1:detail"
    match = resolve("/plain/s/deep/inner/1/", URLCONF)
    assert match.namespaces == ["deep-ns", "inner-ns"]
    assert match.app_names == ["deepapp", "innerapp"]
    assert match.namespace == "deep-ns:inner-ns"
    assert match.view_name == "deep-ns:inner-ns:detail"
    assert match.kwargs == {"section": "s", "pk": 1}
    assert match.route == "plain/<slug:section>/deep/inner/<int:pk>/"


def test_include_kwargs_reach_namespaced_views():
    assert resolve("/kw/1/", URLCONF).kwargs == {"flag": True, "pk": 1}
    assert rev("kw-ns:detail", pk=1) == "/kw/1/"


def test_app_and_namespace_dicts():
    resolver = get_resolver(URLCONF)
    assert resolver.app_dict["testapp"] == ["testapp", "test-ns2", "test-ns1"]
    assert resolver.app_dict["otherapp"] == ["other-ns2", "other-ns1"]
    prefix, sub = resolver.namespace_dict["test-ns1"]
    assert prefix == "test1/"
    assert sub.namespace == "test-ns1"
    prefix, sub = resolver.namespace_dict["deep-ns"]
    assert prefix == "plain/(?P<section>[-a-zA-Z0-9_]+)/deep/"

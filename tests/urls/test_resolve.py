"""resolve(): matching, arguments, ResolverMatch contents, 404s."""

import pickle
import uuid

import pytest
from url_fixtures import views

from nuages.http import Http404
from nuages.urls import (
    Resolver404,
    ResolverMatch,
    URLPattern,
    URLResolver,
    include,
    path,
    re_path,
    resolve,
)


def test_static_and_converters():
    match = resolve("/about/")
    assert match.func is views.empty_view
    assert match.url_name == "about"
    assert match.route == "about/"
    match = resolve("/articles/2024/")
    assert match.kwargs == {"year": 2024}
    assert match.args == ()
    assert resolve("/articles/2024/05/").url_name == "articles-month"
    match = resolve("/articles/2024/my-slug/")
    assert match.func is views.other_view
    assert match.kwargs == {"year": 2024, "slug": "my-slug"}


def test_uuid_path_and_str_converters():
    value = "abcdef78-1234-5678-1234-567812345678"
    assert resolve(f"/uuid/{value}/").kwargs == {"id": uuid.UUID(value)}
    with pytest.raises(Resolver404):
        resolve(f"/uuid/{value.upper()}/")
    assert resolve("/files/a/b/c.txt").kwargs == {"path": "a/b/c.txt"}
    assert resolve("/str/hello world/").kwargs == {"name": "hello world"}
    with pytest.raises(Resolver404):
        resolve("/str/a/b/")


def test_root_and_unanchored():
    assert resolve("/").url_name == "home"
    with pytest.raises(Resolver404) as info:
        resolve("no-leading-slash/")
    assert info.value.args[0] == {"path": "no-leading-slash/"}


def test_regex_positional_and_named():
    match = resolve("/no_kwargs/42/37/")
    assert match.args == ("42", "37")
    assert match.kwargs == {}
    # Named groups win: positional ones are dropped.
    match = resolve("/mixed/1/2/")
    assert match.args == ()
    assert match.kwargs == {"named": "1"}


def test_optional_named_group_left_out_of_kwargs():
    match = resolve("/optional/1/")
    assert match.kwargs == {"arg1": "1"}
    assert resolve("/optional/1/2/").kwargs == {"arg1": "1", "arg2": "2"}


def test_regex_endpoint_dollar_does_not_accept_trailing_newline():
    with pytest.raises(Resolver404):
        resolve("/places/3/\n")


def test_default_kwargs_and_extra_kwargs():
    match = resolve("/defaults/3/")
    assert match.kwargs == {"arg1": 3, "arg2": 1}
    assert match.captured_kwargs == {"arg1": 3}
    assert match.extra_kwargs == {"arg2": 1}


def test_include_merges_kwargs_and_route():
    match = resolve("/outer/42/extra/inner/")
    assert match.kwargs == {"outer": "42", "extra": "inner"}
    assert match.url_name == "inner-extra"
    assert match.route == r"^outer/(?P<outer>[0-9]+)/extra/(?P<extra>\w+)/$"
    assert match.captured_kwargs == {"extra": "inner"}
    match = resolve("/included/5/")
    assert match.route == "included/<int:inner>/"
    assert match.kwargs == {"inner": 5}
    match = resolve("/conv/7/8/")
    assert match.kwargs == {"num": 7, "inner": 8}


def test_include_positional_args_concatenate_without_kwargs():
    match = resolve("/outer-no-kwargs/42/inner-no-kwargs/1/")
    assert match.args == ("42", "1")
    assert match.kwargs == {}


def test_include_default_kwargs_reach_the_view():
    match = resolve("/with-defaults/3/")
    assert match.kwargs == {"extra": "x", "inner": 3}
    assert match.extra_kwargs == {"extra": "x"}
    assert match.captured_kwargs == {"inner": 3}


def test_non_path_include():
    assert resolve("/includes/non_path_include/").url_name == "non_path_include"


def test_resolver404_is_http404_with_tried_and_path():
    with pytest.raises(Resolver404) as info:
        resolve("/included/nonexistent/")
    assert isinstance(info.value, Http404)
    data = info.value.args[0]
    assert data["path"] == "included/nonexistent/"
    tried = data["tried"]
    assert "tried" in str(info.value)
    # Every root entry shows up once, the matching include expanded into its children.
    assert [t[0].pattern.describe() for t in tried[:2]] == [
        "'' [name='home']",
        "'about/' [name='about']",
    ]
    included = [
        t for t in tried if isinstance(t[0], URLResolver) and str(t[0].pattern) == "included/"
    ]
    assert [len(t) for t in included] == [2, 2, 2]
    assert [t[1].name for t in included] == ["inner-nothing", "inner-extra", "inner-int"]
    # An include whose prefix did not match is listed alone.
    outer = [t for t in tried if str(t[0].pattern) == r"^outer/(?P<outer>[0-9]+)/"]
    assert len(outer) == 1 and len(outer[0]) == 1


def test_tried_on_success_lists_patterns_before_and_the_match():
    match = resolve("/articles/2024/")
    assert [t[0].name for t in match.tried] == ["home", "about", "articles-year"]
    match = resolve("/included/5/")
    assert [len(t) for t in match.tried][-3:] == [2, 2, 2]
    assert match.tried[-1][1].name == "inner-int"


def test_converter_rejection_falls_through_to_next_pattern():
    class Even:
        regex = "[0-9]+"

        def to_python(self, value):
            if int(value) % 2:
                raise ValueError
            return int(value)

        def to_url(self, value):
            return str(value)

    from nuages.urls import converters

    converters.REGISTERED_CONVERTERS["even_t"] = Even()
    converters.get_converters.cache_clear()
    try:
        urlconf = [
            path("n/<even_t:n>/", views.empty_view, name="even"),
            path("n/<int:n>/", views.other_view, name="odd"),
        ]
        assert resolve("/n/2/", urlconf).url_name == "even"
        assert resolve("/n/3/", urlconf).url_name == "odd"
        assert [t[0].name for t in resolve("/n/3/", urlconf).tried] == ["even", "odd"]
    finally:
        del converters.REGISTERED_CONVERTERS["even_t"]
        converters.get_converters.cache_clear()


def test_first_pattern_in_list_order_wins():
    urlconf = [
        path("<slug:page>/", views.other_view, name="page"),
        path("about/", views.empty_view, name="about"),
    ]
    assert resolve("/about/", urlconf).url_name == "page"
    urlconf = [
        re_path(r"^ab", views.other_view, name="regex"),
        path("about/", views.empty_view, name="about"),
    ]
    assert resolve("/about/", urlconf).url_name == "regex"
    urlconf = [
        path("about/", views.empty_view, name="about"),
        path("<slug:page>/", views.other_view, name="page"),
    ]
    assert resolve("/about/", urlconf).url_name == "about"
    assert resolve("/contact/", urlconf).url_name == "page"


def test_failed_include_falls_through():
    urlconf = [
        path("blog/", include([path("post/", views.empty_view, name="post")])),
        path("blog/<slug:slug>/", views.other_view, name="blog-slug"),
        path("blog/", include([path("<int:n>/", views.empty_view, name="second")])),
    ]
    assert resolve("/blog/post/", urlconf).url_name == "post"
    assert resolve("/blog/hello/", urlconf).url_name == "blog-slug"
    assert resolve("/blog/3/", urlconf).url_name == "blog-slug"
    assert resolve("/blog/3/4/", urlconf) if False else True
    with pytest.raises(Resolver404):
        resolve("/blog/a/b/", urlconf)


def test_include_prefix_converter_rejection():
    urlconf = [
        path("<int:year>/", include([path("x/", views.empty_view, name="x")])),
        path("<slug:s>/x/", views.other_view, name="slug-x"),
    ]
    assert resolve("/2020/x/", urlconf).kwargs == {"year": 2020}
    assert resolve("/abc/x/", urlconf).url_name == "slug-x"


def test_empty_include_contributes_nothing_to_tried():
    urlconf = [path("empty/", include([])), path("a/", views.empty_view, name="a")]
    with pytest.raises(Resolver404) as info:
        resolve("/empty/x/", urlconf)
    assert [[p.name for p in t] for t in info.value.args[0]["tried"]] == [["a"]]


def test_many_patterns_and_custom_converter_with_groups():
    class Pair:
        regex = "([0-9]+)-([0-9]+)"

        def to_python(self, value):
            return tuple(int(v) for v in value.split("-"))

        def to_url(self, value):
            return "-".join(map(str, value))

    from nuages.urls import converters

    converters.REGISTERED_CONVERTERS["pair_t"] = Pair()
    converters.get_converters.cache_clear()
    try:
        urlconf = [path(f"p{i}/<int:x>/", views.empty_view, name=f"p{i}") for i in range(30)]
        urlconf.append(path("pair/<pair_t:p>/<int:after>/", views.other_view, name="pair"))
        urlconf.append(path("last/<slug:s>/", views.empty_view, name="last"))
        assert resolve("/p17/5/", urlconf).url_name == "p17"
        match = resolve("/pair/1-2/9/", urlconf)
        assert match.kwargs == {"p": (1, 2), "after": 9}
        assert resolve("/last/ok/", urlconf).kwargs == {"s": "ok"}
    finally:
        del converters.REGISTERED_CONVERTERS["pair_t"]
        converters.get_converters.cache_clear()


def test_named_groups_in_converter_regex_still_resolve():
    class Named:
        regex = "(?P<inner>[a-z]+)"

        def to_python(self, value):
            return value.upper()

        def to_url(self, value):
            return value.lower()

    from nuages.urls import converters

    converters.REGISTERED_CONVERTERS["named_t"] = Named()
    converters.get_converters.cache_clear()
    try:
        urlconf = [
            path("a/<named_t:x>/", views.empty_view, name="a"),
            path("b/<named_t:y>/", views.other_view, name="b"),
        ]
        assert resolve("/b/qq/", urlconf).kwargs == {"y": "QQ"}
    finally:
        del converters.REGISTERED_CONVERTERS["named_t"]
        converters.get_converters.cache_clear()


def test_resolver_match_names_and_view_name():
    match = resolve("/articles/2024/")
    assert match.view_name == "articles-year"
    assert match.app_name == "" and match.namespace == ""
    assert match.app_names == [] and match.namespaces == []
    match = resolve("/unnamed/")
    assert match.url_name is None
    assert match.view_name == "url_fixtures.views.other_view"
    assert resolve("/cbv/").view_name == "cbv"
    assert resolve("/cbv/")._func_path == "url_fixtures.views.ClassBasedView"
    assert resolve("/instance/")._func_path == "url_fixtures.views.ViewClass"


def test_resolver_match_unpacking_and_getitem():
    func, args, kwargs = resolve("/articles/2024/")
    assert func is views.empty_view and args == () and kwargs == {"year": 2024}
    match = resolve("/articles/2024/")
    assert match[0] is views.empty_view
    assert match[2] == {"year": 2024}
    with pytest.raises(IndexError):
        match[3]


def test_resolver_match_repr():
    assert repr(resolve("/no_kwargs/42/37/")) == (
        "ResolverMatch(func=url_fixtures.views.empty_view, args=('42', '37'), kwargs={}, "
        "url_name='no-kwargs', app_names=[], namespaces=[], "
        "route='^no_kwargs/([0-9]+)/([0-9]+)/$')"
    )
    assert repr(resolve("/defaults/3/")) == (
        "ResolverMatch(func=url_fixtures.views.kwargs_view, args=(), "
        "kwargs={'arg1': 3, 'arg2': 1}, url_name='defaults', app_names=[], namespaces=[], "
        "route='defaults/<int:arg1>/', captured_kwargs={'arg1': 3}, extra_kwargs={'arg2': 1})"
    )
    for name, template in [("partial", "template.html"), ("partial_nested", "nested_partial.html")]:
        func = f"functools.partial({views.empty_view!r}, template_name='{template}')"
        assert repr(resolve(f"/{name}/")) == (
            f"ResolverMatch(func={func}, args=(), kwargs={{}}, url_name='{name}', "
            f"app_names=[], namespaces=[], route='{name}/')"
        )


def test_resolver_match_cannot_be_pickled():
    with pytest.raises(pickle.PicklingError, match="Cannot pickle ResolverMatch."):
        pickle.dumps(resolve("/about/"))


def test_resolver_match_constructor():
    match = ResolverMatch(
        views.empty_view, (), {}, "x", app_names=[None, "a", ""], namespaces=["n", None]
    )
    assert match.app_names == ["a"]
    assert match.namespaces == ["n"]
    assert match.view_name == "n:x"
    assert match.tried is None
    assert match.route is None


def test_lazy_path_is_accepted():
    from nuages.urls import reverse_lazy

    assert resolve(reverse_lazy("about")).url_name == "about"


def test_url_pattern_and_resolver_resolve_directly():
    pattern = path("a/<int:n>/", views.empty_view, {"k": 1}, name="a")
    assert isinstance(pattern, URLPattern)
    match = pattern.resolve("a/3/")
    assert match.kwargs == {"n": 3, "k": 1}
    assert match.route == "a/<int:n>/"
    assert pattern.resolve("b/") is None
    assert pattern.resolve("a/x/") is None
    resolver = path("p/", include([pattern]))
    assert resolver.resolve("p/a/3/").url_name == "a"
    with pytest.raises(Resolver404) as info:
        resolver.resolve("q/")
    assert info.value.args[0] == {"path": "q/"}


def test_custom_resolve_override_is_honoured():
    class Always(URLPattern):
        def resolve(self, path):
            return ResolverMatch(views.other_view, (), {"p": path}, "always", route="*")

    urlconf = [
        path("x/", views.empty_view, name="x"),
        Always(None, views.other_view),
    ]
    assert resolve("/x/", urlconf).url_name == "x"
    match = resolve("/anything/", urlconf)
    assert match.kwargs == {"p": "anything/"}
    assert match.route == "*"


def test_invalid_entry_raises_attribute_error():
    with pytest.raises(AttributeError):
        resolve("/x/", ["not a pattern"])

"""reverse(): names, views, arguments, converters, quoting, messages."""

import uuid

import pytest
from url_fixtures import views

from nuages.http import QueryDict
from nuages.urls import (
    NoReverseMatch,
    get_resolver,
    path,
    register_converter,
    reverse,
    reverse_lazy,
    set_script_prefix,
)
from nuages.urls import converters as converters_module


@pytest.mark.parametrize(
    ("name", "expected", "args", "kwargs"),
    [
        ("home", "/", [], {}),
        ("about", "/about/", [], {}),
        ("articles-year", "/articles/2024/", [2024], {}),
        ("articles-year", "/articles/2024/", ["2024"], {}),
        ("articles-year", "/articles/2024/", [], {"year": 2024}),
        ("articles-year", NoReverseMatch, ["abc"], {}),
        ("articles-year", NoReverseMatch, [], {}),
        ("articles-year", NoReverseMatch, [], {"year": 1, "extra": 2}),
        ("article", "/articles/2024/a-b_c/", [2024, "a-b_c"], {}),
        ("article", NoReverseMatch, [2024, "not a slug"], {}),
        ("files", "/files/a/b%20c.txt", [], {"path": "a/b c.txt"}),
        ("str", NoReverseMatch, ["a/b"], {}),
        ("places", "/places/3/", [3], {}),
        ("places", "/places/3/", ["3"], {}),
        ("places", NoReverseMatch, ["a"], {}),
        ("places", NoReverseMatch, [], {}),
        ("places?", "/place/", [], {}),
        ("places2?", "/", [], {}),
        ("people", "/people/adrian/", ["adrian"], {}),
        ("people", "/people/adrian/", [], {"name": "adrian"}),
        ("people", NoReverseMatch, ["name with spaces"], {}),
        ("people2a", "/people/name/fred/", ["fred"], {}),
        ("people_backref", "/people/nate-nate/", ["nate"], {}),
        ("people_backref", "/people/nate-nate/", [], {"name": "nate"}),
        ("named_optional", "/optional/1/", [1], {}),
        ("named_optional", "/optional/1/", [], {"arg1": 1}),
        ("named_optional", "/optional/1/2/", [1, 2], {}),
        ("named_optional", "/optional/1/2/", [], {"arg1": 1, "arg2": 2}),
        ("nested-capture", "/nested/capture/opt/", ["opt/"], {}),
        ("nested-capture", NoReverseMatch, [], {"p": "opt"}),
        ("price", "/price/$10/", ["10"], {}),
        (
            "windows",
            r"/windows_path/C:%5CDocuments%20and%20Settings%5Cspam/",
            [],
            {"drive_name": "C", "path": r"Documents and Settings\spam"},
        ),
        ("special", r"/special_chars/~@+%5C$*%7C/", [r"~@+\$*|"], {}),
        ("special", r"/special_chars/some%20resource/", [], {"chars": "some resource"}),
        ("special", r"/special_chars/10%25%20complete/", ["10% complete"], {}),
        ("special", NoReverseMatch, [""], {}),
        ("repeats", "/repeats/aa/", [], {}),
        ("test", "/test/1", [], {}),
        ("disjunction", NoReverseMatch, ["foo"], {}),
        ("lookahead-positive", "/lookahead+/a-city/", [], {"city": "a-city"}),
        ("lookahead-positive", NoReverseMatch, [], {"city": "other-city"}),
        ("inner-nothing", "/outer/42/", [], {"outer": "42"}),
        ("inner-nothing", "/outer/42/", ["42"], {}),
        ("inner-nothing", NoReverseMatch, ["foo"], {}),
        ("inner-extra", "/outer/42/extra/inner/", [], {"extra": "inner", "outer": "42"}),
        ("inner-extra", "/outer/42/extra/inner/", ["42", "inner"], {}),
        ("inner-extra", NoReverseMatch, ["fred", "inner"], {}),
        ("inner-no-kwargs", "/outer-no-kwargs/42/inner-no-kwargs/1/", ["42", "1"], {}),
        ("non_path_include", "/includes/non_path_include/", [], {}),
        ("defaults", "/defaults/3/", [], {"arg1": 3, "arg2": 1}),
        ("defaults", "/defaults2/3/", [], {"arg1": 3, "arg2": 2}),
        ("defaults", NoReverseMatch, [], {"arg1": 3, "arg2": 3}),
        ("defaults", NoReverseMatch, [], {"arg2": 1}),
        ("security", "/%2Fexample.com/security/", ["/example.com"], {}),
        ("unicode-route", None, [], {}),
    ],
)
def test_reverse_table(name, expected, args, kwargs):
    if expected is None:
        return
    if expected is NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args, kwargs=kwargs)
    else:
        assert reverse(name, args=args, kwargs=kwargs) == expected


def test_uuid_reverse():
    value = uuid.UUID("abcdef78-1234-5678-1234-567812345678")
    assert reverse("uuid", args=[value]) == f"/uuid/{value}/"
    assert reverse("uuid", kwargs={"id": str(value)}) == f"/uuid/{value}/"


def test_name_defined_twice_last_definition_tried_first():
    urlconf = [
        path("first/<int:n>/", views.empty_view, name="dup"),
        path("second/<int:n>/", views.empty_view, name="dup"),
        path("third/<slug:s>/", views.empty_view, name="dup"),
    ]
    assert reverse("dup", urlconf, args=[1]) == "/third/1/"
    assert reverse("dup", urlconf, kwargs={"n": 1}) == "/second/1/"


def test_reverse_by_view_callable():
    # The view is also behind the later "named_optional" pattern, which is tried first.
    assert reverse(views.kwargs_view, kwargs={"arg1": 3, "arg2": 2}) == "/optional/3/2/"
    assert reverse(views.partial_view) == "/partial/"
    assert reverse(views.view_class_instance) == "/instance/"


def test_dotted_path_strings_are_only_names():
    with pytest.raises(NoReverseMatch) as info:
        reverse("url_fixtures.views.other_view")
    assert str(info.value) == (
        "Reverse for 'url_fixtures.views.other_view' not found. "
        "'url_fixtures.views.other_view' is not a valid view function or pattern name."
    )


def test_messages():
    with pytest.raises(NoReverseMatch) as info:
        reverse("places", args=["a"])
    assert str(info.value) == (
        "Reverse for 'places' with arguments '('a',)' not found. 1 pattern(s) tried: "
        "['places/([0-9]+)/$']"
    )
    with pytest.raises(NoReverseMatch) as info:
        reverse("articles-year", kwargs={"year": "x"})
    assert str(info.value) == (
        "Reverse for 'articles-year' with keyword arguments '{'year': 'x'}' not found. "
        "1 pattern(s) tried: ['articles/(?P<year>[0-9]+)/\\\\Z']"
    )
    with pytest.raises(NoReverseMatch) as info:
        reverse("inner-extra")
    message = str(info.value)
    assert message.startswith(
        "Reverse for 'inner-extra' with no arguments not found. 4 pattern(s) tried: ["
    )
    # Last definition first; prefixes of includes are part of each pattern.
    assert message.endswith("'included/extra/(?P<extra>\\\\w+)/$']")
    with pytest.raises(NoReverseMatch) as info:
        reverse("nonexistent")
    assert str(info.value) == (
        "Reverse for 'nonexistent' not found. 'nonexistent' is not a valid view function or "
        "pattern name."
    )

    def unregistered(request):
        pass

    with pytest.raises(
        NoReverseMatch, match=r"Reverse for '.*test_reverse\.unregistered' not found"
    ):
        reverse(unregistered)


def test_mixing_args_and_kwargs_is_refused():
    with pytest.raises(
        ValueError, match=r"Don't mix \*args and \*\*kwargs in call to reverse\(\)!"
    ):
        reverse("articles-month", args=[1], kwargs={"month": 2})


def test_script_prefix_is_prepended():
    set_script_prefix("/mount/")
    assert reverse("about") == "/mount/about/"
    set_script_prefix("/with space")
    assert reverse("about") == "/with%20space/about/"


def test_query_and_fragment():
    assert reverse("about", query={"a": "1", "b": ["x", "y"]}) == "/about/?a=1&b=x&b=y"
    assert reverse("about", query=[("a", "1"), ("a", "2")]) == "/about/?a=1&a=2"
    qd = QueryDict(mutable=True)
    qd.setlist("q", ["1", "2"])
    assert reverse("about", query=qd) == "/about/?q=1&q=2"
    assert reverse("about", query={}) == "/about/"
    assert reverse("about", fragment="top") == "/about/#top"
    assert reverse("about", fragment="") == "/about/#"
    assert reverse("about", query={"a": "b c&d"}, fragment="f") == "/about/?a=b+c%26d#f"
    # Django encodes with the standard library's urlencode: None is not refused.
    assert reverse("about", query={"a": None}) == "/about/?a=None"
    with pytest.raises(TypeError, match="not a valid non-string sequence or mapping object"):
        reverse("about", query="a=1")


def test_reverse_lazy():
    url = reverse_lazy("articles-year", args=[5])
    assert str(url) == "/articles/5/"
    assert url == "/articles/5/"
    assert f"{url}" == "/articles/5/"


def test_non_ascii_is_quoted():
    assert reverse("str", args=["café"]) == "/str/caf%C3%A9/"


def test_converter_to_url_value_error_skips_pattern():
    class Positive:
        regex = "[0-9]+"

        def to_python(self, value):
            return int(value)

        def to_url(self, value):
            if int(value) <= 0:
                raise ValueError("not positive")
            return str(value)

    register_converter(Positive, "positive_t")
    try:
        urlconf = [
            path("fallback/<int:n>/", views.other_view, name="n"),
            path("pos/<positive_t:n>/", views.empty_view, name="n"),
        ]
        assert reverse("n", urlconf, args=[3]) == "/pos/3/"
        assert reverse("n", urlconf, args=[0]) == "/fallback/0/"
        only = [path("pos/<positive_t:n>/", views.empty_view, name="p")]
        with pytest.raises(NoReverseMatch):
            reverse("p", only, args=[-1])
    finally:
        del converters_module.REGISTERED_CONVERTERS["positive_t"]
        converters_module.get_converters.cache_clear()


def test_resolver_reverse_and_dicts():
    resolver = get_resolver()
    assert resolver.reverse("about") == "about/"
    assert resolver.reverse("articles-year", 3) == "articles/3/"
    assert "about" in resolver.reverse_dict
    assert views.partial_view in resolver.reverse_dict
    bits, pattern, defaults, converters = resolver.reverse_dict.getlist("articles-year")[0]
    assert bits == [("articles/%(year)s/", ["year"])]
    assert pattern == "articles/(?P<year>[0-9]+)/\\Z"
    assert defaults == {}
    assert list(converters) == ["year"]
    assert resolver._is_callback("url_fixtures.views.other_view")
    assert not resolver._is_callback("url_fixtures.views.nope")
    assert resolver._populated


def test_invalid_regex_reported_on_reverse():
    from nuages.core.exceptions import ImproperlyConfigured
    from nuages.urls import re_path

    urlconf = [re_path(r"^(regex_error/$", views.empty_view, name="bad")]
    with pytest.raises(
        ImproperlyConfigured, match=r'"\^\(regex_error/\$" is not a valid regular expression'
    ):
        reverse("bad", urlconf)

"""Inheritance, include, partials, custom libraries, loaders and responses."""

import pytest

from nuages.template import Context, Library, Node, TemplateDoesNotExist, TemplateSyntaxError
from nuages.template.base import Template

register = Library()


@register.simple_tag
def add(a, b=10):
    return a + b


@register.simple_tag(takes_context=True)
def ctxval(context, name):
    return f"<{context.get(name)}>"


@register.simple_block_tag
def shout(content, suffix="!"):
    return content.upper() + suffix


@register.inclusion_tag("incl.html")
def show(items):
    return {"items": items}


@register.filter(is_safe=True)
def twice(value):
    return value * 2


class SetterNode(Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        context["set_by_node"] = "S"
        return "[" + self.nodelist.render(context) + "]"


@register.tag
def setter(parser, token):
    nodelist = parser.parse(("endsetter",))
    parser.delete_first_token()
    return SetterNode(nodelist)


TEMPLATES = {
    "base.html": "<{% block title %}Base{% endblock %}|{% block body %}B{% endblock %}>",
    "mid.html": "{% extends 'base.html' %}{% block title %}Mid+{{ block.super }}{% endblock %}",
    "leaf.html": "{% extends 'mid.html' %}{% block title %}Leaf+{{ block.super }}{% endblock %}{% block body %}{{ v }}{% endblock %}",
    "incl.html": "{% for i in items %}({{ i }}){% endfor %}",
    "inc_var.html": "{{ a }}-{{ b }}",
    "recursive.html": "x{% include 'recursive.html' %}",
    "parts.html": "{% partialdef card %}<card {{ n }}>{% endpartialdef %}{% partial card %}{% partialdef inl inline %}I{% endpartialdef %}",
    "dup.html": "{% block a %}{% endblock %}{% block a %}{% endblock %}",
}


def engine(make_engine, **kw):
    return make_engine(TEMPLATES, libraries={"custom": "test_inheritance_custom_lib"}, **kw)


@pytest.fixture(autouse=True)
def _lib_module(monkeypatch):
    import sys
    import types

    module = types.ModuleType("test_inheritance_custom_lib")
    module.register = register
    monkeypatch.setitem(sys.modules, "test_inheritance_custom_lib", module)


def test_multi_level_inheritance_with_block_super(make_engine):
    e = engine(make_engine)
    assert e.render_to_string("leaf.html", {"v": "<x>"}) == "<Leaf+Mid+Base|&lt;x&gt;>"
    assert e.render_to_string("mid.html") == "<Mid+Base|B>"


def test_extends_variable_and_template_object(make_engine):
    e = engine(make_engine)
    assert (
        e.from_string("{% extends p %}{% block body %}C{% endblock %}").render(
            Context({"p": "base.html"})
        )
        == "<Base|C>"
    )
    parent = e.get_template("base.html")
    out = e.from_string("{% extends p %}{% block title %}T{% endblock %}").render(
        Context({"p": parent})
    )
    assert out == "<T|B>"
    with pytest.raises(TemplateSyntaxError, match="Invalid template name in 'extends' tag"):
        e.from_string("{% extends p %}").render(Context({"p": ""}))
    with pytest.raises(TemplateSyntaxError, match="must be the first tag"):
        e.from_string("{% if a %}{% endif %}{% extends 'base.html' %}")
    with pytest.raises(TemplateSyntaxError, match="appears more than once"):
        e.get_template("dup.html")
    with pytest.raises(
        TemplateSyntaxError, match="Did you use {{ block.super }} in a base template"
    ):
        e.from_string("{% block a %}{{ block.super }}{% endblock %}").render(Context())


def test_include_with_only_and_variables(make_engine):
    e = engine(make_engine)
    ctx = {"a": 1, "b": 2, "name": "inc_var.html"}
    assert e.from_string("{% include 'inc_var.html' %}").render(Context(ctx)) == "1-2"
    assert e.from_string("{% include 'inc_var.html' with a=3 %}").render(Context(ctx)) == "3-2"
    assert e.from_string("{% include 'inc_var.html' with a=3 only %}").render(Context(ctx)) == "3-"
    assert e.from_string("{% include name %}").render(Context(ctx)) == "1-2"
    tpl = e.get_template("inc_var.html")
    assert e.from_string("{% include t %}").render(Context({"t": tpl, "a": 5})) == "5-"
    with pytest.raises(TemplateDoesNotExist):
        e.from_string("{% include 'nope.html' %}").render(Context())
    with pytest.raises(TemplateSyntaxError, match="Unknown argument for 'include' tag"):
        e.from_string("{% include 'x' bogus %}")


def test_include_loop_variables_visible(make_engine):
    e = engine(make_engine)
    out = e.from_string(
        "{% for a in l %}{% with b=a %}{% include 'inc_var.html' %}{% endwith %};{% endfor %}"
    ).render(Context({"l": [1, 2]}))
    assert out == "1-1;2-2;"


def test_recursive_include_is_reported(make_engine):
    e = engine(make_engine)
    with pytest.raises((TemplateSyntaxError, RecursionError)):
        e.get_template("recursive.html").render(Context())


def test_partials(make_engine):
    e = engine(make_engine)
    assert e.render_to_string("parts.html", {"n": 1}) == "<card 1>I"
    assert e.get_template("parts.html#card").render(Context({"n": 2})) == "<card 2>"
    assert e.from_string("{% include 'parts.html#card' %}").render(Context({"n": 3})) == "<card 3>"
    with pytest.raises(TemplateDoesNotExist):
        e.get_template("parts.html#missing")


def test_custom_tags_of_every_kind(make_engine):
    e = engine(make_engine)
    t = e.from_string(
        "{% load custom %}{% add 1 %}|{% add 1 b=2 %}|{% add 1 as r %}{{ r }}|{% ctxval 'v' %}|"
        "{% shout %}hi {{ v }}{% endshout %}|{% show l %}|{{ 'ab'|twice }}|"
        "{% setter %}{{ set_by_node }}{% endsetter %}{{ set_by_node }}"
    )
    out = t.render(Context({"v": "x", "l": [1, 2]}))
    assert out == "11|3|11|&lt;x&gt;|HI X!|(1)(2)|abab|[S]S"


def test_custom_node_sees_and_sets_loop_context(make_engine):
    e = engine(make_engine)
    out = e.from_string(
        "{% load custom %}{% for x in l %}{% setter %}{{ x }}{% endsetter %}{{ set_by_node }}{% endfor %}"
    ).render(Context({"l": [1, 2]}))
    assert out == "[1]S[2]S"


def test_load_from_and_bad_arguments(make_engine):
    e = engine(make_engine)
    assert e.from_string("{% load add from custom %}{% add 2 %}").render(Context()) == "12"
    with pytest.raises(
        TemplateSyntaxError, match="'nope' is not a valid tag or filter in tag library 'custom'"
    ):
        e.from_string("{% load nope from custom %}")
    with pytest.raises(TemplateSyntaxError, match="'add' received too many positional arguments"):
        e.from_string("{% load custom %}{% add 1 2 3 %}")
    with pytest.raises(
        TemplateSyntaxError, match="'add' did not receive value\\(s\\) for the argument\\(s\\): 'a'"
    ):
        e.from_string("{% load custom %}{% add %}")
    with pytest.raises(TemplateSyntaxError, match="unexpected keyword argument 'z'"):
        e.from_string("{% load custom %}{% add 1 z=1 %}")


def test_filesystem_and_cached_loaders(tmp_path, make_engine):
    (tmp_path / "page.html").write_text("v1 {{ x }}")
    from nuages.template import Engine

    e = Engine(dirs=[tmp_path], debug=True)
    assert e.get_template("page.html").render(Context({"x": 1})) == "v1 1"
    import os
    import time

    (tmp_path / "page.html").write_text("v2 {{ x }}")
    later = time.time() + 5
    os.utime(tmp_path / "page.html", (later, later))
    assert e.get_template("page.html").render(Context({"x": 1})) == "v2 1"
    with pytest.raises(TemplateDoesNotExist) as info:
        e.get_template("missing.html")
    assert info.value.tried
    with pytest.raises(TemplateDoesNotExist):
        e.get_template("../outside.html")
    assert e.select_template(["missing.html", "page.html"]).render(Context({"x": 2})) == "v2 2"
    with pytest.raises(TemplateDoesNotExist, match="missing.html, other.html"):
        e.select_template(["missing.html", "other.html"])


def test_template_uses_default_engine():
    from nuages.test.utils import override_settings

    setting = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"string_if_invalid": "?"},
        }
    ]
    with override_settings(TEMPLATES=setting):
        assert Template("{{ a }}!{{ b }}").render(Context({"a": 1})) == "1!?"
        from nuages.template.loader import render_to_string

        with pytest.raises(TemplateDoesNotExist):
            render_to_string("nothing-here.html")


def test_generated_source_in_linecache(make_engine):
    import linecache

    t = engine(make_engine).from_string("{{ a }}")
    filename = t._fn.__code__.co_filename
    assert "context" in "".join(linecache.getlines(filename))

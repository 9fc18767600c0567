"""The built-in tags, their edge cases and their syntax errors."""

import functools

import pytest

from nuages.template import TemplateSyntaxError


@pytest.mark.parametrize(
    ("source", "ctx", "expected"),
    [
        ("{% if a %}y{% else %}n{% endif %}", {"a": 1}, "y"),
        ("{% if a %}y{% else %}n{% endif %}", {}, "n"),
        ("{% if a and b %}y{% endif %}", {"a": 1, "b": 0}, ""),
        ("{% if a or b %}y{% endif %}", {"a": 0, "b": 1}, "y"),
        ("{% if not a %}y{% endif %}", {"a": 0}, "y"),
        ("{% if a == 1 %}y{% endif %}", {"a": 1}, "y"),
        ("{% if a != 1 %}y{% endif %}", {"a": 1}, ""),
        ("{% if a < b %}y{% endif %}", {"a": 1, "b": 2}, "y"),
        ("{% if a >= b %}y{% endif %}", {"a": 2, "b": 2}, "y"),
        ("{% if 'x' in l %}y{% endif %}", {"l": ["x"]}, "y"),
        ("{% if 'x' not in l %}y{% endif %}", {"l": ["x"]}, ""),
        ("{% if a is None %}y{% endif %}", {"a": None}, "y"),
        ("{% if a is not None %}y{% endif %}", {"a": None}, ""),
        ("{% if 1 in x %}y{% else %}n{% endif %}", {"x": 5}, "n"),  # errors are False
        ("{% if a or b and c %}y{% endif %}", {"a": 1, "b": 0, "c": 0}, "y"),  # and binds tighter
        ("{% if not a == b %}y{% endif %}", {"a": 1, "b": 2}, "y"),
        ("{% if a %}1{% elif b %}2{% elif c %}3{% else %}4{% endif %}", {"c": 1}, "3"),
        ("{% if a %}1{% elif b %}2{% endif %}", {}, ""),
        ("{% if a|length > 2 %}y{% endif %}", {"a": "abc"}, "y"),
    ],
)
def test_if(source, ctx, expected, render, make_engine):
    assert render(source, ctx) == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% if %}{% endif %}", "Unexpected end of expression in if tag."),
        ("{% if a b %}{% endif %}", "Unused 'b' at end of if expression."),
        ("{% if and %}{% endif %}", "Not expecting 'and' in this position in if tag."),
        ("{% if a not b %}{% endif %}", "Unused 'not' at end of if expression."),
        ("{% if a %}", "Unclosed tag on line 1: 'if'. Looking for one of: elif, else, endif."),
    ],
)
def test_if_syntax_errors(source, message, render, make_engine):
    with pytest.raises(TemplateSyntaxError) as info:
        render(source)
    assert str(info.value) == message


def test_for_loop_variables(render, make_engine):
    out = render(
        "{% for x in l %}{{ forloop.counter }}{{ forloop.counter0 }}{{ forloop.revcounter }}"
        "{{ forloop.revcounter0 }}{{ forloop.first|yesno:'F,f' }}{{ forloop.last|yesno:'L,l' }}"
        "{{ forloop.length }}{{ x }};{% endfor %}",
        {"l": "ab"},
    )
    assert out == "1021Fl2a;2110fL2b;"


def test_for_reversed_empty_unpack_parentloop(render, make_engine):
    assert render("{% for x in l reversed %}{{ x }}{% endfor %}", {"l": [1, 2, 3]}) == "321"
    assert render("{% for x in l %}{{ x }}{% empty %}none{% endfor %}", {"l": []}) == "none"
    assert render("{% for x in missing %}{{ x }}{% empty %}none{% endfor %}") == "none"
    assert (
        render("{% for k, v in d.items %}{{ k }}={{ v }} {% endfor %}", {"d": {"a": 1}}) == "a=1 "
    )
    assert render("{% for k,v in l %}{{ k }}{{ v }}{% endfor %}", {"l": [(1, 2)]}) == "12"
    out = render(
        "{% for a in o %}{% for b in i %}{{ forloop.parentloop.counter }}{{ forloop.counter }} {% endfor %}{% endfor %}",
        {"o": "xy", "i": "ab"},
    )
    assert out == "11 12 21 22 "
    assert render("{% for x in g %}{{ x }}{% endfor %}", {"g": (i for i in range(3))}) == "012"


def test_for_errors(render, make_engine):
    with pytest.raises(ValueError, match="Need 2 values to unpack in for loop; got 3. "):
        render("{% for a, b in l %}{% endfor %}", {"l": [(1, 2, 3)]})
    with pytest.raises(
        TemplateSyntaxError, match="'for' statements should have at least four words"
    ):
        render("{% for x %}{% endfor %}")
    with pytest.raises(TemplateSyntaxError, match="should use the format 'for x in y'"):
        render("{% for x of y %}{% endfor %}")


def test_with_both_syntaxes(render, make_engine):
    assert render("{% with a=b c='x' %}{{ a }}{{ c }}{% endwith %}{{ a }}", {"b": 1}) == "1x"
    assert render("{% with b as a %}{{ a }}{% endwith %}", {"b": 2}) == "2"
    with pytest.raises(TemplateSyntaxError, match="expected at least one variable assignment"):
        render("{% with %}{% endwith %}")


def test_cycle_and_resetcycle(render, make_engine):
    src = "{% for x in l %}{% cycle 'a' 'b' %}{% endfor %}"
    assert render(src, {"l": range(3)}) == "aba"
    src = "{% for x in l %}{% cycle 'r1' 'r2' as c silent %}{{ c }}{% endfor %}"
    assert render(src, {"l": range(3)}) == "r1r2r1"
    src = "{% for x in l %}{% cycle 'a' 'b' 'c' %}{% if forloop.counter == 2 %}{% resetcycle %}{% endif %}{% endfor %}"
    assert render(src, {"l": range(4)}) == "abab"
    assert render("{% cycle 'a' 'b' as c %}{% cycle c %}{% cycle c %}") == "aba"
    with pytest.raises(TemplateSyntaxError, match="No named cycles in template"):
        render("{% cycle c %}")
    with pytest.raises(TemplateSyntaxError, match="No cycles in template."):
        render("{% resetcycle %}")


def test_firstof(render, make_engine):
    assert render("{% firstof a b 'z' %}", {"b": "<b>"}) == "&lt;b&gt;"
    assert render("{% firstof a b %}") == ""
    assert render("{% firstof a 'q' as v %}[{{ v }}]") == "[q]"
    with pytest.raises(TemplateSyntaxError, match="requires at least one argument"):
        render("{% firstof %}")


def test_ifchanged(render, make_engine):
    src = "{% for x in l %}{% ifchanged %}{{ x }}{% endifchanged %}{% endfor %}"
    assert render(src, {"l": [1, 1, 2, 2, 1]}) == "121"
    src = "{% for x in l %}{% ifchanged x %}{{ x }}{% else %}-{% endifchanged %}{% endfor %}"
    assert render(src, {"l": [1, 1, 2]}) == "1-2"
    # State is per run of the inner loop.
    src = "{% for o in outer %}{% for x in l %}{% ifchanged x %}{{ x }}{% endifchanged %}{% endfor %}|{% endfor %}"
    assert render(src, {"outer": [1, 2], "l": [1, 1]}) == "1|1|"


def test_filter_spaceless_templatetag_verbatim(render, make_engine):
    assert render("{% filter upper|cut:' ' %}a b{{ v }}{% endfilter %}", {"v": "c"}) == "ABC"
    with pytest.raises(TemplateSyntaxError, match='"filter escape" is not permitted'):
        render("{% filter escape %}{% endfilter %}")
    assert render("{% spaceless %} <p>\n <a>x</a> </p> {% endspaceless %}") == "<p><a>x</a></p>"
    assert render("{% templatetag openblock %}{% templatetag closevariable %}") == "{%}}"
    assert render("{% verbatim %}{{ x }}{% if %}{% endverbatim %}") == "{{ x }}{% if %}"
    assert render("{% verbatim a %}{% endverbatim %}{% endverbatim a %}") == "{% endverbatim %}"


def test_widthratio_lorem_now_regroup(render, make_engine):
    assert render("{% widthratio v m 100 %}", {"v": 175, "m": 200}) == "88"
    assert render("{% widthratio v m 100 %}", {"v": 1, "m": 0}) == "0"
    assert render("{% widthratio v m 100 as w %}[{{ w }}]", {"v": 1, "m": 2}) == "[50]"
    assert render("{% lorem 3 w %}") == "lorem ipsum dolor"
    assert render("{% lorem %}").startswith("Lorem ipsum dolor sit amet")
    assert render("{% lorem 1 p %}").startswith("<p>Lorem")
    assert len(render("{% now 'Y' %}")) == 4
    assert render("{% now 'Y' as y %}{{ y|length }}") == "4"
    people = [{"g": "m", "n": "a"}, {"g": "m", "n": "b"}, {"g": "f", "n": "c"}]
    src = "{% regroup p by g as gs %}{% for grp in gs %}{{ grp.grouper }}:{% for x in grp.list %}{{ x.n }}{% endfor %};{% endfor %}"
    assert render(src, {"p": people}) == "m:ab;f:c;"


def test_invalid_and_unclosed_tags(render, make_engine):
    with pytest.raises(TemplateSyntaxError) as info:
        render("{% nope %}")
    assert (
        str(info.value)
        == "Invalid block tag on line 1: 'nope'. Did you forget to register or load this tag?"
    )
    with pytest.raises(TemplateSyntaxError) as info:
        render("{% if a %}\n{% endfor %}")
    assert str(info.value) == (
        "Invalid block tag on line 2: 'endfor', expected 'elif', 'else' or 'endif'. "
        "Did you forget to register or load this tag?"
    )
    with pytest.raises(TemplateSyntaxError, match="Empty block tag on line 1"):
        render("{% %}")


def test_load_errors(render, make_engine):
    with pytest.raises(TemplateSyntaxError, match="'nolib' is not a registered tag library"):
        render("{% load nolib %}")


def test_querystring(render, make_engine):
    class Req:
        GET = {"a": "1", "b": "x y"}

    from nuages.template import Context, Engine

    engine = Engine()
    ctx = Context({})
    ctx.request = Req()
    out = engine.from_string("{% querystring b=None c=3 %}").render(ctx)
    assert out == "?a=1&amp;c=3"
    ctx.request = Req()
    assert engine.from_string("{% querystring %}").render(ctx) == "?a=1&amp;b=x+y"


def test_static_and_l10n_libraries(render):
    from nuages.test.utils import override_settings

    libs = {"static": "nuages.templatetags.static", "l10n": "nuages.templatetags.l10n"}
    render = functools.partial(render, libraries=libs)
    with override_settings(STATIC_URL="/static/"):
        assert render("{% load static %}{% static 'a b.css' %}") == "/static/a%20b.css"
        assert render("{% load static %}{% get_static_prefix %}") == "/static/"
        assert render("{% load static %}{% static 'x.js' as u %}[{{ u }}]") == "[/static/x.js]"
    assert (
        render("{% load l10n %}{{ 5|unlocalize }}{% localize off %}{{ 7 }}{% endlocalize %}")
        == "57"
    )
    with pytest.raises(TemplateSyntaxError, match="argument should be 'on' or 'off'"):
        render("{% load l10n %}{% localize maybe %}{% endlocalize %}")

"""Variables, literals, lookups, escaping and string_if_invalid."""

import pytest

from nuages.template import Context, TemplateSyntaxError, Variable, VariableDoesNotExist
from nuages.utils.safestring import mark_safe


class Obj:
    attr = "attribute"

    def method(self):
        return "called"

    def needs_arg(self, x):
        return x

    def __getitem__(self, key):
        if key == "item":
            return "from getitem"
        raise KeyError(key)


class SilentError(Exception):
    silent_variable_failure = True


class Raiser:
    def boom(self):
        raise SilentError

    def loud(self):
        raise ValueError("loud")

    @property
    def prop(self):
        raise AttributeError("inside property")


def test_lookup_order_dict_attr_index(render, make_engine):
    assert render("{{ d.key }}", {"d": {"key": "v"}}) == "v"
    assert render("{{ o.attr }}", {"o": Obj()}) == "attribute"
    assert render("{{ o.item }}", {"o": Obj()}) == "from getitem"
    assert render("{{ l.1 }}", {"l": ["a", "b"]}) == "b"
    # dict key wins over attribute
    assert render("{{ d.items }}", {"d": {"items": "key"}}) == "key"


def test_callables_called_unless_marked(render, make_engine):
    assert render("{{ o.method }}", {"o": Obj()}) == "called"

    def f():
        return "f"

    f.do_not_call_in_templates = True
    assert "function" in render("{{ f }}", {"f": f})

    def g():
        raise AssertionError("must not be called")

    g.alters_data = True
    assert render("{{ g }}", {"g": g}) == ""
    assert render("{{ o.needs_arg }}", {"o": Obj()}) == ""


def test_silent_variable_failure_and_loud_errors(render, make_engine):
    assert render("a{{ r.boom }}b", {"r": Raiser()}) == "ab"
    with pytest.raises(ValueError, match="loud"):
        render("{{ r.loud }}", {"r": Raiser()})
    with pytest.raises(AttributeError):
        render("{{ r.prop }}", {"r": Raiser()})


def test_missing_variables_and_string_if_invalid(render, make_engine):
    assert render("[{{ missing }}][{{ missing.attr }}]") == "[][]"
    assert render("{{ missing }}", string_if_invalid="INVALID") == "INVALID"
    assert render("{{ missing }}", string_if_invalid="no %s here") == "no missing here"
    # Filters are not applied to a non-empty string_if_invalid...
    assert render("{{ missing|upper }}", string_if_invalid="invalid") == "invalid"
    # ...but are applied to the empty default.
    assert render("{{ missing|default:'dflt' }}") == "dflt"


def test_literals(render, make_engine):
    assert render('{{ "<b>" }}') == "<b>"  # string literals are safe
    assert render("{{ 'x'|upper }}") == "X"
    assert render("{{ 1.5 }}|{{ 2 }}|{{ True }}|{{ None }}") == "1.5|2|True|None"
    assert render(r'{{ "say \"hi\"" }}') == 'say "hi"'


def test_autoescape_on_off(render, make_engine):
    ctx = {"v": "<a href='x'>&</a>"}
    assert render("{{ v }}", ctx) == "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"
    assert render("{% autoescape off %}{{ v }}{% endautoescape %}", ctx) == ctx["v"]
    assert render("{{ s }}", {"s": mark_safe("<i>")}) == "<i>"
    engine = make_engine(autoescape=False)
    assert engine.from_string("{{ v }}").render(Context(ctx, autoescape=False)) == ctx["v"]
    assert render(
        "{% autoescape off %}{% autoescape on %}{{ v }}{% endautoescape %}{% endautoescape %}", ctx
    ).startswith("&lt;")


def test_comments_and_whitespace(render, make_engine):
    assert render("a{# hidden #}b{% comment %}x{{ y }}{% endcomment %}c") == "abc"
    assert render("{{  v  }}", {"v": 1}) == "1"


def test_underscore_and_bad_variables_rejected(render, make_engine):
    with pytest.raises(TemplateSyntaxError, match="may not begin with underscores"):
        render("{{ a._b }}")
    with pytest.raises(TemplateSyntaxError, match="Empty variable tag on line 1"):
        render("{{ }}")
    with pytest.raises(TemplateSyntaxError, match="Could not parse the remainder"):
        render("{{ a b }}")
    with pytest.raises(TemplateSyntaxError, match="Invalid filter: 'nope'"):
        render("{{ a|nope }}")


def test_filter_argument_count_checked(render, make_engine):
    with pytest.raises(TemplateSyntaxError, match="requires 2 arguments, 1 provided"):
        render("{{ a|cut }}")


def test_variable_api(render, make_engine):
    assert Variable("a.b").resolve({"a": {"b": 2}}) == 2
    assert Variable("2.5").resolve({}) == 2.5
    with pytest.raises(VariableDoesNotExist):
        Variable("a.c").resolve(Context({"a": {}}))
    assert str(Variable("a.b")) == "a.b"


def test_translation_literal(render, make_engine):
    assert render('{{ _("Hello") }}') == "Hello"


def test_errors_name_template_and_line(render, make_engine):
    engine = make_engine({"bad.html": "line1\n{% if %}"}, debug=True)
    with pytest.raises(TemplateSyntaxError) as info:
        engine.get_template("bad.html")
    assert info.value.template_debug["line"] == 2
    assert info.value.template_debug["during"] == "{% if %}"
    assert any("bad.html" in note and "line 2" in note for note in info.value.__notes__)


def test_render_errors_carry_debug_info(render, make_engine):
    engine = make_engine({"r.html": "a\nb {{ r.loud }}"}, debug=True)
    with pytest.raises(ValueError) as info:
        engine.get_template("r.html").render(Context({"r": Raiser()}))
    assert info.value.template_debug["line"] == 2
    assert info.value.template_debug["during"] == "{{ r.loud }}"

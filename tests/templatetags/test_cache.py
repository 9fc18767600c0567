"""{% load cache %} fragment caching."""

import pytest

from nuages.core.cache import caches
from nuages.core.cache.utils import make_template_fragment_key
from nuages.template import Context, Engine, TemplateSyntaxError
from nuages.test import override_settings

LOCMEM = "nuages.core.cache.backends.locmem.LocMemCache"


@pytest.fixture(autouse=True)
def fresh_caches(request):
    with override_settings(
        CACHES={
            "default": {"BACKEND": LOCMEM, "LOCATION": f"frag-{request.node.name}"},
            "alt": {"BACKEND": LOCMEM, "LOCATION": f"frag-alt-{request.node.name}"},
        }
    ):
        yield


def render(source, **context):
    return (
        Engine(libraries={"cache": "nuages.templatetags.cache"})
        .from_string("{% load cache %}" + source)
        .render(Context(context))
    )


def test_fragment_is_cached_and_varies():
    src = "{% cache 60 frag user %}{{ value }}{% endcache %}"
    assert render(src, value="one", user="a") == "one"
    assert render(src, value="two", user="a") == "one"
    assert render(src, value="three", user="b") == "three"
    key = make_template_fragment_key("frag", ["a"])
    assert caches["default"].get(key) == "one"
    caches["default"].delete(key)
    assert render(src, value="four", user="a") == "four"


def test_timeout_variable_none_and_zero():
    src = "{% cache t frag %}{{ value }}{% endcache %}"
    assert render(src, t=None, value="forever") == "forever"
    assert render(src, t=None, value="x") == "forever"
    zero = "{% cache 0 frag0 %}{{ value }}{% endcache %}"
    assert render(zero, value="a") == "a"
    assert render(zero, value="b") == "b"


def test_using_alias_and_template_fragments_cache():
    src = '{% cache 60 f using="alt" %}{{ value }}{% endcache %}'
    assert render(src, value="alt") == "alt"
    assert caches["alt"].get(make_template_fragment_key("f")) == "alt"
    assert caches["default"].get(make_template_fragment_key("f")) is None


def test_errors():
    with pytest.raises(TemplateSyntaxError):
        render("{% cache 60 %}x{% endcache %}")
    with pytest.raises(TemplateSyntaxError, match="non-integer"):
        render("{% cache 'abc' f %}x{% endcache %}")
    with pytest.raises(TemplateSyntaxError, match="Invalid cache name"):
        render('{% cache 60 f using="nope" %}x{% endcache %}')


def test_fragment_in_loop_and_autoescape():
    src = "{% for i in items %}{% cache 60 row i %}<{{ i }}>{% endcache %}{% endfor %}"
    assert render(src, items=[1, 2]) == "<1><2>"
    assert render("{% cache 60 esc %}{{ v }}{% endcache %}", v="<b>") == "&lt;b&gt;"

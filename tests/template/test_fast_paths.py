"""The rendering fast paths and caches keep Django's output, and follow setting changes."""

import datetime

import pytest

from nuages.test.utils import override_settings
from nuages.urls import clear_url_caches
from nuages.utils import formats, translation
from nuages.utils._truncator import truncate_chars
from nuages.utils.text import Truncator

PRICE = "{{ price|floatformat:2 }}|{{ big|floatformat:'2g' }}"


@pytest.fixture(autouse=True)
def _clean():
    formats.reset_format_cache()
    yield
    translation.deactivate()
    formats.reset_format_cache()


@pytest.mark.parametrize(
    "text",
    [
        "short",
        "exactly ten",
        "A fairly long description of the item that needs truncating",
        "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e and more text",
        "cafe\u0301 cre\u0300me with combining marks in it",
        "",
    ],
)
@pytest.mark.parametrize("length", [0, 1, 3, 10, 11, 30])
def test_truncate_chars_matches_truncator(text, length):
    assert truncate_chars(text, length) == Truncator(text).chars(length)
    assert truncate_chars(text, length, "...") == Truncator(text).chars(length, "...")
    assert truncate_chars(text, length, "") == Truncator(text).chars(length, "")


def test_truncatechars_filter(render):
    out = render("{{ s|truncatechars:10 }}", {"s": "A fairly long text"})
    assert out == "A fairly \u2026"
    assert render("{{ s|truncatechars:20 }}", {"s": "short"}) == "short"


def test_number_formats_follow_settings(render):
    ctx = {"price": 1234.5678, "big": 1234567.891}
    assert render(PRICE, ctx) == "1234.57|1,234,567.89"
    # A language without a format module uses the settings, read again when they change.
    with override_settings(LANGUAGE_CODE="xx"):
        assert render(PRICE, ctx) == "1234.57|1234567.89"
    with override_settings(
        LANGUAGE_CODE="xx", DECIMAL_SEPARATOR=",", THOUSAND_SEPARATOR=".", NUMBER_GROUPING=3
    ):
        assert render(PRICE, ctx) == "1234,57|1.234.567,89"
    assert render(PRICE, ctx) == "1234.57|1,234,567.89"
    with override_settings(USE_THOUSAND_SEPARATOR=True):
        assert render(PRICE, ctx) == "1,234.57|1,234,567.89"


def test_number_formats_follow_the_active_language(render):
    ctx = {"price": 1234.5678, "big": 1234567.891}
    with translation.override("fr"):
        fr = render(PRICE, ctx)
    with translation.override("de"):
        de = render(PRICE, ctx)
    assert fr.startswith("1234,57|")
    assert de == "1234,57|1.234.567,89"
    assert render(PRICE, ctx) == "1234.57|1,234,567.89"


def test_date_filter_formats(render):
    ctx = {"d": datetime.date(2024, 3, 5), "dt": datetime.datetime(2024, 3, 5, 14, 7)}
    assert render('{{ d|date:"Y-m-d" }} {{ d|date:"j/n/y" }}', ctx) == "2024-03-05 5/3/24"
    assert render('{{ d|date:"D, d M Y" }}', ctx) == "Tue, 05 Mar 2024"
    assert render('{{ dt|date:"Y-m-d H:i" }}', ctx) == "2024-03-05 14:07"
    assert render('{{ d|date:"" }}', ctx) == "March 5, 2024"
    assert render("{{ d|date }}", ctx) == "March 5, 2024"
    with override_settings(DATE_FORMAT="d.m.Y", LANGUAGE_CODE="xx"):
        assert render("{{ d|date }}", ctx) == "05.03.2024"
    with translation.override("de"):
        assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', ctx) == "05.03.2024"


def test_autoescape_spells_quotes_like_django(render):
    out = render("{{ s }}|{{ s|escape }}", {"s": "<a href=\"x\">'&'</a>"})
    expected = "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
    assert out == f"{expected}|{expected}"


def test_named_include_renders_with_the_loop_context(render):
    templates = {"row.html": "[{{ row }}{{ forloop.counter }}{{ extra|default:'-' }}]"}
    out = render(
        '{% for row in rows %}{% include "row.html" %}{% endfor %}{{ extra|default:"ok" }}',
        {"rows": ["a", "b"]},
        templates=templates,
    )
    assert out == "[a1-][b2-]ok"


def test_named_include_pops_what_it_pushed(render):
    templates = {"set.html": "{% with x=2 %}{{ x }}{% endwith %}"}
    out = render('{% include "set.html" %}{{ x|default:"none" }}', {}, templates=templates)
    assert out == "2none"


def test_url_after_clear_url_caches(render):
    # The url tag reverses on every render: a changed URLconf shows at once.
    import sys
    import types

    from nuages.urls import path

    mod = types.ModuleType("tests_fast_paths_urls")
    mod.urlpatterns = [path("a/<int:pk>/", lambda request, pk: None, name="thing")]
    sys.modules[mod.__name__] = mod
    try:
        with override_settings(ROOT_URLCONF=mod.__name__):
            assert render("{% url 'thing' 3 %}") == "/a/3/"
            mod.urlpatterns = [path("b/<int:pk>/", lambda request, pk: None, name="thing")]
            clear_url_caches()
            assert render("{% url 'thing' 3 %}") == "/b/3/"
    finally:
        del sys.modules[mod.__name__]
        clear_url_caches()


def test_truncation_text_follows_language_and_catalogs(tmp_path, render):
    from io import BytesIO

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    def write_catalog(directory, text):
        catalog = Catalog(locale="de")
        catalog.add("%(truncated_text)s…", text, context="String to return when truncating text")
        messages_dir = directory / "de" / "LC_MESSAGES"
        messages_dir.mkdir(parents=True)
        buf = BytesIO()
        write_mo(buf, catalog)
        (messages_dir / "django.mo").write_bytes(buf.getvalue())

    write_catalog(tmp_path / "a", "%(truncated_text)s [mehr]")
    write_catalog(tmp_path / "b", "%(truncated_text)s~")
    source = "{{ s|truncatechars:12 }}"
    ctx = {"s": "abcdefghijklmnop"}
    languages = [("en", "English"), ("de", "German")]
    with override_settings(
        USE_I18N=True, LANGUAGE_CODE="en", LANGUAGES=languages, LOCALE_PATHS=[str(tmp_path / "a")]
    ):
        assert render(source, ctx) == "abcdefghijk\u2026"
        with translation.override("de"):
            assert render(source, ctx) == "abcde [mehr]"
            with override_settings(USE_I18N=False):
                assert render(source, ctx) == "abcdefghijk\u2026"
            assert render(source, ctx) == "abcde [mehr]"
        with override_settings(LOCALE_PATHS=[str(tmp_path / "b")]), translation.override("de"):
            assert render(source, ctx) == "abcdefghijk~"
        assert render(source, ctx) == "abcdefghijk\u2026"


def test_translation_backend_follows_use_i18n():
    with override_settings(USE_I18N=True, LANGUAGE_CODE="en-us"):
        with translation.override("de"):
            assert translation.get_language() == "de"
            with override_settings(USE_I18N=False):
                assert translation.get_language() == "en-us"
            assert translation.get_language() == "de"


def test_url_with_a_custom_converter_is_reversed_every_time(render):
    import itertools
    import sys
    import types

    from nuages.urls import path, register_converter

    counter = itertools.count()

    class StampConverter:
        regex = "[0-9]+-[0-9]+"

        def to_python(self, value):
            return value

        def to_url(self, value):
            return f"{value}-{next(counter)}"

    from nuages.urls import converters

    saved = dict(converters.REGISTERED_CONVERTERS)
    register_converter(StampConverter, "w1stamp")
    mod = types.ModuleType("tests_fast_paths_stamp_urls")
    mod.urlpatterns = [
        path("s/<w1stamp:v>/", lambda request, v: None, name="stamped"),
        path("p/<int:pk>/<slug:s>/", lambda request, pk, s: None, name="plain"),
    ]
    sys.modules[mod.__name__] = mod
    try:
        with override_settings(ROOT_URLCONF=mod.__name__):
            assert render("{% url 'stamped' 7 %}") == "/s/7-0/"
            assert render("{% url 'stamped' 7 %}") == "/s/7-1/"
            assert render("{% url 'plain' 3 'a-b' %}") == "/p/3/a-b/"
            assert render("{% url 'plain' 3 'a-b' %}") == "/p/3/a-b/"
            assert render("{% url 'plain' n s %}", {"n": 4, "s": "x"}) == "/p/4/x/"
    finally:
        del sys.modules[mod.__name__]
        converters.REGISTERED_CONVERTERS.clear()
        converters.REGISTERED_CONVERTERS.update(saved)
        converters.get_converters.cache_clear()
        clear_url_caches()


class _Silent(Exception):
    silent_variable_failure = True


class _Thing:
    plain = "p"
    none = None

    def method(self):
        return "called"

    def needs_arg(self, x):
        return x

    def alters(self):
        raise AssertionError("must not be called")

    alters.alters_data = True

    class Klass:
        do_not_call_in_templates = True

    @property
    def silent(self):
        raise _Silent

    @property
    def loud(self):
        raise KeyError("loud")

    @property
    def broken(self):
        raise AttributeError("inner")

    def silent_call(self):
        raise _Silent


LOOKUPS = ["plain", "none", "method", "needs_arg", "alters", "Klass", "silent", "missing", "0"]


@pytest.mark.parametrize("attr", LOOKUPS)
def test_loop_attribute_lookups_match_the_general_path(render, attr):
    ctx = {"items": [_Thing()], "item": _Thing()}
    inline = render(f"{{% for x in items %}}[{{{{ x.{attr} }}}}]{{% endfor %}}", ctx)
    general = render(f"[{{{{ item.{attr} }}}}]", ctx)
    assert inline == general
    invalid = {"string_if_invalid": "INVALID"}
    inline = render(f"{{% for x in items %}}[{{{{ x.{attr} }}}}]{{% endfor %}}", ctx, **invalid)
    general = render(f"[{{{{ item.{attr} }}}}]", ctx, **invalid)
    assert inline == general


def test_loop_attribute_lookup_values(render):
    ctx = {"items": [_Thing()], "dicts": [{"plain": "d"}], "classes": [_Thing]}
    src = "{% for x in items %}{{ x.plain }}|{{ x.method }}|{{ x.silent }}|{{ x.silent_call }}|{{ x.missing }}{% endfor %}"
    assert render(src, ctx) == "p|called|||"
    assert render("{% for x in dicts %}{{ x.plain }}{% endfor %}", ctx) == "d"
    assert render("{% for x in classes %}{{ x.plain }}{% endfor %}", ctx) == "p"
    with pytest.raises(KeyError):
        render("{% for x in items %}{{ x.loud }}{% endfor %}", ctx)
    with pytest.raises(AttributeError):
        render("{% for x in items %}{{ x.broken }}{% endfor %}", ctx)

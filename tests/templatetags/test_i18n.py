"""{% load i18n %}: translate, blocktranslate, the language tags and filters.

A German catalog is written and compiled with Babel at test time under LOCALE_PATHS.
"""

from io import BytesIO

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from nuages.template import Context, Engine, TemplateSyntaxError
from nuages.template.backends.django import get_installed_libraries
from nuages.test import override_settings
from nuages.utils import translation

MESSAGES = [
    ("Hello", "Hallo", None),
    ("Hello", "Servus", "greeting"),
    ("100%% sure", "100%% sicher", None),
    ("%(name)s is here", "%(name)s ist hier", None),
    ("%(name)s is here", "%(name)s ist da", "presence"),
    (("%(counter)s apple", "%(counter)s apples"), ("%(counter)s Apfel", "%(counter)s Äpfel"), None),
    (("one box", "%(n)s boxes"), ("eine Kiste", "%(n)s Kisten"), "storage"),
    ("broken %(name)s", "kaputt %(nom)s", None),
    ("First line. Second line.", "Erste Zeile. Zweite Zeile.", None),
    ("German", "Deutsch", None),
    ("Yes", "Ja", None),
    ("<b>bold</b>", "<b>fett</b>", None),
]


@pytest.fixture(autouse=True)
def german_catalog(tmp_path):
    catalog = Catalog(locale="de")
    for msgid, msgstr, context in MESSAGES:
        catalog.add(msgid, msgstr, context=context)
    messages_dir = tmp_path / "de" / "LC_MESSAGES"
    messages_dir.mkdir(parents=True)
    buf = BytesIO()
    write_mo(buf, catalog)
    (messages_dir / "django.mo").write_bytes(buf.getvalue())
    languages = [("en", "English"), ("de", "German"), ("fr", "French")]
    with override_settings(
        USE_I18N=True, LOCALE_PATHS=[str(tmp_path)], LANGUAGE_CODE="en", LANGUAGES=languages
    ):
        with translation.override("de"):
            yield


def render(source, context=None, **options):
    options.setdefault("libraries", {"i18n": "nuages.templatetags.i18n"})
    engine = Engine(**options)
    return engine.from_string("{% load i18n %}" + source).render(Context(context or {}))


def syntax_error(source, match):
    with pytest.raises(TemplateSyntaxError, match=match) as info:
        render(source)
    return info.value


# -- translate -------------------------------------------------------------------------------
@pytest.mark.parametrize("tag", ["translate", "trans"])
def test_translate_literal(tag):
    assert render(f'{{% {tag} "Hello" %}}') == "Hallo"


def test_translate_untranslated_message_is_returned_as_is():
    assert render('{% translate "Not in the catalog" %}') == "Not in the catalog"


def test_translate_in_english_is_the_source():
    with translation.override("en"):
        assert render('{% translate "Hello" %}') == "Hello"


def test_translate_variable_value():
    assert render("{% translate greeting %}", {"greeting": "Hello"}) == "Hallo"


def test_translate_noop_does_not_translate():
    assert render('{% translate "Hello" noop %}') == "Hello"


def test_translate_context():
    assert render('{% translate "Hello" context "greeting" %}') == "Servus"
    assert render('{% translate "Hello" context ctx %}', {"ctx": "greeting"}) == "Servus"


def test_translate_as_var():
    out = render('{% translate "Hello" as hi %}[{{ hi }}|{{ hi|upper }}]')
    assert out == "[Hallo|HALLO]"


def test_translate_as_var_inside_for_is_seen_by_the_loop_body():
    source = '{% for i in items %}{% translate "Yes" as yes %}{{ yes }}{{ i }} {% endfor %}'
    assert render(source, {"items": [1, 2]}) == "Ja1 Ja2 "


def test_translate_filters_apply_after_translation():
    assert render('{% translate "Hello"|upper %}') == "HALLO"
    assert render('{% translate "Hello"|lower context "greeting" %}') == "servus"


def test_translate_percent_signs():
    assert render('{% translate "100% sure" %}') == "100% sicher"


def test_translate_escapes_variables_but_not_literals():
    assert render('{% translate "<b>bold</b>" %}') == "<b>fett</b>"
    assert render("{% translate v %}", {"v": "<i>"}) == "&lt;i&gt;"
    assert render("{% autoescape off %}{% translate v %}{% endautoescape %}", {"v": "<i>"}) == "<i>"


def test_translate_without_i18n_returns_source():
    with override_settings(USE_I18N=False):
        assert render('{% translate "Hello" %}') == "Hello"


def test_translate_missing_variable_renders_empty():
    assert render("[{% translate missing %}]") == "[]"


@pytest.mark.parametrize(
    ("source", "match"),
    [
        ("{% translate %}", "'translate' takes at least one argument"),
        ('{% translate "a" noop noop %}', "The 'noop' option was specified more than once."),
        (
            '{% translate "a" context %}',
            "No argument provided to the 'translate' tag for the context",
        ),
        (
            '{% translate "a" context noop %}',
            "Invalid argument 'noop' provided to the 'translate' tag",
        ),
        ('{% trans "a" as %}', "No argument provided to the 'trans' tag for the as option."),
        ('{% translate "a" bogus %}', "Unknown argument for 'translate' tag: 'bogus'"),
    ],
)
def test_translate_syntax_errors(source, match):
    syntax_error(source, match)


def test_syntax_error_names_template_and_line():
    engine = Engine(libraries={"i18n": "nuages.templatetags.i18n"})
    with pytest.raises(TemplateSyntaxError) as info:
        engine.from_string("{% load i18n %}\n\n{% translate %}")
    error = info.value
    assert error.token.lineno == 3
    assert "line 3" in " ".join(getattr(error, "__notes__", []))


# -- blocktranslate --------------------------------------------------------------------------
@pytest.mark.parametrize("tag", ["blocktranslate", "blocktrans"])
def test_blocktranslate_with_placeholders(tag):
    source = f"{{% {tag} %}}{{{{ name }}}} is here{{% end{tag} %}}"
    assert render(source, {"name": "Ana"}) == "Ana ist hier"


def test_blocktranslate_with_and_legacy_syntax():
    assert (
        render(
            "{% blocktranslate with name=u.first %}{{ name }} is here{% endblocktranslate %}",
            {"u": {"first": "Bo"}},
        )
        == "Bo ist hier"
    )
    assert (
        render(
            "{% blocktrans with u.first as name %}{{ name }} is here{% endblocktrans %}",
            {"u": {"first": "Bo"}},
        )
        == "Bo ist hier"
    )


def test_blocktranslate_with_does_not_leak():
    source = (
        "{% blocktranslate with name='X' %}{{ name }} is here{% endblocktranslate %}[{{ name }}]"
    )
    assert render(source) == "X ist hier[]"


def test_blocktranslate_escapes_values():
    source = "{% blocktranslate %}{{ name }} is here{% endblocktranslate %}"
    assert render(source, {"name": "<b>"}) == "&lt;b&gt; ist hier"


def test_blocktranslate_untranslated_keeps_source_and_percent():
    source = "{% blocktranslate %}{{ n }}% of {{ m }}{% endblocktranslate %}"
    assert render(source, {"n": 5, "m": "x"}) == "5% of x"


@pytest.mark.parametrize(("count", "expected"), [(1, "1 Apfel"), (3, "3 Äpfel"), (0, "0 Äpfel")])
def test_blocktranslate_count_plural(count, expected):
    source = (
        "{% blocktranslate count counter=items|length %}{{ counter }} apple"
        "{% plural %}{{ counter }} apples{% endblocktranslate %}"
    )
    assert render(source, {"items": list(range(count))}) == expected


def test_blocktranslate_count_with_context():
    source = (
        '{% blocktranslate count n=k context "storage" %}one box'
        "{% plural %}{{ n }} boxes{% endblocktranslate %}"
    )
    assert render(source, {"k": 1}) == "eine Kiste"
    assert render(source, {"k": 4}) == "4 Kisten"


def test_blocktranslate_count_in_english_picks_form():
    source = "{% blocktrans count n=k %}{{ n }} thing{% plural %}{{ n }} things{% endblocktrans %}"
    with translation.override("en"):
        assert render(source, {"k": 1}) == "1 thing"
        assert render(source, {"k": 2}) == "2 things"


def test_blocktranslate_count_must_be_a_number():
    source = "{% blocktrans count n=k %}a{% plural %}b{% endblocktrans %}"
    with pytest.raises(
        TemplateSyntaxError, match="'n' argument to 'blocktrans' tag must be a number"
    ):
        render(source, {"k": "three"})


def test_blocktranslate_context():
    source = '{% blocktranslate context "presence" %}{{ name }} is here{% endblocktranslate %}'
    assert render(source, {"name": "Ana"}) == "Ana ist da"


def test_blocktranslate_trimmed():
    source = "{% blocktranslate trimmed %}\n  First line.\n  Second line.\n{% endblocktranslate %}"
    assert render(source) == "Erste Zeile. Zweite Zeile."
    untrimmed = "{% blocktranslate %}\n  First line.\n  Second line.\n{% endblocktranslate %}"
    assert render(untrimmed) == "\n  First line.\n  Second line.\n"


def test_blocktranslate_asvar():
    # The stored value is a SafeString; upper (not is_safe) makes it unsafe again, as in Django.
    source = (
        "{% blocktranslate asvar msg %}{{ name }} is here{% endblocktranslate %}"
        "[{{ msg }}][{{ msg|upper }}]"
    )
    assert (
        render(source, {"name": "<Ana>"}) == "[&lt;Ana&gt; ist hier][&amp;LT;ANA&amp;GT; IST HIER]"
    )


def test_blocktranslate_inside_for_sees_loop_variable():
    source = (
        "{% for name in names %}{% blocktrans %}{{ name }} is here{% endblocktrans %};{% endfor %}"
    )
    assert render(source, {"names": ["A", "B"]}) == "A ist hier;B ist hier;"


def test_blocktranslate_missing_variable_uses_string_if_invalid():
    source = "{% blocktranslate %}{{ name }} is here{% endblocktranslate %}"
    assert render(source) == " ist hier"
    assert render(source, string_if_invalid="?%s?") == "?name? ist hier"


def test_blocktranslate_broken_translation_falls_back_to_source():
    source = "{% blocktranslate %}broken {{ name }}{% endblocktranslate %}"
    assert render(source, {"name": "thing"}) == "broken thing"


def test_blocktranslate_filters_in_placeholders_are_not_resolved():
    # Django documents that {{ }} inside blocktranslate holds a plain name: bind it with `with`.
    source = "{% blocktranslate %}[{{ name|upper }}]{% endblocktranslate %}"
    assert render(source, {"name": "a"}) == "[]"


@pytest.mark.parametrize(
    ("source", "match"),
    [
        (
            "{% blocktranslate %}{% if x %}{% endif %}{% endblocktranslate %}",
            r"'blocktranslate' doesn't allow other block tags \(seen 'if x'\) inside it",
        ),
        (
            "{% blocktrans count n=1 %}a{% endblocktrans %}",
            "'blocktrans' doesn't allow other block tags inside it",
        ),
        (
            "{% blocktrans %}a{% plural %}b{% endblocktrans %}",
            r"'blocktrans' doesn't allow other block tags \(seen 'plural'\) inside it",
        ),
        (
            "{% blocktrans with %}a{% endblocktrans %}",
            "\"with\" in 'blocktrans' tag needs at least one keyword argument.",
        ),
        (
            "{% blocktrans count %}a{% endblocktrans %}",
            "\"count\" in 'blocktrans' tag expected exactly one keyword argument.",
        ),
        (
            "{% blocktrans count a=1 b=2 %}a{% endblocktrans %}",
            "\"count\" in 'blocktrans' tag expected exactly one keyword argument.",
        ),
        (
            "{% blocktrans context %}a{% endblocktrans %}",
            "\"context\" in 'blocktrans' tag expected exactly one argument.",
        ),
        (
            "{% blocktrans asvar %}a{% endblocktrans %}",
            "No argument provided to the 'blocktrans' tag for the asvar option.",
        ),
        (
            "{% blocktrans trimmed trimmed %}a{% endblocktrans %}",
            "The 'trimmed' option was specified more than once.",
        ),
        (
            "{% blocktrans bogus %}a{% endblocktrans %}",
            "Unknown argument for 'blocktrans' tag: 'bogus'.",
        ),
        ("{% blocktrans %}never closed", "Unclosed tag on line 1: 'blocktrans'"),
        (
            "{% blocktranslate %}a{% endblocktrans %}",
            r"'blocktranslate' doesn't allow other block tags \(seen 'endblocktrans'\)",
        ),
    ],
)
def test_blocktranslate_syntax_errors(source, match):
    syntax_error(source, match)


# -- language tags and filters ---------------------------------------------------------------
def test_get_current_language_and_language_block():
    source = (
        "{% get_current_language as a %}{{ a }}"
        '{% language "fr" %}{% get_current_language as b %}{{ b }}{% endlanguage %}'
        "{% get_current_language as c %}{{ c }}"
    )
    assert render(source) == "defrde"


def test_language_block_translates_in_that_language():
    assert (
        render(
            '{% language "en" %}{% translate "Hello" %}{% endlanguage %}|{% translate "Hello" %}'
        )
        == "Hello|Hallo"
    )


def test_language_block_with_variable():
    assert (
        render("{% language code %}{% translate 'Hello' %}{% endlanguage %}", {"code": "en"})
        == "Hello"
    )


def test_get_current_language_bidi():
    assert render("{% get_current_language_bidi as bidi %}{{ bidi }}") == "False"
    with translation.override("ar"):
        assert render("{% get_current_language_bidi as bidi %}{{ bidi }}") == "True"


def test_get_available_languages_translates_names():
    source = "{% get_available_languages as langs %}{% for code, name in langs %}{{ code }}={{ name }};{% endfor %}"
    assert render(source) == "en=English;de=Deutsch;fr=French;"


def test_get_language_info():
    source = (
        "{% get_language_info for code as l %}"
        "{{ l.code }}|{{ l.name }}|{{ l.name_local }}|{{ l.name_translated }}|{{ l.bidi }}"
    )
    assert render(source, {"code": "de"}) == "de|German|Deutsch|Deutsch|False"
    assert render('{% get_language_info for "fr" as l %}{{ l.name_local }}') == "français"


def test_get_language_info_list_accepts_codes_and_pairs():
    source = (
        "{% get_language_info_list for langs as infos %}"
        "{% for l in infos %}{{ l.code }}:{{ l.name_local }};{% endfor %}"
    )
    assert render(source, {"langs": ["de", ("fr", "French")]}) == "de:Deutsch;fr:français;"


def test_get_language_info_unknown_code_raises():
    with pytest.raises(KeyError, match="Unknown language code xx"):
        render('{% get_language_info for "xx" as l %}')


def test_language_filters():
    source = (
        '{{ "de"|language_name }}|{{ "de"|language_name_local }}|'
        '{{ "de"|language_name_translated }}|{{ "he"|language_bidi }}|{{ "de"|language_bidi }}'
    )
    assert render(source) == "German|Deutsch|Deutsch|True|False"


@pytest.mark.parametrize(
    ("source", "match"),
    [
        (
            "{% get_current_language %}",
            r"'get_current_language' requires 'as variable' \(got \['get_current_language'\]\)",
        ),
        (
            "{% get_current_language_bidi as %}",
            "'get_current_language_bidi' requires 'as variable'",
        ),
        ("{% get_available_languages to x %}", "'get_available_languages' requires 'as variable'"),
        (
            "{% get_language_info 'de' as l %}",
            "'get_language_info' requires 'for string as variable'",
        ),
        (
            "{% get_language_info_list for x %}",
            "'get_language_info_list' requires 'for sequence as variable'",
        ),
        ("{% language %}{% endlanguage %}", r"'language' takes one argument \(language\)"),
        ("{% language 'de' %}", "Unclosed tag on line 1: 'language'"),
    ],
)
def test_language_tag_syntax_errors(source, match):
    syntax_error(source, match)


def test_tags_need_load():
    engine = Engine(libraries={"i18n": "nuages.templatetags.i18n"})
    with pytest.raises(TemplateSyntaxError, match="Invalid block tag on line 1: 'translate'"):
        engine.from_string('{% translate "Hello" %}')


def test_library_is_found_in_installed_libraries():
    libraries = get_installed_libraries()
    assert libraries["i18n"] == "nuages.templatetags.i18n"
    assert libraries["tz"] == "nuages.templatetags.tz"

import asyncio
import copy
import pickle
import threading
from types import SimpleNamespace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from nuages.test.utils import override_settings
from nuages.utils import translation
from nuages.utils.safestring import SafeString, mark_safe
from nuages.utils.translation import (
    activate,
    deactivate,
    deactivate_all,
    get_language,
    gettext,
    gettext_lazy,
    ngettext,
    ngettext_lazy,
    npgettext,
    npgettext_lazy,
    pgettext,
    pgettext_lazy,
    trans_real,
)

FRENCH_PLURAL = "nplurals=2; plural=(n > 1);"
POLISH_PLURAL = (
    "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


def compile_catalog(root, locale, messages, plural_forms=None, domain="django"):
    """Write <root>/<locale>/LC_MESSAGES/<domain>.mo from {msgid: msgstr} (tuples for plurals)."""
    catalog = Catalog(locale=locale.split("_")[0], domain=domain)
    if plural_forms:
        # Babel derives the header from the locale; set the rule we want explicitly.
        catalog._num_plurals = int(plural_forms.split("nplurals=")[1].split(";")[0])
        catalog._plural_expr = plural_forms.split("plural=")[1].rstrip(";")
    for key, value in messages.items():
        context = None
        if isinstance(key, str) and "\x04" in key:
            context, key = key.split("\x04")
        elif isinstance(key, tuple) and "\x04" in key[0]:
            context = key[0].split("\x04")[0]
            key = tuple(k.split("\x04")[1] for k in key)
        catalog.add(key, value, context=context)
    directory = root / locale / "LC_MESSAGES"
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"{domain}.mo", "wb") as fp:
        write_mo(fp, catalog)
    return root


@pytest.fixture
def locale_dir(tmp_path):
    root = tmp_path / "locale"
    compile_catalog(
        root,
        "fr",
        {
            "Hello": "Bonjour",
            "Line one\nline two": "Ligne un\nligne deux",
            ("%(num)d apple", "%(num)d apples"): ("%(num)d pomme", "%(num)d pommes"),
            ("one apple", "%(num)d apples"): ("une pomme", "%(num)d pommes"),
            "month\x04May": "mai",
            ("ctx\x04%d cat", "ctx\x04%d cats"): ("%d chat", "%d chats"),
            "Only in fr": "Seulement en fr",
            "Yes": "Oui",
        },
        FRENCH_PLURAL,
    )
    compile_catalog(
        root,
        "pl",
        {("%d file", "%d files"): ("%d plik", "%d pliki", "%d plików")},
        POLISH_PLURAL,
    )
    compile_catalog(root, "de", {"Hello": "Hallo"})
    compile_catalog(root, "pt", {"Hello": "Olá", "Bye": "Tchau"})
    compile_catalog(root, "pt_BR", {"Hello": "Oi"})
    with override_settings(LOCALE_PATHS=[str(root)]):
        yield root
    deactivate()


def test_gettext_without_catalog_is_identity():
    assert gettext("Hello") == "Hello"
    assert ngettext("apple", "apples", 1) == "apple"
    assert ngettext("apple", "apples", 2) == "apples"
    assert ngettext("apple", "apples", 0) == "apples"
    assert get_language() == "en-us"


def test_gettext_with_compiled_catalog(locale_dir):
    activate("fr")
    assert get_language() == "fr"
    assert gettext("Hello") == "Bonjour"
    assert gettext("Unknown") == "Unknown"
    # Windows and old-Mac line ends are normalised before look-up.
    assert gettext("Line one\r\nline two") == "Ligne un\nligne deux"
    assert gettext("Line one\rline two") == "Ligne un\nligne deux"
    assert gettext("") == ""


def test_ngettext_uses_catalog_plural_rule(locale_dir):
    activate("fr")
    # French: 0 and 1 are singular.
    assert ngettext("%(num)d apple", "%(num)d apples", 0) == "%(num)d pomme"
    assert ngettext("%(num)d apple", "%(num)d apples", 1) == "%(num)d pomme"
    assert ngettext("%(num)d apple", "%(num)d apples", 2) == "%(num)d pommes"
    assert ngettext("x", "xs", 5) == "xs"
    activate("pl")
    assert [ngettext("%d file", "%d files", n) % n for n in (1, 2, 5, 22, 25)] == [
        "1 plik",
        "2 pliki",
        "5 plików",
        "22 pliki",
        "25 plików",
    ]


def test_fractional_counts_round_away_from_one(locale_dir):
    assert ngettext("apple", "apples", 1.0) == "apple"
    assert ngettext("apple", "apples", 1.5) == "apples"
    assert translation.round_away_from_one(1.5) == 2
    assert translation.round_away_from_one(0.5) == 0
    assert translation.round_away_from_one(1) == 1
    assert translation.round_away_from_one(-0.5) == -1


def test_pgettext_and_npgettext(locale_dir):
    activate("fr")
    assert pgettext("month", "May") == "mai"
    assert pgettext("verb", "May") == "May"
    assert npgettext("ctx", "%d cat", "%d cats", 1) == "%d chat"
    assert npgettext("ctx", "%d cat", "%d cats", 3) == "%d chats"
    assert npgettext("other", "%d cat", "%d cats", 3) == "%d cats"


def test_safe_strings_stay_safe(locale_dir):
    activate("fr")
    result = gettext(mark_safe("Hello"))
    assert result == "Bonjour" and isinstance(result, SafeString)
    assert isinstance(pgettext("month", mark_safe("May")), SafeString)
    assert not isinstance(gettext("Hello"), SafeString)


def test_regional_catalog_then_generic_then_default(locale_dir):
    activate("pt-br")
    assert get_language() == "pt-br"
    assert gettext("Hello") == "Oi"  # pt_BR wins over pt
    assert gettext("Bye") == "Tchau"  # pt fills the gaps
    assert gettext("Only in fr") == "Only in fr"


def test_fallback_to_language_code(locale_dir):
    with override_settings(LANGUAGE_CODE="fr"):
        activate("de")
        assert gettext("Hello") == "Hallo"
        assert gettext("Yes") == "Oui"  # from the LANGUAGE_CODE catalog
        deactivate()
        assert get_language() == "fr"
        assert gettext("Hello") == "Bonjour"


def test_locale_paths_precedence(tmp_path):
    first = compile_catalog(tmp_path / "first", "de", {"Hello": "Hallo eins"})
    second = compile_catalog(tmp_path / "second", "de", {"Hello": "Hallo zwei", "Bye": "Tschüss"})
    with override_settings(LOCALE_PATHS=[str(first), str(second)]), translation.override("de"):
        assert gettext("Hello") == "Hallo eins"
        assert gettext("Bye") == "Tschüss"


def test_catalogs_with_different_plural_rules_are_kept_apart(tmp_path):
    a = compile_catalog(
        tmp_path / "a", "fr", {("%d x", "%d xs"): ("%d X-a", "%d Xs-a")}, FRENCH_PLURAL
    )
    b = compile_catalog(
        tmp_path / "b",
        "fr",
        {("%d y", "%d ys"): ("%d Y0", "%d Y1", "%d Y2")},
        POLISH_PLURAL,
    )
    with override_settings(LOCALE_PATHS=[str(a), str(b)]), translation.override("fr"):
        assert ngettext("%d x", "%d xs", 0) == "%d X-a"  # French rule: 0 is singular
        assert ngettext("%d y", "%d ys", 5) == "%d Y2"  # Polish-style rule kept for b's messages


def test_lazy_strings_evaluate_at_use(locale_dir):
    hello = gettext_lazy("Hello")
    may = pgettext_lazy("month", "May")
    assert str(hello) == "Hello"
    with translation.override("fr"):
        assert str(hello) == "Bonjour"
        assert hello == "Bonjour"
        assert f"{hello}!" == "Bonjour!"
        assert str(may) == "mai"
        assert "%s" % hello == "Bonjour"  # noqa: UP031 - lazy %-interpolation
        assert hello.upper() == "BONJOUR"
    with translation.override("de"):
        assert str(hello) == "Hallo"
    assert copy.deepcopy(hello) is hello
    assert str(pickle.loads(pickle.dumps(hello))) == "Hello"


def test_lazy_string_interpolation(locale_dir):
    greeting = gettext_lazy("%(name)s is here")
    assert greeting % {"name": "Ann"} == "Ann is here"


def test_ngettext_lazy_with_fixed_number(locale_dir):
    apples = ngettext_lazy("%(num)d apple", "%(num)d apples", 3)
    with translation.override("fr"):
        assert apples % {"num": 3} == "3 pommes"
    assert str(apples) == "%(num)d apples"


def test_ngettext_lazy_number_from_key(locale_dir):
    apples = ngettext_lazy("%(num)d apple", "%(num)d apples", "num")
    assert apples % {"num": 1} == "1 apple"
    assert apples % {"num": 4} == "4 apples"
    with translation.override("fr"):
        assert apples % {"num": 0} == "0 pomme"
        assert apples % {"num": 4} == "4 pommes"
    with pytest.raises(KeyError, match="Your dictionary lacks key 'num'"):
        apples % {"count": 2}
    assert bool(apples)


def test_ngettext_lazy_number_from_rhs_and_missing_placeholder(locale_dir):
    files = ngettext_lazy("%d file", "%d files")
    assert files % 1 == "1 file"
    assert files % 7 == "7 files"
    # The singular has no placeholder: interpolation is skipped, not an error.
    one = ngettext_lazy("one apple", "%(num)d apples", "num")
    with translation.override("fr"):
        assert one % {"num": 1} == "une pomme"
        assert one % {"num": 3} == "3 pommes"


def test_ngettext_lazy_format(locale_dir):
    keyed = ngettext_lazy("{num} apple", "{num} apples", "num")
    assert keyed.format(num=1) == "1 apple"
    assert keyed.format(num=2) == "2 apples"
    positional = ngettext_lazy("{} apple", "{} apples")
    assert positional.format(5) == "5 apples"


def test_npgettext_lazy(locale_dir):
    cats = npgettext_lazy("ctx", "%(n)d cat", "%(n)d cats", "n")
    assert cats % {"n": 2} == "2 cats"
    fixed = npgettext_lazy("ctx", "%d cat", "%d cats", 2)
    with translation.override("fr"):
        assert str(fixed) == "%d chats"


def test_override_nesting_deactivate_and_decorator(locale_dir):
    activate("de")
    with translation.override("fr"):
        assert get_language() == "fr"
        with translation.override(None):
            assert get_language() is None
            assert gettext("Hello") == "Hello"
        assert get_language() == "fr"
    assert get_language() == "de"
    with translation.override("fr", deactivate=True):
        assert gettext("Hello") == "Bonjour"
    assert get_language() == "en-us"

    @translation.override("fr")
    def greet():
        return gettext("Hello")

    assert greet() == "Bonjour"
    assert get_language() == "en-us"


def test_override_inside_deactivate_all_restores_it():
    deactivate_all()
    try:
        assert get_language() is None
        with translation.override("fr"):
            assert get_language() == "fr"
        assert get_language() is None
    finally:
        deactivate()


def test_activation_isolated_between_tasks_and_threads(locale_dir):
    results = {}

    async def worker(lang):
        with translation.override(lang):
            await asyncio.sleep(0.01)
            results[lang] = gettext("Hello")

    async def main():
        await asyncio.gather(worker("fr"), worker("de"))

    asyncio.run(main())
    assert results == {"fr": "Bonjour", "de": "Hallo"}

    activate("fr")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(get_language()))
    thread.start()
    thread.join()
    assert seen == ["en-us"]
    assert get_language() == "fr"


def test_setting_change_resets_activation(locale_dir):
    activate("fr")
    with override_settings(LANGUAGE_CODE="de"):
        assert get_language() == "de"
        assert gettext("Hello") == "Hallo"


def test_use_i18n_false_is_identity(locale_dir):
    with override_settings(USE_I18N=False):
        activate("fr")
        assert gettext("Hello") == "Hello"
        assert ngettext("a", "b", 1) == "a" and ngettext("a", "b", 2) == "b"
        assert get_language() == "en-us"
        assert translation.check_for_language("xx") is True
        assert translation.get_supported_language_variant("en-us") == "en-us"
        with pytest.raises(LookupError):
            translation.get_supported_language_variant("fr")
        assert translation.get_language_from_path("/fr/") is None


def test_get_language_bidi():
    assert translation.get_language_bidi() is False
    with translation.override("he"):
        assert translation.get_language_bidi() is True
    with translation.override("ar-dz"):
        assert translation.get_language_bidi() is True
    with translation.override(None):
        assert translation.get_language_bidi() is False


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-us", "en_US"),
        ("EN-US", "en_US"),
        ("en_US", "en_US"),
        ("sr-latn", "sr_Latn"),
        ("zh-hans", "zh_Hans"),
        ("ca-es-valencia", "ca_ES-valencia"),
        ("de-ch-1901", "de_CH-1901"),
    ],
)
def test_to_locale(language, locale):
    assert translation.to_locale(language) == locale


@pytest.mark.parametrize(
    ("locale", "language"),
    [("en_US", "en-us"), ("sr_Lat", "sr-lat"), ("pt_BR", "pt-br"), ("de", "de"), ("EN", "en")],
)
def test_to_language(locale, language):
    assert translation.to_language(locale) == language


def test_check_for_language(locale_dir):
    for code in ("en", "en-us", "EN-US", "de", "fr", "pt-br", "tr-TR", "sr-latn"):
        assert translation.check_for_language(code), code
    for code in ("xx", "xx-yy", "en-", "de-DE.utf-8", "../etc", "", None):
        assert not translation.check_for_language(code), code


def test_check_for_language_sees_custom_catalogs(tmp_path):
    root = compile_catalog(tmp_path / "loc", "xx", {"Hello": "Xello"})
    assert not translation.check_for_language("xx")
    with override_settings(LOCALE_PATHS=[str(root)]):
        assert translation.check_for_language("xx")


def test_get_supported_language_variant():
    languages = [
        ("de", "German"),
        ("es", "Spanish"),
        ("es-ar", "Argentinian Spanish"),
        ("pt-br", "Brazilian Portuguese"),
        ("zh-hans", "Simplified Chinese"),
    ]
    with override_settings(LANGUAGES=languages):
        gslv = translation.get_supported_language_variant
        assert gslv("de") == "de"
        assert gslv("de-at") == "de"
        assert gslv("es-ar") == "es-ar"
        assert gslv("es-mx") == "es"
        assert gslv("pt") == "pt-br"
        assert gslv("zh-cn") == "zh-hans"  # through LANG_INFO's fallback
        with pytest.raises(LookupError):
            gslv("pt", strict=True)
        with pytest.raises(LookupError):
            gslv("fr")
        with pytest.raises(LookupError):
            gslv("")
        with pytest.raises(LookupError):
            gslv("de-" + "x" * 600, strict=True)
        assert gslv("de-" + "x" * 600) == "de"


def test_get_language_from_path():
    with override_settings(
        LANGUAGES=[("en", "English"), ("de", "German"), ("pt-br", "Portuguese")]
    ):
        assert translation.get_language_from_path("/de/") == "de"
        assert translation.get_language_from_path("/de") == "de"
        assert translation.get_language_from_path("/de-at/page/") == "de"
        assert translation.get_language_from_path("/pt-br/") == "pt-br"
        assert translation.get_language_from_path("/pt/", strict=True) is None
        assert translation.get_language_from_path("/fr/") is None
        assert translation.get_language_from_path("/") is None
        assert translation.get_language_from_path("/dex/") is None


def request(cookie=None, accept="", path="/"):
    cookies = {} if cookie is None else {"django_language": cookie}
    return SimpleNamespace(COOKIES=cookies, META={"HTTP_ACCEPT_LANGUAGE": accept}, path_info=path)


def test_get_language_from_request():
    langs = [("en", "English"), ("de", "German"), ("es", "Spanish"), ("pt-br", "Portuguese")]
    with override_settings(LANGUAGES=langs, LANGUAGE_CODE="en"):
        glfr = translation.get_language_from_request
        assert glfr(request(accept="de-at,de;q=0.8,en;q=0.5")) == "de"
        assert glfr(request(accept="fr;q=0.9, es;q=0.8")) == "es"
        assert glfr(request(accept="pt")) == "pt-br"
        assert glfr(request(accept="fr, *;q=0.1")) == "en"
        assert glfr(request(accept="garbage;;;")) == "en"
        assert glfr(request(cookie="es", accept="de")) == "es"
        assert glfr(request(cookie="xx", accept="de")) == "de"
        assert glfr(request(accept="de", path="/es/page/"), check_path=True) == "es"
        assert glfr(request(accept="de", path="/es/page/")) == "de"


def test_parse_accept_lang_header():
    parse = trans_real.parse_accept_lang_header
    assert parse("de") == (("de", 1.0),)
    assert parse("en-AU") == (("en-au", 1.0),)
    assert parse("es-419") == (("es-419", 1.0),)
    assert parse("*") == (("*", 1.0),)
    assert parse("en-us;q=0.8, es, de;q=0.9") == (("es", 1.0), ("de", 0.9), ("en-us", 0.8))
    assert parse("en;q=1.0") == (("en", 1.0),)
    assert parse("en,") == (("en", 1.0),)
    for bad in ("en;q=1.1", "en;q=0.1234", "en gb", "12-345", "", "en;q", "de;q=0.8;"):
        assert parse(bad) == (), bad
    long_header = ",".join(["de"] * 300)
    assert 0 < len(parse(long_header)) < 300


def test_get_language_info():
    info = translation.get_language_info("de")
    assert (info["code"], info["name"], info["name_local"], info["bidi"]) == (
        "de",
        "German",
        "Deutsch",
        False,
    )
    assert str(info["name_translated"]) == "German"
    assert translation.get_language_info("en-us")["code"] == "en"
    assert translation.get_language_info("he")["bidi"] is True
    assert translation.get_language_info("zh-my")["code"] == "zh-hans"
    assert translation.get_language_info("zh-hk")["code"] == "zh-hant"
    with pytest.raises(KeyError, match="Unknown language code xx."):
        translation.get_language_info("xx")
    with pytest.raises(KeyError, match="Unknown language code xx-xx and xx."):
        translation.get_language_info("xx-xx")


def test_every_configured_language_has_info():
    from nuages.conf import global_settings

    for code, name in global_settings.LANGUAGES:
        info = translation.get_language_info(code)
        assert info["code"] == code and info["name"] == name
        assert info["bidi"] == (code in global_settings.LANGUAGES_BIDI)


def test_name_translated_uses_catalog(tmp_path):
    root = compile_catalog(tmp_path / "loc", "fr", {"German": "Allemand"})
    with override_settings(LOCALE_PATHS=[str(root)]), translation.override("fr"):
        assert translation.get_language_info("de")["name_translated"] == "Allemand"


def test_trim_whitespace():
    assert translation.trim_whitespace("  a\n   b \n\n c  ") == "a b c"


def test_gettext_noop():
    assert translation.gettext_noop("Hello") == "Hello"

"""The per-request URLconf, script prefix, caches, is_valid_path() and translate_url()."""

import asyncio
import threading

import pytest
from url_fixtures import views

from nuages.test.utils import override_settings
from nuages.urls import (
    LocalePrefixPattern,
    Resolver404,
    URLResolver,
    base,
    clear_script_prefix,
    clear_url_caches,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    is_valid_path,
    path,
    resolve,
    reverse,
    set_script_prefix,
    set_urlconf,
    translate_url,
)
from nuages.utils import _script_prefix, translation


def test_public_names():
    import nuages.urls

    assert nuages.urls.__all__ == sorted(nuages.urls.__all__)
    for name in nuages.urls.__all__:
        assert getattr(nuages.urls, name) is not None
    assert base.get_script_prefix is _script_prefix.get_script_prefix


def test_set_urlconf_switches_resolution():
    assert get_urlconf() is None
    assert get_urlconf("fallback") == "fallback"
    set_urlconf("url_fixtures.namespace_urls")
    assert get_urlconf() == "url_fixtures.namespace_urls"
    assert resolve("/normal/").url_name == "normal"
    assert reverse("normal") == "/normal/"
    with pytest.raises(Resolver404):
        resolve("/about/")
    set_urlconf(None)
    assert get_urlconf() is None
    assert resolve("/about/").url_name == "about"


def test_urlconf_is_per_thread():
    set_urlconf("url_fixtures.namespace_urls")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(get_urlconf()))
    thread.start()
    thread.join()
    assert seen == [None]
    assert get_urlconf() == "url_fixtures.namespace_urls"


def test_urlconf_is_per_task():
    async def task(conf):
        set_urlconf(conf)
        await asyncio.sleep(0)
        return get_urlconf(), reverse("normal") if conf else reverse("about")

    async def main():
        return await asyncio.gather(task("url_fixtures.namespace_urls"), task(None))

    assert asyncio.run(main()) == [("url_fixtures.namespace_urls", "/normal/"), (None, "/about/")]


def test_root_urlconf_setting_is_read_each_time():
    assert resolve("/about/").url_name == "about"
    with override_settings(ROOT_URLCONF="url_fixtures.namespace_urls"):
        assert resolve("/normal/").url_name == "normal"
    assert resolve("/about/").url_name == "about"


def test_get_resolver_is_cached_until_cleared():
    resolver = get_resolver()
    assert get_resolver() is resolver
    assert get_resolver("url_fixtures.urls") is resolver
    clear_url_caches()
    assert get_resolver() is not resolver


def test_clear_url_caches_picks_up_new_patterns():
    class Conf:
        urlpatterns = [path("one/", views.empty_view, name="one")]

    assert reverse("one", Conf) == "/one/"
    Conf.urlpatterns = [path("two/", views.empty_view, name="one")]
    assert reverse("one", Conf) == "/one/"  # still cached
    clear_url_caches()
    assert reverse("one", Conf) == "/two/"


def test_script_prefix_functions():
    assert get_script_prefix() == "/"
    set_script_prefix("/app")
    assert get_script_prefix() == "/app/"
    assert reverse("about") == "/app/about/"
    # Resolving does not involve the prefix: the handler strips it first.
    assert resolve("/about/").url_name == "about"
    clear_script_prefix()
    assert get_script_prefix() == "/"


def test_is_valid_path():
    match = is_valid_path("/about/")
    assert match and match.url_name == "about"
    assert is_valid_path("/nope/") is False
    assert is_valid_path("/normal/", "url_fixtures.namespace_urls").url_name == "normal"


I18N_SETTINGS = {"LANGUAGE_CODE": "en", "LANGUAGES": [("en", "English"), ("fr", "French")]}


class I18nConf:
    urlpatterns = [
        URLResolver(
            LocalePrefixPattern(),
            [
                path("page/<int:n>/", views.empty_view, name="page"),
                path("ns/", (([path("x/", views.empty_view, name="x")]), "app", "ns")),
            ],
        ),
        path("plain/", views.empty_view, name="plain"),
    ]


def test_translate_url():
    set_urlconf(I18nConf)
    with override_settings(**I18N_SETTINGS), translation.override("en"):
        assert translate_url("/en/page/3/", "fr") == "/fr/page/3/"
        assert translate_url("/en/ns/x/", "fr") == "/fr/ns/x/"
        assert translate_url("https://example.com/en/page/3/?a=1#frag", "fr") == (
            "https://example.com/fr/page/3/?a=1#frag"
        )
        assert translate_url("/plain/", "fr") == "/plain/"
        assert translate_url("/nowhere/", "fr") == "/nowhere/"
        # Reversing follows the active language, one table per language.
        assert reverse("page", args=[1]) == "/en/page/1/"
        with translation.override("fr"):
            assert reverse("page", args=[1]) == "/fr/page/1/"
            assert reverse("ns:x") == "/fr/ns/x/"
        assert reverse("page", args=[1]) == "/en/page/1/"

"""i18n_patterns(): URL patterns prefixed with the active language code, and set_language's URL.

Like conf.urls.static, Django's public path puts this helper under conf, above the urls and
views layers it builds on.
"""

from __future__ import annotations

import functools
from typing import Any

from nuages.conf import settings
from nuages.core.signals import setting_changed
from nuages.urls import LocalePrefixPattern, URLResolver, get_resolver, path
from nuages.views.i18n import set_language

__all__ = ["i18n_patterns", "is_language_prefix_patterns_used", "urlpatterns"]


def i18n_patterns(*urls: Any, prefix_default_language: bool = True) -> list[Any]:
    """Put ``urls`` under a '<language>/' prefix (none for LANGUAGE_CODE if not
    ``prefix_default_language``). With USE_I18N off the patterns are returned unprefixed."""
    if not settings.USE_I18N:
        return list(urls)
    return [
        URLResolver(
            LocalePrefixPattern(prefix_default_language=prefix_default_language), list(urls)
        )
    ]


@functools.cache
def is_language_prefix_patterns_used(urlconf: Any) -> tuple[bool, bool]:
    """(whether the root URLconf uses i18n_patterns(), whether it prefixes the default language)."""
    for url_pattern in get_resolver(urlconf).url_patterns:
        if isinstance(url_pattern.pattern, LocalePrefixPattern):
            return True, url_pattern.pattern.prefix_default_language
    return False, False


def _clear_cache(*, setting: str, **kwargs: Any) -> None:
    if setting in {"ROOT_URLCONF", "USE_I18N", "LANGUAGE_CODE"}:
        is_language_prefix_patterns_used.cache_clear()


setting_changed.connect(_clear_cache, dispatch_uid="nuages.conf.urls.i18n")

urlpatterns = [path("setlang/", set_language, name="set_language")]

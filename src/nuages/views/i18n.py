"""Internationalization views: set_language, and the message catalogs for JavaScript."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from nuages.apps import apps
from nuages.conf import settings
from nuages.http import HttpResponse, HttpResponseRedirect, JsonResponse
from nuages.urls import translate_url
from nuages.utils.formats import FORMAT_SETTINGS, get_format
from nuages.utils.http import url_has_allowed_host_and_scheme
from nuages.utils.translation import check_for_language, get_language
from nuages.utils.translation.trans_real import NuagesTranslation
from nuages.views.generic.base import View

__all__ = [
    "LANGUAGE_QUERY_PARAMETER",
    "JSONCatalog",
    "JavaScriptCatalog",
    "get_formats",
    "set_language",
]

LANGUAGE_QUERY_PARAMETER = "language"


def _safe_next(request: Any, url: str | None) -> bool:
    return url_has_allowed_host_and_scheme(
        url=url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def set_language(request: Any) -> HttpResponse:
    """Store the POSTed ``language`` in the language cookie and redirect to ``next``.

    ``next`` (POST or GET) must be a safe URL, else the Referer is used, else '/'. Without
    ``next`` a request that does not accept HTML gets an empty 204. When ``next`` resolves,
    it is translated into the new language (its i18n_patterns prefix changes).
    """
    next_url = request.POST.get("next", request.GET.get("next"))
    if (next_url or request.accepts("text/html")) and not _safe_next(request, next_url):
        next_url = request.META.get("HTTP_REFERER")
        if not _safe_next(request, next_url):
            next_url = "/"
    response = HttpResponseRedirect(next_url) if next_url else HttpResponse(status=204)
    if request.method == "POST":
        lang_code = request.POST.get(LANGUAGE_QUERY_PARAMETER)
        if lang_code and check_for_language(lang_code):
            if next_url:
                translated = translate_url(next_url, lang_code)
                if translated != next_url:
                    response = HttpResponseRedirect(translated)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                lang_code,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
    return response


def get_formats() -> dict[str, Any]:
    """Every format setting's value in the active language."""
    return {name: get_format(name) for name in sorted(FORMAT_SETTINGS)}


class JavaScriptCatalog(View):
    """A JavaScript file defining gettext(), ngettext(), pgettext(), npgettext(), interpolate(),
    get_format() and pluralidx() from the ``djangojs`` catalogs of the active language.

    ``packages`` (a '+'-joined string of installed app names) limits the catalogs to those
    apps' ``locale/`` directories (LOCALE_PATHS always count).
    """

    domain = "djangojs"
    packages: list[str] | str | None = None

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        locale = get_language()
        domain = kwargs.get("domain", self.domain)
        packages = kwargs.get("packages", "")
        packages = packages.split("+") if packages else self.packages
        paths = self.get_paths(packages) if packages else None
        self.translation = NuagesTranslation(locale, domain=domain, localedirs=paths)
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_paths(self, packages: list[str] | str) -> list[str]:
        if isinstance(packages, str):
            packages = packages.split("+")
        installed = {app_config.name: app_config for app_config in apps.get_app_configs()}
        unknown = [p for p in packages if p not in installed]
        if unknown:
            raise ValueError(
                f"Invalid package(s) provided to JavaScriptCatalog: {','.join(unknown)}"
            )
        return [os.path.join(installed[p].path, "locale") for p in packages]

    @property
    def _plural_string(self) -> str | None:
        return self.translation.info().get("plural-forms")

    @property
    def _num_plurals(self) -> int:
        match = re.search(r"nplurals=\s*(\d+)", self._plural_string or "")
        return int(match[1]) if match else 2

    def get_plural(self) -> str | None:
        """The C expression of the plural rule ('n != 1'), or None without a catalog."""
        plural = self._plural_string
        if plural is None:
            return None
        for part in plural.split(";"):
            part = part.strip()
            if part.startswith("plural="):
                return part.split("=", 1)[1]
        return None

    def get_catalog(self) -> dict[str, Any]:
        """{msgid: msgstr} and {msgid: [plural forms]}, fallbacks included, first found wins."""
        catalog: dict[str, Any] = {}
        plurals: dict[str, dict[int, str]] = {}
        seen: set = set()
        trans: Any = self.translation
        while trans is not None:
            for key, value in trans._catalog.items():
                if key == "" or key in seen:
                    continue
                seen.add(key)
                if isinstance(key, str):
                    catalog.setdefault(key, value)
                else:
                    msgid, index = key
                    plurals.setdefault(msgid, {}).setdefault(index, value)
            trans = getattr(trans, "_fallback", None)
        count = self._num_plurals
        for msgid, forms in plurals.items():
            catalog[msgid] = [forms.get(i, "") for i in range(count)]
        return catalog

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            "catalog": self.get_catalog(),
            "formats": get_formats(),
            "plural": self.get_plural(),
        }

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        def dump(value: Any) -> str:
            # Safe inside <script>: no literal '<', '>' or '&'.
            text = json.dumps(value, sort_keys=True, indent=2)
            return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

        source = _JS_TEMPLATE.replace("/*CATALOG*/", dump(context["catalog"]))
        source = source.replace("/*FORMATS*/", dump(context["formats"]))
        source = source.replace("/*PLURAL*/", context["plural"] or "n != 1")
        return HttpResponse(source, content_type='text/javascript; charset="utf-8"')


class JSONCatalog(JavaScriptCatalog):
    """The same data as JavaScriptCatalog, as JSON: {"catalog", "formats", "plural"}."""

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> HttpResponse:
        return JsonResponse(context)


# Defines the functions on a global ``django`` object (the name client code expects), once.
_JS_TEMPLATE = """'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  django.pluralidx = function(n) {
    const v = (/*PLURAL*/);
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  };

  django.catalog = django.catalog || {};
  const newcatalog = /*CATALOG*/;
  for (const key in newcatalog) {
    django.catalog[key] = newcatalog[key];
  }

  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') {
        return msgid;
      }
      return typeof value === 'string' ? value : value[0];
    };

    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') {
        return count == 1 ? singular : plural;
      }
      return value.constructor === Array ? value[django.pluralidx(count)] : value;
    };

    django.gettext_noop = function(msgid) { return msgid; };

    django.pgettext = function(context, msgid) {
      let value = django.gettext(context + '\\x04' + msgid);
      if (value.includes('\\x04')) {
        value = msgid;
      }
      return value;
    };

    django.npgettext = function(context, singular, plural, count) {
      let value = django.ngettext(context + '\\x04' + singular, context + '\\x04' + plural, count);
      if (value.includes('\\x04')) {
        value = django.ngettext(singular, plural, count);
      }
      return value;
    };

    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\\(\\w+\\)s/g, function(match) { return String(obj[match.slice(2, -2)]); });
      }
      return fmt.replace(/%s/g, function() { return String(obj.shift()); });
    };

    django.formats = /*FORMATS*/;

    django.get_format = function(format_type) {
      const value = django.formats[format_type];
      return typeof value === 'undefined' ? format_type : value;
    };

    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;
    globals.gettext_noop = django.gettext_noop;
    globals.pgettext = django.pgettext;
    globals.npgettext = django.npgettext;
    globals.interpolate = django.interpolate;
    globals.get_format = django.get_format;

    django.jsi18n_initialized = true;
  }
};
"""

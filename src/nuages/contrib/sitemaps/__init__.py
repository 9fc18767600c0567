"""Sitemaps: the XML files search engines read (https://www.sitemaps.org/)."""

from __future__ import annotations

from typing import Any

from nuages.apps import apps as global_apps
from nuages.conf import settings
from nuages.core import paginator
from nuages.core.exceptions import ImproperlyConfigured
from nuages.utils import translation

__all__ = ["GenericSitemap", "Sitemap"]


class Sitemap:
    """One section of a sitemap: ``items()`` and, per item, location, lastmod, changefreq,
    priority (attributes, or methods taking the item)."""

    # The sitemaps protocol allows 50,000 URLs per file.
    limit = 50000
    # None: the protocol of the request (or https when there is none).
    protocol: str | None = None
    # With i18n, every item is listed once per language (``languages`` or LANGUAGES).
    i18n = False
    languages: list[str] | None = None
    # Whether each URL lists its other languages, and an x-default for LANGUAGE_CODE.
    alternates = False
    x_default = False

    def _get(self, name: str, item: Any, default: Any = None) -> Any:
        try:
            attr = getattr(self, name)
        except AttributeError:
            return default
        if callable(attr):
            if self.i18n:
                # i18n items are (item, language code) pairs; the hooks get the item.
                item, _lang_code = item
            return attr(item)
        return attr

    def get_languages_for_item(self, item: Any) -> list[str]:
        """The languages an item is listed in (all of ``languages`` by default)."""
        return self._languages()

    def _languages(self) -> list[str]:
        if self.languages is not None:
            return self.languages
        return [code for code, _name in settings.LANGUAGES]

    def _items(self) -> Any:
        if self.i18n:
            return [
                (item, code) for item in self.items() for code in self.get_languages_for_item(item)
            ]
        return self.items()

    def _location(self, item: Any, force_lang_code: str | None = None) -> str:
        if self.i18n:
            _obj, lang_code = item
            # The location is reversed in the item's language (i18n_patterns prefixes).
            with translation.override(force_lang_code or lang_code):
                return self._get("location", item)
        return self._get("location", item)

    @property
    def paginator(self) -> paginator.Paginator:
        return paginator.Paginator(self._items(), self.limit)

    def items(self) -> Any:
        return []

    def location(self, item: Any) -> str:
        return item.get_absolute_url()

    def get_protocol(self, protocol: str | None = None) -> str:
        return self.protocol or protocol or "https"

    def get_domain(self, site: Any = None) -> str:
        if site is None and global_apps.is_installed("nuages.contrib.sites"):
            # Imported here: the model needs the app registry (see sites.shortcuts).
            from nuages.contrib.sites.models import Site

            try:
                site = Site.objects.get_current()
            except Site.DoesNotExist:
                pass
        if site is None:
            raise ImproperlyConfigured(
                "To use sitemaps, either enable the sites framework or pass a Site/RequestSite "
                "object in your view."
            )
        return site.domain

    def get_urls(self, page: Any = 1, site: Any = None, protocol: str | None = None) -> list:
        """The URL entries of one page: dicts with item, location, lastmod, changefreq,
        priority and alternates."""
        return self._urls(page, self.get_protocol(protocol), self.get_domain(site))

    def get_latest_lastmod(self) -> Any:
        """The latest lastmod of the items (None when any item has none, or no lastmod)."""
        if not hasattr(self, "lastmod"):
            return None
        if callable(self.lastmod):
            try:
                return max((self.lastmod(item) for item in self.items()), default=None)
            except TypeError:
                return None
        return self.lastmod

    def _alternates(self, item: Any, protocol: str, domain: str) -> list[dict[str, str]]:
        languages = self.get_languages_for_item(item[0])
        result = [
            {"location": f"{protocol}://{domain}{self._location(item, code)}", "lang_code": code}
            for code in languages
        ]
        if self.x_default and settings.LANGUAGE_CODE in languages:
            code = settings.LANGUAGE_CODE
            location = f"{protocol}://{domain}{self._location(item, code)}"
            # x-default is the default language's URL without its language prefix.
            location = location.replace(f"/{code}/", "/", 1)
            result.append({"location": location, "lang_code": "x-default"})
        return result

    def _urls(self, page: Any, protocol: str, domain: str) -> list[dict[str, Any]]:
        urls = []
        latest = None
        every_item_dated = True
        for item in self.paginator.page(page).object_list:
            priority = self._get("priority", item)
            lastmod = self._get("lastmod", item)
            if every_item_dated:
                every_item_dated = lastmod is not None
                if every_item_dated and (latest is None or lastmod > latest):
                    latest = lastmod
            urls.append(
                {
                    "item": item,
                    "location": f"{protocol}://{domain}{self._location(item)}",
                    "lastmod": lastmod,
                    "changefreq": self._get("changefreq", item),
                    "priority": str(priority if priority is not None else ""),
                    "alternates": (
                        self._alternates(item, protocol, domain)
                        if self.i18n and self.alternates
                        else []
                    ),
                }
            )
        if every_item_dated and latest:
            self.latest_lastmod = latest
        return urls


class GenericSitemap(Sitemap):
    """A sitemap of a queryset: ``info_dict = {"queryset": ..., "date_field": ...}``."""

    priority = None
    changefreq = None

    def __init__(
        self,
        info_dict: dict[str, Any],
        priority: Any = None,
        changefreq: str | None = None,
        protocol: str | None = None,
    ) -> None:
        self.queryset = info_dict["queryset"]
        self.date_field = info_dict.get("date_field")
        self.priority = self.priority or priority
        self.changefreq = self.changefreq or changefreq
        self.protocol = self.protocol or protocol

    def items(self) -> Any:
        # A fresh queryset each time: the sitemap object lives as long as the URLconf.
        return self.queryset.filter()

    def lastmod(self, item: Any) -> Any:
        if self.date_field is not None:
            return getattr(item, self.date_field)
        return None

    def get_latest_lastmod(self) -> Any:
        if self.date_field is None:
            return None
        return (
            self.queryset.order_by("-" + self.date_field)
            .values_list(self.date_field, flat=True)
            .first()
        )

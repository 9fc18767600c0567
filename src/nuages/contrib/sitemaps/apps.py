"""The sitemaps app (its templates: sitemap.xml and sitemap_index.xml)."""

from __future__ import annotations

from nuages.apps import AppConfig
from nuages.utils.translation import gettext_lazy as _

__all__ = ["SiteMapsConfig"]


class SiteMapsConfig(AppConfig):
    name = "nuages.contrib.sitemaps"
    verbose_name = _("Site Maps")

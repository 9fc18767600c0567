"""The syndication app."""

from __future__ import annotations

from nuages.apps import AppConfig
from nuages.utils.translation import gettext_lazy as _

__all__ = ["SyndicationConfig"]


class SyndicationConfig(AppConfig):
    name = "nuages.contrib.syndication"
    verbose_name = _("Syndication")

"""The humanize app."""

from __future__ import annotations

from nuages.apps import AppConfig
from nuages.utils.translation import gettext_lazy as _

__all__ = ["HumanizeConfig"]


class HumanizeConfig(AppConfig):
    name = "nuages.contrib.humanize"
    verbose_name = _("Humanize")

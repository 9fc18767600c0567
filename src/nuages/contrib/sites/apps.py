"""The sites app: creates example.com after migrate and checks SITE_ID."""

from __future__ import annotations

from nuages.apps import AppConfig
from nuages.contrib.sites.checks import check_site_id
from nuages.contrib.sites.management import create_default_site
from nuages.core import checks
from nuages.db.models.signals import post_migrate
from nuages.utils.translation import gettext_lazy as _

__all__ = ["SitesConfig"]


class SitesConfig(AppConfig):
    default_auto_field = "nuages.db.models.AutoField"
    name = "nuages.contrib.sites"
    verbose_name = _("Sites")

    def ready(self) -> None:
        post_migrate.connect(create_default_site, sender=self)
        checks.register(check_site_id, "sites")

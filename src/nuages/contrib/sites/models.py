"""The Site model (table ``django_site``) and its manager, with a process-wide cache."""

from __future__ import annotations

import string
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured, ValidationError
from nuages.db import models
from nuages.db.models.signals import pre_delete, pre_save
from nuages.http.request import split_domain_port
from nuages.utils.translation import gettext_lazy as _

__all__ = ["SITE_CACHE", "Site", "SiteManager", "clear_site_cache"]

# Site objects by id and by host; cleared when a Site is saved or deleted.
SITE_CACHE: dict[Any, Site] = {}


def _simple_domain_name_validator(value: str) -> None:
    """No whitespace in a domain name."""
    if not value:
        return
    if any(ch in value for ch in string.whitespace):
        raise ValidationError(
            _("The domain name cannot contain any spaces or tabs."), code="invalid"
        )


class SiteManager(models.Manager):
    use_in_migrations = True

    def _get_site_by_id(self, site_id: Any) -> Site:
        if site_id not in SITE_CACHE:
            SITE_CACHE[site_id] = self.get(pk=site_id)
        return SITE_CACHE[site_id]

    def _get_site_by_request(self, request: Any) -> Site:
        host = request.get_host()
        try:
            # The host with its port first ('example.com:8000'), then without.
            if host not in SITE_CACHE:
                SITE_CACHE[host] = self.get(domain__iexact=host)
            return SITE_CACHE[host]
        except Site.DoesNotExist:
            domain, _port = split_domain_port(host)
            if domain not in SITE_CACHE:
                SITE_CACHE[domain] = self.get(domain__iexact=domain)
            return SITE_CACHE[domain]

    def get_current(self, request: Any = None) -> Site:
        """The Site of SITE_ID, or without it the one whose domain is the request's host."""
        site_id = getattr(settings, "SITE_ID", "")
        if site_id:
            return self._get_site_by_id(site_id)
        if request is not None:
            return self._get_site_by_request(request)
        raise ImproperlyConfigured(
            'You\'re using the Django "sites framework" without having set the SITE_ID '
            "setting. Create a site in your database and set the SITE_ID setting or pass a "
            "request to Site.objects.get_current() to fix this error."
        )

    def clear_cache(self) -> None:
        """Forget every cached Site."""
        SITE_CACHE.clear()

    def get_by_natural_key(self, domain: str) -> Site:
        return self.get(domain=domain)


class Site(models.Model):
    domain = models.CharField(
        _("domain name"),
        max_length=100,
        validators=[_simple_domain_name_validator],
        unique=True,
    )
    name = models.CharField(_("display name"), max_length=50)

    objects = SiteManager()

    class Meta:
        app_label = "sites"
        db_table = "django_site"
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def natural_key(self) -> tuple[str]:
        return (self.domain,)


def clear_site_cache(sender: Any, **kwargs: Any) -> None:
    """Drop a saved or deleted Site from the cache (by id and by its stored domain)."""
    instance = kwargs["instance"]
    using = kwargs["using"]
    SITE_CACHE.pop(instance.pk, None)
    SITE_CACHE.pop(instance.domain, None)
    try:
        SITE_CACHE.pop(Site.objects.using(using).get(pk=instance.pk).domain, None)
    except Site.DoesNotExist:
        pass


pre_save.connect(clear_site_cache, sender=Site)
pre_delete.connect(clear_site_cache, sender=Site)

"""The Site model and manager, RequestSite, get_current_site, the middleware and the hook."""

from __future__ import annotations

import types

import pytest

from nuages.contrib.sites import models as site_models
from nuages.contrib.sites.apps import SitesConfig
from nuages.contrib.sites.checks import check_site_id
from nuages.contrib.sites.management import create_default_site
from nuages.contrib.sites.middleware import CurrentSiteMiddleware
from nuages.contrib.sites.models import SITE_CACHE, Site
from nuages.contrib.sites.requests import RequestSite
from nuages.contrib.sites.shortcuts import get_current_site
from nuages.core.exceptions import ImproperlyConfigured, ValidationError
from nuages.http import HttpResponse
from nuages.test import RequestFactory
from nuages.test.utils import override_settings

rf = RequestFactory()
# The app is not in the tests' INSTALLED_APPS: the hook gets a registry that knows Site.
REGISTRY = types.SimpleNamespace(get_model=lambda app_label, name: Site)


def request_for(host):
    return rf.get("/", headers={"host": host})


def test_model_meta():
    assert Site._meta.db_table == "django_site"
    assert Site._meta.app_label == "sites"
    assert Site._meta.get_field("domain").unique
    assert str(Site(domain="example.org", name="x")) == "example.org"
    assert Site(domain="a.b").natural_key() == ("a.b",)


def test_domain_validator():
    with pytest.raises(ValidationError):
        Site(domain="bad domain", name="x").full_clean()
    with pytest.raises(ValidationError):
        Site(domain="bad\tdomain", name="x").full_clean()


def test_get_current_by_site_id(sync_db):
    site = Site.objects.create(domain="example.com", name="example")
    with override_settings(SITE_ID=site.pk):
        current = Site.objects.get_current()
        assert current.domain == "example.com"
        assert SITE_CACHE[site.pk] is current
        # Cached: no query on the second call.
        assert Site.objects.get_current() is current


def test_get_current_without_site_id_or_request():
    with override_settings(SITE_ID=None):
        with pytest.raises(ImproperlyConfigured, match="SITE_ID"):
            Site.objects.get_current()


def test_get_current_by_host(sync_db):
    site = Site.objects.create(domain="example.com", name="example")
    with override_settings(SITE_ID=None, ALLOWED_HOSTS=["*"]):
        assert Site.objects.get_current(request_for("example.com")) == site
        assert "example.com" in SITE_CACHE
        # The port is dropped when the host with its port is unknown.
        assert Site.objects.get_current(request_for("example.com:8000")) == site
        assert Site.objects.get_current(request_for("EXAMPLE.com")) == site
        with pytest.raises(Site.DoesNotExist):
            Site.objects.get_current(request_for("other.org"))


def test_cache_cleared_on_save_and_delete(sync_db):
    site = Site.objects.create(domain="example.com", name="example")
    with override_settings(SITE_ID=site.pk):
        Site.objects.get_current()
        assert site.pk in SITE_CACHE
        site.name = "changed"
        site.save()
        assert site.pk not in SITE_CACHE
        assert Site.objects.get_current().name == "changed"
        Site.objects.clear_cache()
        assert SITE_CACHE == {}
        Site.objects.get_current()
        site.delete()
        assert site.pk not in SITE_CACHE


def test_get_by_natural_key(sync_db):
    site = Site.objects.create(domain="example.com", name="example")
    assert Site.objects.get_by_natural_key("example.com") == site


def test_request_site():
    with override_settings(ALLOWED_HOSTS=["*"]):
        site = RequestSite(request_for("example.com:8080"))
    assert site.domain == site.name == "example.com:8080"
    assert str(site) == "example.com:8080"
    with pytest.raises(NotImplementedError, match="cannot be saved"):
        site.save()
    with pytest.raises(NotImplementedError, match="cannot be deleted"):
        site.delete()


def test_get_current_site_without_the_app():
    site = get_current_site(request_for("testserver"))
    assert isinstance(site, RequestSite)


def test_get_current_site_with_the_app(sync_db, monkeypatch):
    site = Site.objects.create(domain="example.com", name="example")
    monkeypatch.setattr(
        "nuages.contrib.sites.shortcuts.apps.is_installed",
        lambda name: name == "nuages.contrib.sites",
    )
    with override_settings(SITE_ID=site.pk):
        assert get_current_site(request_for("testserver")) == site
        request = request_for("testserver")
        CurrentSiteMiddleware(lambda r: HttpResponse())(request)
        assert request.site == site


def test_create_default_site(sync_db, capsys):
    with override_settings(SITE_ID=1):
        create_default_site(SitesConfig("nuages.contrib.sites", site_models), apps=REGISTRY)
    site = Site.objects.get()
    assert (site.pk, site.domain, site.name) == (1, "example.com", "example.com")
    assert "Creating example.com Site object" in capsys.readouterr().out
    # A second run leaves the table alone.
    create_default_site(None, verbosity=0, apps=REGISTRY)
    assert Site.objects.count() == 1
    # The sequence moved on: a new site gets another id.
    assert Site.objects.create(domain="b.org", name="b").pk != 1


def test_check_site_id():
    with override_settings(SITE_ID="1"):
        errors = check_site_id(None)
    assert [e.id for e in errors] == ["sites.E101"]
    assert errors[0].msg == "The SITE_ID setting must be an integer"
    with override_settings(SITE_ID=1):
        assert check_site_id(None) == []


def test_migrations_load():
    from importlib import import_module

    from nuages.contrib.sites.migrations import __name__ as package  # noqa: F401

    first = import_module("nuages.contrib.sites.migrations.0001_initial").Migration
    second = import_module("nuages.contrib.sites.migrations.0002_alter_domain_unique").Migration
    assert first.operations[0].name == "Site"
    assert second.dependencies == [("sites", "0001_initial")]

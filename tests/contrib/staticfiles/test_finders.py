"""Finding static files and the staticfiles checks."""

import os

import pytest

from nuages.contrib.staticfiles import finders
from nuages.contrib.staticfiles.checks import check_finders, check_storages
from nuages.core.exceptions import ImproperlyConfigured


def test_find_first_and_all(static_site):
    assert finders.find("css/site.css") == str(static_site / "first" / "css" / "site.css")
    assert finders.find("both.txt") == str(static_site / "first" / "both.txt")
    assert finders.find("img/logo.svg") == str(static_site / "second" / "logo.svg")
    assert finders.find("logo.svg") is None
    assert finders.find("missing.css") is None
    assert finders.find("missing.css", find_all=True) == []
    assert finders.find("css/site.css", find_all=True) == [
        str(static_site / "first" / "css" / "site.css")
    ]
    assert finders.searched_locations == [str(static_site / "first"), str(static_site / "second")]


def test_find_refuses_to_leave_the_directory(static_site):
    (static_site / "secret.txt").write_text("no")
    assert finders.find("../secret.txt") is None
    assert finders.find("img/../../secret.txt") is None


def test_list_files(static_site):
    finder = finders.FileSystemFinder()
    listed = sorted((path, storage.prefix or "") for path, storage in finder.list([]))
    assert listed == [
        ("both.txt", ""),
        ("both.txt", "img"),
        ("css/site.css", ""),
        ("logo.svg", "img"),
    ]
    assert sorted(p for p, _ in finder.list(["*.txt"])) == ["css/site.css", "logo.svg"]


def test_app_directories_finder(static_site, monkeypatch):
    from nuages.apps import apps

    class FakeApp:
        name = "fake"
        path = str(static_site / "fakeapp")

    os.makedirs(os.path.join(FakeApp.path, "static", "fake"))
    with open(os.path.join(FakeApp.path, "static", "fake", "app.js"), "w") as f:
        f.write("1;")
    monkeypatch.setattr(apps, "get_app_configs", lambda: [FakeApp()])
    finder = finders.AppDirectoriesFinder()
    assert finder.find("fake/app.js") == os.path.join(FakeApp.path, "static", "fake", "app.js")
    assert finder.find("fake/app.js", find_all=True) == [
        os.path.join(FakeApp.path, "static", "fake", "app.js")
    ]
    assert finder.find("nope.js") is None
    assert [p for p, _ in finder.list([])] == ["fake/app.js"]


def test_get_finder_rejects_non_finders():
    with pytest.raises(ImproperlyConfigured, match="is not a subclass of"):
        finders.get_finder("nuages.contrib.staticfiles.utils.check_settings")


def test_checks(static_site, settings_override):
    assert check_finders() == []
    settings_override(STATICFILES_DIRS="oops")
    finders.get_finder.cache_clear()
    assert [e.id for e in check_finders()] == ["staticfiles.E001"]
    root = str(static_site / "first")
    settings_override(
        STATICFILES_DIRS=[root, ("pre/", root), str(static_site / "nope")], STATIC_ROOT=root
    )
    finders.get_finder.cache_clear()
    ids = sorted(e.id for e in check_finders())
    assert ids == ["staticfiles.E002", "staticfiles.E002", "staticfiles.E003", "staticfiles.W004"]
    settings_override(STORAGES={"default": {}})
    assert [e.id for e in check_storages()] == ["staticfiles.E005"]

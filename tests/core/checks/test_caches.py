"""The cache checks: caches.E001, caches.W002 (deploy), caches.W003."""

import pytest

from nuages.core.checks import run_checks
from nuages.core.checks.caches import (
    check_cache_location_not_exposed,
    check_default_cache_is_configured,
    check_file_based_cache_is_absolute,
)
from nuages.test import override_settings

LOCMEM = "nuages.core.cache.backends.locmem.LocMemCache"
FILE = "nuages.core.cache.backends.filebased.FileBasedCache"


def ids(messages):
    return [m.id for m in messages]


def test_e001_no_default_cache():
    with override_settings(CACHES={"other": {"BACKEND": LOCMEM}}):
        errors = check_default_cache_is_configured(None)
        assert ids(errors) == ["caches.E001"]
        assert errors[0].msg == "You must define a 'default' cache in your CACHES setting."
        assert "caches.E001" in ids(run_checks(tags=["caches"]))
    with override_settings(CACHES={"default": {"BACKEND": LOCMEM}}):
        assert check_default_cache_is_configured(None) == []


@pytest.mark.parametrize(
    ("setting", "cache_dir", "relation"),
    [
        ("MEDIA_ROOT", "media", "matches"),
        ("MEDIA_ROOT", "media/cache", "is inside"),
        ("STATIC_ROOT", ".", "contains"),
        ("STATICFILES_DIRS", "static/cache", "is inside"),
    ],
)
def test_w002_location_exposed(tmp_path, setting, cache_dir, relation):
    value = str(tmp_path / ("static" if setting == "STATICFILES_DIRS" else "media"))
    served = {setting: [("prefix", value)] if setting == "STATICFILES_DIRS" else value}
    caches = {
        "default": {"BACKEND": LOCMEM},
        "files": {"BACKEND": FILE, "LOCATION": str(tmp_path / cache_dir)},
    }
    with override_settings(CACHES=caches, **served):
        warnings = check_cache_location_not_exposed(None)
        assert ids(warnings) == ["caches.W002"]
        assert warnings[0].msg == (
            "Your 'files' cache configuration might expose your cache or lead to corruption of "
            f"your data because its LOCATION {relation} {setting}."
        )
        deploy = run_checks(tags=["caches"], include_deployment_checks=True)
        assert "caches.W002" in ids(deploy)
        assert "caches.W002" not in ids(run_checks(tags=["caches"]))


def test_w002_separate_directories(tmp_path):
    caches = {"default": {"BACKEND": FILE, "LOCATION": str(tmp_path / "cache")}}
    with override_settings(
        CACHES=caches, MEDIA_ROOT=str(tmp_path / "media"), STATIC_ROOT=str(tmp_path / "static")
    ):
        assert check_cache_location_not_exposed(None) == []


def test_w003_relative_location(tmp_path):
    caches = {
        "default": {"BACKEND": FILE, "LOCATION": "cache/relative"},
        "absolute": {"BACKEND": FILE, "LOCATION": str(tmp_path)},
        "memory": {"BACKEND": LOCMEM, "LOCATION": "relative-but-not-a-path"},
    }
    with override_settings(CACHES=caches):
        warnings = check_file_based_cache_is_absolute(None)
        assert ids(warnings) == ["caches.W003"]
        assert warnings[0].msg == (
            "Your 'default' cache LOCATION path is relative. Use an absolute path instead."
        )

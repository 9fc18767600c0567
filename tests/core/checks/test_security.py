"""The security checks that `check --deploy` runs."""

import pytest

from nuages.core import checks
from nuages.core.checks.security import base, csrf, sessions

SECURE = [
    "nuages.middleware.security.SecurityMiddleware",
    "nuages.middleware.clickjacking.XFrameOptionsMiddleware",
    "nuages.middleware.csrf.CsrfViewMiddleware",
]


def ids(messages):
    return [m.id for m in messages]


def test_all_security_checks_are_deploy_only():
    assert not any(m.id and m.id.startswith("security.") for m in checks.run_checks())


def test_missing_middleware(settings_override):
    settings_override(MIDDLEWARE=[])
    assert ids(base.check_security_middleware(None)) == ["security.W001"]
    assert ids(base.check_xframe_options_middleware(None)) == ["security.W002"]
    assert ids(csrf.check_csrf_middleware(None)) == ["security.W003"]
    # Without the middleware, the settings it reads are not reported.
    assert base.check_sts(None) == [] and base.check_ssl_redirect(None) == []


def test_hsts_and_ssl(settings_override):
    settings_override(MIDDLEWARE=SECURE, SECURE_HSTS_SECONDS=0, SECURE_SSL_REDIRECT=False)
    assert ids(base.check_sts(None)) == ["security.W004"]
    assert ids(base.check_ssl_redirect(None)) == ["security.W008"]
    settings_override(SECURE_HSTS_SECONDS=3600, SECURE_SSL_REDIRECT=True)
    assert base.check_sts(None) == [] and base.check_ssl_redirect(None) == []
    assert ids(base.check_sts_include_subdomains(None)) == ["security.W005"]
    assert ids(base.check_sts_preload(None)) == ["security.W021"]
    settings_override(SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
    assert base.check_sts_include_subdomains(None) == [] and base.check_sts_preload(None) == []


@pytest.mark.parametrize(
    ("key", "weak"),
    [
        ("a" * 60, True),  # too few distinct characters
        ("abcdefghij" * 4, True),  # too short
        ("nuages-insecure-" + "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(", True),
        ("django-insecure-" + "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(", True),
        ("k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_", False),
    ],
)
def test_secret_key(settings_override, key, weak):
    settings_override(SECRET_KEY=key)
    assert ids(base.check_secret_key(None)) == (["security.W009"] if weak else [])


def test_secret_key_fallbacks(settings_override):
    settings_override(
        SECRET_KEY_FALLBACKS=["short", "k3y-abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_"]
    )
    messages = base.check_secret_key_fallbacks(None)
    assert ids(messages) == ["security.W025"]
    assert "SECRET_KEY_FALLBACKS[0]" in messages[0].msg


def test_debug_and_allowed_hosts(settings_override):
    settings_override(DEBUG=True, ALLOWED_HOSTS=[])
    assert ids(base.check_debug(None)) == ["security.W018"]
    assert ids(base.check_allowed_hosts(None)) == ["security.W020"]
    settings_override(DEBUG=False, ALLOWED_HOSTS=["example.com"])
    assert base.check_debug(None) == [] and base.check_allowed_hosts(None) == []


def test_xframe_deny_and_referrer(settings_override):
    settings_override(MIDDLEWARE=SECURE, X_FRAME_OPTIONS="SAMEORIGIN", SECURE_REFERRER_POLICY=None)
    assert ids(base.check_xframe_deny(None)) == ["security.W019"]
    assert ids(base.check_referrer_policy(None)) == ["security.W022"]
    settings_override(SECURE_REFERRER_POLICY="no-referrer, bogus")
    assert ids(base.check_referrer_policy(None)) == ["security.E023"]
    settings_override(SECURE_REFERRER_POLICY=["no-referrer", "origin"])
    assert base.check_referrer_policy(None) == []
    settings_override(SECURE_CROSS_ORIGIN_OPENER_POLICY="bogus")
    assert ids(base.check_cross_origin_opener_policy(None)) == ["security.E024"]


def test_cookie_checks(settings_override):
    settings_override(MIDDLEWARE=SECURE, CSRF_COOKIE_SECURE=False, CSRF_USE_SESSIONS=False)
    assert ids(csrf.check_csrf_cookie_secure(None)) == ["security.W016"]
    settings_override(
        INSTALLED_APPS=["nuages.contrib.sessions"],
        MIDDLEWARE=["nuages.contrib.sessions.middleware.SessionMiddleware"],
        SESSION_COOKIE_SECURE=False,
        SESSION_COOKIE_HTTPONLY=False,
    )
    assert ids(sessions.check_session_cookie_secure(None)) == ["security.W012"]
    assert ids(sessions.check_session_cookie_httponly(None)) == ["security.W015"]
    settings_override(MIDDLEWARE=[])
    assert ids(sessions.check_session_cookie_secure(None)) == ["security.W010"]
    settings_override(SESSION_COOKIE_SECURE=True)
    assert sessions.check_session_cookie_secure(None) == []


def test_other_core_checks(settings_override, tmp_path):
    from nuages.core.checks import caches, files, urls

    settings_override(
        CACHES={}, FILE_UPLOAD_TEMP_DIR=str(tmp_path / "missing"), STATIC_URL="/static"
    )
    assert ids(caches.check_default_cache_is_configured(None)) == ["caches.E001"]
    assert ids(files.check_setting_file_upload_temp_dir(None)) == ["files.E001"]
    assert ids(urls.check_url_settings(None)) == ["urls.E006"]

"""Security checks on settings and middleware (the security.* ids Django documents)."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Error, Warning
from nuages.core.checks.registry import Tags, register
from nuages.core.exceptions import ImproperlyConfigured

__all__ = [
    "REFERRER_POLICY_VALUES",
    "check_allowed_hosts",
    "check_content_type_nosniff",
    "check_cross_origin_opener_policy",
    "check_debug",
    "check_referrer_policy",
    "check_secret_key",
    "check_secret_key_fallbacks",
    "check_security_middleware",
    "check_ssl_redirect",
    "check_sts",
    "check_sts_include_subdomains",
    "check_sts_preload",
    "check_xframe_deny",
    "check_xframe_options_middleware",
]

SECURITY_MIDDLEWARE = "nuages.middleware.security.SecurityMiddleware"
XFRAME_MIDDLEWARE = "nuages.middleware.clickjacking.XFrameOptionsMiddleware"

REFERRER_POLICY_VALUES = frozenset(
    {
        "no-referrer",
        "no-referrer-when-downgrade",
        "origin",
        "origin-when-cross-origin",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    }
)
CROSS_ORIGIN_OPENER_POLICY_VALUES = frozenset(
    {"same-origin", "same-origin-allow-popups", "unsafe-none"}
)

# A key shorter than this, or with fewer distinct characters, is guessable.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
# Keys made by startproject carry this prefix until someone replaces them.
SECRET_KEY_INSECURE_PREFIXES = ("nuages-insecure-", "django-insecure-")


def _middleware_installed(path: str) -> bool:
    return path in settings.MIDDLEWARE


def _weak_key(key: Any) -> bool:
    return (
        not key
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or len(key) < SECRET_KEY_MIN_LENGTH
        or str(key).startswith(SECRET_KEY_INSECURE_PREFIXES)
    )


_WEAK_KEY_ADVICE = (
    f"it has fewer than {SECRET_KEY_MIN_LENGTH} characters, fewer than "
    f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} distinct characters, or it starts with "
    f"'{SECRET_KEY_INSECURE_PREFIXES[0]}' (the placeholder startproject writes). Generate a long "
    "random value and keep it out of version control."
)


@register(Tags.security, deploy=True)
def check_security_middleware(app_configs: Any, **kwargs: Any) -> list:
    if _middleware_installed(SECURITY_MIDDLEWARE):
        return []
    return [
        Warning(
            f"{SECURITY_MIDDLEWARE} is not in your MIDDLEWARE, so the SECURE_HSTS_SECONDS, "
            "SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY "
            "and SECURE_SSL_REDIRECT settings do nothing.",
            id="security.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_xframe_options_middleware(app_configs: Any, **kwargs: Any) -> list:
    if _middleware_installed(XFRAME_MIDDLEWARE):
        return []
    return [
        Warning(
            f"{XFRAME_MIDDLEWARE} is not in your MIDDLEWARE, so responses do not carry an "
            "'X-Frame-Options' header: unless something else sets it, your pages can be framed "
            "by other sites (clickjacking).",
            id="security.W002",
        )
    ]


@register(Tags.security, deploy=True)
def check_sts(app_configs: Any, **kwargs: Any) -> list:
    if not _middleware_installed(SECURITY_MIDDLEWARE) or settings.SECURE_HSTS_SECONDS:
        return []
    return [
        Warning(
            "SECURE_HSTS_SECONDS is not set. If the site is served only over HTTPS, set it so "
            "that browsers refuse plain-HTTP connections (HTTP Strict Transport Security); read "
            "up on HSTS first, as a wrong value can make the site unreachable for a long time.",
            id="security.W004",
        )
    ]


@register(Tags.security, deploy=True)
def check_sts_include_subdomains(app_configs: Any, **kwargs: Any) -> list:
    if (
        not _middleware_installed(SECURITY_MIDDLEWARE)
        or not settings.SECURE_HSTS_SECONDS
        or settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    ):
        return []
    return [
        Warning(
            "SECURE_HSTS_INCLUDE_SUBDOMAINS is not True, so subdomains are not covered by HSTS "
            "and stay open to man-in-the-middle attacks over plain HTTP. Set it only if every "
            "subdomain is served over HTTPS.",
            id="security.W005",
        )
    ]


@register(Tags.security, deploy=True)
def check_content_type_nosniff(app_configs: Any, **kwargs: Any) -> list:
    if (
        not _middleware_installed(SECURITY_MIDDLEWARE)
        or settings.SECURE_CONTENT_TYPE_NOSNIFF is True
    ):
        return []
    return [
        Warning(
            "SECURE_CONTENT_TYPE_NOSNIFF is not True, so responses lack the "
            "'X-Content-Type-Options: nosniff' header that stops browsers from guessing content "
            "types wrongly.",
            id="security.W006",
        )
    ]


@register(Tags.security, deploy=True)
def check_ssl_redirect(app_configs: Any, **kwargs: Any) -> list:
    if not _middleware_installed(SECURITY_MIDDLEWARE) or settings.SECURE_SSL_REDIRECT is True:
        return []
    return [
        Warning(
            "SECURE_SSL_REDIRECT is not True. Unless something in front of nuages (a load "
            "balancer or proxy) redirects plain HTTP to HTTPS, set it so that all traffic is "
            "encrypted.",
            id="security.W008",
        )
    ]


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list:
    try:
        key = settings.SECRET_KEY
    except (ImproperlyConfigured, AttributeError):
        key = None
    if not _weak_key(key):
        return []
    return [
        Warning(
            "Your SECRET_KEY is too weak to protect signed data: " + _WEAK_KEY_ADVICE,
            id="security.W009",
        )
    ]


@register(Tags.security, deploy=True)
def check_secret_key_fallbacks(app_configs: Any, **kwargs: Any) -> list:
    fallbacks = getattr(settings, "SECRET_KEY_FALLBACKS", []) or []
    return [
        Warning(
            f"SECRET_KEY_FALLBACKS[{index}] is too weak to protect signed data: "
            + _WEAK_KEY_ADVICE,
            id="security.W025",
        )
        for index, key in enumerate(fallbacks)
        if _weak_key(key)
    ]


@register(Tags.security, deploy=True)
def check_debug(app_configs: Any, **kwargs: Any) -> list:
    if not settings.DEBUG:
        return []
    return [
        Warning(
            "DEBUG must not be True in deployment: error pages would show visitors your "
            "code and settings.",
            id="security.W018",
        )
    ]


@register(Tags.security, deploy=True)
def check_xframe_deny(app_configs: Any, **kwargs: Any) -> list:
    if not _middleware_installed(XFRAME_MIDDLEWARE) or settings.X_FRAME_OPTIONS == "DENY":
        return []
    return [
        Warning(
            f"{XFRAME_MIDDLEWARE} is installed but X_FRAME_OPTIONS is not 'DENY'. Unless your "
            "pages have to be framed by the same origin, set it to 'DENY'.",
            id="security.W019",
        )
    ]


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs: Any, **kwargs: Any) -> list:
    if settings.ALLOWED_HOSTS:
        return []
    return [Warning("ALLOWED_HOSTS must not be empty in deployment.", id="security.W020")]


@register(Tags.security, deploy=True)
def check_sts_preload(app_configs: Any, **kwargs: Any) -> list:
    if (
        not _middleware_installed(SECURITY_MIDDLEWARE)
        or not settings.SECURE_HSTS_SECONDS
        or settings.SECURE_HSTS_PRELOAD is True
    ):
        return []
    return [
        Warning(
            "SECURE_HSTS_PRELOAD is not True, so the site cannot be submitted to the browsers' "
            "HSTS preload list.",
            id="security.W021",
        )
    ]


def _policy_values(setting: Any) -> set[str]:
    if isinstance(setting, str):
        return {v.strip() for v in setting.split(",")}
    return set(setting)


@register(Tags.security, deploy=True)
def check_referrer_policy(app_configs: Any, **kwargs: Any) -> list:
    if not _middleware_installed(SECURITY_MIDDLEWARE):
        return []
    policy = settings.SECURE_REFERRER_POLICY
    if policy is None:
        return [
            Warning(
                "SECURE_REFERRER_POLICY is not set, so the site sends no Referrer-Policy header. "
                "Set it to control what your pages reveal to other sites.",
                id="security.W022",
            )
        ]
    unknown = _policy_values(policy) - REFERRER_POLICY_VALUES
    if unknown:
        return [
            Error(
                "SECURE_REFERRER_POLICY has an invalid value.",
                hint="Valid values are: " + ", ".join(sorted(REFERRER_POLICY_VALUES)) + ".",
                id="security.E023",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_cross_origin_opener_policy(app_configs: Any, **kwargs: Any) -> list:
    policy = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    if not _middleware_installed(SECURITY_MIDDLEWARE) or policy is None:
        return []
    if policy not in CROSS_ORIGIN_OPENER_POLICY_VALUES:
        return [
            Error(
                "SECURE_CROSS_ORIGIN_OPENER_POLICY has an invalid value.",
                hint="Valid values are: "
                + ", ".join(sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES))
                + ".",
                id="security.E024",
            )
        ]
    return []

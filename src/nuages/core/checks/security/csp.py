"""Content Security Policy setting checks (security.E026)."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Error
from nuages.core.checks.registry import Tags, register

__all__ = ["check_csp_settings"]


@register(Tags.security)
def check_csp_settings(app_configs: Any, **kwargs: Any) -> list:
    """SECURE_CSP and SECURE_CSP_REPORT_ONLY must be dicts of directive -> values."""
    errors = []
    for name in ("SECURE_CSP", "SECURE_CSP_REPORT_ONLY"):
        value = getattr(settings, name, {})
        if not isinstance(value, dict):
            errors.append(
                Error(
                    f"The {name} setting must be a dict (got {value!r} instead).",
                    id="security.E026",
                )
            )
    return errors

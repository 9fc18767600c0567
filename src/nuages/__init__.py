"""nuages: Django's public API, rebuilt async-native."""

from __future__ import annotations

VERSION = (0, 1, 0, "alpha", 0)
__version__ = "0.1.0a0"

__all__ = ["VERSION", "__version__", "get_version", "setup"]


def get_version(version: tuple | None = None) -> str:
    """Return a PEP 440 version string built from a VERSION tuple."""
    major, minor, micro, stage, serial = version or VERSION
    main = f"{major}.{minor}" + (f".{micro}" if micro else "")
    marks = {"alpha": "a", "beta": "b", "rc": "rc"}
    return main + (f"{marks[stage]}{serial}" if stage in marks else "")


def setup(set_prefix: bool = True) -> None:
    """Configure settings, logging and populate the app registry."""
    from nuages.apps import apps
    from nuages.conf import settings
    from nuages.utils.log import configure_logging

    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    if set_prefix:
        from nuages.urls.base import set_script_prefix

        set_script_prefix("/" if settings.FORCE_SCRIPT_NAME is None else settings.FORCE_SCRIPT_NAME)
    apps.populate(settings.INSTALLED_APPS)

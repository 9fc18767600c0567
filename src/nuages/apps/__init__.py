"""The application registry and AppConfig."""

from nuages.apps.config import AppConfig
from nuages.apps.registry import Apps, apps

__all__ = ["AppConfig", "Apps", "apps"]

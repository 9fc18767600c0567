"""Settings: read lazily from the module named by NUAGES_SETTINGS_MODULE, or configure()."""

from __future__ import annotations

import importlib
import os
import time
from typing import Any

from nuages.conf import global_settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.utils._script_prefix import get_script_prefix
from nuages.utils.functional import LazyObject, empty

__all__ = ["ENVIRONMENT_VARIABLE", "LazySettings", "Settings", "UserSettingsHolder", "settings"]

ENVIRONMENT_VARIABLE = "NUAGES_SETTINGS_MODULE"
# Projects ported from Django keep their environment variable working.
FALLBACK_ENVIRONMENT_VARIABLE = "DJANGO_SETTINGS_MODULE"

_TUPLE_SETTINGS = (
    "ALLOWED_HOSTS",
    "INSTALLED_APPS",
    "TEMPLATE_DIRS",
    "LOCALE_PATHS",
    "SECRET_KEY_FALLBACKS",
)


def settings_module_name() -> str | None:
    return os.environ.get(ENVIRONMENT_VARIABLE) or os.environ.get(FALLBACK_ENVIRONMENT_VARIABLE)


class LazySettings(LazyObject):
    """The settings proxy: the real settings object is built on first access."""

    def _setup(self, name: str | None = None) -> None:
        settings_module = settings_module_name()
        if not settings_module:
            desc = f"setting {name}" if name else "settings"
            raise ImproperlyConfigured(
                f"Requested {desc}, but settings are not configured. You must either define the "
                f"environment variable {ENVIRONMENT_VARIABLE} or call settings.configure() before "
                "accessing settings."
            )
        self._wrapped = Settings(settings_module)

    def __repr__(self) -> str:
        if self._wrapped is empty:
            return "<LazySettings [Unevaluated]>"
        return f'<LazySettings "{self._wrapped.SETTINGS_MODULE}">'

    def __getattribute__(self, name: str) -> Any:
        # Settings already read are cached in the instance dict: one look-up, hot path.
        try:
            return object.__getattribute__(self, "__dict__")[name]
        except KeyError:
            return super().__getattribute__(name)

    def __getattr__(self, name: str) -> Any:
        if (wrapped := self._wrapped) is empty:
            self._setup(name)
            wrapped = self._wrapped
        value = getattr(wrapped, name)
        if name in {"MEDIA_URL", "STATIC_URL"} and value is not None:
            value = _add_script_prefix(value)
        elif name == "SECRET_KEY" and not value:
            raise ImproperlyConfigured("The SECRET_KEY setting must not be empty.")
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "_wrapped":
            self.__dict__.clear()
        else:
            self.__dict__.pop(name, None)
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        super().__delattr__(name)
        self.__dict__.pop(name, None)

    def configure(self, default_settings: Any = global_settings, **options: Any) -> None:
        """Configure settings by hand, instead of from a settings module."""
        if self._wrapped is not empty:
            raise RuntimeError("Settings already configured.")
        holder = UserSettingsHolder(default_settings)
        for name, value in options.items():
            if not name.isupper():
                raise TypeError(f"Setting {name!r} must be uppercase.")
            setattr(holder, name, value)
        self._wrapped = holder

    @property
    def configured(self) -> bool:
        """True once settings have been loaded or configured."""
        return self._wrapped is not empty


def _add_script_prefix(value: str) -> str:
    # Absolute paths and full URLs are left alone.
    if value.startswith(("http://", "https://", "/")):
        return value
    return f"{get_script_prefix()}{value}"


class Settings:
    """Settings read from a module over the global defaults."""

    def __init__(self, settings_module: str) -> None:
        for setting in dir(global_settings):
            if setting.isupper():
                setattr(self, setting, getattr(global_settings, setting))
        self.SETTINGS_MODULE = settings_module
        mod = importlib.import_module(settings_module)
        self._explicit_settings: set[str] = set()
        for setting in dir(mod):
            if setting.isupper():
                setting_value = getattr(mod, setting)
                if setting in _TUPLE_SETTINGS and not isinstance(setting_value, list | tuple):
                    raise ImproperlyConfigured(f"The {setting} setting must be a list or a tuple.")
                setattr(self, setting, setting_value)
                self._explicit_settings.add(setting)
        if hasattr(time, "tzset") and self.TIME_ZONE:
            zoneinfo_root = "/usr/share/zoneinfo"
            zone_info_file = os.path.join(zoneinfo_root, *self.TIME_ZONE.split("/"))
            if os.path.exists(zoneinfo_root) and not os.path.exists(zone_info_file):
                raise ValueError(f"Incorrect timezone setting: {self.TIME_ZONE}")
            os.environ["TZ"] = self.TIME_ZONE
            time.tzset()

    def is_overridden(self, setting: str) -> bool:
        return setting in self._explicit_settings

    def __repr__(self) -> str:
        return f'<{type(self).__name__} "{self.SETTINGS_MODULE}">'


class UserSettingsHolder:
    """Settings given to configure(), falling back to a defaults object."""

    SETTINGS_MODULE = None

    def __init__(self, default_settings: Any) -> None:
        self.__dict__["_deleted"] = set()
        self.default_settings = default_settings

    def __getattr__(self, name: str) -> Any:
        if not name.isupper() or name in self._deleted:
            raise AttributeError(name)
        return getattr(self.default_settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._deleted.discard(name)
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        self._deleted.add(name)
        if hasattr(self, name):
            super().__delattr__(name)

    def __dir__(self) -> list[str]:
        return sorted(
            s for s in [*self.__dict__, *dir(self.default_settings)] if s not in self._deleted
        )

    def is_overridden(self, setting: str) -> bool:
        deleted = setting in self._deleted
        set_locally = setting in self.__dict__
        set_on_default = getattr(self.default_settings, "is_overridden", lambda s: False)(setting)
        return deleted or set_locally or set_on_default

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


settings = LazySettings()

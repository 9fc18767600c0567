"""A cheaper read of the settings the request path needs on every request.

`settings.NAME` goes through LazySettings' Python-level attribute hook (about 0.2 us). The
values it has read are kept in its instance dict, which it empties whenever a setting is
assigned, deleted or the settings are replaced (override_settings, settings.configure(), a
direct `settings.NAME = value`). Reading that dict directly gives the same value, always
current, at the cost of one dict look-up.
"""

from __future__ import annotations

from typing import Any

from nuages.conf import settings

__all__ = ["get_setting"]

_read_settings: dict[str, Any] = object.__getattribute__(settings, "__dict__")


_MISSING = object()


def get_setting(name: str, default: Any = _MISSING) -> Any:
    """settings.<name> (or default if there is no such setting), from LazySettings' own cache
    when it has the value."""
    try:
        return _read_settings[name]
    except KeyError:
        if default is _MISSING:
            return getattr(settings, name)
        return getattr(settings, name, default)

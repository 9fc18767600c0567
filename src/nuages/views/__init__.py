"""Views: the class-based View (from nuages.views.generic), error views in defaults, debug pages.

`View` is loaded on first access so that importing nuages.views.debug (which the request
handlers do) does not load the template layer that generic views need.
"""

from __future__ import annotations

from typing import Any

__all__ = ["View"]


def __getattr__(name: str) -> Any:
    if name == "View":
        from nuages.views.generic.base import View  # lazy public name, see module docstring

        return View
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The two translation hooks the URL layer needs: the active language and override()."""

from __future__ import annotations

try:
    from nuages.utils.translation import get_language, override
except ImportError:  # pragma: no cover - nuages.utils.translation is written in parallel
    from contextlib import nullcontext as _nullcontext

    def get_language() -> str | None:  # type: ignore[misc]
        """No translation layer yet: no language is active."""
        return None

    def override(language: str | None, deactivate: bool = False) -> _nullcontext:  # type: ignore[misc]
        return _nullcontext()


__all__ = ["get_language", "override"]

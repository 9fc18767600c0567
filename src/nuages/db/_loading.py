"""Finding a backend package from its ENGINE setting."""

from __future__ import annotations

import importlib
from typing import Any

from nuages.core.exceptions import ImproperlyConfigured

__all__ = ["load_backend"]

_ENGINE_ALIASES = {
    "django.db.backends.sqlite3": "nuages.db.backends.sqlite3",
    "django.db.backends.postgresql": "nuages.db.backends.postgresql",
    "django.db.backends.postgresql_psycopg2": "nuages.db.backends.postgresql",
    "django.db.backends.mysql": "nuages.db.backends.mysql",
}


def load_backend(backend_name: str) -> Any:
    """Import ``<backend_name>.base`` (Django's engine spellings are mapped to nuages')."""
    backend_name = _ENGINE_ALIASES.get(backend_name, backend_name)
    try:
        return importlib.import_module(f"{backend_name}.base")
    except ImportError as exc:
        builtin = sorted({v.rsplit(".", 1)[1] for v in _ENGINE_ALIASES.values()})
        if backend_name.startswith("nuages.db.backends.") and exc.name in (
            backend_name,
            f"{backend_name}.base",
        ):
            raise ImproperlyConfigured(
                f"{backend_name!r} isn't an available database backend or couldn't be "
                f"imported. Try using 'nuages.db.backends.XXX', where XXX is one of: "
                f"{', '.join(repr(b) for b in builtin)}"
            ) from exc
        raise

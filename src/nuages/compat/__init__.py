"""nuages.compat: run a project written for Django unchanged on nuages.

``install()`` puts an import hook first on ``sys.meta_path``: ``import django.http`` then gives
the ``nuages.http`` module itself (registered under both names), so Django-spelled imports,
dotted paths in settings and ``isinstance``/``except`` checks all meet nuages' objects. While
installed, the alias wins over a real Django installed in the same environment; it refuses to
install once the real Django has been imported. See docs/compat.md.
"""

from __future__ import annotations

import sys
import types

from nuages.compat._finder import DJANGO_VERSION, DjangoAliasFinder, DjangoModule

__all__ = ["DJANGO_VERSION", "install", "is_installed", "uninstall"]

_finder = DjangoAliasFinder()


def _django_modules() -> dict[str, types.ModuleType]:
    return {
        name: module
        for name, module in list(sys.modules.items())
        if name == "django" or name.startswith("django.")
    }


def _is_alias(name: str, module: object) -> bool:
    if name == "django":
        return isinstance(module, DjangoModule)
    return getattr(module, "__name__", "").startswith("nuages.")


def is_installed() -> bool:
    """True while the django -> nuages import alias is active."""
    return _finder in sys.meta_path


def install() -> None:
    """Make ``django`` and ``django.*`` imports resolve to nuages (idempotent).

    Raises RuntimeError when the real Django is already imported in this process: its modules
    and nuages' cannot share the ``django`` names.
    """
    real = [name for name, module in _django_modules().items() if not _is_alias(name, module)]
    if real:
        raise RuntimeError(
            "nuages.compat cannot alias 'django' to nuages: the real Django is already imported "
            f"in this process ({', '.join(sorted(real)[:3])}). Install the alias before anything "
            "imports django, e.g. run 'python -m nuages.compat manage.py ...'."
        )
    if _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
    sys.meta_path.insert(0, _finder)


def uninstall() -> None:
    """Remove the alias and forget the ``django.*`` names it registered.

    Objects already imported through the alias stay nuages' objects and keep working.
    """
    while _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
    for name, module in _django_modules().items():
        if _is_alias(name, module):
            del sys.modules[name]

"""DATABASE_ROUTERS: which database a model reads from, writes to, migrates on."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.db._handler import DEFAULT_DB_ALIAS
from nuages.utils.module_loading import import_string

__all__ = ["ConnectionRouter"]


class ConnectionRouter:
    """Asks each router in turn; the first answer that is not None wins."""

    def __init__(self, routers: list | None = None) -> None:
        self._routers = routers

    @property
    def routers(self) -> list:
        if self._routers is None:
            self._routers = list(settings.DATABASE_ROUTERS)
        return [import_string(r)() if isinstance(r, str) else r for r in self._routers]

    def _router_func(action: str) -> Any:
        def _route_db(self: ConnectionRouter, model: Any, **hints: Any) -> str:
            for router in self.routers:
                method = getattr(router, action, None)
                if method is None:
                    continue
                chosen = method(model, **hints)
                if chosen:
                    return chosen
            instance = hints.get("instance")
            state = getattr(instance, "_state", None)
            if state is not None and getattr(state, "db", None):
                return state.db
            return DEFAULT_DB_ALIAS

        _route_db.__name__ = action
        return _route_db

    db_for_read = _router_func("db_for_read")
    db_for_write = _router_func("db_for_write")

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        for router in self.routers:
            method = getattr(router, "allow_relation", None)
            if method is None:
                continue
            allow = method(obj1, obj2, **hints)
            if allow is not None:
                return allow
        return getattr(obj1._state, "db", None) == getattr(obj2._state, "db", None)

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        for router in self.routers:
            method = getattr(router, "allow_migrate", None)
            if method is None:
                continue
            allow = method(db, app_label, **hints)
            if allow is not None:
                return allow
        return True

    def allow_migrate_model(self, db: str, model: Any) -> bool:
        opts = model._meta
        if not getattr(opts, "managed", True) or getattr(opts, "proxy", False):
            return False
        if getattr(opts, "swapped", None):
            return False
        return self.allow_migrate(db, opts.app_label, model_name=opts.model_name, model=model)

    def get_migratable_models(
        self, app_config: Any, db: str, include_auto_created: bool = False
    ) -> list:
        models = app_config.get_models(include_auto_created=include_auto_created)
        return [model for model in models if self.allow_migrate_model(db, model)]

"""The `h` fixture: one session backend in one mode (sync or async) per test.

Engines: db and cached_db on every selected database (tests/db/conftest.py, each test rolled
back), cache (locmem), file (in tmp_path), signed_cookies. ``h.call(obj, "save")`` calls
``obj.save()`` in sync mode and awaits ``obj.asave()`` in async mode, so every backend runs the
same test body both ways.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.db.conftest import SELECTED, _loop, _prepare_backend, _run_in_rollback, create_tables

from nuages.contrib.sessions.backends.base import import_session_engine
from nuages.contrib.sessions.models import Session
from nuages.core.cache import caches
from nuages.test.utils import override_settings

ENGINES = ("db", "cached_db", "cache", "file", "signed_cookies")
DB_ENGINES = ("db", "cached_db")
_SYNC_NAMES = {"get": "get", "set": "__setitem__", "getitem": "__getitem__"}


class Harness:
    def __init__(self, engine: str, mode: str, database: str | None) -> None:
        self.engine = engine
        self.mode = mode
        self.is_async = mode == "async"
        self.database = database
        self.module = import_session_engine(f"nuages.contrib.sessions.backends.{engine}")
        self.SessionStore = self.module.SessionStore

    def __repr__(self) -> str:
        return f"<Harness {self.engine} {self.mode} {self.database}>"

    @property
    def stores_data(self) -> bool:
        """Whether the server keeps the data (every engine but signed_cookies)."""
        return self.engine != "signed_cookies"

    def call(self, obj: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self.is_async:
            return getattr(obj, _SYNC_NAMES.get(name, name))(*args, **kwargs)
        method = getattr(obj, "a" + ("get" if name == "getitem" else name))
        return _loop().run_until_complete(method(*args, **kwargs))

    def store(self, key: str | None = None) -> Any:
        return self.SessionStore(key)

    def reopen(self, s: Any) -> Any:
        """A new store for the key the client would send back in its cookie."""
        return self.SessionStore(s.session_key)


_PARAMS = [
    *(
        pytest.param((e, m, None), id=f"{e}-{m}")
        for e in ENGINES
        if e not in DB_ENGINES
        for m in ("sync", "async")
    ),
    *(
        pytest.param((e, m, d), id=f"{e}-{d}-{m}")
        for e in DB_ENGINES
        for d in SELECTED
        for m in ("sync", "async")
    ),
]


@pytest.fixture(params=_PARAMS)
def h(request: pytest.FixtureRequest, tmp_path: Any) -> Any:
    engine, mode, database = request.param
    with override_settings(
        SESSION_ENGINE=f"nuages.contrib.sessions.backends.{engine}",
        SESSION_FILE_PATH=str(tmp_path),
    ):
        caches["default"].clear()
        harness = Harness(engine, mode, database)
        if database is None:
            yield harness
        else:
            create_tables(_prepare_backend(database), [Session])
            gen = _run_in_rollback(database, mode, request)
            next(gen)
            try:
                yield harness
            finally:
                for _ in gen:
                    pass
        caches["default"].clear()


@pytest.fixture(params=[pytest.param(n, id=n) for n in SELECTED])
def sync_db(request: pytest.FixtureRequest) -> Any:
    """One database (sync) with the Session table, the test rolled back."""
    create_tables(_prepare_backend(request.param), [Session])
    yield from _run_in_rollback(request.param, "sync", request)

"""Sessions kept only in the cache (SESSION_CACHE_ALIAS): fast, lost when the cache is."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError
from nuages.core.cache import caches

__all__ = ["KEY_PREFIX", "SessionStore"]

KEY_PREFIX = "django.contrib.sessions.cache"

_CREATE_ATTEMPTS = 10000


class SessionStore(SessionBase):
    """A cache based session store."""

    cache_key_prefix = KEY_PREFIX

    def __init__(self, session_key: str | None = None) -> None:
        self._cache = caches[settings.SESSION_CACHE_ALIAS]
        super().__init__(session_key)

    @property
    def cache_key(self) -> str:
        return self.cache_key_prefix + self._get_or_create_session_key()

    async def acache_key(self) -> str:
        return self.cache_key_prefix + await self._aget_or_create_session_key()

    def _loaded(self, data: Any) -> dict:
        if data is not None:
            return data
        self._session_key = None
        return {}

    def load(self) -> dict:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            # A cache that fails (server down, bad key) reads as an empty session.
            data = None
        return self._loaded(data)

    async def aload(self) -> dict:
        try:
            data = await self._cache.aget(await self.acache_key())
        except Exception:
            data = None
        return self._loaded(data)

    def create(self) -> None:
        # Keys clash only if the cache misbehaves: give up after many tries.
        for _ in range(_CREATE_ATTEMPTS):
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return
        raise RuntimeError(
            "Unable to create a new session key. It is likely that the cache is unavailable."
        )

    async def acreate(self) -> None:
        for _ in range(_CREATE_ATTEMPTS):
            self._session_key = await self._aget_new_session_key()
            try:
                await self.asave(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return
        raise RuntimeError(
            "Unable to create a new session key. It is likely that the cache is unavailable."
        )

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        if must_create:
            func = self._cache.add
        elif self._cache.get(self.cache_key) is not None:
            func = self._cache.set
        else:
            raise UpdateError
        result = func(self.cache_key, self._get_session(no_load=must_create), self.get_expiry_age())
        if must_create and not result:
            raise CreateError

    async def asave(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return await self.acreate()
        key = await self.acache_key()
        if must_create:
            func = self._cache.aadd
        elif await self._cache.aget(key) is not None:
            func = self._cache.aset
        else:
            raise UpdateError
        data = await self._aget_session(no_load=must_create)
        result = await func(key, data, await self.aget_expiry_age())
        if must_create and not result:
            raise CreateError

    def exists(self, session_key: str) -> bool:
        return bool(session_key) and (self.cache_key_prefix + session_key) in self._cache

    async def aexists(self, session_key: str) -> bool:
        return bool(session_key) and await self._cache.ahas_key(self.cache_key_prefix + session_key)

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)

    async def adelete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        await self._cache.adelete(self.cache_key_prefix + session_key)

    @classmethod
    def clear_expired(cls) -> None:
        pass  # the cache expires entries itself

    @classmethod
    async def aclear_expired(cls) -> None:
        pass

"""Sessions in the database with a write-through cache in front: reads rarely hit the db."""

from __future__ import annotations

import logging

from nuages.conf import settings
from nuages.contrib.sessions.backends.db import SessionStore as DBStore
from nuages.core.cache import caches

__all__ = ["KEY_PREFIX", "SessionStore"]

KEY_PREFIX = "django.contrib.sessions.cached_db"

logger = logging.getLogger("nuages.contrib.sessions")


class SessionStore(DBStore):
    """Implement cached, database backed sessions."""

    cache_key_prefix = KEY_PREFIX

    def __init__(self, session_key: str | None = None) -> None:
        self._cache = caches[settings.SESSION_CACHE_ALIAS]
        super().__init__(session_key)

    @property
    def cache_key(self) -> str:
        return self.cache_key_prefix + self._get_or_create_session_key()

    async def acache_key(self) -> str:
        return self.cache_key_prefix + await self._aget_or_create_session_key()

    def load(self) -> dict:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is None:
            s = self._get_session_from_db()
            if s:
                data = self.decode(s.session_data)
                self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=s.expire_date))
            else:
                data = {}
        return data

    async def aload(self) -> dict:
        try:
            data = await self._cache.aget(await self.acache_key())
        except Exception:
            data = None
        if data is None:
            s = await self._aget_session_from_db()
            if s:
                data = self.decode(s.session_data)
                await self._cache.aset(
                    await self.acache_key(),
                    data,
                    await self.aget_expiry_age(expiry=s.expire_date),
                )
            else:
                data = {}
        return data

    def exists(self, session_key: str) -> bool:
        return (
            bool(session_key) and (self.cache_key_prefix + session_key) in self._cache
        ) or super().exists(session_key)

    async def aexists(self, session_key: str) -> bool:
        if session_key and await self._cache.ahas_key(self.cache_key_prefix + session_key):
            return True
        return await super().aexists(session_key)

    def save(self, must_create: bool = False) -> None:
        super().save(must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)

    async def asave(self, must_create: bool = False) -> None:
        await super().asave(must_create)
        try:
            await self._cache.aset(
                await self.acache_key(), await self._aget_session(), await self.aget_expiry_age()
            )
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)

    def delete(self, session_key: str | None = None) -> None:
        super().delete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)

    async def adelete(self, session_key: str | None = None) -> None:
        await super().adelete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        await self._cache.adelete(self.cache_key_prefix + session_key)

    def flush(self) -> None:
        """Empty the session, delete it from the db and the cache, forget the key."""
        self.clear()
        self.delete(self.session_key)
        self._session_key = None

    async def aflush(self) -> None:
        self.clear()
        await self.adelete(self.session_key)
        self._session_key = None

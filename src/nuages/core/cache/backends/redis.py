"""RedisCache on redis-py: sync calls on `redis.Redis`, async calls on `redis.asyncio.Redis`.

LOCATION is one URL or a list (or comma-separated string) of URLs: the first server takes the
writes, the others (replicas) serve reads. Values are pickled, except plain ints, stored as
Redis integers so that incr/decr run on the server.
"""

from __future__ import annotations

import asyncio
import pickle
import random
import weakref
from collections.abc import Iterable
from typing import Any

from nuages.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache, pickle_value
from nuages.core.exceptions import ImproperlyConfigured
from nuages.utils.module_loading import import_string

try:
    import redis
    import redis.asyncio as aredis
except ImportError:  # an optional dependency: the backend says so when used
    redis = None
    aredis = None

__all__ = ["RedisCache", "RedisCacheClient", "RedisSerializer"]


class RedisSerializer:
    """Pickle, with ints kept as ints (Redis stores them as text and can increment them)."""

    def __init__(self, protocol: int | None = None) -> None:
        self.protocol = pickle.HIGHEST_PROTOCOL if protocol is None else protocol

    def dumps(self, obj: Any) -> Any:
        # type() rather than isinstance(): bool is an int subclass and must round-trip as bool.
        if type(obj) is int:
            return obj
        return pickle_value(obj, self.protocol)

    def loads(self, data: bytes) -> Any:
        try:
            return int(data)
        except ValueError:
            return pickle.loads(data)


class RedisCacheClient:
    """The connection pools (one per server; async ones per event loop) and the commands."""

    def __init__(
        self,
        servers: list[str],
        serializer: Any = None,
        pool_class: Any = None,
        parser_class: Any = None,
        **options: Any,
    ) -> None:
        if redis is None:
            raise ImproperlyConfigured("RedisCache needs redis-py: pip install 'nuages[redis]'.")
        self._servers = servers
        self._pools: dict[int, Any] = {}
        # Async pools belong to the loop that created them.
        self._async_pools: weakref.WeakKeyDictionary[Any, dict[int, Any]] = (
            weakref.WeakKeyDictionary()
        )
        if isinstance(serializer, str):
            serializer = import_string(serializer)
        if callable(serializer):
            serializer = serializer()
        self._serializer = serializer or RedisSerializer()
        if isinstance(pool_class, str):
            pool_class = import_string(pool_class)
        self._pool_class = pool_class or redis.ConnectionPool
        if isinstance(parser_class, str):
            parser_class = import_string(parser_class)
        self._pool_options = dict(options)
        if parser_class is not None:
            self._pool_options["parser_class"] = parser_class
        self._clients: dict[int, Any] = {}
        self._aclients: weakref.WeakKeyDictionary[Any, dict[int, Any]] = weakref.WeakKeyDictionary()

    def _get_connection_pool_index(self, write: bool) -> int:
        # Writes go to the primary; reads to a replica when there are any.
        if write or len(self._servers) == 1:
            return 0
        return random.randint(1, len(self._servers) - 1)

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
            self._pools[index] = pool
            client = self._clients[index] = redis.Redis(connection_pool=pool)
        return client

    def get_async_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        loop = asyncio.get_running_loop()
        clients = self._aclients.get(loop)
        if clients is None:
            clients = self._aclients[loop] = {}
        client = clients.get(index)
        if client is None:
            pool = aredis.ConnectionPool.from_url(self._servers[index], **self._pool_options)
            client = clients[index] = aredis.Redis(connection_pool=pool)
        return client

    # --- sync ------------------------------------------------------------------------------

    def add(self, key: str, value: Any, timeout: int | None) -> bool:
        client = self.get_client(key, write=True)
        value = self._serializer.dumps(value)
        if timeout == 0:
            # Stored and gone at once; the answer still says whether the key was absent.
            if ret := bool(client.set(key, value, nx=True)):
                client.delete(key)
            return ret
        return bool(client.set(key, value, ex=timeout, nx=True))

    def get(self, key: str, default: Any) -> Any:
        value = self.get_client(key).get(key)
        return default if value is None else self._serializer.loads(value)

    def set(self, key: str, value: Any, timeout: int | None) -> None:
        client = self.get_client(key, write=True)
        value = self._serializer.dumps(value)
        if timeout == 0:
            client.delete(key)
        else:
            client.set(key, value, ex=timeout)

    def touch(self, key: str, timeout: int | None) -> bool:
        client = self.get_client(key, write=True)
        if timeout is None:
            return bool(client.persist(key))
        return bool(client.expire(key, timeout))

    def delete(self, key: str) -> bool:
        return bool(self.get_client(key, write=True).delete(key))

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        values = self.get_client(None).mget(keys)
        return {
            k: self._serializer.loads(v) for k, v in zip(keys, values, strict=True) if v is not None
        }

    def has_key(self, key: str) -> bool:
        return bool(self.get_client(key).exists(key))

    def incr(self, key: str, delta: int) -> int:
        client = self.get_client(key, write=True)
        if not client.exists(key):
            raise ValueError(f"Key '{key}' not found.")
        return client.incr(key, delta)

    def set_many(self, data: dict[str, Any], timeout: int | None) -> None:
        client = self.get_client(None, write=True)
        pipeline = client.pipeline()
        pipeline.mset({k: self._serializer.dumps(v) for k, v in data.items()})
        if timeout is not None:
            # mset has no expiry argument.
            for key in data:
                pipeline.expire(key, timeout)
        pipeline.execute()

    def delete_many(self, keys: list[str]) -> None:
        self.get_client(None, write=True).delete(*keys)

    def clear(self) -> bool:
        return bool(self.get_client(None, write=True).flushdb())

    # --- async: the same commands on redis.asyncio -----------------------------------------

    async def aadd(self, key: str, value: Any, timeout: int | None) -> bool:
        client = self.get_async_client(key, write=True)
        value = self._serializer.dumps(value)
        if timeout == 0:
            if ret := bool(await client.set(key, value, nx=True)):
                await client.delete(key)
            return ret
        return bool(await client.set(key, value, ex=timeout, nx=True))

    async def aget(self, key: str, default: Any) -> Any:
        value = await self.get_async_client(key).get(key)
        return default if value is None else self._serializer.loads(value)

    async def aset(self, key: str, value: Any, timeout: int | None) -> None:
        client = self.get_async_client(key, write=True)
        value = self._serializer.dumps(value)
        if timeout == 0:
            await client.delete(key)
        else:
            await client.set(key, value, ex=timeout)

    async def atouch(self, key: str, timeout: int | None) -> bool:
        client = self.get_async_client(key, write=True)
        if timeout is None:
            return bool(await client.persist(key))
        return bool(await client.expire(key, timeout))

    async def adelete(self, key: str) -> bool:
        return bool(await self.get_async_client(key, write=True).delete(key))

    async def aget_many(self, keys: list[str]) -> dict[str, Any]:
        values = await self.get_async_client(None).mget(keys)
        return {
            k: self._serializer.loads(v) for k, v in zip(keys, values, strict=True) if v is not None
        }

    async def ahas_key(self, key: str) -> bool:
        return bool(await self.get_async_client(key).exists(key))

    async def aincr(self, key: str, delta: int) -> int:
        client = self.get_async_client(key, write=True)
        if not await client.exists(key):
            raise ValueError(f"Key '{key}' not found.")
        return await client.incr(key, delta)

    async def aset_many(self, data: dict[str, Any], timeout: int | None) -> None:
        client = self.get_async_client(None, write=True)
        pipeline = client.pipeline()
        pipeline.mset({k: self._serializer.dumps(v) for k, v in data.items()})
        if timeout is not None:
            for key in data:
                pipeline.expire(key, timeout)
        await pipeline.execute()

    async def adelete_many(self, keys: list[str]) -> None:
        await self.get_async_client(None, write=True).delete(*keys)

    async def aclear(self) -> bool:
        return bool(await self.get_async_client(None, write=True).flushdb())


class RedisCache(BaseCache):
    """Django's RedisCache: OPTIONS go to the connection pool (db, password, ...) except
    `serializer`, `pool_class` and `parser_class`."""

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(params)
        if isinstance(server, str):
            self._servers = [s.strip() for s in server.split(",") if s.strip()]
        else:
            self._servers = list(server)
        self._class = RedisCacheClient
        self._options = params.get("OPTIONS", {})
        self._client: RedisCacheClient | None = None

    @property
    def client(self) -> RedisCacheClient:
        if self._client is None:
            self._client = self._class(self._servers, **self._options)
        return self._client

    def get_backend_timeout(self, timeout: Any = DEFAULT_TIMEOUT) -> int | None:
        """Seconds from now for Redis (None = no expiry, 0 = expire at once)."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self.client.add(key, value, self.get_backend_timeout(timeout))

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self.client.get(key, default)

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        self.client.set(key, value, self.get_backend_timeout(timeout))

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self.client.touch(key, self.get_backend_timeout(timeout))

    def delete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self.client.delete(key)

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        found = self.client.get_many(list(key_map))
        return {key_map[k]: v for k, v in found.items()}

    def has_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self.client.has_key(key)

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        return self.client.incr(key, delta)

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        if not data:
            return []
        safe_data = {self.make_and_validate_key(k, version=version): v for k, v in data.items()}
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            self.client.delete_many(list(safe_data))
        else:
            self.client.set_many(safe_data, timeout)
        return []

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        safe_keys = [self.make_and_validate_key(key, version=version) for key in keys]
        if safe_keys:
            self.client.delete_many(safe_keys)

    def clear(self) -> bool:
        """Flush the whole Redis database (as Django does): give the cache its own db number."""
        return self.client.clear()

    async def aadd(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self.client.aadd(key, value, self.get_backend_timeout(timeout))

    async def aget(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return await self.client.aget(key, default)

    async def aset(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        await self.client.aset(key, value, self.get_backend_timeout(timeout))

    async def atouch(
        self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self.client.atouch(key, self.get_backend_timeout(timeout))

    async def adelete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self.client.adelete(key)

    async def aget_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        found = await self.client.aget_many(list(key_map))
        return {key_map[k]: v for k, v in found.items()}

    async def ahas_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return await self.client.ahas_key(key)

    async def aincr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        return await self.client.aincr(key, delta)

    async def aset_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        if not data:
            return []
        safe_data = {self.make_and_validate_key(k, version=version): v for k, v in data.items()}
        timeout = self.get_backend_timeout(timeout)
        if timeout == 0:
            await self.client.adelete_many(list(safe_data))
        else:
            await self.client.aset_many(safe_data, timeout)
        return []

    async def adelete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        safe_keys = [self.make_and_validate_key(key, version=version) for key in keys]
        if safe_keys:
            await self.client.adelete_many(safe_keys)

    async def aclear(self) -> bool:
        return await self.client.aclear()

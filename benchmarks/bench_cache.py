"""Cache benchmark: nuages vs Django 5.2, same operations, one run.

get/set on the locmem and Redis backends (sync, and async for nuages and Django), and a page
served from the per-site cache middleware through each framework's test client.

Run: /tmp/benchcache/bin/python benchmarks/bench_cache.py
  (a venv with nuages[redis], django<5.3 and pymemcache; Redis on 127.0.0.1:6379, db 15)
"""

from __future__ import annotations

import asyncio
import socket
import sys
import time
import types

N = 5_000
N_PAGES = 2_000
REDIS_URL = "redis://127.0.0.1:6379/15"


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def view(request, HttpResponse):
    return HttpResponse(b"<html><body>" + b"cached page " * 50 + b"</body></html>")


def urlconf(name: str, path, HttpResponse) -> str:
    module = types.ModuleType(name)
    module.urlpatterns = [path("page/", lambda request: view(request, HttpResponse))]
    sys.modules[name] = module
    return name


def caches_setting(prefix: str, with_redis: bool) -> dict:
    setting = {"default": {"BACKEND": f"{prefix}.core.cache.backends.locmem.LocMemCache"}}
    if with_redis:
        setting["redis"] = {
            "BACKEND": f"{prefix}.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"bench-{prefix}",
        }
    return setting


def middleware(prefix: str) -> list[str]:
    return [
        f"{prefix}.middleware.cache.UpdateCacheMiddleware",
        f"{prefix}.middleware.cache.FetchFromCacheMiddleware",
    ]


def setup(framework: str, with_redis: bool):
    if framework == "nuages":
        import nuages as fw
        from nuages.conf import settings
        from nuages.http import HttpResponse
        from nuages.urls import path
    else:
        import django as fw
        from django.conf import settings
        from django.http import HttpResponse
        from django.urls import path
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench",
        ALLOWED_HOSTS=["testserver"],
        INSTALLED_APPS=[],
        USE_TZ=True,
        USE_I18N=False,
        ROOT_URLCONF=urlconf(f"bench_cache_urls_{framework}", path, HttpResponse),
        CACHES=caches_setting(framework, with_redis),
        MIDDLEWARE=middleware(framework),
    )
    fw.setup(set_prefix=False)
    if framework == "nuages":
        from nuages.core.cache import caches
        from nuages.test import Client
    else:
        from django.core.cache import caches
        from django.test import Client
    return caches, Client


def get_set(cache) -> float:
    value = {"id": 1, "name": "item", "tags": ["a", "b"]}

    def run():
        for i in range(N):
            cache.set(f"k{i % 100}", value)
            cache.get(f"k{i % 100}")

    return timed(run)


def aget_set(cache) -> float:
    value = {"id": 1, "name": "item", "tags": ["a", "b"]}

    async def run():
        for i in range(N // 5):
            await cache.aset(f"k{i % 100}", value)
            await cache.aget(f"k{i % 100}")

    return timed(lambda: asyncio.run(run())) * 5


def pages(Client) -> float:
    client = Client()
    client.get("/page/")  # fill the cache

    def run():
        for _ in range(N_PAGES):
            response = client.get("/page/")
            assert response.status_code == 200

    return timed(run)


def measure(framework: str, with_redis: bool) -> dict[str, float]:
    caches, Client = setup(framework, with_redis)
    results = {
        "locmem get+set": get_set(caches["default"]),
        "locmem aget+aset": aget_set(caches["default"]),
        "cached page (per-site middleware)": pages(Client),
    }
    if with_redis:
        results["redis get+set"] = get_set(caches["redis"])
        results["redis aget+aset"] = aget_set(caches["redis"])
        caches["redis"].delete_many([f"k{i}" for i in range(100)])
    return results


def main() -> None:
    with_redis = redis_up()
    nuages_results = measure("nuages", with_redis)
    django_results = measure("django", with_redis)
    print(f"cache benchmark ({N} get+set pairs, {N_PAGES} cached pages; best of 3)")
    print(f"{'operation':38} {'nuages':>10} {'django':>10} {'speed-up':>9}")
    for name, ours in nuages_results.items():
        theirs = django_results[name]
        print(f"{name:38} {ours * 1000:8.1f}ms {theirs * 1000:8.1f}ms {theirs / ours:8.2f}x")
    if not with_redis:
        print("(Redis not running on 127.0.0.1:6379: Redis rows skipped)")


if __name__ == "__main__":
    main()

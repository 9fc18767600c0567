"""Disconnect watching: one timer for all requests, watches only for slow ones, all cleared."""

import asyncio
import sys
import types

import pytest
from reqproj import views
from reqproj.drive import make_scope, run_asgi

from nuages.core.handlers import asgi as asgi_module
from nuages.core.handlers.asgi import ASGIHandler
from nuages.http import HttpResponse
from nuages.test.utils import override_settings
from nuages.urls import path


@pytest.fixture(autouse=True)
def reqproj_settings():
    with override_settings(ROOT_URLCONF="reqproj.urls_handlers", MIDDLEWARE=[], DEBUG=False):
        yield


def test_concurrent_requests_leave_nothing_behind_and_slow_ones_are_cancelled():
    app = ASGIHandler()
    views.events.clear()

    async def scenario():
        quick = [run_asgi(app, make_scope(path="/hello/")) for _ in range(20)]
        slow = run_asgi(app, make_scope(path="/slow/"), disconnect_after=0.1)
        results = await asyncio.gather(slow, *quick)
        watcher = asgi_module._watcher_for(asyncio.get_running_loop())
        return results, watcher

    results, watcher = asyncio.run(scenario())
    assert results[0].messages == []  # the slow one: cancelled when the client left
    assert all(r.body == b"Hello World" for r in results[1:])
    assert views.events == ["slow started", "slow cancelled"]
    assert watcher.young == {} and watcher.old == {} and watcher.watching == {}


async def _pause(request):
    await asyncio.sleep(0.03)
    return HttpResponse("done")


_urls = types.ModuleType("nuages_tests_disconnect_watch_urls")
_urls.urlpatterns = [path("pause/", _pause)]
sys.modules[_urls.__name__] = _urls


def test_a_slow_request_that_finishes_is_answered(monkeypatch):
    monkeypatch.setattr(asgi_module, "DISCONNECT_WATCH_DELAY", 0.001)
    started = []
    original_start = asgi_module._DisconnectWatch.start

    def start(self):
        started.append(True)
        original_start(self)

    monkeypatch.setattr(asgi_module._DisconnectWatch, "start", start)
    with override_settings(ROOT_URLCONF=_urls.__name__):
        app = ASGIHandler()

        async def scenario():
            result = await run_asgi(app, make_scope(path="/pause/"))
            return result, asgi_module._watcher_for(asyncio.get_running_loop())

        result, watcher = asyncio.run(scenario())
    assert result.body == b"done"
    assert started == [True]  # its watch ran while the view slept, then stopped
    assert watcher.watching == {}

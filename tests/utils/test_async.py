"""The sync/async bridges."""

import asyncio
import contextvars
import threading

from nuages.utils._async import async_to_sync, is_async_callable, run_async, sync_to_async

var = contextvars.ContextVar("var", default="unset")


def test_is_async_callable():
    async def f():
        pass

    class Call:
        async def __call__(self):
            pass

    assert is_async_callable(f)
    assert is_async_callable(Call())
    assert not is_async_callable(lambda: None)


def test_async_to_sync_outside_loop():
    async def add(a, b):
        await asyncio.sleep(0)
        return a + b

    assert async_to_sync(add)(1, 2) == 3


def test_run_async_inside_running_loop_uses_helper_thread():
    async def inner():
        return threading.current_thread().name

    async def outer():
        return run_async(inner)

    name = asyncio.run(outer())
    assert name.startswith("nuages-async-bridge")


def test_sync_to_async_runs_in_thread_with_context():
    def blocking():
        return threading.current_thread() is threading.main_thread(), var.get()

    async def main():
        var.set("set-in-task")
        return await sync_to_async(blocking)()

    on_main, value = asyncio.run(main())
    assert on_main is False
    assert value == "set-in-task"

"""Test helpers: settings overrides, the test environment, tags, warnings, captured streams."""

from __future__ import annotations

import functools
import io
import os
import sys
import time
import unittest
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from nuages.apps import apps
from nuages.conf import UserSettingsHolder, settings
from nuages.core.signals import setting_changed
from nuages.db import connections
from nuages.test._environment import setup_test_environment, teardown_test_environment
from nuages.test._queries import CaptureQueriesContext
from nuages.utils._async import is_async_callable
from nuages.utils._script_prefix import get_script_prefix, set_script_prefix
from nuages.utils.module_loading import import_string

__all__ = [
    "CaptureQueriesContext",
    "ContextList",
    "NullTimeKeeper",
    "TestContextDecorator",
    "TimeKeeper",
    "captured_output",
    "captured_stderr",
    "captured_stdin",
    "captured_stdout",
    "extend_sys_path",
    "get_runner",
    "ignore_warnings",
    "modify_settings",
    "override_script_prefix",
    "override_settings",
    "setup_databases",
    "setup_test_environment",
    "tag",
    "teardown_databases",
    "teardown_test_environment",
]


class ContextList(list):
    """The contexts a response rendered; ctx["key"] looks the name up in each in turn."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            for subcontext in self:
                if key in subcontext:
                    return subcontext[key]
            raise KeyError(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self.__getitem__(key)
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except (KeyError, TypeError):
            return False
        return True

    def keys(self) -> set[str]:
        """Every key of every rendered context."""
        names: set[str] = set()
        for subcontext in self:
            for d in getattr(subcontext, "dicts", [subcontext]):
                names |= set(d.keys())
        return names


class TestContextDecorator:
    """A context manager that also decorates functions (sync or async) and TestCase classes.

    Subclasses implement enable() and disable(). attr_name stores enable()'s result on the test
    instance when decorating a class; kwarg_name passes it to a decorated function.
    """

    __test__ = False  # not a test class, despite the name

    def __init__(self, attr_name: str | None = None, kwarg_name: str | None = None) -> None:
        self.attr_name = attr_name
        self.kwarg_name = kwarg_name

    def enable(self) -> Any:
        raise NotImplementedError

    def disable(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Any:
        return self.enable()

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.disable()

    def decorate_class(self, cls: type) -> type:
        if not issubclass(cls, unittest.TestCase):
            raise TypeError("Can only decorate subclasses of unittest.TestCase")
        original_setup = cls.setUp

        def setUp(inner_self: unittest.TestCase) -> None:
            context = self.enable()
            inner_self.addCleanup(self.disable)
            if self.attr_name:
                setattr(inner_self, self.attr_name, context)
            original_setup(inner_self)

        cls.setUp = setUp  # type: ignore[method-assign]
        return cls

    def decorate_callable(self, func: Callable) -> Callable:
        if is_async_callable(func):

            @functools.wraps(func)
            async def async_inner(*args: Any, **kwargs: Any) -> Any:
                with self as context:
                    if self.kwarg_name:
                        kwargs[self.kwarg_name] = context
                    return await func(*args, **kwargs)

            return async_inner

        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with self as context:
                if self.kwarg_name:
                    kwargs[self.kwarg_name] = context
                return func(*args, **kwargs)

        return inner

    def __call__(self, decorated: Any) -> Any:
        if isinstance(decorated, type):
            return self.decorate_class(decorated)
        if callable(decorated):
            return self.decorate_callable(decorated)
        raise TypeError(f"Cannot decorate object of type {type(decorated)}")


def _is_simple_test_case(cls: Any) -> bool:
    # SimpleTestCase declares these hooks; checking them keeps this module below testcases.
    return (
        isinstance(cls, type)
        and issubclass(cls, unittest.TestCase)
        and hasattr(cls, "_overridden_settings")
        and hasattr(cls, "_modified_settings")
    )


class override_settings(TestContextDecorator):
    """Temporarily replace settings; setting_changed is sent on entry and exit for each one."""

    enable_exception: BaseException | None = None

    def __init__(self, **kwargs: Any) -> None:
        self.options = kwargs
        super().__init__()

    def enable(self) -> None:
        if "INSTALLED_APPS" in self.options:
            try:
                apps.set_installed_apps(self.options["INSTALLED_APPS"])
            except Exception:
                apps.unset_installed_apps()
                raise
        override = UserSettingsHolder(settings._wrapped)
        for key, new_value in self.options.items():
            setattr(override, key, new_value)
        self.wrapped = settings._wrapped
        settings._wrapped = override
        for key, new_value in self.options.items():
            try:
                setting_changed.send(
                    sender=UserSettingsHolder, setting=key, value=new_value, enter=True
                )
            except Exception as exc:
                # Undo everything, then let disable() re-raise the receiver's error.
                self.enable_exception = exc
                self.disable()

    def disable(self) -> None:
        if "INSTALLED_APPS" in self.options:
            apps.unset_installed_apps()
        settings._wrapped = self.wrapped
        del self.wrapped
        responses = []
        for key in self.options:
            new_value = getattr(settings, key, None)
            responses += setting_changed.send_robust(
                sender=type(settings._wrapped), setting=key, value=new_value, enter=False
            )
        if self.enable_exception is not None:
            exc, self.enable_exception = self.enable_exception, None
            raise exc
        for _receiver, response in responses:
            if isinstance(response, Exception):
                raise response

    def save_options(self, test_func: Any) -> None:
        """Merge these overrides into a SimpleTestCase class's class-level overrides."""
        if test_func._overridden_settings is None:
            test_func._overridden_settings = self.options
        else:
            test_func._overridden_settings = {**test_func._overridden_settings, **self.options}

    def decorate_class(self, cls: type) -> type:
        if _is_simple_test_case(cls):
            self.save_options(cls)
            return cls
        raise ValueError(
            "Only subclasses of Django SimpleTestCase can be decorated with override_settings"
        )


class modify_settings(override_settings):
    """Edit list settings: {"MIDDLEWARE": {"append": ..., "prepend": ..., "remove": ...}}."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if args:
            # One positional argument: the operations list built by a class decorator merge.
            if kwargs or len(args) != 1:
                raise TypeError("modify_settings takes either one list or keyword arguments")
            self.operations = list(args[0])
        else:
            self.operations = list(kwargs.items())
        super(override_settings, self).__init__()

    def save_options(self, test_func: Any) -> None:
        if test_func._modified_settings is None:
            test_func._modified_settings = self.operations
        else:
            test_func._modified_settings = [*test_func._modified_settings, *self.operations]

    def enable(self) -> None:
        self.options = {}
        for name, operations in self.operations:
            if name in self.options:
                value = self.options[name]
            else:
                value = list(getattr(settings, name, []))
            for action, items in operations.items():
                if isinstance(items, str):
                    items = [items]
                if action == "append":
                    value = value + [item for item in items if item not in value]
                elif action == "prepend":
                    value = [item for item in items if item not in value] + value
                elif action == "remove":
                    value = [item for item in value if item not in items]
                else:
                    raise ValueError(f"Unsupported action: {action}")
            self.options[name] = value
        super().enable()

    def decorate_class(self, cls: type) -> type:
        if _is_simple_test_case(cls):
            self.save_options(cls)
            return cls
        raise ValueError(
            "Only subclasses of Django SimpleTestCase can be decorated with modify_settings"
        )


class ignore_warnings(TestContextDecorator):
    """Silence warnings matching the keyword filters (those of warnings.filterwarnings)."""

    def __init__(self, **kwargs: Any) -> None:
        self.ignore_kwargs = kwargs
        if "message" in kwargs or "module" in kwargs:
            self.filter_func = warnings.filterwarnings
        else:
            self.filter_func = warnings.simplefilter
        super().__init__()

    def enable(self) -> None:
        self.catch_warnings = warnings.catch_warnings()
        self.catch_warnings.__enter__()
        self.filter_func("ignore", **self.ignore_kwargs)

    def disable(self) -> None:
        self.catch_warnings.__exit__(*sys.exc_info())


class override_script_prefix(TestContextDecorator):
    """Run with the given URL script prefix (what reverse() puts in front of paths)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        super().__init__()

    def enable(self) -> None:
        self.old_prefix = get_script_prefix()
        set_script_prefix(self.prefix)

    def disable(self) -> None:
        set_script_prefix(self.old_prefix)


def tag(*tags: str) -> Callable[[Any], Any]:
    """Tag a test class or method, for the runner's --tag / --exclude-tag."""

    def decorator(obj: Any) -> Any:
        if hasattr(obj, "tags"):
            obj.tags = obj.tags.union(tags)
        else:
            obj.tags = set(tags)
        return obj

    return decorator


def get_runner(settings: Any, test_runner_class: str | None = None) -> type:
    """The test runner class named by test_runner_class or settings.TEST_RUNNER."""
    return import_string(test_runner_class or settings.TEST_RUNNER)


def setup_databases(
    verbosity: int,
    interactive: bool,
    *,
    time_keeper: Any = None,
    keepdb: bool = False,
    debug_sql: bool = False,
    parallel: int = 0,
    aliases: Any = None,
    serialized_aliases: Any = None,
    **kwargs: Any,
) -> list:
    """Create a test database for every alias in ``aliases`` (default: all) and build the
    installed models' tables; returns what teardown_databases() needs to undo it."""
    old_names = []
    wanted = set(connections) if aliases is None else set(aliases)
    seen: dict = {}
    for alias in connections:
        if alias not in wanted:
            continue
        connection = connections[alias]
        mirror = connection.settings_dict["TEST"]["MIRROR"]
        if mirror:
            continue
        signature = connection.creation.test_db_signature()
        if signature in seen:
            connection.creation.set_as_test_mirror(seen[signature].settings_dict)
            continue
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=not interactive, keepdb=keepdb
        )
        if parallel > 1:
            # One copy per worker process, named by the worker's number (test_<name>_<n>).
            for index in range(parallel):
                connection.creation.clone_test_db(
                    suffix=str(index + 1),
                    verbosity=verbosity,
                    autoclobber=not interactive,
                    keepdb=keepdb,
                )
        seen[signature] = connection
        old_names.append((connection, old_name, True))
    for alias in connections:
        mirror = connections[alias].settings_dict["TEST"]["MIRROR"]
        if mirror and alias in wanted:
            connections[alias].creation.set_as_test_mirror(connections[mirror].settings_dict)
    return old_names


def teardown_databases(
    old_config: list, verbosity: int, parallel: int = 0, keepdb: bool = False
) -> None:
    """Destroy the databases setup_databases() created."""
    for connection, old_name, destroy in old_config:
        if destroy:
            if parallel > 1:
                for index in range(parallel):
                    connection.creation.destroy_test_db(
                        verbosity=verbosity, keepdb=keepdb, suffix=str(index + 1)
                    )
            connection.creation.destroy_test_db(old_name, verbosity, keepdb)


@contextmanager
def captured_output(stream_name: str) -> Iterator[io.StringIO]:
    """Swap sys.<stream_name> for a StringIO for the duration of the block."""
    original = getattr(sys, stream_name)
    setattr(sys, stream_name, io.StringIO())
    try:
        yield getattr(sys, stream_name)
    finally:
        setattr(sys, stream_name, original)


def captured_stdout() -> Any:
    """with captured_stdout() as out: print('x'); out.getvalue() == 'x\\n'"""
    return captured_output("stdout")


def captured_stderr() -> Any:
    return captured_output("stderr")


def captured_stdin() -> Any:
    """with captured_stdin() as stdin: stdin.write('x\\n'); stdin.seek(0); input() == 'x'"""
    return captured_output("stdin")


@contextmanager
def extend_sys_path(*paths: str | os.PathLike) -> Iterator[None]:
    """Put paths on sys.path for the duration of the block."""
    saved = sys.path[:]
    sys.path.extend(os.fspath(p) for p in paths)
    try:
        yield
    finally:
        sys.path = saved


class TimeKeeper:
    """Record how long named steps take (the test command's --timing)."""

    def __init__(self) -> None:
        self.records: dict[str, list[float]] = {}

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.records.setdefault(name, []).append(time.perf_counter() - start)

    def print_results(self) -> None:
        for name, durations in self.records.items():
            for duration in durations:
                sys.stderr.write(f"{name} took {duration:.3f}s\n")


class NullTimeKeeper:
    """A TimeKeeper that records nothing."""

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        yield

    def print_results(self) -> None:
        pass

"""Testing tools: test cases, the test client, request factories and settings overrides.

The names are loaded on first access (PEP 562): the pytest plugin lives in this package and
pytest imports it in every session of the environment, before settings are configured, so
importing the package itself must not pull in the handlers and the rest of the web stack.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "AsyncClient",
    "AsyncRequestFactory",
    "Client",
    "RequestFactory",
    "SimpleTestCase",
    "TestCase",
    "TransactionTestCase",
    "ignore_warnings",
    "modify_settings",
    "override_settings",
    "tag",
]

_HOMES = {
    "AsyncClient": "nuages.test.client",
    "AsyncRequestFactory": "nuages.test.client",
    "Client": "nuages.test.client",
    "RequestFactory": "nuages.test.client",
    "SimpleTestCase": "nuages.test.testcases",
    "TestCase": "nuages.test._db",
    "TransactionTestCase": "nuages.test._db",
    "ignore_warnings": "nuages.test.utils",
    "modify_settings": "nuages.test.utils",
    "override_settings": "nuages.test.utils",
    "tag": "nuages.test.utils",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'nuages.test' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])

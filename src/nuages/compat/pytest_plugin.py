"""pytest plugin: ``pytest -p nuages.compat.pytest_plugin`` aliases django before collection.

Loaded with ``-p`` (or listed in a conftest's ``pytest_plugins``), it installs the alias as
soon as pytest imports it, before test modules or conftest files import ``django``.
"""

from __future__ import annotations

from nuages.compat import install

__all__: list[str] = []

install()

"""ORM test setup: the testapp models on every selected backend (tests/db/conftest.py).

``conn`` is the sync wrapper of one backend (ids sqlite, postgresql, mysql) with the testapp
tables built once per session and each test rolled back; tests that also exercise the async
API take ``db`` (sync and async per backend) and call ``db.run(sync_fn, async_fn)``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from testapp.models import MODELS  # noqa: E402


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.models(*MODELS))


@pytest.fixture
def conn(sync_db):
    return sync_db.connection

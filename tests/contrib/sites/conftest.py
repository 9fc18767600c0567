"""``sync_db``: one database per selected backend with the django_site table, rolled back."""

from __future__ import annotations

from typing import Any

import pytest
from tests.db.conftest import SELECTED, _prepare_backend, _run_in_rollback, create_tables

from nuages.contrib.sites.models import SITE_CACHE, Site


@pytest.fixture(params=[pytest.param(n, id=n) for n in SELECTED])
def sync_db(request: pytest.FixtureRequest) -> Any:
    create_tables(_prepare_backend(request.param), [Site])
    SITE_CACHE.clear()
    yield from _run_in_rollback(request.param, "sync", request)
    SITE_CACHE.clear()

"""Make the test URLconf package (url_fixtures) importable and isolate URL state per test."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from nuages.test.utils import override_settings  # noqa: E402
from nuages.urls import clear_script_prefix, clear_url_caches, set_urlconf  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_url_state():
    clear_url_caches()
    set_urlconf(None)
    clear_script_prefix()
    with override_settings(ROOT_URLCONF="url_fixtures.urls"):
        yield
    clear_url_caches()
    set_urlconf(None)
    clear_script_prefix()

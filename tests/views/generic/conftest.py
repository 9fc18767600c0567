"""Generic view tests: the gvproj package (models, urls) and its templates directory."""

import sys
from pathlib import Path

import pytest

from nuages.core import signals
from nuages.db import close_old_connections, connections, transaction
from nuages.test import override_settings

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from gvproj.models import MODELS  # noqa: E402

SETTINGS = {
    "ROOT_URLCONF": "gvproj.urls",
    "MIDDLEWARE": [],
    "TEMPLATES": [
        {
            "BACKEND": "nuages.template.backends.django.DjangoTemplates",
            "DIRS": [str(HERE / "templates")],
        }
    ],
}


@pytest.fixture
def site():
    """Tables for the gvproj models on SQLite, the test urls/templates, rolled back after."""
    conn = connections["default"]
    existing = set(conn.introspection.table_names())
    with conn.schema_editor() as editor:
        for model in MODELS:
            if model._meta.db_table not in existing:
                editor.create_model(model)
    # As Django's test client does: requests must not close the connection holding the
    # test's transaction (nuages.test.Client does not do it yet).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with override_settings(**SETTINGS), transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)

"""The test client leaves the test's database connection (and its transaction) alone."""

import sys
import types

from nuages.db import connection, transaction
from nuages.http import HttpResponse
from nuages.test import Client
from nuages.test.utils import override_settings
from nuages.urls import path

URLCONF = "nuages_tests_client_db_urls"


def _install_urlconf():
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [path("ping/", lambda request: HttpResponse("pong"))]
    sys.modules[URLCONF] = module


def test_client_requests_do_not_close_the_connection_inside_atomic():
    _install_urlconf()
    with override_settings(ROOT_URLCONF=URLCONF), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        raw = connection.connection
        response = Client().get("/ping/")
        assert response.status_code == 200
        assert response.content == b"pong"
        # request_started/request_finished ran, yet the connection and transaction survive.
        assert connection.connection is raw
        assert connection.in_atomic_block


def test_client_requests_keep_the_connection_with_conn_max_age_zero():
    # A server closes a CONN_MAX_AGE=0 connection at the end of each request; the test client
    # must not, or every request would throw away the test's connection and its state.
    _install_urlconf()
    with override_settings(ROOT_URLCONF=URLCONF):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        raw = connection.connection
        assert raw is not None
        assert Client().get("/ping/").status_code == 200
        assert connection.connection is raw

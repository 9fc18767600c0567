"""The middleware chain: building it, sync/async adaptation, hooks, view checks."""

import logging
import sys
import types

import pytest
from reqproj import middleware as mw
from reqproj.drive import asgi, make_environ, wsgi

from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.handlers.asgi import ASGIHandler
from nuages.core.handlers.base import BaseHandler
from nuages.core.handlers.wsgi import WSGIHandler, WSGIRequest
from nuages.test.utils import override_settings

M = "reqproj.middleware."


@pytest.fixture(autouse=True)
def reqproj_settings():
    mw.log.clear()
    with override_settings(ROOT_URLCONF="reqproj.urls_handlers", MIDDLEWARE=[], DEBUG=False):
        yield


def both(path, middleware, **kwargs):
    """Run the request through WSGI and ASGI with the given MIDDLEWARE."""
    with override_settings(MIDDLEWARE=middleware):
        return wsgi(WSGIHandler(), path=path, **kwargs), asgi(ASGIHandler(), path=path, **kwargs)


@pytest.mark.parametrize("path", ["/hello/", "/ahello/"])
def test_sync_async_and_mixed_middleware(path):
    chain = [M + "SyncHeader", M + "async_header", M + "both_header", M + "Mixin"]
    for result in both(path, chain):
        assert result.status == 200
        assert result.header("X-Sync") == "yes"
        assert result.header("X-Async") == "yes"
        assert result.header("X-Mixin") == "yes"


def test_sync_and_async_middleware_keeps_the_mode():
    w, a = both("/hello/", [M + "both_header"])
    assert w.header("X-Both") == "sync"
    assert a.header("X-Both") == "async"


def test_order_of_middleware():
    both("/hello/", [M + "SyncHeader", M + "async_header", M + "Mixin"])
    # Once for WSGI, once for ASGI: outermost first.
    assert mw.log == ["sync in", "async in", "mixin request"] * 2


def test_short_circuit_in_process_request():
    for result in both("/short/", [M + "ShortCircuit"]):
        assert result.body == b"short-circuited"


def test_middleware_not_used_is_skipped_and_logged(caplog):
    with override_settings(DEBUG=True), caplog.at_level(logging.DEBUG, "nuages.request"):
        w, a = both("/hello/", [M + "NotUsed", M + "NotUsedWithMessage", M + "SyncHeader"])
    assert w.header("X-Sync") == a.header("X-Sync") == "yes"
    messages = [r.getMessage() for r in caplog.records]
    assert "MiddlewareNotUsed: 'reqproj.middleware.NotUsed'" in messages
    assert "MiddlewareNotUsed('reqproj.middleware.NotUsedWithMessage'): spam eggs" in messages


def test_adaptation_logged_in_debug(caplog):
    with (
        override_settings(DEBUG=True, MIDDLEWARE=[M + "async_header"]),
        caplog.at_level(logging.DEBUG, "nuages.request"),
    ):
        WSGIHandler()
    # The sync inner handler is adapted so that the async-only middleware can await it.
    assert "Synchronous handler adapted for middleware reqproj.middleware.async_header." in [
        r.getMessage() for r in caplog.records
    ]


def test_factory_returning_none():
    with (
        override_settings(MIDDLEWARE=[M + "returns_none_factory"]),
        pytest.raises(
            ImproperlyConfigured,
            match="Middleware factory reqproj.middleware.returns_none_factory returned None.",
        ),
    ):
        WSGIHandler()


def test_middleware_neither_sync_nor_async():
    with (
        override_settings(MIDDLEWARE=[M + "Neither"]),
        pytest.raises(
            RuntimeError, match="must have at least one of sync_capable/async_capable set to True."
        ),
    ):
        ASGIHandler()


def test_process_view():
    for result in both("/item/7/", [M + "ProcessView"]):
        assert result.body == b"item 7 int"
    assert mw.log == ["view item () {'pk': 7}"] * 2
    for result in both("/hello/", [M + "ProcessView"], query_string="intercept=1"):
        assert result.body == b"intercepted"


def test_async_process_view_under_both_handlers():
    for result in both("/hello/", [M + "AsyncProcessView"]):
        assert result.body == b"Hello World"
    assert mw.log == ["async process_view"] * 2


def test_process_exception():
    for result in both("/500/", [M + "ProcessException"]):
        assert result.status == 299
        assert result.body == b"handled by middleware"
    for result in both("/404/", [M + "ProcessException"]):
        assert result.status == 404
    assert mw.log == ["exception ValueError"] * 2 + ["exception Http404"] * 2


@pytest.mark.parametrize(
    ("path", "name"), [("/none/", "none_view"), ("/anone/", "async_none_view")]
)
def test_view_returning_none(path, name):
    handler = BaseHandler()
    with override_settings(DEBUG_PROPAGATE_EXCEPTIONS=True):
        handler.load_middleware()
        with pytest.raises(ValueError) as excinfo:
            wsgi(handler_as_wsgi(handler), path=path)
    assert str(excinfo.value) == (
        f"The view reqproj.views.{name} didn't return an HttpResponse object. It returned None instead."
    )


def test_view_returning_coroutine():
    with override_settings(DEBUG_PROPAGATE_EXCEPTIONS=True), pytest.raises(ValueError) as excinfo:
        wsgi(WSGIHandler(), path="/coroutine/")
    assert str(excinfo.value) == (
        "The view reqproj.views.coroutine_view didn't return an HttpResponse object. It returned "
        "an unawaited coroutine instead. You may need to add an 'await' into your view."
    )


def test_check_response_names_callable_objects():
    class CallableView:
        def __call__(self, request):
            return None

    with pytest.raises(ValueError, match=r"The view .*CallableView.__call__ didn't return"):
        BaseHandler().check_response(None, CallableView())


def handler_as_wsgi(handler):
    wsgi_handler = WSGIHandler.__new__(WSGIHandler)
    wsgi_handler.__dict__.update(handler.__dict__)
    return wsgi_handler


def test_chain_rebuilt_when_middleware_setting_changes():
    handler = WSGIHandler()
    assert wsgi(handler, path="/hello/").header("X-Sync") is None
    with override_settings(MIDDLEWARE=[M + "SyncHeader"]):
        assert wsgi(handler, path="/hello/").header("X-Sync") == "yes"
    assert wsgi(handler, path="/hello/").header("X-Sync") is None


def test_request_urlconf_override():
    class SetUrlconf:
        def __init__(self, get_response):
            self.get_response = get_response

        def __call__(self, request):
            request.urlconf = "reqproj.urls_alt"
            return self.get_response(request)

    module = types.ModuleType("reqproj.set_urlconf_mw")
    module.SetUrlconf = SetUrlconf
    sys.modules[module.__name__] = module
    try:
        with override_settings(MIDDLEWARE=["reqproj.set_urlconf_mw.SetUrlconf"]):
            result = wsgi(WSGIHandler(), path="/alt/")
    finally:
        del sys.modules[module.__name__]
    assert result.body == b"alternative urlconf"


def test_resolver_match_set_on_request():
    captured = {}

    class Capture:
        def __init__(self, get_response):
            self.get_response = get_response

        def __call__(self, request):
            response = self.get_response(request)
            captured["match"] = request.resolver_match
            return response

    handler = BaseHandler()
    handler._view_middleware = []
    handler._exception_middleware = []
    handler._template_response_middleware = []
    handler._adapted_views = {}
    request = WSGIRequest(make_environ(path="/item/5/"))
    response = Capture(handler._get_response)(request)
    assert response.content == b"item 5 int"
    assert captured["match"].kwargs == {"pk": 5}
    assert captured["match"].url_name == "item"


TEMPLATES = [
    {
        "BACKEND": "nuages.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [("nuages.template.loaders.locmem.Loader", {"tr.html": "added {{ added }}"})]
        },
    }
]


def test_template_response_rendered_by_handler():
    with override_settings(TEMPLATES=TEMPLATES):
        for result in both("/template/", []):
            assert result.body == b"added by view"


def test_process_template_response():
    with override_settings(TEMPLATES=TEMPLATES):
        for result in both("/template/", [M + "TemplateResponseMW"]):
            assert result.body == b"added by middleware"


def test_process_template_response_returning_none():
    with override_settings(TEMPLATES=TEMPLATES, DEBUG_PROPAGATE_EXCEPTIONS=True):
        with pytest.raises(ValueError) as excinfo:
            both("/template/", [M + "BadTemplateResponseMW"])
    assert str(excinfo.value) == (
        "BadTemplateResponseMW.process_template_response didn't return an HttpResponse object. "
        "It returned None instead."
    )


def test_chain_rebuilt_when_root_urlconf_changes():
    handler = WSGIHandler()
    assert wsgi(handler, path="/alt/").status == 404
    with override_settings(ROOT_URLCONF="reqproj.urls_alt"):
        assert wsgi(handler, path="/alt/").body == b"alternative urlconf"


def test_file_response_over_asgi():
    with pytest.warns(Warning, match="must consume synchronous iterators"):
        result = asgi(ASGIHandler(), path="/file/")
    assert result.status == 200
    assert result.body.startswith(b'"""A tiny project')
    assert result.header("Content-Length") == str(len(result.body))

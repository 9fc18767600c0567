"""The built-in context processors, alone and through RequestContext."""

import sys
import types

import pytest

from nuages.template import Context, Engine, RequestContext, context_processors
from nuages.template.context import make_context
from nuages.test import RequestFactory, override_settings
from nuages.utils import timezone, translation

rf = RequestFactory()
CP = "nuages.template.context_processors."


def render_with(processors, source, request=None):
    engine = Engine(context_processors=[CP + p for p in processors])
    template = engine.from_string(source)
    return template.render(RequestContext(request or rf.get("/x/")))


def test_request():
    request = rf.get("/x/?a=1")
    assert context_processors.request(request) == {"request": request}
    assert render_with(["request"], "{{ request.path }}?{{ request.GET.a }}", request) == "/x/?1"


@override_settings(STATIC_URL="/assets/", MEDIA_URL="/uploads/")
def test_static_and_media():
    assert context_processors.static(rf.get("/")) == {"STATIC_URL": "/assets/"}
    assert context_processors.media(rf.get("/")) == {"MEDIA_URL": "/uploads/"}
    assert (
        render_with(["static", "media"], "{{ STATIC_URL }}|{{ MEDIA_URL }}") == "/assets/|/uploads/"
    )


def test_tz_follows_current_zone():
    assert render_with(["tz"], "{{ TIME_ZONE }}") == "UTC"
    with timezone.override("Europe/Paris"):
        assert context_processors.tz(rf.get("/")) == {"TIME_ZONE": "Europe/Paris"}


@override_settings(
    USE_I18N=True, LANGUAGE_CODE="en", LANGUAGES=[("en", "English"), ("ar", "Arabic")]
)
def test_i18n():
    out = render_with(
        ["i18n"],
        "{{ LANGUAGE_CODE }}|{{ LANGUAGE_BIDI }}|{% for c, n in LANGUAGES %}{{ c }}{% endfor %}",
    )
    assert out == "en|False|enar"
    with translation.override("ar"):
        assert context_processors.i18n(rf.get("/"))["LANGUAGE_BIDI"] is True


def test_debug_needs_debug_and_internal_ips():
    request = rf.get("/", REMOTE_ADDR="10.0.0.1")
    with override_settings(DEBUG=True, INTERNAL_IPS=[]):
        assert context_processors.debug(request) == {}
    with override_settings(DEBUG=False, INTERNAL_IPS=["10.0.0.1"]):
        assert context_processors.debug(request) == {}
    with override_settings(DEBUG=True, INTERNAL_IPS=["10.0.0.1"]):
        context = context_processors.debug(request)
        assert context["debug"] is True
        assert render_with(["debug"], "{% if debug %}on{% endif %}", request) == "on"


def test_debug_sql_queries_without_orm(monkeypatch):
    monkeypatch.setitem(sys.modules, "nuages.db", types.ModuleType("nuages.db"))
    with override_settings(DEBUG=True, INTERNAL_IPS=["127.0.0.1"]):
        context = context_processors.debug(rf.get("/"))
    assert list(context["sql_queries"]) == []


def test_debug_sql_queries_from_connections(monkeypatch):
    class Conn:
        def __init__(self, queries):
            self.queries = queries

    fake_db = types.ModuleType("nuages.db")
    conns = {"default": Conn([{"sql": "SELECT 1"}]), "other": Conn([{"sql": "SELECT 2"}])}
    fake_db.connections = conns
    monkeypatch.setitem(sys.modules, "nuages.db", fake_db)
    with override_settings(DEBUG=True, INTERNAL_IPS=["127.0.0.1"]):
        context = context_processors.debug(rf.get("/"))
    conns["default"].queries.append({"sql": "SELECT 3"})
    # Lazy: the queries are collected when the template reads them.
    engine = Engine()
    out = engine.from_string("{% for q in sql_queries %}{{ q.sql }};{% endfor %}").render(
        Context(context)
    )
    assert out == "SELECT 1;SELECT 3;SELECT 2;"


def test_csrf_token_is_a_real_masked_token():
    token = str(context_processors.csrf(rf.get("/"))["csrf_token"])
    # A masked token: 64 characters of the token alphabet, as Django issues them.
    assert len(token) == 64 and token.isalnum()


def test_csrf_is_always_on_and_lazy(monkeypatch):
    calls = []
    import nuages.template.context_processors as cp

    def fake_get_token(request):
        calls.append(request)
        return "tok123"

    monkeypatch.setattr(cp, "get_token", fake_get_token)
    request = rf.get("/")
    context = cp.csrf(request)
    assert calls == []
    assert str(context["csrf_token"]) == "tok123"
    assert calls == [request]
    # Every RequestContext gets it, even with no processors configured.
    out = render_with([], "{% csrf_token %}", request)
    assert out == '<input type="hidden" name="csrfmiddlewaretoken" value="tok123">'


def test_processor_returning_non_dict_is_reported():
    request = rf.get("/")
    engine = Engine()

    def bad(request):
        return None

    with pytest.raises(TypeError, match="didn't return a dictionary"):
        engine.from_string("x").render(RequestContext(request, processors=[bad]))


def test_view_context_wins_over_processors():
    engine = Engine(context_processors=[CP + "static"])
    template = engine.from_string("{{ STATIC_URL }}")
    with override_settings(STATIC_URL="/static/"):
        # make_context (what backends and render() use) layers the view's dict on top...
        assert template.render(make_context({"STATIC_URL": "mine"}, rf.get("/"))) == "mine"
        # ...while a RequestContext's own dict sits below the processors, as in Django.
        assert template.render(RequestContext(rf.get("/"), {"STATIC_URL": "mine"})) == "/static/"

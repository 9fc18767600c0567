"""Messages end to end through the test client: added on one request, shown on the next."""

import asyncio
import sys
import types

import pytest

from nuages.contrib import messages
from nuages.contrib.messages.test import MessagesTestMixin
from nuages.contrib.messages.views import SuccessMessageMixin
from nuages.http import HttpResponse, HttpResponseRedirect
from nuages.template import Engine, RequestContext
from nuages.test import AsyncClient, Client, SimpleTestCase, override_settings
from nuages.urls import path
from nuages.utils.deprecation import MiddlewareMixin
from nuages.views.generic import View

URLCONF = "w10_messages_urls"
COOKIE_STORAGE = "nuages.contrib.messages.storage.cookie.CookieStorage"
SESSIONS: dict = {}

engine = Engine(context_processors=["nuages.contrib.messages.context_processors.messages"])
SHOW = engine.from_string(
    "{% for message in messages %}"
    "[{{ message.tags }}|{{ message }}"
    "{% if message.level == DEFAULT_MESSAGE_LEVELS.ERROR %}|important{% endif %}]"
    "{% endfor %}"
)


class FakeSessionMiddleware(MiddlewareMixin):
    """A dict-backed stand-in for SessionMiddleware (keyed by a `fakesession` cookie)."""

    def process_request(self, request):
        key = request.COOKIES.get("fakesession") or str(len(SESSIONS) + 1)
        request.session = SESSIONS.setdefault(key, {})
        request._fake_session_key = key

    def process_response(self, request, response):
        if hasattr(request, "_fake_session_key"):
            response.set_cookie("fakesession", request._fake_session_key)
        return response


def add_view(request):
    messages.info(request, "Saved.")
    messages.error(request, "<b>Escaped</b>", extra_tags="big")
    messages.debug(request, "Not shown at the default level")
    return HttpResponseRedirect("/show/")


def add_many_view(request):
    for i in range(int(request.GET.get("n", "40"))):
        messages.warning(request, f"Message number {i:03} {'%x' % (i * 7919 * 104729)}")
    return HttpResponse("added")


def show_view(request):
    return HttpResponse(SHOW.render(RequestContext(request)))


def add_and_show_view(request):
    messages.success(request, "Same request")
    return HttpResponse(SHOW.render(RequestContext(request)))


async def async_add_view(request):
    messages.success(request, "From an async view")
    return HttpResponse("ok")


async def async_show_view(request):
    return HttpResponse(SHOW.render(RequestContext(request)))


class FakeForm:
    def __init__(self, data):
        self.cleaned_data = data


class FormViewLike(View):
    """The part of FormView that SuccessMessageMixin relies on."""

    def form_valid(self, form):
        return HttpResponseRedirect("/show/")

    def post(self, request):
        return self.form_valid(FakeForm({"name": request.POST.get("name", "")}))


class CreateThing(SuccessMessageMixin, FormViewLike):
    success_message = "%(name)s was created successfully"


class CreateQuiet(SuccessMessageMixin, FormViewLike):
    pass


@pytest.fixture(autouse=True)
def urls():
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [
        path("add/", add_view),
        path("add-many/", add_many_view),
        path("show/", show_view),
        path("add-and-show/", add_and_show_view),
        path("async-add/", async_add_view),
        path("async-show/", async_show_view),
        path("create/", CreateThing.as_view()),
        path("create-quiet/", CreateQuiet.as_view()),
    ]
    sys.modules[URLCONF] = module
    with override_settings(
        ROOT_URLCONF=URLCONF,
        MIDDLEWARE=["nuages.contrib.messages.middleware.MessageMiddleware"],
        MESSAGE_STORAGE=COOKIE_STORAGE,
    ):
        yield
    sys.modules.pop(URLCONF, None)
    SESSIONS.clear()


def test_added_then_displayed_once():
    client = Client()
    response = client.get("/add/")
    assert response.status_code == 302
    assert "messages" in response.cookies
    shown = client.get("/show/").content.decode()
    assert shown == "[info|Saved.][big error|&lt;b&gt;Escaped&lt;/b&gt;|important]"
    assert client.get("/show/").content == b""  # consumed


def test_added_and_shown_in_same_request():
    client = Client()
    assert client.get("/add-and-show/").content == b"[success|Same request]"
    assert client.get("/show/").content == b""


def test_tampered_cookie_ignored():
    client = Client()
    client.get("/add/")
    client.cookies["messages"] = client.cookies["messages"].value[:-4] + "AAAA"
    assert client.get("/show/").content == b""


def test_cookie_overflow_drops_oldest_with_cookie_storage():
    client = Client()
    client.get("/add-many/?n=200")
    shown = client.get("/show/").content.decode()
    assert "Message number 199" in shown and "Message number 000" not in shown


@override_settings(DEBUG=True)
def test_unstored_messages_raise_in_debug():
    with pytest.raises(ValueError, match="Not all temporary messages could be stored"):
        Client().get("/add-many/?n=200")


@override_settings(
    MESSAGE_STORAGE="nuages.contrib.messages.storage.fallback.FallbackStorage",
    MIDDLEWARE=[
        "tests.contrib.messages.test_middleware.FakeSessionMiddleware",
        "nuages.contrib.messages.middleware.MessageMiddleware",
    ],
)
def test_fallback_overflow_kept_in_session():
    client = Client()
    client.get("/add-many/?n=200")
    assert any("_messages" in s for s in SESSIONS.values())
    shown = client.get("/show/").content.decode()
    assert shown.count("[warning|") == 200
    assert shown.index("Message number 000") < shown.index("Message number 199")
    assert client.get("/show/").content == b""
    assert not any("_messages" in s for s in SESSIONS.values())


@override_settings(
    MESSAGE_STORAGE="nuages.contrib.messages.storage.session.SessionStorage",
    MIDDLEWARE=[
        "tests.contrib.messages.test_middleware.FakeSessionMiddleware",
        "nuages.contrib.messages.middleware.MessageMiddleware",
    ],
)
def test_session_storage_through_client():
    client = Client()
    client.get("/add/")
    assert "messages" not in client.cookies or not client.cookies["messages"].value
    assert client.get("/show/").content.decode().startswith("[info|Saved.]")


@override_settings(MESSAGE_LEVEL=messages.DEBUG, MESSAGE_TAGS={messages.INFO: "note"})
def test_level_and_tags_settings():
    client = Client()
    client.get("/add/")
    shown = client.get("/show/").content.decode()
    assert "[note|Saved.]" in shown and "[debug|Not shown at the default level]" in shown


def test_success_message_mixin():
    client = Client()
    response = client.post("/create/", {"name": "Widget"})
    assert response.status_code == 302
    assert client.get("/show/").content == b"[success|Widget was created successfully]"
    client.post("/create-quiet/", {"name": "Widget"})
    assert client.get("/show/").content == b""


def test_async_views():
    asyncio.run(_async_views())


async def _async_views():
    client = AsyncClient()
    response = await client.get("/async-add/")
    assert response.status_code == 200
    assert "messages" in response.cookies
    client.cookies["messages"] = response.cookies["messages"].value
    shown = await client.get("/async-show/")
    assert shown.content == b"[success|From an async view]"


@override_settings(
    MESSAGE_STORAGE="nuages.contrib.messages.storage.fallback.FallbackStorage",
    MIDDLEWARE=[
        "tests.contrib.messages.test_middleware.FakeSessionMiddleware",
        "nuages.contrib.messages.middleware.MessageMiddleware",
    ],
)
def test_async_fallback_storage():
    asyncio.run(_async_fallback_storage())


async def _async_fallback_storage():
    client = AsyncClient()
    response = await client.get("/add-many/?n=150")
    client.cookies["messages"] = response.cookies["messages"].value
    client.cookies["fakesession"] = response.cookies["fakesession"].value
    shown = (await client.get("/async-show/")).content.decode()
    assert shown.count("[warning|") == 150


def test_without_middleware_views_fail_loudly():
    with override_settings(MIDDLEWARE=[]), pytest.raises(messages.MessageFailure):
        Client().get("/add/")
    with override_settings(MIDDLEWARE=[]):
        assert Client().get("/show/").content == b""  # nothing to show, no error


class TestAssertMessages(MessagesTestMixin, SimpleTestCase):
    def setUp(self):
        super().setUp()
        module = types.ModuleType(URLCONF)
        module.urlpatterns = [path("add/", add_view)]
        sys.modules[URLCONF] = module
        self.enterContext(
            override_settings(
                ROOT_URLCONF=URLCONF,
                MIDDLEWARE=["nuages.contrib.messages.middleware.MessageMiddleware"],
                MESSAGE_STORAGE=COOKIE_STORAGE,
            )
        )

    def test_assert_messages(self):
        response = self.client.get("/add/")
        expected = [
            messages.Message(messages.INFO, "Saved."),
            messages.Message(messages.ERROR, "<b>Escaped</b>"),
        ]
        self.assertMessages(response, expected)
        self.assertMessages(response, expected[::-1], ordered=False)
        with pytest.raises(AssertionError):
            self.assertMessages(response, expected[::-1])


def test_fallback_with_real_sessions():
    """FallbackStorage over nuages' SessionMiddleware (signed-cookie sessions: no database)."""
    pytest.importorskip("nuages.contrib.sessions.middleware")
    with override_settings(
        MESSAGE_STORAGE="nuages.contrib.messages.storage.fallback.FallbackStorage",
        SESSION_ENGINE="nuages.contrib.sessions.backends.signed_cookies",
        MIDDLEWARE=[
            "nuages.contrib.sessions.middleware.SessionMiddleware",
            "nuages.contrib.messages.middleware.MessageMiddleware",
        ],
    ):
        client = Client()
        # Enough messages that even compressed they overflow the cookie into the session.
        response = client.get("/add-many/?n=400")
        assert list(response.cookies) == ["messages", "sessionid"], dict(response.cookies)
        shown = client.get("/show/").content.decode()
        assert shown.count("[warning|") == 400
        assert client.get("/show/").content == b""

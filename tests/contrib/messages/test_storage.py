"""Message, levels and tags, and the cookie/session/fallback storages (RequestFactory level)."""

import secrets

import pytest

from nuages.contrib import messages
from nuages.contrib.messages import constants
from nuages.contrib.messages.api import MessageFailure
from nuages.contrib.messages.storage import default_storage
from nuages.contrib.messages.storage.base import BaseStorage, Message
from nuages.contrib.messages.storage.cookie import (
    CookieStorage,
    MessageDecoder,
    MessageEncoder,
)
from nuages.contrib.messages.storage.fallback import FallbackStorage
from nuages.contrib.messages.storage.session import SessionStorage
from nuages.core.exceptions import ImproperlyConfigured
from nuages.http import HttpResponse
from nuages.test import RequestFactory, override_settings
from nuages.utils.functional import lazy
from nuages.utils.safestring import SafeData, mark_safe

rf = RequestFactory()


class FakeSession(dict):
    """A dict standing in for request.session (SessionBase's mapping API)."""

    modified = False

    def __setitem__(self, key, value):
        self.modified = True
        super().__setitem__(key, value)


def request_with(storage_class=CookieStorage, cookies=None, session=None):
    request = rf.get("/")
    if cookies:
        request.COOKIES.update(cookies)
    if session is not None:
        request.session = session
    request._messages = storage_class(request)
    return request


def carry_cookies(response):
    return {name: morsel.value for name, morsel in response.cookies.items() if morsel.value}


# -- Message ------------------------------------------------------------------------------


def test_message_basics():
    m = Message(constants.INFO, "Hello", extra_tags="extra")
    assert str(m) == "Hello"
    assert m.level_tag == "info"
    assert m.tags == "extra info"
    assert Message(constants.ERROR, "x").tags == "error"
    assert Message(99, "x").level_tag == "" and Message(99, "x").tags == ""
    assert m == Message(constants.INFO, "Hello")  # extra_tags do not take part
    assert m != Message(constants.WARNING, "Hello")
    assert m != "Hello"
    assert repr(m) == "Message(level=20, message='Hello', extra_tags='extra')"
    assert repr(Message(25, "x")) == "Message(level=25, message='x')"


@override_settings(MESSAGE_TAGS={constants.INFO: "information", 50: "critical"})
def test_message_tags_setting():
    assert Message(constants.INFO, "x").level_tag == "information"
    assert Message(50, "x").tags == "critical"
    assert Message(constants.ERROR, "x").level_tag == "error"


def test_lazy_message_prepared():
    lazy_str = lazy(lambda s: s, str)
    m = Message(constants.INFO, lazy_str("lazy"), extra_tags=lazy_str("tag"))
    m._prepare()
    assert type(m.message) is str and m.message == "lazy"
    assert type(m.extra_tags) is str


def test_encoder_decoder_roundtrip():
    msgs = [
        Message(constants.INFO, "plain"),
        Message(constants.ERROR, mark_safe("<b>safe</b>"), extra_tags="x"),
        Message(constants.DEBUG, "no tags", extra_tags=None),
    ]
    data = MessageEncoder().encode({"list": msgs, "nested": [msgs[0]]})
    decoded = MessageDecoder().decode(data)
    assert decoded["list"] == msgs
    assert isinstance(decoded["list"][1].message, SafeData)
    assert not isinstance(decoded["list"][0].message, SafeData)
    assert decoded["list"][1].extra_tags == "x"
    assert decoded["list"][2].extra_tags is None


# -- API and levels -------------------------------------------------------------------------


def test_add_without_middleware():
    request = rf.get("/")
    with pytest.raises(MessageFailure):
        messages.info(request, "x")
    messages.info(request, "x", fail_silently=True)  # no error
    with pytest.raises(TypeError, match="HttpRequest"):
        messages.add_message(object(), constants.INFO, "x")
    assert messages.get_messages(request) == []
    assert messages.set_level(request, constants.DEBUG) is False


def test_levels_and_shortcuts():
    request = request_with()
    assert messages.get_level(request) == constants.INFO
    messages.debug(request, "hidden")  # below INFO
    messages.info(request, "info")
    messages.success(request, "success", extra_tags="ok")
    messages.warning(request, "warning")
    messages.error(request, "error")
    messages.add_message(request, constants.INFO, "")  # empty messages are dropped
    assert messages.set_level(request, constants.DEBUG)
    messages.debug(request, "debug now")
    assert [m.message for m in messages.get_messages(request)] == [
        "info",
        "success",
        "warning",
        "error",
        "debug now",
    ]
    assert [m.level_tag for m in request._messages] == [
        "info",
        "success",
        "warning",
        "error",
        "debug",
    ]
    messages.set_level(request, None)
    assert messages.get_level(request) == constants.INFO


@override_settings(MESSAGE_LEVEL=constants.WARNING)
def test_message_level_setting():
    request = request_with()
    messages.info(request, "dropped")
    messages.warning(request, "kept")
    assert len(request._messages) == 1
    bare = rf.get("/")
    bare.session = FakeSession()
    assert messages.get_level(bare) == constants.WARNING


def test_iteration_marks_used_and_len_contains():
    request = request_with()
    storage = request._messages
    messages.info(request, "one")
    assert len(storage) == 1
    assert Message(constants.INFO, "one") in storage
    assert not storage.used
    assert list(storage) == [Message(constants.INFO, "one")]
    assert storage.used
    messages.info(request, "two")
    assert len(storage) == 2
    assert repr(storage).startswith("<CookieStorage: request=")


def test_base_storage_abstract():
    storage = BaseStorage(rf.get("/"))
    with pytest.raises(NotImplementedError):
        len(storage)
    with pytest.raises(NotImplementedError):
        storage._store([], None)


def test_default_storage_setting():
    request = rf.get("/")
    request.session = FakeSession()
    assert isinstance(default_storage(request), FallbackStorage)
    with override_settings(MESSAGE_STORAGE="nuages.contrib.messages.storage.cookie.CookieStorage"):
        assert isinstance(default_storage(rf.get("/")), CookieStorage)


# -- CookieStorage ------------------------------------------------------------------------


def test_cookie_roundtrip():
    request = request_with()
    messages.info(request, "first")
    messages.error(request, mark_safe("<i>safe</i>"), extra_tags="tag")
    response = HttpResponse()
    assert request._messages.update(response) == []
    morsel = response.cookies["messages"]
    assert morsel["httponly"] and morsel["samesite"] == "Lax"

    request2 = request_with(cookies=carry_cookies(response))
    got = list(request2._messages)
    assert got == [Message(constants.INFO, "first"), Message(constants.ERROR, "<i>safe</i>")]
    assert isinstance(got[1].message, SafeData) and got[1].extra_tags == "tag"
    # Read: the next response clears the cookie.
    response2 = HttpResponse()
    request2._messages.update(response2)
    assert response2.cookies["messages"].value == ""
    assert response2.cookies["messages"]["max-age"] == 0


def test_cookie_not_read_not_added_leaves_cookie():
    request = request_with()
    messages.info(request, "kept")
    response = HttpResponse()
    request._messages.update(response)
    request2 = request_with(cookies=carry_cookies(response))
    response2 = HttpResponse()
    request2._messages.update(response2)
    assert "messages" not in response2.cookies  # untouched: still there for the next page


def test_cookie_tampered_ignored():
    request = request_with()
    messages.info(request, "hello")
    response = HttpResponse()
    request._messages.update(response)
    value = response.cookies["messages"].value
    for bad in [value[:-2] + "xx", "garbage", value.replace(":", "x"), "a:b:c"]:
        request2 = request_with(cookies={"messages": bad})
        assert list(request2._messages) == []
        response2 = HttpResponse()
        request2._messages.update(response2)
        assert response2.cookies["messages"].value == ""  # the bad cookie is cleared


@override_settings(SECRET_KEY="another-key")
def test_cookie_from_another_key_ignored():
    request = request_with(cookies={"messages": "W1siX19qc29uX21lc3NhZ2UiLDAsMjAsImhpIl1d:abc"})
    assert list(request._messages) == []


def test_cookie_overflow_drops_oldest():
    request = request_with()
    storage = request._messages
    storage.max_cookie_size = 300
    for i in range(10):
        messages.info(request, f"message {i} " + secrets.token_hex(20))
    response = HttpResponse()
    unstored = storage.update(response)
    assert unstored and unstored[0].message.startswith("message 0")
    request2 = request_with(cookies=carry_cookies(response))
    request2._messages.max_cookie_size = 300
    kept = list(request2._messages)
    assert kept and kept[-1].message.startswith("message 9")
    assert len(kept) + len(unstored) == 10


def test_cookie_not_finalized_sentinel():
    storage = CookieStorage(rf.get("/"))
    encoded = storage._encode([Message(constants.INFO, "a"), storage.not_finalized])
    request = request_with(cookies={"messages": encoded})
    msgs, all_retrieved = request._messages._get()
    assert msgs == [Message(constants.INFO, "a")] and all_retrieved is False


@override_settings(
    SESSION_COOKIE_DOMAIN=".example.com", SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True
)
def test_cookie_settings():
    request = request_with()
    messages.info(request, "x")
    response = HttpResponse()
    request._messages.update(response)
    morsel = response.cookies["messages"]
    assert morsel["domain"] == ".example.com" and morsel["secure"]


# -- SessionStorage and FallbackStorage ---------------------------------------------------


def test_session_storage_requires_session():
    with pytest.raises(ImproperlyConfigured, match="session middleware"):
        SessionStorage(rf.get("/"))
    with pytest.raises(ImproperlyConfigured):
        FallbackStorage(rf.get("/"))


def test_session_storage_roundtrip():
    session = FakeSession()
    request = request_with(SessionStorage, session=session)
    messages.warning(request, "in session", extra_tags="s")
    messages.info(request, mark_safe("<b>x</b>"))
    assert request._messages.update(HttpResponse()) == []
    assert isinstance(session["_messages"], str)
    request2 = request_with(SessionStorage, session=session)
    got = list(request2._messages)
    assert got == [Message(constants.WARNING, "in session"), Message(constants.INFO, "<b>x</b>")]
    assert got[0].extra_tags == "s" and isinstance(got[1].message, SafeData)
    request2._messages.update(HttpResponse())
    assert "_messages" not in session


def test_fallback_small_uses_cookie_only():
    session = FakeSession()
    request = request_with(FallbackStorage, session=session)
    messages.info(request, "small")
    response = HttpResponse()
    assert request._messages.update(response) == []
    assert "messages" in response.cookies and "_messages" not in session


def test_fallback_overflow_goes_to_session_in_order():
    session = FakeSession()
    request = request_with(FallbackStorage, session=session)
    request._messages.storages[0].max_cookie_size = 300
    for i in range(10):
        messages.info(request, f"message {i} " + secrets.token_hex(20))
    response = HttpResponse()
    assert request._messages.update(response) == []
    assert "messages" in response.cookies and "_messages" in session

    request2 = request_with(FallbackStorage, cookies=carry_cookies(response), session=session)
    request2._messages.storages[0].max_cookie_size = 300
    got = [m.message.split()[1] for m in request2._messages]
    assert got == [str(i) for i in range(10)]  # every message, in order
    response2 = HttpResponse()
    request2._messages.update(response2)
    assert response2.cookies["messages"].value == ""
    assert "_messages" not in session


def test_fallback_session_only_when_cookie_empty():
    session = FakeSession()
    session["_messages"] = SessionStorage(request_with(session=session)).serialize_messages(
        [Message(constants.INFO, "from session")]
    )
    request = request_with(FallbackStorage, session=session)
    # No cookie at all: the fallback does not look further (Django's behaviour).
    assert list(request._messages) == []


# Set by Django 5.2's CookieStorage with SECRET_KEY "nuages-tests-not-secret" (the test key).
DJANGO_COOKIE = (
    ".eJyLjlaKj88qzs-Lz00tLk5MT1XSMdAxMtBR8kjNyclXSCvKz1VwyUrMS89XitXBVGuoYwJUa5NkV5yYlmqjn2SnpKNUoRQbC"
    "wDzrhu1:1xV07R:XQJYriVWBUtjC29a8VKSxRzdbmhtlSOeXyemEM4UD6Y"
)


@override_settings(SECRET_KEY="nuages-tests-not-secret")
def test_reads_a_cookie_set_by_django():
    request = request_with(cookies={"messages": DJANGO_COOKIE})
    got = list(request._messages)
    assert got == [
        Message(constants.INFO, "Hello from Django"),
        Message(constants.ERROR, "<b>safe</b>"),
    ]
    assert isinstance(got[1].message, SafeData) and got[1].extra_tags == "x"

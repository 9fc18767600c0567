"""Values the response classes cache between responses follow setting changes."""

import pytest

from nuages.http import HttpResponse, JsonResponse
from nuages.http.response import ResponseHeaders
from nuages.test.utils import override_settings


def test_default_charset_change_takes_effect():
    assert HttpResponse()["Content-Type"] == "text/html; charset=utf-8"
    with override_settings(DEFAULT_CHARSET="iso-8859-1"):
        response = HttpResponse("café")
        assert response["Content-Type"] == "text/html; charset=iso-8859-1"
        assert response.charset == "iso-8859-1"
        assert response.content == "café".encode("iso-8859-1")
        assert JsonResponse({"a": 1}).charset == "iso-8859-1"
    response = HttpResponse("café")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == "café".encode()


def test_explicit_charset_wins_over_default():
    assert HttpResponse(charset="utf-16")["Content-Type"] == "text/html; charset=utf-16"
    assert HttpResponse(charset="")["Content-Type"] == "text/html; charset="


def test_header_names_checked_once_still_refuse_bad_values():
    headers = ResponseHeaders()
    headers["X-Custom"] = "ok"
    headers["X-Custom"] = "again"  # the name is now known: the value is still checked
    assert headers["x-custom"] == "again"
    with pytest.raises(ValueError):
        headers["X-Custom"] = "bad\nvalue"
    headers["X-Custom"] = "café"
    assert headers["X-Custom"] == "café"
    headers["X-Custom"] = "€"  # outside latin-1: MIME-encoded
    assert headers["X-Custom"].startswith("=?utf-8?")
    headers["X-Custom"] = 12
    assert headers["X-Custom"] == "12"
    with pytest.raises(UnicodeError):
        headers["X-Café"] = "name not ascii"
    headers[b"X-Bytes"] = b"v"
    assert list(headers.items()) == [("X-Custom", "12"), ("X-Bytes", "v")]


def test_default_charset_assigned_directly_takes_effect():
    from nuages.conf import settings

    with override_settings():
        settings.DEFAULT_CHARSET = "utf-16"
        assert HttpResponse()["Content-Type"] == "text/html; charset=utf-16"


def test_a_host_validated_once_is_checked_again_when_allowed_hosts_change():
    from nuages.core.exceptions import DisallowedHost
    from nuages.http import HttpRequest

    request = HttpRequest()
    request.META = {"HTTP_HOST": "example.com"}
    with override_settings(ALLOWED_HOSTS=["example.com"]):
        assert request.get_host() == "example.com"
        assert request.get_host() == "example.com"
    with override_settings(ALLOWED_HOSTS=["other.com"]), pytest.raises(DisallowedHost):
        request.get_host()
    from nuages.conf import settings

    with override_settings(ALLOWED_HOSTS=["example.com"]):
        assert request.get_host() == "example.com"
        settings.ALLOWED_HOSTS.clear()  # changed in place
        settings.ALLOWED_HOSTS.append("other.com")
        with pytest.raises(DisallowedHost):
            request.get_host()


@pytest.mark.parametrize(
    "data",
    [
        {"a": 1, "b": [1.5, float("inf"), None, True], "é": "ü\n"},
        [1, {"nested": [2, 3]}, "x"],
        {},
        {1: "int key", None: 2, 2.5: 3},
        "a bare string",
    ],
)
def test_json_response_body_matches_json_dumps(data):
    import json

    from nuages.core.serializers.json import DjangoJSONEncoder

    response = JsonResponse(data, safe=False)
    assert response.content == json.dumps(data, cls=DjangoJSONEncoder).encode()


def test_json_response_refuses_circular_data_every_time():
    data = {}
    data["self"] = data
    for _ in range(2):
        with pytest.raises(ValueError, match="Circular reference"):
            JsonResponse(data)
    assert JsonResponse({"ok": data["self"] is data}).content == b'{"ok": true}'


def test_cookie_jar_is_made_on_first_use():
    import pickle

    from nuages.http.cookie import SimpleCookie

    response = HttpResponse("x")
    assert "cookies" not in vars(response)
    assert isinstance(response.cookies, SimpleCookie) and not response.cookies
    response.set_cookie("a", "1")
    assert response.cookies["a"].value == "1"
    restored = pickle.loads(pickle.dumps(response))
    assert restored.cookies["a"].value == "1"
    fresh = pickle.loads(pickle.dumps(HttpResponse("y")))
    fresh.set_cookie("b", "2")
    assert list(fresh.cookies) == ["b"]
    replaced = HttpResponse()
    replaced.cookies = SimpleCookie("c=3")
    assert replaced.cookies["c"].value == "3"

import datetime
import io
import json
import pickle
import time
import uuid
from http.cookies import Morsel

import pytest

from nuages.core import signing
from nuages.core.exceptions import DisallowedRedirect
from nuages.http import (
    BadHeaderError,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from nuages.http.response import ResponseHeaders
from nuages.utils._json import DjangoJSONEncoder
from nuages.utils.functional import lazystr
from nuages.utils.http import MAX_URL_REDIRECT_LENGTH, http_date


class TestStatus:
    def test_status_and_reason(self):
        response = HttpResponse(status=503)
        assert response.status_code == 503 and response.reason_phrase == "Service Unavailable"
        response.status_code = 404
        assert response.reason_phrase == "Not Found"
        assert HttpResponse(status="100").status_code == 100
        assert HttpResponse(status=419, reason="I'm a pot").reason_phrase == "I'm a pot"
        assert HttpResponse(status=599).reason_phrase == "Unknown Status Code"
        response.reason_phrase = "Custom"
        assert response.reason_phrase == "Custom"

    @pytest.mark.parametrize("status", [99999, "99", 99, 600])
    def test_out_of_range(self, status):
        with pytest.raises(
            ValueError, match="HTTP status code must be an integer from 100 to 599."
        ):
            HttpResponse(status=status)

    @pytest.mark.parametrize("status", ["Not a status code", object(), None.__class__])
    def test_not_an_integer(self, status):
        with pytest.raises(TypeError, match="HTTP status code must be an integer."):
            HttpResponse(status=status)


class TestContent:
    def test_str_bytes_and_charset(self):
        assert HttpResponse("Café").content == "Café".encode()
        latin = HttpResponse("Café", content_type="text/plain; charset=iso-8859-1")
        assert latin.content == "Café".encode("latin-1") and latin.charset == "iso-8859-1"
        assert HttpResponse(b"\xff").content == b"\xff"
        assert HttpResponse(memoryview(b"mv")).content == b"mv"
        assert HttpResponse(12).content == b"12"

    def test_iterables_consumed_once(self):
        generator = (str(i) for i in range(5))
        response = HttpResponse(generator)
        assert response.content == b"01234" and response.content == b"01234"
        with pytest.raises(StopIteration):
            next(generator)
        assert HttpResponse(["1", b"2", 3]).content == b"123"
        assert list(HttpResponse(iter(["hello", "world"]))) == [b"helloworld"]
        assert HttpResponse(lazystr("lazy")).content == b"lazy"

    def test_iterable_close_called(self):
        class Closing:
            closed = False

            def __iter__(self):
                return iter([b"x"])

            def close(self):
                self.closed = True

        content = Closing()
        HttpResponse(content)
        assert content.closed

    def test_charset_detection(self):
        assert HttpResponse().charset == "utf-8"
        response = HttpResponse(charset="iso-8859-1")
        assert response.headers["Content-Type"] == "text/html; charset=iso-8859-1"
        assert (
            HttpResponse(content_type="text/plain; charset=utf-8", charset="iso-8859-1").charset
            == "iso-8859-1"
        )
        assert HttpResponse(content_type='text/plain; charset="iso-8859-1"').charset == "iso-8859-1"
        assert HttpResponse(content_type="text/plain; charset=").charset == "utf-8"
        assert HttpResponse(content_type="text/plain").charset == "utf-8"
        response.charset = "ascii"
        assert response.charset == "ascii"

    def test_text(self):
        response = HttpResponse("Café")
        assert response.text == "Café"
        response.content = "other"
        assert response.text == "other"
        response.write("!")
        assert response.text == "other!"
        assert HttpResponse("é", content_type="text/plain; charset=latin-1").text == "é"

    def test_file_interface(self):
        response = HttpResponse()
        response.write(b"hello")
        assert response.tell() == 5
        response.write("привет")
        assert response.tell() == 17
        response = HttpResponse(["abc"])
        response.write("def")
        assert response.content == b"abcdef" and response.getvalue() == b"abcdef"
        response.writelines(["g\n", b"h\n"])
        assert response.content == b"abcdefg\nh\n"
        assert response.writable() and not response.readable() and not response.seekable()
        response.flush()

    def test_wrap_textiowrapper(self):
        response = HttpResponse()
        with io.TextIOWrapper(response, "utf-8") as buffer:
            buffer.write("Café :)")
        assert response.content == "Café :)".encode()

    def test_serialize(self):
        response = HttpResponse("body", headers={"X-A": "1"})
        assert (
            response.serialize() == b"X-A: 1\r\nContent-Type: text/html; charset=utf-8\r\n\r\nbody"
        )
        assert bytes(response) == response.serialize()
        assert response.serialize_headers() == b"X-A: 1\r\nContent-Type: text/html; charset=utf-8"

    def test_repr(self):
        response = HttpResponse(b"x", status=201)
        assert repr(response) == '<HttpResponse status_code=201, "text/html; charset=utf-8">'
        del response.headers["Content-Type"]
        assert repr(response) == "<HttpResponse status_code=201>"

    def test_pickle_drops_test_client_attrs(self):
        response = HttpResponse("x")
        response.client = object()
        response.set_cookie("a", "b")
        restored = pickle.loads(pickle.dumps(response))
        assert restored.content == b"x" and not hasattr(restored, "client")
        assert restored.cookies["a"].value == "b"

    def test_close_runs_closers(self):
        calls = []
        response = HttpResponse()
        response._resource_closers.extend(
            [lambda: calls.append(1), lambda: 1 / 0, lambda: calls.append(2)]
        )
        response.close()
        assert calls == [1, 2] and response.closed and response._resource_closers == []


class TestHeaders:
    def test_case_insensitive_access(self):
        response = HttpResponse()
        response["X-Foo"] = "bar"
        assert response["x-foo"] == "bar" and response.headers["X-FOO"] == "bar"
        assert response.has_header("x-FOO") and "X-Foo" in response
        assert response.get("missing") is None and response.get("missing", "d") == "d"
        del response["x-foo"]
        del response["x-foo"]  # no error when absent
        assert "X-Foo" not in response
        response.setdefault("X-New", "1")
        response.setdefault("x-new", "2")
        assert response["X-New"] == "1"
        assert ("X-New", "1") in list(response.items())

    def test_headers_argument(self):
        response = HttpResponse(headers={"Content-Type": "text/plain", "X-Num": 1})
        assert response["Content-Type"] == "text/plain" and response["X-Num"] == "1"
        msg = "'headers' must not contain 'Content-Type' when the 'content_type' parameter is provided."
        with pytest.raises(ValueError, match=msg):
            HttpResponse(content_type="text/html", headers={"Content-Type": "text/plain"})

    def test_value_types(self):
        response = HttpResponse()
        response["key"] = b"bytes"
        assert response["key"] == "bytes"
        response["key"] = "café"
        assert "café".encode("latin-1") in response.serialize_headers()
        response["key"] = "†"
        assert response["key"] == "=?utf-8?b?4oCg?="
        response[b"bytekey"] = "v"
        assert ("bytekey", "v") in list(response.items())
        with pytest.raises(UnicodeError, match="HTTP response headers must be in ascii format"):
            response["føø"] = "bar"
        with pytest.raises(UnicodeError):
            response["føø".encode()] = "bar"

    @pytest.mark.parametrize(
        ("key", "value"),
        [
            ("test\rstr", "v"),
            ("test\nstr", "v"),
            ("k", "a\nb"),
            ("k", "a\rb"),
            ("k", b"a\nb"),
            ("k", "†\n"),
        ],
    )
    def test_newlines_refused(self, key, value):
        with pytest.raises(BadHeaderError, match="Header values can't contain newlines"):
            HttpResponse()[key] = value

    def test_long_non_latin_value_not_folded(self):
        response = HttpResponse()
        response["Content-Disposition"] = 'attachment; filename="' + "z" * 100 + 'é\u0303.txt"'
        assert "\n" not in response["Content-Disposition"]

    def test_response_headers_mapping(self):
        headers = ResponseHeaders({"A": "1"})
        assert headers.pop("a") == "1" and headers.pop("a", "gone") == "gone"
        assert ResponseHeaders(None) == {}


class TestCookies:
    def test_defaults(self):
        response = HttpResponse()
        response.set_cookie("c", "v")
        cookie = response.cookies["c"]
        assert cookie.value == "v" and cookie["path"] == "/" and cookie["expires"] == ""
        assert cookie["max-age"] == "" and cookie["secure"] == "" and cookie["httponly"] == ""
        assert cookie.OutputString() == "c=v; Path=/"

    def test_all_attributes(self):
        response = HttpResponse()
        response.set_cookie(
            "c",
            "v",
            domain=".example.com",
            path="/p",
            secure=True,
            httponly=True,
            samesite="Strict",
        )
        output = response.cookies["c"].OutputString()
        assert output == "c=v; Domain=.example.com; HttpOnly; Path=/p; SameSite=Strict; Secure"
        assert f"; {Morsel._reserved['httponly']}" in str(response.cookies["c"])
        assert response.cookies["c"]["httponly"] is True

    def test_max_age(self):
        response = HttpResponse()
        response.set_cookie("m", max_age=10)
        set_time = time.time()
        cookie = response.cookies["m"]
        assert cookie["max-age"] == 10
        assert cookie["expires"] in (http_date(set_time + 10), http_date(set_time + 9))
        response.set_cookie("f", max_age=10.6)
        assert response.cookies["f"]["max-age"] == 10
        response.set_cookie("t", max_age=datetime.timedelta(hours=1))
        assert response.cookies["t"]["max-age"] == 3600

    def test_expires_datetime(self):
        response = HttpResponse()
        expires = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None) + datetime.timedelta(
            seconds=10
        )
        time.sleep(0.001)
        response.set_cookie("d", expires=expires)
        assert response.cookies["d"]["max-age"] == 10
        far = datetime.datetime(datetime.date.today().year + 2, 1, 1, 4, 5, 6, tzinfo=datetime.UTC)
        response.set_cookie("far", expires=far)
        assert response.cookies["far"]["expires"] in (
            "Mon, 01 Jan 2029 04:05:06 GMT",
            http_date(far.timestamp()),
            http_date(far.timestamp() + 1),
        )
        past = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
        response.set_cookie("past", expires=past)
        assert response.cookies["past"]["max-age"] == 0
        aware = datetime.datetime.now(
            tz=datetime.timezone(datetime.timedelta(hours=5))
        ) + datetime.timedelta(seconds=60)
        response.set_cookie("aware", expires=aware)
        assert response.cookies["aware"]["max-age"] in (60, 61)

    def test_expires_string(self):
        response = HttpResponse()
        response.set_cookie("s", expires="Sat, 01 Jan 2050 00:00:00 GMT")
        assert response.cookies["s"]["expires"] == "Sat, 01 Jan 2050 00:00:00 GMT"
        assert response.cookies["s"]["max-age"] == ""

    def test_expires_with_max_age_refused(self):
        with pytest.raises(ValueError, match="'expires' and 'max_age' can't be used together."):
            HttpResponse().set_cookie("x", expires=datetime.datetime(2000, 1, 1), max_age=1)

    @pytest.mark.parametrize("samesite", ["None", "Lax", "Strict", "lax"])
    def test_samesite(self, samesite):
        response = HttpResponse()
        response.set_cookie("s", samesite=samesite)
        assert response.cookies["s"]["samesite"] == samesite

    def test_invalid_samesite(self):
        with pytest.raises(ValueError, match='samesite must be "lax", "none", or "strict".'):
            HttpResponse().set_cookie("s", samesite="invalid")

    def test_unicode_value(self):
        response = HttpResponse()
        response.set_cookie("u", "清風")
        assert response.cookies["u"].value == "清風"

    def test_delete_cookie(self):
        response = HttpResponse()
        response.delete_cookie("c")
        cookie = response.cookies["c"]
        assert cookie["expires"] == "Thu, 01 Jan 1970 00:00:00 GMT"
        assert cookie["max-age"] == 0 and cookie["path"] == "/"
        assert cookie["secure"] == "" and cookie["domain"] == "" and cookie["samesite"] == ""

    def test_delete_cookie_secure_prefixes_and_samesite_none(self):
        response = HttpResponse()
        for prefix in ("__Secure-", "__Host-"):
            response.delete_cookie(prefix + "c")
            assert response.cookies[prefix + "c"]["secure"] is True
        response.delete_cookie("n", samesite="none", path="/p", domain="example.com")
        cookie = response.cookies["n"]
        assert cookie["secure"] is True and cookie["samesite"] == "none"
        assert cookie["path"] == "/p" and cookie["domain"] == "example.com"

    def test_set_after_delete(self):
        response = HttpResponse()
        response.delete_cookie("c")
        response.set_cookie("c", "v")
        assert response.cookies["c"]["expires"] == "" and response.cookies["c"]["max-age"] == ""

    def test_signed_cookie(self):
        response = HttpResponse()
        response.set_signed_cookie("c", "hello", salt="pepper", max_age=10)
        signed = response.cookies["c"].value
        assert signed != "hello" and response.cookies["c"]["max-age"] == 10
        assert signing.get_cookie_signer(salt="cpepper").unsign(signed) == "hello"


class TestSubclasses:
    @pytest.mark.parametrize(
        ("cls", "status"),
        [
            (HttpResponseBadRequest, 400),
            (HttpResponseForbidden, 403),
            (HttpResponseNotFound, 404),
            (HttpResponseGone, 410),
            (HttpResponseServerError, 500),
        ],
    )
    def test_status_classes(self, cls, status):
        response = cls("content")
        assert response.status_code == status and response.content == b"content"
        assert cls(status=299).status_code == 299

    def test_not_allowed(self):
        response = HttpResponseNotAllowed(["GET", "OPTIONS"], content_type="text/plain")
        assert response.status_code == 405 and response["Allow"] == "GET, OPTIONS"
        assert (
            repr(response)
            == '<HttpResponseNotAllowed [GET, OPTIONS] status_code=405, "text/plain">'
        )
        bare = HttpResponseNotAllowed(("GET", "POST"), content="Only GET")
        assert bare.content == b"Only GET"
        del bare.headers["Content-Type"]
        assert repr(bare) == "<HttpResponseNotAllowed [GET, POST] status_code=405>"

    def test_not_modified(self):
        response = HttpResponseNotModified()
        assert response.status_code == 304 and "content-type" not in response
        assert response.content == b""
        with pytest.raises(
            AttributeError, match=r"You cannot set content to a 304 \(Not Modified\) response"
        ):
            response.content = "Hello"
        response.content = b""
        assert repr(response) == "<HttpResponseNotModified status_code=304>"

    def test_http404_is_exception(self):
        assert issubclass(Http404, Exception)


class TestRedirects:
    @pytest.mark.parametrize(
        ("cls", "preserve", "status"),
        [
            (HttpResponseRedirect, False, 302),
            (HttpResponseRedirect, True, 307),
            (HttpResponsePermanentRedirect, False, 301),
            (HttpResponsePermanentRedirect, True, 308),
        ],
    )
    def test_status(self, cls, preserve, status):
        response = cls("/redirected/", content="moved", preserve_request=preserve)
        assert response.status_code == status and response.content == b"moved"
        assert response.url == response["Location"] == "/redirected/"

    def test_location_is_uri(self):
        assert HttpResponseRedirect("/café/?q=é").url == "/caf%C3%A9/?q=%C3%A9"
        assert HttpResponseRedirect(lazystr("/lazy/")).url == "/lazy/"
        assert HttpResponseRedirect("https://example.com/").url == "https://example.com/"
        assert HttpResponseRedirect("ftp://example.com/").url == "ftp://example.com/"

    @pytest.mark.parametrize(
        "url",
        [
            'data:text/html,<script>window.alert("xss")</script>',
            "mailto:test@example.com",
            "file:///etc/passwd",
        ],
    )
    def test_unsafe_schemes(self, url):
        scheme = url.split(":")[0]
        for cls in (HttpResponseRedirect, HttpResponsePermanentRedirect):
            with pytest.raises(
                DisallowedRedirect, match=f"Unsafe redirect to URL with protocol '{scheme}'"
            ):
                cls(url)

    def test_too_long(self):
        url = "/" + "a" * MAX_URL_REDIRECT_LENGTH
        with pytest.raises(
            DisallowedRedirect,
            match=f"Unsafe redirect exceeding {MAX_URL_REDIRECT_LENGTH} characters",
        ):
            HttpResponseRedirect(url)
        assert HttpResponseRedirect(url, max_length=None).url == url
        with pytest.raises(DisallowedRedirect, match="Unsafe redirect exceeding 10 characters"):
            HttpResponseRedirect("/" + "a" * 10, max_length=10)

    def test_repr(self):
        response = HttpResponseRedirect("/redirected/")
        assert (
            repr(response)
            == '<HttpResponseRedirect status_code=302, "text/html; charset=utf-8", url="/redirected/">'
        )

    def test_repr_after_failed_init(self):
        response = HttpResponseRedirect.__new__(HttpResponseRedirect)
        with pytest.raises(DisallowedRedirect, match="Unsafe redirect to URL with protocol 'ssh'"):
            response.__init__("ssh://foo")
        assert (
            repr(response)
            == '<HttpResponseRedirect status_code=302, "text/html; charset=utf-8", url="ssh://foo">'
        )


class TestJsonResponse:
    def test_dict(self):
        response = JsonResponse({"key": "łóżko"})
        assert response["Content-Type"] == "application/json"
        assert json.loads(response.content) == {"key": "łóżko"}

    def test_non_dict_needs_safe_false(self):
        with pytest.raises(
            TypeError,
            match="In order to allow non-dict objects to be serialized set the safe parameter to False.",
        ):
            JsonResponse([1, 2, 3])
        assert json.loads(JsonResponse([1, 2], safe=False).content) == [1, 2]
        assert json.loads(JsonResponse("foobar", safe=False).content) == "foobar"
        u = uuid.uuid4()
        assert json.loads(JsonResponse(u, safe=False).content) == str(u)

    def test_encoder_and_dumps_params(self):
        class Custom(DjangoJSONEncoder):
            def encode(self, o):
                return json.dumps({"foo": "bar"})

        assert json.loads(JsonResponse({}, encoder=Custom).content) == {"foo": "bar"}
        assert (
            JsonResponse({"foo": "bar"}, json_dumps_params={"indent": 2}).content
            == b'{\n  "foo": "bar"\n}'
        )
        assert JsonResponse({"d": datetime.date(2020, 1, 2)}).content == b'{"d": "2020-01-02"}'

    def test_kwargs(self):
        response = JsonResponse({}, status=201, content_type="application/vnd.api+json")
        assert (
            response.status_code == 201 and response["Content-Type"] == "application/vnd.api+json"
        )

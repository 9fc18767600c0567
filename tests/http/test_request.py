import time

import pytest

from nuages.core import signing
from nuages.core.exceptions import (
    BadRequest,
    DisallowedHost,
    ImproperlyConfigured,
    RequestDataTooBig,
    TooManyFieldsSent,
)
from nuages.http import (
    HttpHeaders,
    HttpRequest,
    QueryDict,
    RawPostDataException,
    UnreadablePostError,
)
from nuages.http.request import MediaType, split_domain_port, validate_host
from nuages.utils.datastructures import MultiValueDict


class TestBareRequest:
    def test_defaults(self):
        request = HttpRequest()
        assert list(request.GET) == [] and list(request.POST) == [] and list(request.FILES) == []
        assert request.COOKIES == {} and request.META == {}
        assert request.path == "" and request.path_info == "" and request.method is None
        assert request.content_type is None and request.content_params is None
        assert request.resolver_match is None
        assert repr(request) == "<HttpRequest>"

    def test_get_and_post_mutable(self):
        request = HttpRequest()
        request.GET["a"] = "1"
        request.POST["b"] = "2"
        assert request.GET["a"] == "1" and request.POST["b"] == "2"

    def test_repr(self):
        request = HttpRequest()
        request.method = "GET"
        request.path = "/somepath/"
        request.META["QUERY_STRING"] = "a=1"
        assert repr(request) == "<HttpRequest: GET '/somepath/?a=1'>"

    def test_assignable(self):
        request = HttpRequest()
        request.POST = {"k": "v"}
        request.FILES = MultiValueDict({"f": []})
        request.GET = QueryDict("x=1")
        assert request.POST == {"k": "v"} and "f" in request.FILES and request.GET["x"] == "1"


class TestLazyParsing:
    def test_get_cookies_headers(self, make_request):
        request = make_request(
            query="a=1&a=2&b=caf%C3%A9",
            headers={
                "Cookie": 'x=1; y="quoted"; broken',
                "User-Agent": "ua",
                "Accept-Language": "fr",
            },
            CONTENT_TYPE="text/plain; charset=utf-8",
            CONTENT_LENGTH="0",
        )
        assert "GET" not in request.__dict__  # nothing parsed before first use
        assert request.GET.getlist("a") == ["1", "2"] and request.GET["b"] == "café"
        with pytest.raises(AttributeError, match="immutable"):
            request.GET["c"] = "3"
        assert request.COOKIES == {"x": "1", "y": "quoted", "": "broken"}
        assert request.headers["user-agent"] == "ua"
        assert request.headers["User_Agent"] == "ua"
        assert "user_agent" in request.headers and request.headers.get("user_agent") == "ua"
        assert request.headers.get("missing", "d") == "d" and 1 not in request.headers
        assert request.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert request.headers["content-length"] == "0"
        assert "Host" in request.headers
        assert "Server-Name" not in request.headers
        assert request.content_type == "text/plain"
        assert request.content_params == {"charset": "utf-8"}
        assert repr(request) == "<StreamRequest: GET '/?a=1&a=2&b=caf%C3%A9'>"

    def test_encoding_from_content_type(self, make_request):
        request = make_request(query="a=%E9", CONTENT_TYPE="text/plain; charset=latin-1")
        assert request.encoding == "latin-1"
        assert request.GET["a"] == "é"
        assert make_request(CONTENT_TYPE="text/plain; charset=bogus").encoding is None
        assert make_request().encoding is None

    def test_setting_encoding_reparses(self, make_request):
        request = make_request(query="a=%E9")
        assert request.GET["a"] == "\ufffd"
        request.encoding = "iso-8859-1"
        assert request.GET["a"] == "é"

    def test_too_many_get_fields(self, make_request, override_settings):
        request = make_request(query="a=1&b=2&c=3")
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2):
            with pytest.raises(TooManyFieldsSent):
                request.GET


class TestHttpHeaders:
    def test_names(self):
        assert HttpHeaders.parse_header_name("HTTP_X_FORWARDED_FOR") == "X-Forwarded-For"
        assert HttpHeaders.parse_header_name("CONTENT_TYPE") == "Content-Type"
        assert HttpHeaders.parse_header_name("PATH_INFO") is None
        assert HttpHeaders.to_wsgi_name("Content-Type") == "CONTENT_TYPE"
        assert HttpHeaders.to_wsgi_name("x-token") == "HTTP_X_TOKEN"
        assert HttpHeaders.to_asgi_name("X-Token") == "X_TOKEN"
        assert HttpHeaders.to_wsgi_names({"Accept": "*/*", "Content-Length": "1"}) == {
            "HTTP_ACCEPT": "*/*",
            "CONTENT_LENGTH": "1",
        }
        assert HttpHeaders.to_asgi_names({"Accept": "*/*"}) == {"ACCEPT": "*/*"}

    def test_mapping(self):
        headers = HttpHeaders({"HTTP_ACCEPT": "a", "CONTENT_TYPE": "t", "SERVER_NAME": "s"})
        assert dict(headers) == {"Accept": "a", "Content-Type": "t"}
        with pytest.raises(KeyError):
            headers["Server-Name"]


class TestHost:
    def test_host_header(self, make_request):
        assert make_request(HTTP_HOST="testserver").get_host() == "testserver"
        assert make_request(HTTP_HOST="localhost:8000").get_host() == "localhost:8000"
        assert make_request(HTTP_HOST="[::1]:8000").get_host() == "[::1]:8000"
        assert make_request(HTTP_HOST="testserver.").get_host() == "testserver."

    def test_disallowed(self, make_request):
        with pytest.raises(DisallowedHost) as info:
            make_request(HTTP_HOST="evil.com").get_host()
        assert (
            str(info.value)
            == "Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS."
        )

    @pytest.mark.parametrize(
        "host", ["evil.com:abc", "a b", "example.com@evil.com", "[::1", "", "dangerous:host:1"]
    )
    def test_invalid_syntax(self, make_request, host):
        with pytest.raises(DisallowedHost) as info:
            make_request(HTTP_HOST=host).get_host()
        assert str(info.value) == (
            f"Invalid HTTP_HOST header: {host!r}. The domain name provided is not valid according to RFC 1034/1035."
        )

    def test_wildcards(self, make_request, override_settings):
        with override_settings(ALLOWED_HOSTS=[".example.com"]):
            assert make_request(HTTP_HOST="example.com").get_host() == "example.com"
            assert (
                make_request(HTTP_HOST="sub.example.com:8080").get_host() == "sub.example.com:8080"
            )
            with pytest.raises(DisallowedHost):
                make_request(HTTP_HOST="notexample.com").get_host()
        with override_settings(ALLOWED_HOSTS=["*"]):
            assert make_request(HTTP_HOST="anything.org").get_host() == "anything.org"
            with pytest.raises(DisallowedHost):
                make_request(HTTP_HOST="bad host").get_host()

    def test_debug_allows_localhost_when_empty(self, make_request, override_settings):
        with override_settings(DEBUG=True, ALLOWED_HOSTS=[]):
            for host in ("localhost", "sub.localhost", "127.0.0.1", "[::1]", "localhost:8000"):
                assert make_request(HTTP_HOST=host).get_host() == host
            with pytest.raises(DisallowedHost):
                make_request(HTTP_HOST="example.com").get_host()
        with override_settings(DEBUG=False, ALLOWED_HOSTS=[]):
            with pytest.raises(DisallowedHost):
                make_request(HTTP_HOST="localhost").get_host()

    def test_server_name_fallback(self, make_request):
        request = make_request()
        del request.META["HTTP_HOST"]
        assert request.get_host() == "testserver"
        request.META["SERVER_PORT"] = "8080"
        assert request.get_host() == "testserver:8080"
        no_port = HttpRequest()
        no_port.META = {"SERVER_NAME": "testserver"}
        assert no_port.get_host() == "testserver"
        no_port.META = {"SERVER_NAME": "example.com"}
        with pytest.raises(
            DisallowedHost, match="You may need to add 'example.com' to ALLOWED_HOSTS."
        ):
            no_port.get_host()
        secure = make_request(scheme="https", SERVER_PORT="443")
        del secure.META["HTTP_HOST"]
        assert secure.get_host() == "testserver"

    def test_forwarded_host_and_port(self, make_request, override_settings):
        request = make_request(HTTP_X_FORWARDED_HOST="localhost", HTTP_X_FORWARDED_PORT="8443")
        assert request.get_host() == "testserver"
        assert request.get_port() == "80"
        with override_settings(USE_X_FORWARDED_HOST=True, USE_X_FORWARDED_PORT=True):
            assert request.get_host() == "localhost"
            assert request.get_port() == "8443"

    def test_helpers(self):
        assert split_domain_port("Example.COM:80") == ("example.com", "80")
        assert split_domain_port("[::1]:1") == ("[::1]", "1")
        assert split_domain_port("bad host") == ("", "")
        assert validate_host("a.example.com", [".example.com"])
        assert not validate_host("example.org", ["example.com"])


class TestSchemeAndUris:
    def test_scheme(self, make_request):
        assert make_request().scheme == "http" and not make_request().is_secure()
        assert make_request(scheme="https").is_secure()

    def test_proxy_ssl_header(self, make_request, override_settings):
        with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
            assert make_request(HTTP_X_FORWARDED_PROTO="https").scheme == "https"
            assert make_request(HTTP_X_FORWARDED_PROTO="https, http").scheme == "https"
            assert make_request(HTTP_X_FORWARDED_PROTO="http").scheme == "http"
            assert make_request(scheme="https").scheme == "https"  # header absent
        with override_settings(SECURE_PROXY_SSL_HEADER="bad"):
            with pytest.raises(
                ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER setting must be a tuple"
            ):
                make_request().scheme

    def test_full_path(self, make_request):
        request = make_request(path="/caf\u00e9/a b", query="x=é&y=1", SCRIPT_NAME="/app")
        assert request.get_full_path() == "/app/caf%C3%A9/a%20b?x=%C3%A9&y=1"
        assert request.get_full_path_info() == "/caf%C3%A9/a%20b?x=%C3%A9&y=1"
        assert make_request(path="/a").get_full_path(force_append_slash=True) == "/a/"
        assert make_request(path="/a/").get_full_path(force_append_slash=True) == "/a/"
        assert make_request(path="/a", query="q=1").get_full_path(True) == "/a/?q=1"

    @pytest.mark.parametrize(
        ("location", "expected"),
        [
            (None, "http://testserver/some/path/?x=1"),
            ("/abs/", "http://testserver/abs/"),
            ("//other.com/x", "http://other.com/x"),
            ("rel/", "http://testserver/some/path/rel/"),
            ("?y=2", "http://testserver/some/path/?y=2"),
            ("../up/", "http://testserver/some/up/"),
            ("/a/./b/", "http://testserver/a/b/"),
            ("https://example.com/é", "https://example.com/%C3%A9"),
        ],
    )
    def test_build_absolute_uri(self, make_request, location, expected):
        request = make_request(path="/some/path/", query="x=1")
        assert request.build_absolute_uri(location) == expected

    def test_build_absolute_uri_https(self, make_request):
        assert (
            make_request(scheme="https", SERVER_PORT="443").build_absolute_uri("/x")
            == "https://testserver/x"
        )


class TestAccept:
    def test_accepts(self, make_request):
        request = make_request(
            HTTP_ACCEPT="text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8"
        )
        assert request.accepts("text/html")
        assert request.accepts("application/json")  # via */*
        no_wildcard = make_request(HTTP_ACCEPT="text/html; q=0.5, application/json")
        assert not no_wildcard.accepts("text/plain")
        assert [str(t) for t in no_wildcard.accepted_types] == [
            "application/json",
            "text/html; q=0.5",
        ]
        assert make_request().accepts("anything/at-all")  # no header means */*

    def test_zero_quality_dropped(self, make_request):
        request = make_request(HTTP_ACCEPT="text/html;q=0, application/json")
        assert not request.accepts("text/html")

    def test_preferred_type(self, make_request):
        request = make_request(HTTP_ACCEPT="text/html;q=0.5, application/json;q=0.9, */*;q=0.1")
        assert request.get_preferred_type(["text/html", "application/json"]) == "application/json"
        assert request.get_preferred_type(["image/png", "text/html"]) == "text/html"
        assert request.get_preferred_type(["image/png"]) == "image/png"
        assert request.get_preferred_type([]) is None
        strict = make_request(HTTP_ACCEPT="text/html")
        assert strict.get_preferred_type(["application/json"]) is None

    def test_specificity_orders_equal_quality(self, make_request):
        request = make_request(HTTP_ACCEPT="*/*, text/*, text/html, text/html;level=1")
        assert [str(t) for t in request.accepted_types] == [
            "text/html; level=1",
            "text/html",
            "text/*",
            "*/*",
        ]

    def test_media_type(self):
        media = MediaType("application/xml; q=0.5")
        assert media.main_type == "application" and media.sub_type == "xml"
        assert media.quality == 0.5 and media.range_params == {}
        assert repr(media) == "<MediaType: application/xml; q=0.5>"
        assert MediaType("*/*").is_all_types and not media.is_all_types
        assert MediaType("text/*").match("text/plain")
        assert not MediaType("text/*").match("image/png")
        assert not MediaType("text/html").match(None)
        assert not MediaType("").match("text/html")
        assert MediaType("text/html; q=7").quality == 1
        assert MediaType("text/html; q=x").quality == 1
        assert MediaType("text/html;level=1").match("text/html")
        assert not MediaType("text/html").match("text/html;level=1")


class TestBody:
    def test_body_and_stream(self, make_request):
        request = make_request("POST", body=b"raw data", content_type="application/octet-stream")
        assert request.body == b"raw data"
        assert request.body == b"raw data"
        assert request.read() == b"raw data"  # reading after body works on a copy

    def test_read_then_body(self, make_request):
        request = make_request("POST", body=b"line1\nline2\n", content_type="text/plain")
        assert request.readline() == b"line1\n"
        with pytest.raises(
            RawPostDataException,
            match="You cannot access body after reading from request's data stream",
        ):
            request.body

    def test_iteration(self, make_request):
        request = make_request("POST", body=b"a\nb\nc", content_type="text/plain")
        assert list(request) == [b"a\n", b"b\n", b"c"]
        assert make_request("POST", body=b"x\ny", content_type="text/plain").readlines() == [
            b"x\n",
            b"y",
        ]
        assert make_request("POST", body=b"abc", content_type="text/plain").read(2) == b"ab"

    def test_too_big_by_content_length(self, make_request, override_settings):
        request = make_request("POST", body=b"x" * 11, content_type="text/plain")
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10):
            with pytest.raises(
                RequestDataTooBig,
                match="Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.",
            ):
                request.body

    def test_too_big_while_reading(self, make_request, override_settings):
        # No (or a lying) Content-Length: counted while reading.
        request = make_request("POST", body=b"x" * 11, content_type="text/plain", CONTENT_LENGTH="")
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10):
            with pytest.raises(RequestDataTooBig):
                request.body
        unlimited = make_request("POST", body=b"x" * 11, content_type="text/plain")
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None):
            assert unlimited.body == b"x" * 11

    def test_unreadable(self, make_request):
        class Broken:
            def read(self, *args):
                raise OSError("client gone")

            readline = read

        request = make_request("POST", body=b"", content_type="text/plain")
        request._stream = Broken()
        with pytest.raises(UnreadablePostError, match="client gone"):
            request.read()
        request2 = make_request("POST", body=b"", content_type="text/plain")
        request2._stream = Broken()
        with pytest.raises(UnreadablePostError):
            request2.body


class TestPost:
    def test_urlencoded(self, make_request):
        request = make_request(
            "POST", body=b"a=1&a=2&b=caf%C3%A9", content_type="application/x-www-form-urlencoded"
        )
        assert request.POST.getlist("a") == ["1", "2"] and request.POST["b"] == "café"
        assert request.body == b"a=1&a=2&b=caf%C3%A9"  # still available
        assert list(request.FILES) == []
        with pytest.raises(AttributeError, match="immutable"):
            request.POST["c"] = "1"

    def test_urlencoded_with_utf8_charset(self, make_request):
        request = make_request(
            "POST",
            body=b"a=%C3%A9",
            content_type="application/x-www-form-urlencoded; charset=UTF-8",
        )
        assert request.POST["a"] == "é"

    def test_urlencoded_non_utf8_refused(self, make_request):
        request = make_request(
            "POST",
            body=b"a=%E9",
            content_type="application/x-www-form-urlencoded; charset=iso-8859-1",
        )
        msg = "HTTP requests with the 'application/x-www-form-urlencoded' content type must be UTF-8 encoded."
        with pytest.raises(BadRequest, match=msg):
            request.POST
        with pytest.raises(BadRequest, match=msg):
            request.FILES

    def test_not_post_method(self, make_request):
        request = make_request("PUT", body=b"a=1", content_type="application/x-www-form-urlencoded")
        assert list(request.POST) == [] and request.body == b"a=1"

    def test_other_content_type(self, make_request):
        request = make_request("POST", body=b'{"a": 1}', content_type="application/json")
        assert list(request.POST) == []
        assert request.body == b'{"a": 1}'

    def test_post_after_stream_read_is_empty(self, make_request):
        request = make_request(
            "POST", body=b"a=1", content_type="application/x-www-form-urlencoded"
        )
        request.read(1)
        assert list(request.POST) == []

    def test_post_urlencoded_too_many_fields(self, make_request, override_settings):
        request = make_request(
            "POST", body=b"a=1&b=2&c=3", content_type="application/x-www-form-urlencoded"
        )
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2):
            with pytest.raises(TooManyFieldsSent):
                request.POST

    def test_post_urlencoded_too_big(self, make_request, override_settings):
        request = make_request(
            "POST", body=b"a=" + b"x" * 20, content_type="application/x-www-form-urlencoded"
        )
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10):
            with pytest.raises(RequestDataTooBig):
                request.POST


class TestSignedCookies:
    def test_round_trip(self, make_request):
        value = signing.get_cookie_signer(salt="c" + "pepper").sign("hello")
        request = make_request(HTTP_COOKIE=f"c={value}; tampered={value}x")
        assert request.get_signed_cookie("c", salt="pepper") == "hello"
        with pytest.raises(signing.BadSignature):
            request.get_signed_cookie("c")
        assert request.get_signed_cookie("c", default=None) is None
        with pytest.raises(signing.BadSignature):
            request.get_signed_cookie("tampered", salt="pepper")
        with pytest.raises(KeyError):
            request.get_signed_cookie("missing")
        assert request.get_signed_cookie("missing", default="d") == "d"

    def test_max_age(self, make_request, monkeypatch):
        value = signing.get_cookie_signer(salt="c").sign("v")
        request = make_request(HTTP_COOKIE=f"c={value}")
        assert request.get_signed_cookie("c", max_age=100) == "v"
        # Signed 1000 seconds ago: the clock is moved back while signing.
        real_time = time.time
        monkeypatch.setattr(time, "time", lambda: real_time() - 1000)
        old_value = signing.get_cookie_signer(salt="c").sign("v")
        monkeypatch.setattr(time, "time", real_time)
        old = make_request(HTTP_COOKIE=f"c={old_value}")
        with pytest.raises(signing.SignatureExpired):
            old.get_signed_cookie("c", max_age=10)
        assert old.get_signed_cookie("c", default=False, max_age=10) is False


def test_upload_handlers_locked_after_parse(make_request):
    request = make_request("POST", body=b"a=1", content_type="application/x-www-form-urlencoded")
    request.upload_handlers = []
    request.POST
    with pytest.raises(
        AttributeError,
        match="You cannot set the upload handlers after the upload has been processed.",
    ):
        request.upload_handlers = []


def test_default_upload_handlers(make_request):
    names = [type(h).__name__ for h in make_request().upload_handlers]
    assert names == ["MemoryFileUploadHandler", "TemporaryFileUploadHandler"]
    assert make_request().upload_handlers[0].request is not None


def test_cheap_construction(make_request):
    request = make_request(query="a=1", HTTP_COOKIE="a=b")
    request.get_full_path()
    for lazy_name in ("GET", "COOKIES", "headers", "_post", "_files"):
        assert lazy_name not in request.__dict__

import datetime

import pytest

from nuages.utils.datastructures import MultiValueDict
from nuages.utils.http import (
    MAX_URL_LENGTH,
    base36_to_int,
    content_disposition_header,
    escape_leading_slashes,
    http_date,
    int_to_base36,
    is_same_domain,
    parse_etags,
    parse_header_parameters,
    parse_http_date,
    parse_http_date_safe,
    quote_etag,
    url_has_allowed_host_and_scheme,
    urlencode,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)


class TestUrlencode:
    def test_basic(self):
        assert urlencode({"a": 1, "b": "x y"}) == "a=1&b=x+y"
        assert urlencode([("a", "1"), ("a", "2")]) == "a=1&a=2"

    def test_doseq(self):
        assert urlencode({"a": ["1", "2"]}, doseq=False) == "a=%5B%271%27%2C+%272%27%5D"
        assert urlencode({"a": ["1", "2"]}, doseq=True) == "a=1&a=2"
        assert urlencode({"a": ("x", 2)}, doseq=True) == "a=x&a=2"
        assert urlencode({"a": "abc"}, doseq=True) == "a=abc"
        assert urlencode({"a": 5}, doseq=True) == "a=5"
        assert urlencode({"a": []}, doseq=True) == ""

    def test_multivaluedict(self):
        d = MultiValueDict({"name": ["Adrian", "Simon"], "position": ["Developer"]})
        assert urlencode(d, doseq=True) == "name=Adrian&name=Simon&position=Developer"
        assert (
            urlencode(d) == "name=%5B%27Adrian%27%2C+%27Simon%27%5D&position=%5B%27Developer%27%5D"
        )

    def test_bytes(self):
        assert urlencode({"a": b"caf\xc3\xa9"}) == "a=caf%C3%A9"
        assert urlencode({"a": [b"x"]}, doseq=True) == "a=x"

    def test_none_refused(self):
        msg = "Cannot encode None for key 'a' in a query string. Did you mean to pass an empty string or omit the value?"
        with pytest.raises(TypeError, match=msg.replace("?", r"\?").replace(".", r"\.")):
            urlencode({"a": None})
        with pytest.raises(TypeError, match="Cannot encode None for key 'a'"):
            urlencode({"a": [None]}, doseq=True)


class TestDates:
    def test_http_date(self):
        t = 1167616461.0
        assert http_date(t) == "Mon, 01 Jan 2007 01:54:21 GMT"
        assert http_date().endswith(" GMT")

    def test_parse_formats(self):
        expected = datetime.datetime(1994, 11, 6, 8, 49, 37, tzinfo=datetime.UTC).timestamp()
        for value in (
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ):
            assert parse_http_date(value) == expected

    def test_two_digit_years_follow_rfc(self):
        now = datetime.datetime.now(tz=datetime.UTC)
        far = (now.year + 60) % 100
        parsed = datetime.datetime.fromtimestamp(
            parse_http_date(f"Sunday, 06-Nov-{far:02d} 08:49:37 GMT"), datetime.UTC
        )
        assert parsed.year < now.year

    def test_bad_dates(self):
        with pytest.raises(ValueError, match="'nonsense' is not in a valid HTTP date format"):
            parse_http_date("nonsense")
        with pytest.raises(ValueError, match="is not a valid date"):
            parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT")
        assert parse_http_date_safe("nonsense") is None
        assert parse_http_date_safe("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777


class TestBase36And64:
    def test_round_trip(self):
        for n in (0, 1, 35, 36, 1000, 2**62):
            assert base36_to_int(int_to_base36(n)) == n
        assert int_to_base36(35) == "z" and int_to_base36(36) == "10"

    def test_bad_input(self):
        with pytest.raises(ValueError, match="Negative base36 conversion input."):
            int_to_base36(-1)
        with pytest.raises(ValueError, match="Base36 input too large"):
            base36_to_int("1" * 14)
        with pytest.raises(ValueError):
            base36_to_int("#")

    def test_urlsafe_base64(self):
        for data in (b"", b"a", b"ab", b"abc", b"\xff\xfe\xfd"):
            encoded = urlsafe_base64_encode(data)
            assert "=" not in encoded and "+" not in encoded
            assert urlsafe_base64_decode(encoded) == data
        with pytest.raises(ValueError):
            urlsafe_base64_decode("a")


class TestEtags:
    def test_parse_etags(self):
        assert parse_etags(r'"" ,  "etag", "e\\tag", W/"weak"') == [
            '""',
            '"etag"',
            r'"e\\tag"',
            'W/"weak"',
        ]
        assert parse_etags("*") == ["*"]
        assert parse_etags("unquoted, W/bad") == []

    def test_quote_etag(self):
        assert quote_etag("etag") == '"etag"'
        assert quote_etag('"etag"') == '"etag"'
        assert quote_etag('W/"etag"') == 'W/"etag"'


def test_is_same_domain():
    assert is_same_domain("example.com", "example.com")
    assert is_same_domain("example.com", ".example.com")
    assert is_same_domain("foo.example.com", ".example.com")
    assert is_same_domain("example.com:8080", "example.com:8080")
    assert is_same_domain("example.com", "EXAMPLE.COM")
    assert not is_same_domain("example2.com", ".example.com")
    assert not is_same_domain("example.com", "")
    assert not is_same_domain("foo.example.com", "example.com")


class TestSafeUrl:
    @pytest.mark.parametrize(
        "url",
        [
            "http://example.com",
            "http:///example.com",
            "https://example.com",
            "ftp://example.com",
            r"\\example.com",
            r"\\\example.com",
            r"/\\/example.com",
            "//example.com",
            "///example.com",
            "http:\\\\example.com",
            "\x08//example.com",
            "javascript:alert('XSS')",
            "",
            None,
            "http://testserver@example.com",
        ],
    )
    def test_unsafe(self, url):
        assert not url_has_allowed_host_and_scheme(url, allowed_hosts={"testserver"})

    @pytest.mark.parametrize(
        "url",
        [
            "/view/?param=http://example.com",
            "view/?param=https://example.com",
            "/view?param=ftp://example.com",
            "https://testserver/",
            "HTTPS://testserver/",
            "//testserver/",
            "/url%20with%20spaces/",
            "path/http:2222222222",
        ],
    )
    def test_safe(self, url):
        assert url_has_allowed_host_and_scheme(url, allowed_hosts={"testserver"})

    def test_require_https_and_string_hosts(self):
        assert not url_has_allowed_host_and_scheme(
            "http://testserver/", "testserver", require_https=True
        )
        assert url_has_allowed_host_and_scheme(
            "https://testserver/", "testserver", require_https=True
        )
        assert not url_has_allowed_host_and_scheme("http://testserver/", None)
        assert url_has_allowed_host_and_scheme("/ok", None)

    def test_too_long(self):
        assert not url_has_allowed_host_and_scheme("/" + "a" * MAX_URL_LENGTH, None)


def test_escape_leading_slashes():
    assert escape_leading_slashes("//example.com") == "/%2Fexample.com"
    assert escape_leading_slashes("/example.com") == "/example.com"
    assert escape_leading_slashes("//") == "/%2F"


class TestContentDisposition:
    def test_values(self):
        assert content_disposition_header(False, "file.txt") == 'inline; filename="file.txt"'
        assert content_disposition_header(True, "file.txt") == 'attachment; filename="file.txt"'
        assert (
            content_disposition_header(True, 'a "b" \\c')
            == 'attachment; filename="a \\"b\\" \\\\c"'
        )
        assert (
            content_disposition_header(True, "espécial.txt")
            == "attachment; filename*=utf-8''esp%C3%A9cial.txt"
        )
        assert content_disposition_header(True, "") == "attachment"
        assert content_disposition_header(False, "") is None


class TestParseHeaderParameters:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("text/plain", ("text/plain", {})),
            ("Text/HTML; Charset=UTF-8", ("text/html", {"charset": "UTF-8"})),
            (
                'form-data; name="a;b"; filename="c.txt"',
                ("form-data", {"name": "a;b", "filename": "c.txt"}),
            ),
            (
                'attachment; filename="strange;name"; size=123;',
                ("attachment", {"filename": "strange;name", "size": "123"}),
            ),
            (
                "attachment; filename*=UTF-8''foo-%c3%a4.html",
                ("attachment", {"filename": "foo-ä.html"}),
            ),
            ('a; x="es\\"caped"', ("a", {"x": 'es"caped'})),
            ("a; flag; k=v", ("a", {"k": "v"})),
        ],
    )
    def test_parse(self, line, expected):
        assert parse_header_parameters(line) == expected

    def test_too_long(self):
        with pytest.raises(
            ValueError, match=r"Unable to parse header parameters \(value too long\)."
        ):
            parse_header_parameters("a" * 20_000)
        assert parse_header_parameters("a" * 20_000, max_length=None)[0] == "a" * 20_000

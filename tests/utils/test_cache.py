"""nuages.utils.cache: Cache-Control, Vary, Expires, ETag and conditional responses."""

import time

import pytest

from nuages.http import HttpRequest, HttpResponse, StreamingHttpResponse
from nuages.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    get_conditional_response,
    get_max_age,
    has_vary_header,
    patch_cache_control,
    patch_response_headers,
    patch_vary_headers,
    set_response_etag,
)
from nuages.utils.http import http_date, parse_http_date


@pytest.mark.parametrize(
    ("initial", "kwargs", "expected"),
    [
        (None, {"private": True}, {"private"}),
        ("", {"private": True}, {"private"}),
        ("", {"no_cache": "Set-Cookie"}, {"no-cache=Set-Cookie"}),
        ("", {"no-cache": "Set-Cookie"}, {"no-cache=Set-Cookie"}),
        ("no-cache=Set-Cookie", {"no_cache": True}, {"no-cache"}),
        ("no-cache=Set-Cookie,no-cache=Link", {"no_cache": True}, {"no-cache"}),
        ("no-cache=Set-Cookie", {"no_cache": "Link"}, {"no-cache=Set-Cookie", "no-cache=Link"}),
        (
            "no-cache=Set-Cookie,no-cache=Link",
            {"no_cache": "Custom"},
            {"no-cache=Set-Cookie", "no-cache=Link", "no-cache=Custom"},
        ),
        ("private", {"private": True}, {"private"}),
        ("private", {"public": True}, {"public"}),
        ("public", {"public": True}, {"public"}),
        ("public", {"private": True}, {"private"}),
        (
            "must-revalidate,max-age=60,private",
            {"public": True},
            {"must-revalidate", "max-age=60", "public"},
        ),
        (
            "must-revalidate,max-age=60,public",
            {"private": True},
            {"must-revalidate", "max-age=60", "private"},
        ),
        (
            "must-revalidate,max-age=60",
            {"public": True},
            {"must-revalidate", "max-age=60", "public"},
        ),
        ("max-age=60", {"max_age": 30}, {"max-age=30"}),
        ("max-age=30", {"max_age": 60}, {"max-age=30"}),
    ],
)
def test_patch_cache_control(initial, kwargs, expected):
    response = HttpResponse()
    if initial is not None:
        response.headers["Cache-Control"] = initial
    patch_cache_control(response, **kwargs)
    assert set(cc_delim_re.split(response.headers["Cache-Control"])) == expected


@pytest.mark.parametrize(
    ("initial", "newheaders", "expected"),
    [
        (None, ("Accept-Encoding",), "Accept-Encoding"),
        ("Accept-Encoding", ("accept-encoding",), "Accept-Encoding"),
        ("Accept-Encoding", ("ACCEPT-ENCODING",), "Accept-Encoding"),
        ("Cookie", ("Accept-Encoding",), "Cookie, Accept-Encoding"),
        ("Cookie, Accept-Encoding", ("Accept-Encoding",), "Cookie, Accept-Encoding"),
        ("Cookie, Accept-Encoding", ("Accept-Encoding", "cookie"), "Cookie, Accept-Encoding"),
        (None, ("Accept-Encoding", "COOKIE"), "Accept-Encoding, COOKIE"),
        ("Cookie,     Accept-Encoding", ("Accept-Encoding", "cookie"), "Cookie, Accept-Encoding"),
        (
            "Cookie    ,     Accept-Encoding",
            ("Accept-Encoding", "cookie"),
            "Cookie, Accept-Encoding",
        ),
        ("*", ("Accept-Language", "Cookie"), "*"),
        ("Accept-Language, Cookie", ("*",), "*"),
        ("Accept-Language, Cookie", ("*", "Accept-Encoding"), "*"),
    ],
)
def test_patch_vary_headers(initial, newheaders, expected):
    response = HttpResponse()
    if initial is not None:
        response.headers["Vary"] = initial
    patch_vary_headers(response, newheaders)
    assert response.headers["Vary"] == expected


def test_has_vary_header():
    response = HttpResponse()
    assert has_vary_header(response, "Cookie") is False
    response.headers["Vary"] = "Accept-Encoding,  cookie"
    assert has_vary_header(response, "Cookie") is True
    assert has_vary_header(response, "Accept-Language") is False


def test_get_max_age():
    response = HttpResponse()
    assert get_max_age(response) is None
    response.headers["Cache-Control"] = "public, max-age=3600"
    assert get_max_age(response) == 3600
    response.headers["Cache-Control"] = "max-age=nonsense"
    assert get_max_age(response) is None
    response.headers["Cache-Control"] = "no-store"
    assert get_max_age(response) is None


def test_patch_response_headers_sets_expires_and_max_age():
    response = HttpResponse()
    before = int(time.time())
    patch_response_headers(response, cache_timeout=60)
    assert "max-age=60" in response.headers["Cache-Control"]
    expires = parse_http_date(response.headers["Expires"])
    assert before + 59 <= expires <= int(time.time()) + 61


def test_patch_response_headers_keeps_existing_expires_and_clamps_negative():
    response = HttpResponse()
    response.headers["Expires"] = "Sun, 17 Jul 2016 14:16:04 GMT"
    patch_response_headers(response, cache_timeout=-5)
    assert response.headers["Expires"] == "Sun, 17 Jul 2016 14:16:04 GMT"
    assert response.headers["Cache-Control"] == "max-age=0"


def test_add_never_cache_headers():
    response = HttpResponse()
    add_never_cache_headers(response)
    assert set(cc_delim_re.split(response.headers["Cache-Control"])) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }
    assert parse_http_date(response.headers["Expires"]) <= time.time() + 1


def test_set_response_etag():
    response = HttpResponse(b"content")
    set_response_etag(response)
    assert response.headers["ETag"] == '"9a0364b9e99bb480dd25e1f0284c8555"'
    empty = HttpResponse(b"")
    set_response_etag(empty)
    assert not empty.has_header("ETag")
    streaming = StreamingHttpResponse([b"a"])
    set_response_etag(streaming)
    assert not streaming.has_header("ETag")


def _request(method="GET", **meta):
    request = HttpRequest()
    request.method = method
    request.path = "/"
    request.META.update(meta)
    return request


ETAG = '"spam"'
LAST = parse_http_date("Sat, 12 Feb 2011 17:38:44 GMT")
LAST_STR = http_date(LAST)
EARLIER_STR = "Sat, 12 Feb 2011 17:35:44 GMT"


def test_conditional_no_validators_returns_response():
    response = HttpResponse("x")
    assert get_conditional_response(_request(), etag=ETAG, response=response) is response


def test_if_none_match_matching_gives_304_with_kept_headers():
    response = HttpResponse("x")
    response.headers["ETag"] = ETAG
    response.headers["Cache-Control"] = "max-age=10"
    response.headers["X-Other"] = "dropped"
    response.set_cookie("c", "v")
    result = get_conditional_response(
        _request(HTTP_IF_NONE_MATCH=ETAG), etag=ETAG, response=response
    )
    assert result.status_code == 304
    assert result.headers["ETag"] == ETAG
    assert result.headers["Cache-Control"] == "max-age=10"
    assert "X-Other" not in result
    assert result.cookies["c"].value == "v"


def test_if_none_match_weak_comparison():
    result = get_conditional_response(_request(HTTP_IF_NONE_MATCH='W/"spam"'), etag=ETAG)
    assert result.status_code == 304


def test_if_none_match_on_post_is_412():
    result = get_conditional_response(_request("POST", HTTP_IF_NONE_MATCH=ETAG), etag=ETAG)
    assert result.status_code == 412


def test_if_none_match_star():
    assert get_conditional_response(_request(HTTP_IF_NONE_MATCH="*"), etag=ETAG).status_code == 304
    assert get_conditional_response(_request(HTTP_IF_NONE_MATCH="*"), etag=None) is None


def test_if_match():
    assert get_conditional_response(_request(HTTP_IF_MATCH=ETAG), etag=ETAG) is None
    assert get_conditional_response(_request(HTTP_IF_MATCH='"other"'), etag=ETAG).status_code == 412
    # A weak ETag never matches strongly; '*' matches any current representation.
    assert (
        get_conditional_response(_request(HTTP_IF_MATCH='W/"spam"'), etag='W/"spam"').status_code
        == 412
    )
    assert get_conditional_response(_request(HTTP_IF_MATCH="*"), etag='W/"spam"') is None
    assert get_conditional_response(_request(HTTP_IF_MATCH="*"), etag=None).status_code == 412


def test_if_modified_since():
    assert (
        get_conditional_response(
            _request(HTTP_IF_MODIFIED_SINCE=LAST_STR), last_modified=LAST
        ).status_code
        == 304
    )
    assert (
        get_conditional_response(_request(HTTP_IF_MODIFIED_SINCE=EARLIER_STR), last_modified=LAST)
        is None
    )
    # Ignored for unsafe methods and when If-None-Match is present.
    assert (
        get_conditional_response(
            _request("POST", HTTP_IF_MODIFIED_SINCE=LAST_STR), last_modified=LAST
        )
        is None
    )
    request = _request(HTTP_IF_MODIFIED_SINCE=LAST_STR, HTTP_IF_NONE_MATCH='"other"')
    assert get_conditional_response(request, etag=ETAG, last_modified=LAST) is None
    # An unparsable date is ignored.
    assert (
        get_conditional_response(_request(HTTP_IF_MODIFIED_SINCE="garbage"), last_modified=LAST)
        is None
    )


def test_if_unmodified_since():
    assert (
        get_conditional_response(_request(HTTP_IF_UNMODIFIED_SINCE=LAST_STR), last_modified=LAST)
        is None
    )
    result = get_conditional_response(
        _request(HTTP_IF_UNMODIFIED_SINCE=EARLIER_STR), last_modified=LAST
    )
    assert result.status_code == 412
    # No last-modified known: the precondition fails.
    assert get_conditional_response(_request(HTTP_IF_UNMODIFIED_SINCE=LAST_STR)).status_code == 412


def test_conditional_skips_non_2xx_responses():
    response = HttpResponse(status=404)
    assert (
        get_conditional_response(_request(HTTP_IF_NONE_MATCH=ETAG), etag=ETAG, response=response)
        is response
    )


def test_cache_key_tells_an_absent_header_from_an_empty_one():
    import hashlib

    from nuages.test import RequestFactory
    from nuages.utils.cache import get_cache_key, learn_cache_key

    rf = RequestFactory()
    response = HttpResponse()
    response["Vary"] = "Accept"
    absent = learn_cache_key(rf.get("/x/"), response, key_prefix="p")
    empty = get_cache_key(rf.get("/x/", HTTP_ACCEPT=""), key_prefix="p")
    assert absent != empty
    # As in Django 5.2.x: an absent header hashes as the marker "-,".
    assert absent.split(".")[7] == hashlib.md5(b"-,").hexdigest()
    assert empty.split(".")[7] == hashlib.md5(b"").hexdigest()

"""nuages.utils.html: escaping, strip_tags, linebreaks, smart_urlquote and urlize."""

import warnings

import pytest

from nuages.core.exceptions import SuspiciousOperation
from nuages.test import override_settings
from nuages.utils.functional import lazystr
from nuages.utils.html import (
    Urlizer,
    avoid_wrapping,
    conditional_escape,
    escape,
    escapejs,
    format_html,
    json_script,
    linebreaks,
    smart_urlquote,
    strip_spaces_between_tags,
    strip_tags,
    urlize,
)
from nuages.utils.safestring import SafeData, mark_safe


@pytest.fixture(autouse=True)
def _assume_https_silence():
    # Scheme-less links warn about the coming HTTPS default; tested explicitly below.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        yield


def test_escape_family():
    assert (
        escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
    )
    assert escape(mark_safe("<b>")) == "&lt;b&gt;"
    assert conditional_escape(mark_safe("<b>")) == "<b>"
    assert format_html("<i>{}</i>", "<x>") == "<i>&lt;x&gt;</i>"
    assert escapejs("</script>\u2028") == "\\u003C/script\\u003E\\u2028"
    assert json_script({"a": "</script>"}, "id") == (
        '<script id="id" type="application/json">{"a": "\\u003C/script\\u003E"}</script>'
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<p>See: &#39;&eacute; is an apostrophe</p>", "See: &#39;&eacute; is an apostrophe"),
        ("<adf>a", "a"),
        ("</adf>a", "a"),
        ("<asdf><asdf>e", "e"),
        ("hi, <f x", "hi, <f x"),
        ("234<235, right?", "234<235, right?"),
        ("b7>b2!", "b7>b2!"),
        ("</fe", "</fe"),
        ("<x>b<y>", "b"),
        ("a<p onclick=\"alert('<test>')\">b</p>c", "abc"),
        ("d<a:b c:d>e</p>f", "def"),
        ("&gotcha&#;<>", "&gotcha&#;<>"),
        ("<sc<!-- -->ript>test<<!-- -->/script>", "ript>test"),
        ("<script>alert()</script>&h", "alert()h"),
        ("X<<<<br>br>br>br>X", "XX"),
        ("<" * 50 + "a>" * 50, ""),
        (">" + "<a" * 500 + "a", ">" + "<a" * 500 + "a"),
        ("<a" * 49 + "a" * 951, "<a" * 49 + "a" * 951),
    ],
)
def test_strip_tags(value, expected):
    assert strip_tags(value) == expected
    assert strip_tags(lazystr(value)) == expected


@pytest.mark.parametrize("value", ["<" * 51 + "a>" * 51, ">" + "<a" * 501, "<a" * 50 + "a" * 950])
def test_strip_tags_refuses_hostile_input(value):
    with pytest.raises(SuspiciousOperation):
        strip_tags(value)


def test_linebreaks_and_spaces():
    assert linebreaks("para1\n\npara2\r\nline") == "<p>para1</p>\n\n<p>para2<br>line</p>"
    assert linebreaks("<a>\nb", autoescape=True) == "<p>&lt;a&gt;<br>b</p>"
    assert linebreaks(lazystr("a\n\n\nb")) == "<p>a</p>\n\n<p>b</p>"
    assert strip_spaces_between_tags("<p>a</p> \n <p>b </p>") == "<p>a</p><p>b </p>"
    assert avoid_wrapping("10 KB") == "10\xa0KB"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://öäü.com/", "http://xn--4ca9at.com/"),
        ("http://öäü.com/öäü/", "http://xn--4ca9at.com/%C3%B6%C3%A4%C3%BC/"),
        ("http://example.com/%C3%B6/ä/", "http://example.com/%C3%B6/%C3%A4/"),
        ("http://example.com/?x=1&y=2+3&z=", "http://example.com/?x=1&y=2+3&z="),
        ("http://example.com/?x=<>\"'", "http://example.com/?x=%3C%3E%22%27"),
        (
            "http://example.com/?q=http://example.com/?x=1%26q=django",
            "http://example.com/?q=http%3A%2F%2Fexample.com%2F%3Fx%3D1%26q%3Ddjango",
        ),
        ("http://.www.f oo.bar/", "http://.www.f%20oo.bar/"),
        ("http://[2001:db8::1]:8080/", "http://[2001:db8::1]:8080/"),
    ],
)
def test_smart_urlquote(url, expected):
    assert smart_urlquote(url) == expected


def link(href, text=None, nofollow=False):
    rel = ' rel="nofollow"' if nofollow else ""
    return f'<a href="{href}"{rel}>{text or href}</a>'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Go to http://example.com.", f"Go to {link('http://example.com')}."),
        ("www.example.com", link("http://www.example.com", "www.example.com")),
        ("djangoproject.org!", link("http://djangoproject.org", "djangoproject.org") + "!"),
        ("example.co.uk", "example.co.uk"),
        ("(see http://a.com/x_(y))", f"(see {link('http://a.com/x_(y)')})"),
        ("[http://a.com/]", f"[{link('http://a.com/')}]"),
        ("http://testing.com/example.,:;)", link("http://testing.com/example") + ".,:;)"),
        ("foo@example.com.", link("mailto:foo@example.com", "foo@example.com") + "."),
        ("foo@öäü.com", link("mailto:foo@xn--4ca9at.com", "foo@öäü.com")),
        ("foo@@example.com @a.com a@.com", "foo@@example.com @a.com a@.com"),
        ("file:///etc/passwd javascript:alert(1)", "file:///etc/passwd javascript:alert(1)"),
        (
            "http://example.com?x=&amp;;",
            link("http://example.com?x=", "http://example.com?x=&amp;") + ";",
        ),
        (
            "http://example.com?x=&amp.;...;",
            link("http://example.com?x=", "http://example.com?x=&amp") + ".;...;",
        ),
        ("https://[2001:db8::1]/", link("https://[2001:db8::1]/")),
    ],
)
def test_urlize(value, expected):
    assert urlize(value) == expected


def test_urlize_escaping_trimming_and_nofollow():
    assert urlize("<b>http://a.com/?a=1&b=2</b>", autoescape=True) == (
        '&lt;b&gt;<a href="http://a.com/?a=1&amp;b=2">http://a.com/?a=1&amp;b=2</a>&lt;/b&gt;'
    )
    assert (
        urlize(mark_safe("<b>http://a.com</b>"), autoescape=True)
        == "<b>" + link("http://a.com") + "</b>"
    )
    assert urlize("http://example.com/long/path", trim_url_limit=10, nofollow=True) == (
        '<a href="http://example.com/long/path" rel="nofollow">http://ex…</a>'
    )
    assert urlize("a@b.com", nofollow=True) == link("mailto:a@b.com", "a@b.com")
    assert isinstance(urlize("x http://a.com"), str)
    assert urlize(lazystr("http://a.com")) == link("http://a.com")


def test_urlize_https_default_is_transitional():
    with pytest.warns(PendingDeprecationWarning, match="URLIZE_ASSUME_HTTPS"):
        assert urlize("Visit example.com") == 'Visit <a href="http://example.com">example.com</a>'
    with override_settings(URLIZE_ASSUME_HTTPS=True), warnings.catch_warnings():
        warnings.simplefilter("error")
        assert urlize("example.com") == '<a href="https://example.com">example.com</a>'


def test_urlize_is_linear_on_hostile_input():
    # Thousands of alternating brackets/punctuation must not take quadratic time.
    value = "http://a.com/" + ").;" * 50_000
    assert urlize(value).startswith('<a href="http://a.com/"')
    assert urlize("&" * 100_000 + ";" * 100_000) == "&" * 100_000 + ";" * 100_000


def test_urlizer_subclass_hooks():
    class Brackets(Urlizer):
        url_template = "[{href}]"

    assert Brackets()("see http://a.com") == "see [http://a.com]"
    assert SafeData is not None

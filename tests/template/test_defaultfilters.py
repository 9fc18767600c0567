"""Built-in filters called as functions: documented results, escaping flags, bad input."""

import datetime
from decimal import Decimal

import pytest

from nuages.template import defaultfilters as f
from nuages.utils.functional import lazystr
from nuages.utils.safestring import SafeData, mark_safe


def test_every_builtin_is_registered_with_its_flags():
    filters = f.register.filters
    expected = {
        "add", "addslashes", "capfirst", "center", "cut", "date", "default", "default_if_none",
        "dictsort", "dictsortreversed", "divisibleby", "escape", "escapejs", "escapeseq",
        "filesizeformat", "first", "floatformat", "force_escape", "get_digit", "iriencode",
        "join", "json_script", "last", "length", "linebreaks", "linebreaksbr", "linenumbers",
        "ljust", "lower", "make_list", "phone2numeric", "pluralize", "pprint", "random", "rjust",
        "safe", "safeseq", "slice", "slugify", "stringformat", "striptags", "time", "title",
        "truncatechars", "truncatechars_html", "truncatewords", "truncatewords_html",
        "unordered_list", "upper", "urlencode", "urlize", "urlizetrunc", "wordcount",
        "wordwrap", "yesno",
    }  # fmt: skip
    assert expected <= set(filters)
    assert "length_is" not in filters
    assert filters["join"].needs_autoescape and filters["join"].is_safe
    assert filters["date"].expects_localtime and not filters["date"].is_safe
    assert not getattr(filters["upper"], "is_safe", False)


def test_stringfilter_keeps_safety_only_for_is_safe_filters():
    assert isinstance(f.capfirst(mark_safe("<a>")), SafeData)
    assert not isinstance(f.upper(mark_safe("<a>")), SafeData)
    assert f.lower(123) == "123" and f.upper(lazystr("ab")) == "AB"


def test_string_filters():
    assert f.addslashes("\"double\" 'single' \\") == "\\\"double\\\" \\'single\\' \\\\"
    assert f.capfirst("hello world") == "Hello world"
    assert f.center("test", 6) == " test " and f.ljust("a", 3) == "a  " and f.rjust("a", 3) == "  a"
    assert f.cut("a string to be mangled", "a") == " string to be mngled"
    assert isinstance(f.cut(mark_safe("a&b"), "b"), SafeData)
    assert not isinstance(f.cut(mark_safe("&amp;"), ";"), SafeData)
    assert f.escapejs_filter("\"double\" 'single'") == "\\u0022double\\u0022 \\u0027single\\u0027"
    assert f.iriencode("S\xf8r-Trøndelag?a=b c") == "S%C3%B8r-Tr%C3%B8ndelag?a=b%20c"
    assert f.make_list("abc") == ["a", "b", "c"] and f.make_list(1234) == ["1", "2", "3", "4"]
    assert f.phone2numeric_filter("0800 flowers") == "0800 3569377"
    assert f.slugify(" Jack & Jill like numbers 1,2,3 and 4 and silly characters ?%.$!/") == (
        "jack-jill-like-numbers-123-and-4-and-silly-characters"
    )
    assert f.title("a nice title, isn't it?") == "A Nice Title, Isn't It?"
    assert f.title("discoth\xe8que 1st") == "Discoth\xe8que 1st"
    assert f.wordcount("lots of words") == 3 and f.wordcount("") == 0
    assert f.wordwrap("this is a long paragraph of text that really needs to be wrapped", 14) == (
        "this is a long\nparagraph of\ntext that\nreally needs\nto be wrapped"
    )
    assert f.wordwrap(123, 2) == "123"


def test_stringformat():
    assert f.stringformat(1, "03d") == "001"
    assert f.stringformat([1, None], "s") == "[1, None]"
    assert f.stringformat((1, 2, 3), "s") == "(1, 2, 3)"
    assert f.stringformat("x", "d") == "" and f.stringformat(1, "z") == ""


def test_truncation_filters():
    assert f.truncatechars("Testing, testing", 8) == "Testing…"
    assert f.truncatechars("Testing", "a") == "Testing"
    assert f.truncatewords("A sentence with a few words in it", 5) == "A sentence with a few …"
    assert f.truncatewords("A sentence", "x") == "A sentence"
    html = '<p>one <a href="#">two - three <br>four</a> five</p>'
    assert f.truncatechars_html(html, 4) == "<p>one…</p>"
    assert f.truncatechars_html(html, 9) == '<p>one <a href="#">two …</a></p>'
    assert f.truncatechars_html(html, 100) == html
    assert f.truncatechars_html(html, 0) == "" and f.truncatechars_html(html, "a") == html
    assert f.truncatechars_html("<b>\xc5ngstr\xf6m</b> was here", 3) == "<b>\xc5n…</b>"
    assert f.truncatewords_html(html, 2) == '<p>one <a href="#">two …</a></p>'
    assert f.truncatewords_html(html, 4) == '<p>one <a href="#">two - three …</a></p>'
    assert f.truncatewords_html(html, 5) == '<p>one <a href="#">two - three <br>four …</a></p>'
    assert f.truncatewords_html(html, 100) == html and f.truncatewords_html(html, 0) == ""


def test_url_filters():
    assert f.urlencode("fran\xe7ois & jill") == "fran%C3%A7ois%20%26%20jill"
    assert f.urlencode("a/b") == "a/b" and f.urlencode("a/b", "") == "a%2Fb"
    assert f.urlize('see http://a.com/?x="y"&z=1') == (
        'see <a href="http://a.com/?x=" rel="nofollow">http://a.com/?x=</a>&quot;y&quot;&amp;z=1'
    )
    assert f.urlize("http://a.com/?x=1&z=2") == (
        '<a href="http://a.com/?x=1&amp;z=2" rel="nofollow">http://a.com/?x=1&amp;z=2</a>'
    )
    assert f.urlize("<b>", autoescape=False) == "<b>"
    assert isinstance(f.urlize("x"), SafeData)
    assert f.urlizetrunc("http://www.google.co.uk/search?hl=en&q=some+long+url", 20) == (
        '<a href="http://www.google.co.uk/search?hl=en&amp;q=some+long+url" rel="nofollow">'
        "http://www.google.c…</a>"
    )
    with pytest.raises(ValueError):
        f.urlizetrunc("http://a.com", "x")


def test_html_filters():
    assert f.escape_filter("<a>") == "&lt;a&gt;" and f.escape_filter(mark_safe("<a>")) == "<a>"
    assert f.force_escape(mark_safe("<a>")) == "&lt;a&gt;"
    assert f.escapeseq(["<a>", mark_safe("<b>")]) == ["&lt;a&gt;", "<b>"]
    assert all(isinstance(x, SafeData) for x in f.safeseq(["<a>", 1]))
    assert isinstance(f.safe("<a>"), SafeData)
    assert f.striptags('some <b>html</b> with <script>alert("x")</script> disallowed') == (
        'some html with alert("x") disallowed'
    )
    assert f.linebreaks_filter("line 1\nline 2") == "<p>line 1<br>line 2</p>"
    assert (
        f.linebreaks_filter("foo\n<a>bar</a>\nbuz") == "<p>foo<br>&lt;a&gt;bar&lt;/a&gt;<br>buz</p>"
    )
    assert f.linebreaks_filter("<a>", autoescape=False) == "<p><a></p>"
    assert f.linebreaks_filter(mark_safe("<a>")) == "<p><a></p>"
    assert f.linebreaksbr("line 1\r\nline 2\rx") == "line 1<br>line 2<br>x"
    assert f.linebreaksbr("<a>\n") == "&lt;a&gt;<br>"
    assert f.linebreaksbr("<a>", autoescape=False) == "<a>"
    assert f.linenumbers("line 1\nline 2") == "1. line 1\n2. line 2"
    assert f.linenumbers("\n".join(["x"] * 10)).startswith("01. x\n02. x")
    assert f.linenumbers("<a>\n<b>") == "1. &lt;a&gt;\n2. &lt;b&gt;"
    assert f.linenumbers("<a>", autoescape=False) == "1. <a>"
    assert f.json_script({"a": "<b>"}, "x") == (
        '<script id="x" type="application/json">{"a": "\\u003Cb\\u003E"}</script>'
    )


def test_unordered_list():
    assert f.unordered_list(["item 1", "item 2"]) == "\t<li>item 1</li>\n\t<li>item 2</li>"
    assert f.unordered_list(["item 1", ["item 1.1"]]) == (
        "\t<li>item 1\n\t<ul>\n\t\t<li>item 1.1</li>\n\t</ul>\n\t</li>"
    )
    assert f.unordered_list(["<a>", ["<b>"]], autoescape=False) == (
        "\t<li><a>\n\t<ul>\n\t\t<li><b></li>\n\t</ul>\n\t</li>"
    )
    assert f.unordered_list([mark_safe("<a>"), "<b>"]) == "\t<li><a></li>\n\t<li>&lt;b&gt;</li>"
    assert (
        f.unordered_list(("a", (x for x in ["b"])))
        == "\t<li>a\n\t<ul>\n\t\t<li>b</li>\n\t</ul>\n\t</li>"
    )
    assert f.unordered_list(["a", []]) == "\t<li>a</li>"
    assert f.unordered_list([]) == ""


def test_sequence_filters():
    people = [{"age": 23, "name": "Barbara"}, {"age": 63, "name": "Ra"}, {"age": 18, "name": "Jon"}]
    assert [p["name"] for p in f.dictsort(people, "age")] == ["Jon", "Barbara", "Ra"]
    assert [p["name"] for p in f.dictsortreversed(people, "age")] == ["Ra", "Barbara", "Jon"]
    assert f.dictsort([(1, "b"), (0, "a")], 0) == [(0, "a"), (1, "b")]
    nested = [{"a": {"b": 2}}, {"a": {"b": 1}}]
    assert f.dictsort(nested, "a.b") == [{"a": {"b": 1}}, {"a": {"b": 2}}]
    assert f.dictsort(people, "_private") == "" and f.dictsort(people, "x._y") == ""
    assert f.dictsort(people, "missing") == "" and f.dictsort(1, "age") == ""
    assert f.first([0, 1]) == 0 and f.first("") == "" and f.last([0, 1]) == 1 and f.last([]) == ""
    assert f.length([1, 2]) == 2 and f.length(None) == 0 and f.length("") == 0
    assert f.random([1]) == 1 and f.random([]) == ""
    assert f.slice_filter("abcdefg", "1:2") == "b" and f.slice_filter("abcdefg", "::2") == "aceg"
    assert f.slice_filter("abc", "0::x") == "abc" and f.slice_filter(123, "1") == 123
    assert f.join([0, 1, 2], "glue") == "0glue1glue2"
    assert f.join(["<a>", "<img>"], "<br>") == "&lt;a&gt;&lt;br&gt;&lt;img&gt;"
    assert f.join(["<a>", "b"], mark_safe("<br>")) == "&lt;a&gt;<br>b"
    assert f.join(["<a>", "b"], "<br>", autoescape=False) == "<a><br>b"
    assert f.join(123, "<br>") == 123


def test_number_filters():
    assert f.add("1", "2") == 3 and f.add([1], [2]) == [1, 2] and f.add(1, "x") == ""
    assert f.add(datetime.date(2000, 1, 1), datetime.timedelta(days=1)) == datetime.date(2000, 1, 2)
    assert f.divisibleby(4, 2) is True and f.divisibleby(4, 3) is False
    assert f.get_digit(123, 1) == 3 and f.get_digit(123, 3) == 1 and f.get_digit(123, 4) == 0
    assert (
        f.get_digit(123, 0) == 123
        and f.get_digit("xyz", 0) == "xyz"
        and f.get_digit(123, "x") == 123
    )
    assert f.pluralize(1) == "" and f.pluralize(0) == "s" and f.pluralize(2, "es") == "es"
    assert f.pluralize(1, "y,ies") == "y" and f.pluralize(2, "y,ies") == "ies"
    assert f.pluralize([1], "es") == "" and f.pluralize([1, 2]) == "s" and f.pluralize("1") == ""
    assert f.pluralize("x") == "" and f.pluralize(object()) == "" and f.pluralize(1, "a,b,c") == ""
    assert f.pluralize(Decimal(1)) == "" and f.pluralize(1.5) == "s"


@pytest.mark.parametrize(
    ("value", "arg", "expected"),
    [
        (7.7, None, "7.7"),
        (7.0, None, "7"),
        (0.7, None, "0.7"),
        (-0.7, None, "-0.7"),
        (0.07, None, "0.1"),
        (0.007, None, "0.0"),
        (0.0, None, "0"),
        (7.7, 3, "7.700"),
        (6.000000, 3, "6.000"),
        (6.200000, 3, "6.200"),
        (6.200000, -3, "6.200"),
        (13.1031, -3, "13.103"),
        (11.1197, -2, "11.12"),
        (11.0000, -2, "11"),
        (8.2798, 3, "8.280"),
        (5555.555, 2, "5555.56"),
        (001.3000, 2, "1.30"),
        (0.12345, 2, "0.12"),
        (Decimal("555.555"), 2, "555.56"),
        (Decimal("09.000"), None, "9"),
        (18.125, 2, "18.13"),
        ("foo", None, ""),
        (13.1031, "bar", "13.1031"),
        (None, None, ""),
        (-0.01, -1, "0.0"),
        (-1.323297138040798e35, 2, "-132329713804079800000000000000000000.00"),
        (1.5e-15, 20, "0.00000000000000150000"),
        (1.00000000000000015, 16, "1.0000000000000002"),
        (66666.666, "2g", "66,666.67"),
        (66666.666, "2u", "66666.67"),
        (10000, "g", "10,000"),
        (float("inf"), None, "inf"),
        (float("nan"), None, "nan"),
    ],
)
def test_floatformat(value, arg, expected):
    result = f.floatformat(value) if arg is None else f.floatformat(value, arg)
    assert result == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1023, "1023\xa0bytes"),
        (1, "1\xa0byte"),
        (1024, "1.0\xa0KB"),
        (1024 * 1024 - 1, "1024.0\xa0KB"),
        (1024 * 1024 * 50, "50.0\xa0MB"),
        (1024**3, "1.0\xa0GB"),
        (1024**4, "1.0\xa0TB"),
        (1024**5 * 2000, "2000.0\xa0PB"),
        (complex(1, -1), "0\xa0bytes"),
        ("", "0\xa0bytes"),
        ("\N{GREEK SMALL LETTER ALPHA}", "0\xa0bytes"),
        (-1, "-1\xa0byte"),
        (-1024 * 1024 * 50, "-50.0\xa0MB"),
    ],
)
def test_filesizeformat(value, expected):
    assert f.filesizeformat(value) == expected


def test_logic_and_date_filters():
    assert f.default("", "x") == "x" and f.default("v", "x") == "v"
    assert f.default_if_none(None, "x") == "x" and f.default_if_none("", "x") == ""
    assert [f.yesno(v) for v in (True, False, None)] == ["yes", "no", "maybe"]
    assert f.yesno(None, "certainly,get out of town") == "get out of town"
    assert f.yesno(True, "certainly") is True
    assert f.yesno(None, "a,b,c,d") == "b"
    assert f.pprint([1, "a"]) == "[1, 'a']"

    class Broken:
        def __repr__(self):
            raise ValueError("nope")

    assert f.pprint(Broken()) == "Error in formatting: ValueError: nope"
    assert f.date(datetime.date(2005, 12, 29), "d F Y") == "29 December 2005"
    assert f.date(datetime.datetime(2005, 12, 29, 14, 30)) == "Dec. 29, 2005"
    assert f.date("", "Y") == "" and f.date(None) == "" and f.date("not a date", "Y") == ""
    assert f.time(datetime.time(13, 5), "H:i") == "13:05" and f.time(None) == ""
    assert f.time(datetime.datetime(2005, 1, 1, 0, 1), "H:i") == "00:01"
    assert f.time("x", "H") == ""

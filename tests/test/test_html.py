import pytest

from nuages.test.html import Element, HTMLParseError, RootElement, parse_html


@pytest.mark.parametrize(
    "a, b",
    [
        ("<p>Hello</p>", "<p>  Hello\n</p>"),
        ("<p>Hello   big\n world</p>", "<p>Hello big world</p>"),
        ('<input type="text" id="x">', '<input id="x" type="text" />'),
        ('<p class="a  b">x</p>', '<p class="b a">x</p>'),
        ("<input checked>", '<input checked="checked">'),
        ("<input checked>", '<input checked="">'),
        ("<p>&lt;&#60;&#x3C;</p>", "<p>&lt;&lt;&lt;</p>"),
        ("<div><p>a</div>", "<div><p>a</p></div>"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a<li>b</li></li></ul>"),
        ("<p>a</p>\n\n<p>b</p>", "<p>a</p><p>b</p>"),
        ("<br>", "<br/>"),
        ("<div>\n  <span>x</span>\n</div>", "<div><span>x</span></div>"),
    ],
)
def test_equal(a, b):
    assert parse_html(a) == parse_html(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("<p>Hello</p>", "<p>Hello!</p>"),
        ("<p>Hello</p>", "<div>Hello</div>"),
        ('<p id="a">x</p>', '<p id="b">x</p>'),
        ("<p>x</p>", '<p id="">x</p>'),
        ("<input>", "<input checked>"),
        ('<input value="">', "<input>"),
        ("<p>a</p><p>b</p>", "<p>b</p><p>a</p>"),
        ("<p><b>x</b></p>", "<p>x</p>"),
    ],
)
def test_not_equal(a, b):
    assert parse_html(a) != parse_html(b)


def test_attribute_without_value_is_empty_string_unless_boolean():
    assert parse_html("<input value>") == parse_html('<input value="">')


def test_single_root_element_is_unwrapped():
    assert isinstance(parse_html("<p>x</p>"), Element)
    assert not isinstance(parse_html("<p>x</p>"), RootElement)
    assert isinstance(parse_html("<p>x</p><p>y</p>"), RootElement)
    assert isinstance(parse_html("text"), RootElement)


def test_count_elements_text_and_sequences():
    haystack = parse_html("<div><p>x</p><p>x</p><span><p>x</p></span></div>")
    assert haystack.count(parse_html("<p>x</p>")) == 3
    assert haystack.count(parse_html("<p>y</p>")) == 0
    assert parse_html("<a></a><b></b><c></c>").count(parse_html("<a></a><b></b>")) == 1
    assert parse_html("<div><a></a><c></c><b></b></div>").count(parse_html("<a></a><b></b>")) == 0
    assert parse_html("<p>hello world</p>").count("world") == 1
    assert parse_html("<p>x</p>") in parse_html("<div><p>x</p></div>")
    assert parse_html("<p>y</p>") not in parse_html("<div><p>x</p></div>")


def test_str_is_normalised_html():
    html = str(parse_html('<div class="b a"><p>x &amp; y</p><br><input disabled></div>'))
    assert html == '<div class="a b">\n<p>\nx &amp; y\n</p><br><input disabled>\n</div>'


def test_unexpected_end_tag():
    with pytest.raises(HTMLParseError, match="Unexpected end tag `div` \\(Line 1, Column 3\\)"):
        parse_html("<p></div>")
    # </br> closes nothing and is tolerated
    assert parse_html("<p>a</br></p>") == parse_html("<p>a</p>")

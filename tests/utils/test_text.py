"""nuages.utils.text: Truncator, wrap, slugify, smart_split and the small helpers."""

import pytest

from nuages.core.exceptions import SuspiciousFileOperation
from nuages.utils import text
from nuages.utils.functional import lazystr
from nuages.utils.text import Truncator

SENTENCE = "The quick brown fox jumped over the lazy dog."
HTML = f'<p id="par"><strong><em>{SENTENCE}</em></strong></p>'


@pytest.mark.parametrize(
    ("num", "truncate", "expected"),
    [
        (100, None, SENTENCE),
        (21, None, "The quick brown fox …"),
        (23, ".....", "The quick brown fo....."),
        (4, ".....", "....."),
        (0, None, ""),
        (-1, None, ""),
    ],
)
def test_chars(num, truncate, expected):
    assert Truncator(SENTENCE).chars(num, truncate) == expected


def test_chars_counts_combining_characters_as_one():
    assert Truncator("ou\u0308ou\u0308ou\u0308ou\u0308").chars(3) == "oü…"
    truncator = Truncator("-B\u030aB\u030a----8")
    assert truncator.chars(3) == "-B\u030a…"
    assert truncator.chars(5) == "-B\u030aB\u030a-…"
    assert truncator.chars(8) == "-B\u030aB\u030a----8"
    assert Truncator("-----").chars(4, "B\u030a") == "---B\u030a"
    assert Truncator("asdf").chars(1, truncate="...") == "..."


def test_truncator_is_lazy_about_its_text():
    assert Truncator(lazystr("The quick brown fox")).chars(10) == "The quick…"
    assert Truncator(lazystr(SENTENCE)).words(4) == "The quick brown fox…"


def test_truncation_text_with_placeholder_and_already_present():
    assert text.add_truncation_text("abc", "[%(truncated_text)s]") == "[abc]"
    assert text.add_truncation_text("abc…", "…") == "abc…"


@pytest.mark.parametrize(
    ("num", "truncate", "expected"),
    [
        (80, None, HTML),
        (46, None, HTML),
        (45, None, HTML.replace("dog.", "dog…")),
        (10, None, '<p id="par"><strong><em>The quick…</em></strong></p>'),
        (1, None, '<p id="par"><strong><em>…</em></strong></p>'),
        (0, None, ""),
        (10, "....", '<p id="par"><strong><em>The qu....</em></strong></p>'),
        (10, "", '<p id="par"><strong><em>The quick </em></strong></p>'),
    ],
)
def test_chars_html(num, truncate, expected):
    assert Truncator(HTML).chars(num, truncate, html=True) == expected


def test_chars_html_void_elements_entities_and_stray_end_tags():
    truncator = Truncator("<br>The <hr/>quick <em>brown fox</em> jumped over the lazy dog.")
    assert truncator.chars(16, html=True) == "<br>The <hr/>quick <em>brown…</em>"
    assert truncator.chars(5, html=True) == "<br>The <hr/>…"
    assert truncator.chars(4, html=True) == "<br>The…"
    entities = Truncator("<i>Buenos d&iacute;as! &#x00bf;C&oacute;mo est&aacute;?</i>")
    assert entities.chars(40, html=True) == "<i>Buenos días! ¿Cómo está?</i>"
    assert entities.chars(12, html=True) == "<i>Buenos días…</i>"
    lt = Truncator("<p>I &lt;3 python, what about you?</p>")
    assert lt.chars(16, html=True) == "<p>I &lt;3 python, wh…</p>"
    assert Truncator("foo</p>").chars(5, html=True) == "foo</p>"
    assert Truncator("a<b>b</b>c").chars(3, html=True) == "a<b>b</b>c"
    assert Truncator("_X<<<<<<<<<<<>").chars(10, html=True) == "_X&lt;&lt;&lt;&lt;&lt;&lt;&lt;…"


def test_words():
    truncator = Truncator(SENTENCE)
    assert truncator.words(10) == SENTENCE
    assert truncator.words(4) == "The quick brown fox…"
    assert truncator.words(4, "[snip]") == "The quick brown fox[snip]"
    assert truncator.words(0) == "" and truncator.words(-1) == ""
    assert Truncator("a  b\n c").words(5) == "a b c"


def test_words_html():
    truncator = Truncator(HTML)
    assert truncator.words(10, html=True) == HTML
    assert (
        truncator.words(4, html=True)
        == '<p id="par"><strong><em>The quick brown fox…</em></strong></p>'
    )
    assert (
        truncator.words(4, "", html=True)
        == '<p id="par"><strong><em>The quick brown fox</em></strong></p>'
    )
    spaced = Truncator("<p>The  quick \t brown fox jumped over the lazy dog.</p>")
    assert spaced.words(4, html=True) == "<p>The quick brown fox…</p>"
    link = Truncator('<p>The quick <a href="xyz.html"\n id="mylink">brown fox</a> jumped.</p>')
    assert (
        link.words(3, html=True) == '<p>The quick <a href="xyz.html"\n id="mylink">brown…</a></p>'
    )
    voids = Truncator("<br/>The <hr />quick brown fox jumped over the lazy dog.")
    assert voids.words(3, html=True) == "<br/>The <hr />quick brown…"
    entities = Truncator("<i>Buenos d&iacute;as! &#x00bf;C&oacute;mo est&aacute;?</i>")
    assert entities.words(3, html=True) == "<i>Buenos días! ¿Cómo…</i>"
    brackets = Truncator("hello >< world")
    assert [brackets.words(n, html=True) for n in (1, 2, 3, 4)] == [
        "hello…",
        "hello &gt;…",
        "hello &gt;&lt;…",
        "hello &gt;&lt; world",
    ]
    assert Truncator("<" * 60_000).words(1, html=True) == "&lt;…"


def test_wrap():
    assert text.wrap("1234 67 9", 100) == "1234 67 9"
    assert text.wrap("1234 67 9", 8) == "1234 67\n9"
    assert text.wrap("short\na long line", 7) == "short\na long\nline"
    assert (
        text.wrap("do-not-break-long-words please? ok", 8) == "do-not-break-long-words\nplease?\nok"
    )
    long_word = "l" + "o" * 20 + "ng"
    assert text.wrap(f"a {long_word} word", 10) == f"a\n{long_word}\nword"
    indented = "this is a short paragraph of text.\n  But this line should be indented"
    assert text.wrap(indented, 14) == (
        "this is a\nshort\nparagraph of\ntext.\n  But this\nline should be\nindented"
    )
    assert text.wrap(lazystr("1234 67 9"), 100) == "1234 67 9"


@pytest.mark.parametrize(
    ("value", "expected", "allow_unicode"),
    [
        ("Hello, World!", "hello-world", False),
        ("spam & eggs", "spam-eggs", False),
        (" multiple---dash and  space ", "multiple-dash-and-space", False),
        ("__strip__underscore-value___", "strip__underscore-value", False),
        ("_ -strip-mixed-value _-", "strip-mixed-value", False),
        ("Ça va", "ca-va", False),
        ("spam & ıçüş", "spam-ıçüş", True),
        ("你好", "你好", True),
        ("İstanbul", "istanbul", True),
    ],
)
def test_slugify(value, expected, allow_unicode):
    assert text.slugify(value, allow_unicode=allow_unicode) == expected


def test_smart_split():
    cases = [
        ('This is "a person\'s" test.', ["This", "is", '"a person\'s"', "test."]),
        ('This is "a person\\"s" test.', ["This", "is", '"a person\\"s"', "test."]),
        ("\"a 'one", ['"a', "'one"]),
        ("all friends' tests", ["all", "friends'", "tests"]),
        ('url words="something else', ["url", 'words="something', "else"]),
        ("cut:','|cut:' '", ["cut:','|cut:' '"]),
        (lazystr("a b c"), ["a", "b", "c"]),
    ]
    for value, expected in cases:
        assert list(text.smart_split(value)) == expected


def test_unescape_string_literal():
    assert text.unescape_string_literal('"a \\"bc\\""') == 'a "bc"'
    assert text.unescape_string_literal("'\\'ab\\' c'") == "'ab' c"
    for bad in ["", "abc", "'abc\""]:
        with pytest.raises(ValueError, match="Not a string literal"):
            text.unescape_string_literal(bad)


def test_get_valid_filename():
    assert text.get_valid_filename("^&'@{}[],$=!-#()%+~_123.txt") == "-_123.txt"
    assert text.get_valid_filename(" my file.txt ") == "my_file.txt"
    for bad in ["???", "$.$.$", ""]:
        with pytest.raises(SuspiciousFileOperation, match="Could not derive file name"):
            text.get_valid_filename(bad)


def test_small_helpers():
    assert text.get_text_list(["a", "b", "c", "d"]) == "a, b, c or d"
    assert text.get_text_list(["a", "b"], "and") == "a and b"
    assert text.get_text_list(["a"]) == "a" and text.get_text_list([]) == ""
    assert text.normalize_newlines("abc\ndef\rghi\r\n") == "abc\ndef\nghi\n"
    assert text.phone2numeric("0800 flowers") == "0800 3569377"
    assert text.capfirst("hello") == "Hello" and text.capfirst("") == ""
    assert text.capfirst(lazystr("abc")) == "Abc"
    assert text.camel_case_to_spaces("CamelCaseHTTPName") == "camel case http name"
    assert text.format_lazy("{}/{x}", "a", x=lazystr("b")) == "a/b"


def test_compress_reexports():
    data = b"nuages " * 100
    assert len(text.compress_string(data)) < len(data)
    assert len(b"".join(text.compress_sequence([data, data]))) < 2 * len(data)

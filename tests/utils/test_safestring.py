"""SafeString and mark_safe, and their interplay with MarkupSafe."""

import markupsafe

from nuages.utils.html import conditional_escape, escape
from nuages.utils.safestring import SafeData, SafeString, mark_safe


def test_mark_safe_returns_safe_string():
    s = mark_safe("<b>")
    assert isinstance(s, SafeString) and isinstance(s, str)
    assert s.__html__() == "<b>"
    assert conditional_escape(s) == "<b>"


def test_adding_keeps_safety_only_for_safe_operands():
    assert isinstance(mark_safe("a") + mark_safe("b"), SafeString)
    unsafe = mark_safe("a") + "<b>"
    assert unsafe == "a<b>" and not isinstance(unsafe, SafeData)


def test_mark_safe_decorates_callables():
    @mark_safe
    def f():
        return "<i>"

    assert isinstance(f(), SafeString)


def test_markupsafe_interoperates():
    assert conditional_escape(markupsafe.Markup("<em>")) == "<em>"
    assert str(markupsafe.escape(mark_safe("<em>"))) == "<em>"


def test_escape_matches_django_output():
    assert escape("<a href='x'>&\"") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&quot;"
    assert escape(mark_safe("<b>")) == "&lt;b&gt;"  # escape() always escapes

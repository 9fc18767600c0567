"""SimpleTestCase: its assertions (passing and failing, with their messages) and its lifecycle."""

import asyncio
import unittest
import warnings

import pytest

from nuages.conf import settings
from nuages.core.exceptions import ValidationError
from nuages.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from nuages.test import SimpleTestCase, modify_settings, override_settings


class _Case(SimpleTestCase):
    def runTest(self):
        pass


@pytest.fixture
def tc():
    return _Case()


def fails(match):
    return pytest.raises(AssertionError, match=match)


# --- assertRaisesMessage / assertWarnsMessage -------------------------------------------------


def test_assert_raises_message(tc):
    with tc.assertRaisesMessage(ValueError, "bad value"):
        raise ValueError("a bad value here")
    tc.assertRaisesMessage(ValueError, "oops", int, "oops")  # callable form
    with fails("'expected' not found in 'other'"):
        with tc.assertRaisesMessage(ValueError, "expected"):
            raise ValueError("other")
    with fails("ValueError not raised"):
        with tc.assertRaisesMessage(ValueError, "x"):
            pass


def test_assert_warns_message(tc):
    with tc.assertWarnsMessage(DeprecationWarning, "going away"):
        warnings.warn("this is going away", DeprecationWarning)
    with fails("'gone' not found"):
        with tc.assertWarnsMessage(UserWarning, "gone"):
            warnings.warn("still here")


# --- assertContains / assertNotContains --------------------------------------------------------


def test_assert_contains(tc):
    response = HttpResponse("<p>Hello</p><p>Hello</p>")
    tc.assertContains(response, "Hello")
    tc.assertContains(response, "Hello", count=2)
    tc.assertContains(response, b"Hello", count=2)
    tc.assertContains(response, "<p>Hello</p>", count=2, html=True)
    with fails("Couldn't find 'Bye' in the following response"):
        tc.assertContains(response, "Bye")
    with fails(r"Found 2 instances of 'Hello' \(expected 1\) in the following response"):
        tc.assertContains(response, "Hello", count=1)
    with fails("Couldn't retrieve content: Response code was 200 \\(expected 404\\)"):
        tc.assertContains(response, "Hello", status_code=404)
    with fails(": prefix: Couldn't find"):
        tc.assertContains(response, "Bye", msg_prefix="prefix")
    tc.assertContains(HttpResponse("gone", status=410), "gone", status_code=410)


def test_assert_contains_streaming_and_charset(tc):
    tc.assertContains(StreamingHttpResponse(iter([b"abc", b"def"])), "cd")
    response = HttpResponse(
        "caf\u00e9".encode("latin-1"), content_type="text/plain; charset=latin-1"
    )
    tc.assertContains(response, "caf\u00e9")


def test_assert_not_contains(tc):
    response = HttpResponse("<p>Hello</p>")
    tc.assertNotContains(response, "Bye")
    tc.assertNotContains(response, "<p>Hello world</p>", html=True)
    with fails("'Hello' unexpectedly found in the following response"):
        tc.assertNotContains(response, "Hello")
    with fails("Couldn't retrieve content"):
        tc.assertNotContains(HttpResponse(status=500), "x")


def test_assert_contains_html_invalid(tc):
    with fails("Second argument is not valid HTML:"):
        tc.assertContains(HttpResponse("<p>x</p>"), "</div>", html=True)
    with fails("Response's content is not valid HTML:"):
        tc.assertContains(HttpResponse("<p></div>"), "<p>", html=True)


# --- HTML ----------------------------------------------------------------------------------


def test_assert_html_equal(tc):
    tc.assertHTMLEqual('<p class="a b" id="x">Hi  there</p>', '<p id="x" class="b a">Hi there</p>')
    tc.assertHTMLEqual("<input checked>", '<input checked="checked">')
    with fails("!="):
        tc.assertHTMLEqual("<p>a</p>", "<p>b</p>")
    with fails("First argument is not valid HTML:"):
        tc.assertHTMLEqual("</p>", "<p></p>")
    with fails("Second argument is not valid HTML:"):
        tc.assertHTMLEqual("<p></p>", "</p>")
    tc.assertHTMLNotEqual("<p>a</p>", "<p>b</p>")
    with fails("=="):
        tc.assertHTMLNotEqual("<p>a</p>", "<p>a </p>")


def test_assert_contains_messages_show_the_raw_bytes_content(tc):
    response = HttpResponse("<p class='a'>Hello</p>")
    expected = "in the following response\nb\"<p class='a'>Hello</p>\""
    for call in (
        lambda: tc.assertContains(response, "Bye"),
        lambda: tc.assertContains(response, "<b>Bye</b>", html=True),
        lambda: tc.assertContains(response, "Hello", count=2),
        lambda: tc.assertNotContains(response, "<p class='a'>Hello</p>", html=True),
    ):
        with pytest.raises(AssertionError) as excinfo:
            call()
        assert str(excinfo.value).endswith(expected)


def test_assert_in_html(tc):
    haystack = "<ul><li>a</li><li>b</li><li>a</li></ul>"
    tc.assertInHTML("<li>a</li>", haystack)
    tc.assertInHTML("<li>a</li>", haystack, count=2)
    tc.assertInHTML("<li>b</li>", haystack, count=1)
    tc.assertInHTML("<li>a</li><li>b</li>", haystack)
    with fails("Couldn't find '<li>c</li>' in the following response"):
        tc.assertInHTML("<li>c</li>", haystack)
    with fails(r"Found 2 instances of '<li>a</li>' \(expected 1\)"):
        tc.assertInHTML("<li>a</li>", haystack, count=1)
    with fails(": pfx: Couldn't find"):
        tc.assertInHTML("<i></i>", haystack, msg_prefix="pfx")
    tc.assertNotInHTML("<li>c</li>", haystack)
    with fails("'<li>b</li>' unexpectedly found in the following response"):
        tc.assertNotInHTML("<li>b</li>", haystack)


# --- JSON / XML / URLs ------------------------------------------------------------------------


def test_assert_json(tc):
    tc.assertJSONEqual('{"a": [1, 2], "b": null}', {"b": None, "a": [1, 2]})
    tc.assertJSONEqual(b'{"a": 1}', '{"a": 1}')
    with fails("First argument is not valid JSON"):
        tc.assertJSONEqual("{nope", {})
    with fails("Second argument is not valid JSON"):
        tc.assertJSONEqual("{}", "{nope")
    with fails("custom message"):
        tc.assertJSONEqual('{"a": 1}', {"a": 2}, msg="custom message")
    tc.assertJSONNotEqual('{"a": 1}', {"a": 2})
    with fails("{'a': 1} == {'a': 1}"):
        tc.assertJSONNotEqual('{"a": 1}', '{"a": 1}')


def test_assert_xml(tc):
    tc.assertXMLEqual("<a x='1' y='2'><b>t</b></a>", '<a y="2" x="1"><b>t</b></a>')
    tc.assertXMLEqual('<?xml version="1.0"?>\n<!-- c --><a>\n  <b/>\n</a>', "<a><b></b></a>")
    with fails("!="):
        tc.assertXMLEqual("<a><b/></a>", "<a><c/></a>")
    with fails("First or second argument is not valid XML"):
        tc.assertXMLEqual("<a>", "<a/>")
    tc.assertXMLNotEqual("<a x='1'/>", "<a x='2'/>")
    with fails("=="):
        tc.assertXMLNotEqual("<a/>", "<a></a>")


def test_assert_url_equal(tc):
    tc.assertURLEqual("/p/?b=2&a=1", "/p/?a=1&b=2")
    tc.assertURLEqual("http://x.com/p?a=1", "http://x.com/p?a=1")
    with fails("Expected '/p/\\?a=1' to equal '/p/\\?a=2'."):
        tc.assertURLEqual("/p/?a=1", "/p/?a=2")
    # Like Django, a msg_prefix is followed by ": ".
    with fails(": pre: Expected"):
        tc.assertURLEqual("/a/", "/b/", msg_prefix="pre")


def test_assert_redirects_without_fetch(tc):
    response = HttpResponseRedirect("/target/?b=2&a=1")
    tc.assertRedirects(response, "/target/?a=1&b=2", fetch_redirect_response=False)
    with fails("Response redirected to '/target/\\?b=2&a=1', expected '/else/': Expected"):
        tc.assertRedirects(response, "/else/", fetch_redirect_response=False)
    with fails("Response didn't redirect as expected: Response code was 302 \\(expected 301\\)"):
        tc.assertRedirects(response, "/target/", status_code=301, fetch_redirect_response=False)
    with fails("Response didn't redirect as expected: Response code was 200"):
        tc.assertRedirects(HttpResponse(), "/x/")


# --- templates ------------------------------------------------------------------------------


class _T:
    def __init__(self, name):
        self.name = name


def test_assert_template_used_with_response(tc):
    response = HttpResponse()
    response.templates = [_T("a.html"), _T("base.html"), _T(None), _T("a.html")]
    tc.assertTemplateUsed(response, "a.html")
    tc.assertTemplateUsed(response, "a.html", count=2)
    tc.assertTemplateNotUsed(response, "c.html")
    with fails(
        "Template 'c.html' was not a template used to render the response. Actual template\\(s\\) used: a.html, base.html, a.html"
    ):
        tc.assertTemplateUsed(response, "c.html")
    with fails(
        "Template 'a.html' was expected to be rendered 1 time\\(s\\) but was actually rendered 2 time\\(s\\)."
    ):
        tc.assertTemplateUsed(response, "a.html", count=1)
    with fails("Template 'base.html' was used unexpectedly in rendering the response"):
        tc.assertTemplateNotUsed(response, "base.html")
    empty = HttpResponse()
    empty.templates = []
    with fails("No templates used to render the response"):
        tc.assertTemplateUsed(empty, "a.html")


def test_assert_template_used_errors(tc):
    with pytest.raises(TypeError, match="response and/or template_name argument must be provided"):
        tc.assertTemplateUsed()
    with pytest.raises(
        ValueError,
        match="assertTemplateUsed\\(\\) is only usable on responses fetched using the Django test Client.",
    ):
        tc.assertTemplateUsed(HttpResponse(), "a.html")


def test_assert_template_used_context_manager(tc):
    from nuages.test.signals import template_rendered

    with tc.assertTemplateUsed("t.html"):
        template_rendered.send(sender=None, template=_T("t.html"), context={})
    with tc.assertTemplateUsed(template_name="t.html", count=1):
        template_rendered.send(sender=None, template=_T("t.html"), context={})
    with tc.assertTemplateNotUsed("t.html"):
        template_rendered.send(sender=None, template=_T("other.html"), context={})
    with fails("No templates used to render the response"):
        with tc.assertTemplateUsed("t.html"):
            pass
    with fails("Template 't.html' was used unexpectedly"):
        with tc.assertTemplateNotUsed("t.html"):
            template_rendered.send(sender=None, template=_T("t.html"), context={})
    # An exception inside the block propagates without a template assertion.
    with pytest.raises(KeyError):
        with tc.assertTemplateUsed("t.html"):
            raise KeyError


def test_assert_template_used_with_real_templates(tc):
    from nuages.template.base import Template
    from nuages.template.context import Context
    from nuages.template.engine import Engine
    from nuages.test import _environment
    from nuages.test.utils import setup_test_environment, teardown_test_environment

    already = _environment._State.saved is not None
    if not already:
        setup_test_environment()
    try:
        with tc.assertTemplateUsed("named.html"):
            Template("hi {{ x }}", name="named.html", engine=Engine()).render(Context({"x": 1}))
        with fails("Template 'named.html' was used unexpectedly"):
            with tc.assertTemplateNotUsed("named.html"):
                Template("x", name="named.html", engine=Engine()).render(Context())
    finally:
        if not already:
            teardown_test_environment()


# --- forms (generic: any object with Django's form API) ---------------------------------------


class _Field:
    empty_values = (None, "", [], (), {})

    def __init__(self, required=True, **kwargs):
        self.required = required
        self.error_messages = {"required": "This field is required."}

    def clean(self, value):
        if value in self.empty_values:
            if self.required:
                raise ValidationError(self.error_messages["required"])
            return ""
        if not str(value).isdigit():
            raise ValidationError("Enter a whole number.")
        return int(value)


def test_assert_field_output(tc):
    tc.assertFieldOutput(_Field, {"1": 1, "42": 42}, {"x": ["Enter a whole number."]})
    with fails("1 != 2"):
        tc.assertFieldOutput(_Field, {"1": 2}, {})
    with fails("Other message"):
        tc.assertFieldOutput(_Field, {}, {"x": ["Other message."]})


class _Form:
    def __init__(self, bound=True, errors=None, non_field=None):
        self.is_bound = bound
        self.fields = {"name": None, "age": None}
        self.errors = errors or {}
        self._non_field = non_field or []

    def non_field_errors(self):
        return self._non_field

    def __repr__(self):
        return "<_Form bound=True>"


def test_assert_form_error(tc):
    form = _Form(errors={"name": ["Required."]}, non_field=["Bad pair."])
    tc.assertFormError(form, "name", "Required.")
    tc.assertFormError(form, "name", ["Required."])
    tc.assertFormError(form, "age", [])
    tc.assertFormError(form, None, "Bad pair.")
    with fails("The errors of field 'name' on form <_Form bound=True> don't match."):
        tc.assertFormError(form, "name", "Other.")
    with fails("The form <_Form bound=True> does not contain the field 'nope'."):
        tc.assertFormError(form, "nope", [])
    with fails("is not bound, it will never have any errors."):
        tc.assertFormError(_Form(bound=False), "name", [])
    with fails("The non-field errors of form <_Form bound=True> don't match."):
        tc.assertFormError(form, None, [])


# --- lifecycle: settings, clients, async tests, class decorators ------------------------------


def run_case(case_class, name):
    result = unittest.TestResult()
    case_class(name)(result)
    return result


def test_settings_and_modify_settings_methods():
    seen = {}

    class T(SimpleTestCase):
        def test_it(self):
            with self.settings(NUAGES_X=1):
                seen["x"] = settings.NUAGES_X
            with override_settings(NUAGES_L=["a"]):
                with self.modify_settings(NUAGES_L={"append": "b"}):
                    seen["l"] = settings.NUAGES_L

    result = run_case(T, "test_it")
    assert result.wasSuccessful(), result.errors + result.failures
    assert seen == {"x": 1, "l": ["a", "b"]}


def test_class_decorators_apply_for_the_whole_class():
    seen = []

    @override_settings(NUAGES_X="class", NUAGES_L=["a"])
    @modify_settings(NUAGES_L={"append": "b"})
    class T(SimpleTestCase):
        @classmethod
        def setUpClass(cls):
            super().setUpClass()
            seen.append(("setUpClass", settings.NUAGES_X))

        def test_a(self):
            seen.append(("a", settings.NUAGES_X, list(settings.NUAGES_L)))

        @override_settings(NUAGES_X="method")
        def test_b(self):
            seen.append(("b", settings.NUAGES_X))

    suite = unittest.TestSuite([T("test_a"), T("test_b")])
    result = unittest.TestResult()
    suite.run(result)
    assert result.wasSuccessful(), result.errors + result.failures
    assert seen == [("setUpClass", "class"), ("a", "class", ["a", "b"]), ("b", "method")]
    assert not hasattr(settings, "NUAGES_X")


def test_decorated_subclass_inherits_and_merges_overrides():
    @override_settings(NUAGES_A=1, NUAGES_B=1)
    class Parent(SimpleTestCase):
        pass

    @override_settings(NUAGES_B=2)
    class Child(Parent):
        def test_it(self):
            assert (settings.NUAGES_A, settings.NUAGES_B) == (1, 2)

    assert Parent._overridden_settings == {"NUAGES_A": 1, "NUAGES_B": 1}
    result = unittest.TestResult()
    unittest.TestSuite([Child("test_it")]).run(result)
    assert result.wasSuccessful(), result.errors + result.failures


def test_async_test_methods_run():
    ran = []

    class T(SimpleTestCase):
        async def test_async(self):
            await asyncio.sleep(0)
            ran.append(True)

        async def test_async_fails(self):
            self.fail("async failure")

    assert run_case(T, "test_async").wasSuccessful()
    assert ran == [True]
    result = run_case(T, "test_async_fails")
    assert len(result.failures) == 1 and "async failure" in result.failures[0][1]


def test_clients_are_created_per_test():
    from nuages.test import AsyncClient, Client

    clients = []

    class T(SimpleTestCase):
        def test_a(self):
            clients.append((self.client, self.async_client))

    run_case(T, "test_a")
    run_case(T, "test_a")
    assert isinstance(clients[0][0], Client) and isinstance(clients[0][1], AsyncClient)
    assert clients[0][0] is not clients[1][0]


def test_skipped_tests_skip_pre_setup():
    calls = []

    @unittest.skip("no")
    class T(SimpleTestCase):
        def _pre_setup(self):
            calls.append("pre")

        def test_a(self):
            pass

    result = run_case(T, "test_a")
    assert len(result.skipped) == 1 and calls == []


def test_pre_setup_error_is_reported():
    class T(SimpleTestCase):
        def _pre_setup(self):
            raise RuntimeError("setup broke")

        def test_a(self):
            pass

    result = run_case(T, "test_a")
    assert len(result.errors) == 1 and "setup broke" in result.errors[0][1]


def test_debug_runs_and_raises():
    class T(SimpleTestCase):
        def test_a(self):
            self.fail("in debug")

    with pytest.raises(AssertionError, match="in debug"):
        T("test_a").debug()

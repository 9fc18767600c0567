"""SimpleTestCase: unittest.TestCase with settings overrides, test clients and web assertions.

TestCase, TransactionTestCase and LiveServerTestCase need the ORM and arrive with it.
"""

from __future__ import annotations

import difflib
import json
import sys
import unittest
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest.util import safe_repr
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit
from xml.etree.ElementTree import ParseError

from nuages.conf import settings
from nuages.core.exceptions import ValidationError
from nuages.http import QueryDict
from nuages.test._template_assertions import (
    AssertTemplateNotUsedContext,
    AssertTemplateUsedContext,
)
from nuages.test._xml import compare_xml
from nuages.test.client import AsyncClient, Client
from nuages.test.html import Element, HTMLParseError, parse_html
from nuages.test.utils import modify_settings, override_settings
from nuages.utils._async import async_to_sync, is_async_callable, run_async

__all__ = ["SimpleTestCase"]


def assert_and_parse_html(
    test_case: unittest.TestCase, html: str, user_msg: str | None, msg: str
) -> Element:
    """Parse html, failing the test with msg (and the parser's complaint) if it cannot."""
    try:
        return parse_html(html)
    except HTMLParseError as e:
        test_case.fail(test_case._formatMessage(user_msg, f"{msg}\n{e}"))


def _normalize_url(url: str) -> str:
    # Query parameter order does not change a URL's meaning.
    scheme, netloc, path, query, fragment = urlsplit(url)
    query = urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
    return urlunsplit((scheme, netloc, unquote(path), query, fragment))


def _host_allowed(domain: str) -> bool:
    for pattern in settings.ALLOWED_HOSTS:
        pattern = pattern.lower()
        if pattern == "*" or pattern == domain:
            return True
        if pattern.startswith(".") and (domain.endswith(pattern) or domain == pattern[1:]):
            return True
    return False


def _resolve(value: Any) -> Any:
    # AsyncClient methods return coroutines; assertions stay sync, as in Django.
    if hasattr(value, "__await__"):
        return run_async(lambda: value)
    return value


class SimpleTestCase(unittest.TestCase):
    """A TestCase without database access, with self.client and Django's web assertions."""

    client_class: type = Client
    async_client_class: type = AsyncClient
    _overridden_settings: dict[str, Any] | None = None
    _modified_settings: list | None = None
    databases: set[str] | str = set()

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        if cls._overridden_settings:
            context = override_settings(**cls._overridden_settings)
            context.enable()
            cls.addClassCleanup(context.disable)
        if cls._modified_settings:
            context = modify_settings(cls._modified_settings)
            context.enable()
            cls.addClassCleanup(context.disable)

    # --- running --------------------------------------------------------------------------

    def __call__(self, result: unittest.TestResult | None = None) -> Any:
        """Run the test wrapped in _pre_setup()/_post_teardown()."""
        return self._setup_and_call(result)

    def debug(self) -> None:
        """Run the test without collecting the result, letting errors propagate."""
        self._setup_and_call(None, debug=True)

    def _setup_and_call(self, result: unittest.TestResult | None, debug: bool = False) -> Any:
        method = getattr(self, self._testMethodName)
        skipped = getattr(type(self), "__unittest_skip__", False) or getattr(
            method, "__unittest_skip__", False
        )
        if is_async_callable(method):
            # async def tests run to completion in their own event loop.
            setattr(self, self._testMethodName, async_to_sync(method))
        if not skipped:
            try:
                self._pre_setup()
            except Exception:
                if debug:
                    raise
                if result is not None:
                    result.addError(self, sys.exc_info())
                return None
        outcome = super().debug() if debug else super().__call__(result)
        if not skipped:
            try:
                self._post_teardown()
            except Exception:
                if debug:
                    raise
                if result is not None:
                    result.addError(self, sys.exc_info())
        return outcome

    def _pre_setup(self) -> None:
        """Give each test fresh clients (and an empty mail outbox once mail exists)."""
        self.client = self.client_class()
        self.async_client = self.async_client_class()
        mail = sys.modules.get("nuages.core.mail")
        if mail is not None:
            mail.outbox = []

    def _post_teardown(self) -> None:
        """Hook for subclasses (database cleanup in TestCase)."""

    def settings(self, **kwargs: Any) -> override_settings:
        """with self.settings(NAME=value): ... overrides settings inside the block."""
        return override_settings(**kwargs)

    def modify_settings(self, **kwargs: Any) -> modify_settings:
        """with self.modify_settings(MIDDLEWARE={"append": ...}): ... edits list settings."""
        return modify_settings(**kwargs)

    # --- exceptions and warnings ----------------------------------------------------------

    @contextmanager
    def _raises_or_warns(
        self, func: Callable, attr: str, expected: Any, message: str
    ) -> Iterator[Any]:
        with func(expected) as cm:
            yield cm
        self.assertIn(message, str(getattr(cm, attr)))

    def _assert_with_message(
        self, func: Callable, attr: str, expected: Any, message: str, args: tuple, kwargs: dict
    ) -> Any:
        cm = self._raises_or_warns(func, attr, expected, message)
        if not args:
            return cm
        callable_obj, *rest = args
        with cm:
            callable_obj(*rest, **kwargs)
        return None

    def assertRaisesMessage(
        self, expected_exception: Any, expected_message: str, *args: Any, **kwargs: Any
    ) -> Any:
        """assertRaises that also checks expected_message is in str(exception)."""
        return self._assert_with_message(
            self.assertRaises, "exception", expected_exception, expected_message, args, kwargs
        )

    def assertWarnsMessage(
        self, expected_warning: Any, expected_message: str, *args: Any, **kwargs: Any
    ) -> Any:
        """assertWarns that also checks expected_message is in str(warning)."""
        return self._assert_with_message(
            self.assertWarns, "warning", expected_warning, expected_message, args, kwargs
        )

    def assertFieldOutput(
        self,
        fieldclass: type,
        valid: dict,
        invalid: dict,
        field_args: list | None = None,
        field_kwargs: dict | None = None,
        empty_value: Any = "",
    ) -> None:
        """Check a form field's clean() on valid and invalid inputs, required and optional."""
        field_args = field_args or []
        field_kwargs = field_kwargs or {}
        required = fieldclass(*field_args, **field_kwargs)
        optional = fieldclass(*field_args, **{**field_kwargs, "required": False})
        for value, output in valid.items():
            self.assertEqual(required.clean(value), output)
            self.assertEqual(optional.clean(value), output)
        for value, errors in invalid.items():
            for field in (required, optional):
                with self.assertRaises(ValidationError) as cm:
                    field.clean(value)
                self.assertEqual(cm.exception.messages, errors)
        error_required = [required.error_messages["required"]]
        for value in required.empty_values:
            with self.assertRaises(ValidationError) as cm:
                required.clean(value)
            self.assertEqual(cm.exception.messages, error_required)
            self.assertEqual(optional.clean(value), empty_value)
        forms = sys.modules.get("nuages.forms")
        if forms is not None and issubclass(fieldclass, forms.CharField):
            field_kwargs = {**field_kwargs, "min_length": 2, "max_length": 20}
            self.assertIsInstance(fieldclass(*field_args, **field_kwargs), fieldclass)

    # --- responses ------------------------------------------------------------------------

    def assertRedirects(
        self,
        response: Any,
        expected_url: str,
        status_code: int = 302,
        target_status_code: int = 200,
        msg_prefix: str = "",
        fetch_redirect_response: bool = True,
    ) -> None:
        """The response redirected (status_code) to expected_url, which answers target_status_code."""
        if msg_prefix:
            msg_prefix += ": "
        if hasattr(response, "redirect_chain"):
            # The client followed the redirects: check the chain it recorded.
            self.assertTrue(
                response.redirect_chain,
                f"{msg_prefix}Response didn't redirect as expected: Response code was "
                f"{response.status_code} (expected {status_code})",
            )
            first_status = response.redirect_chain[0][1]
            self.assertEqual(
                first_status,
                status_code,
                f"{msg_prefix}Initial response didn't redirect as expected: Response code was "
                f"{first_status} (expected {status_code})",
            )
            url, status_code = response.redirect_chain[-1]
            self.assertEqual(
                response.status_code,
                target_status_code,
                f"{msg_prefix}Response didn't redirect as expected: Final Response code was "
                f"{response.status_code} (expected {target_status_code})",
            )
        else:
            self.assertEqual(
                response.status_code,
                status_code,
                f"{msg_prefix}Response didn't redirect as expected: Response code was "
                f"{response.status_code} (expected {status_code})",
            )
            url = response.url
            scheme, netloc, path, query, _fragment = urlsplit(url)
            if not path.startswith("/"):
                # A relative Location is relative to the path that was requested.
                url = urljoin(response.request["PATH_INFO"], url)
                path = urljoin(response.request["PATH_INFO"], path)
            if fetch_redirect_response:
                domain = netloc.rsplit(":", 1)[0] if netloc and not netloc.endswith("]") else netloc
                if domain and not _host_allowed(domain.lower()):
                    raise ValueError(
                        f"The test client is unable to fetch remote URLs (got {url}). If the host "
                        f"is served by Django, add '{domain}' to ALLOWED_HOSTS. Otherwise, use "
                        "assertRedirects(..., fetch_redirect_response=False)."
                    )
                client = response.client
                redirect_response = _resolve(
                    client.get(
                        path,
                        QueryDict(query),
                        secure=(scheme == "https"),
                        headers=getattr(client, "headers", None) or {},
                        **(getattr(client, "extra", None) or {}),
                    )
                )
                self.assertEqual(
                    redirect_response.status_code,
                    target_status_code,
                    f"{msg_prefix}Couldn't retrieve redirection page '{path}': response code was "
                    f"{redirect_response.status_code} (expected {target_status_code})",
                )
        self.assertURLEqual(
            url,
            expected_url,
            f"{msg_prefix}Response redirected to '{url}', expected '{expected_url}'",
        )

    def assertURLEqual(self, url1: str, url2: str, msg_prefix: str = "") -> None:
        """The URLs are equal up to the order of their query parameters."""
        if msg_prefix:
            msg_prefix += ": "
        self.assertEqual(
            _normalize_url(url1),
            _normalize_url(url2),
            f"{msg_prefix}Expected '{url1}' to equal '{url2}'.",
        )

    def _assert_contains(
        self, response: Any, text: Any, status_code: int, msg_prefix: str, html: bool
    ) -> tuple[str, int, str, str]:
        # Template responses are rendered lazily: render before looking at the content.
        if callable(getattr(response, "render", None)) and not getattr(
            response, "is_rendered", True
        ):
            response.render()
        if msg_prefix:
            msg_prefix += ": "
        self.assertEqual(
            response.status_code,
            status_code,
            f"{msg_prefix}Couldn't retrieve content: Response code was {response.status_code} "
            f"(expected {status_code})",
        )
        if getattr(response, "streaming", False):
            content: Any = b"".join(response.streaming_content)
        else:
            content = response.content
        # Like Django, failure messages show the raw (bytes) content, before decoding/parsing.
        content_repr = safe_repr(content)
        if not isinstance(text, bytes) or html:
            text = str(text)
            content = content.decode(response.charset)
            text_repr = f"'{text}'"
        else:
            text_repr = repr(text)
        if html:
            content = assert_and_parse_html(
                self, content, None, "Response's content is not valid HTML:"
            )
            text = assert_and_parse_html(self, text, None, "Second argument is not valid HTML:")
        return text_repr, content.count(text), msg_prefix, content_repr

    def assertContains(
        self,
        response: Any,
        text: Any,
        count: int | None = None,
        status_code: int = 200,
        msg_prefix: str = "",
        html: bool = False,
    ) -> None:
        """The response has status_code and contains text (exactly count times if given)."""
        text_repr, real_count, msg_prefix, content_repr = self._assert_contains(
            response, text, status_code, msg_prefix, html
        )
        if count is not None:
            self.assertEqual(
                real_count,
                count,
                f"{msg_prefix}Found {real_count} instances of {text_repr} (expected {count}) in "
                f"the following response\n{content_repr}",
            )
        else:
            self.assertTrue(
                real_count != 0,
                f"{msg_prefix}Couldn't find {text_repr} in the following response\n{content_repr}",
            )

    def assertNotContains(
        self,
        response: Any,
        text: Any,
        status_code: int = 200,
        msg_prefix: str = "",
        html: bool = False,
    ) -> None:
        """The response has status_code and does not contain text."""
        text_repr, real_count, msg_prefix, content_repr = self._assert_contains(
            response, text, status_code, msg_prefix, html
        )
        self.assertEqual(
            real_count,
            0,
            f"{msg_prefix}{text_repr} unexpectedly found in the following response\n{content_repr}",
        )

    # --- templates ------------------------------------------------------------------------

    def _template_names_used(
        self, response: Any, template_name: str | None, msg_prefix: str, method_name: str
    ) -> tuple[str | None, list[str] | None, str]:
        if response is None and template_name is None:
            raise TypeError("response and/or template_name argument must be provided")
        if msg_prefix:
            msg_prefix += ": "
        if (
            template_name is not None
            and response is not None
            and not hasattr(response, "templates")
        ):
            raise ValueError(
                f"{method_name}() is only usable on responses fetched using the Django test Client."
            )
        if not hasattr(response, "templates") or (response is None and template_name):
            # Context-manager form: the single argument is the template name.
            if response:
                template_name, response = response, None
            return template_name, None, msg_prefix
        names = [t.name for t in response.templates if t.name is not None]
        return None, names, msg_prefix

    def _assert_template_used(
        self, template_name: str, template_names: list[str], msg_prefix: str, count: int | None
    ) -> None:
        if not template_names:
            self.fail(f"{msg_prefix}No templates used to render the response")
        self.assertTrue(
            template_name in template_names,
            f"{msg_prefix}Template '{template_name}' was not a template used to render the "
            f"response. Actual template(s) used: {', '.join(template_names)}",
        )
        if count is not None:
            real = template_names.count(template_name)
            self.assertEqual(
                real,
                count,
                f"{msg_prefix}Template '{template_name}' was expected to be rendered {count} "
                f"time(s) but was actually rendered {real} time(s).",
            )

    def assertTemplateUsed(
        self,
        response: Any = None,
        template_name: str | None = None,
        msg_prefix: str = "",
        count: int | None = None,
    ) -> Any:
        """The template was rendered for the response (or, as a context manager, in the block)."""
        cm_template, names, msg_prefix = self._template_names_used(
            response, template_name, msg_prefix, "assertTemplateUsed"
        )
        if cm_template:
            return AssertTemplateUsedContext(self, cm_template, msg_prefix, count)
        self._assert_template_used(template_name, names or [], msg_prefix, count)
        return None

    def assertTemplateNotUsed(
        self, response: Any = None, template_name: str | None = None, msg_prefix: str = ""
    ) -> Any:
        """The template was not rendered for the response (or in the block)."""
        cm_template, names, msg_prefix = self._template_names_used(
            response, template_name, msg_prefix, "assertTemplateNotUsed"
        )
        if cm_template:
            return AssertTemplateNotUsedContext(self, cm_template, msg_prefix)
        self.assertFalse(
            template_name in (names or []),
            f"{msg_prefix}Template '{template_name}' was used unexpectedly in rendering the response",
        )
        return None

    # --- forms ----------------------------------------------------------------------------

    def assertFormError(
        self, form: Any, field: str | None, errors: Any, msg_prefix: str = ""
    ) -> None:
        """The form's field (None: the non-field errors) has exactly these errors."""
        if msg_prefix:
            msg_prefix += ": "
        if isinstance(errors, str):
            errors = [errors]
        form_repr = repr(form)
        if not form.is_bound:
            self.fail(
                f"{msg_prefix}The form {form_repr} is not bound, it will never have any errors."
            )
        if field is not None and field not in form.fields:
            self.fail(f"{msg_prefix}The form {form_repr} does not contain the field {field!r}.")
        if field is None:
            actual = form.non_field_errors()
            failure = f"The non-field errors of form {form_repr} don't match."
        else:
            actual = form.errors.get(field, [])
            failure = f"The errors of field {field!r} on form {form_repr} don't match."
        self.assertEqual(list(actual), errors, msg_prefix + failure)

    def assertFormSetError(
        self,
        formset: Any,
        form_index: int | None,
        field: str | None,
        errors: Any,
        msg_prefix: str = "",
    ) -> None:
        """Like assertFormError for form number form_index (None: the formset's own errors)."""
        if msg_prefix:
            msg_prefix += ": "
        if isinstance(errors, str):
            errors = [errors]
        name = type(formset).__name__
        if not formset.is_bound:
            self.fail(
                f"{msg_prefix}The formset <{name}> is not bound, it will never have any errors."
            )
        if form_index is None:
            if field is not None:
                raise ValueError("You must use field=None with form_index=None.")
            self.assertEqual(
                list(formset.non_form_errors()),
                errors,
                f"{msg_prefix}The non-form errors of formset <{name}> don't match.",
            )
            return
        total = formset.total_form_count()
        if form_index >= total:
            forms = "form" if total == 1 else "forms"
            self.fail(f"{msg_prefix}The formset <{name}> only has {total} {forms}.")
        self.assertFormError(
            formset.forms[form_index], field, errors, msg_prefix.removesuffix(": ")
        )

    # --- HTML, JSON, XML ------------------------------------------------------------------

    def assertHTMLEqual(self, html1: str, html2: str, msg: str | None = None) -> None:
        """The two HTML fragments are equal up to whitespace, attribute and class order."""
        dom1 = assert_and_parse_html(self, html1, msg, "First argument is not valid HTML:")
        dom2 = assert_and_parse_html(self, html2, msg, "Second argument is not valid HTML:")
        if dom1 != dom2:
            standard = f"{safe_repr(dom1, True)} != {safe_repr(dom2, True)}"
            diff = "\n" + "\n".join(difflib.ndiff(str(dom1).splitlines(), str(dom2).splitlines()))
            self.fail(self._formatMessage(msg, self._truncateMessage(standard, diff)))

    def assertHTMLNotEqual(self, html1: str, html2: str, msg: str | None = None) -> None:
        """The two HTML fragments differ in meaning."""
        dom1 = assert_and_parse_html(self, html1, msg, "First argument is not valid HTML:")
        dom2 = assert_and_parse_html(self, html2, msg, "Second argument is not valid HTML:")
        if dom1 == dom2:
            self.fail(
                self._formatMessage(msg, f"{safe_repr(dom1, True)} == {safe_repr(dom2, True)}")
            )

    def _count_in_html(self, needle: str, haystack: str) -> int:
        parsed_needle = assert_and_parse_html(
            self, needle, None, "First argument is not valid HTML:"
        )
        parsed_haystack = assert_and_parse_html(
            self, haystack, None, "Second argument is not valid HTML:"
        )
        return parsed_haystack.count(parsed_needle)

    def assertInHTML(
        self, needle: str, haystack: str, count: int | None = None, msg_prefix: str = ""
    ) -> None:
        """The HTML needle occurs in haystack (exactly count times if given)."""
        real_count = self._count_in_html(needle, haystack)
        if msg_prefix:
            msg_prefix += ": "
        haystack_repr = safe_repr(haystack)
        if count is not None:
            self.assertEqual(
                real_count,
                count,
                f"{msg_prefix}Found {real_count} instances of '{needle}' (expected {count}) in the "
                f"following response\n{haystack_repr}",
            )
        else:
            self.assertTrue(
                real_count != 0,
                f"{msg_prefix}Couldn't find '{needle}' in the following response\n{haystack_repr}",
            )

    def assertNotInHTML(self, needle: str, haystack: str, msg_prefix: str = "") -> None:
        """The HTML needle does not occur in haystack."""
        real_count = self._count_in_html(needle, haystack)
        if msg_prefix:
            msg_prefix += ": "
        self.assertEqual(
            real_count,
            0,
            f"{msg_prefix}'{needle}' unexpectedly found in the following response\n{safe_repr(haystack)}",
        )

    def _load_json(self, raw: str | bytes, expected_data: Any) -> tuple[Any, Any]:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            self.fail(f"First argument is not valid JSON: {raw!r}")
        if isinstance(expected_data, str):
            try:
                expected_data = json.loads(expected_data)
            except json.JSONDecodeError:
                self.fail(f"Second argument is not valid JSON: {expected_data!r}")
        return data, expected_data

    def assertJSONEqual(self, raw: str | bytes, expected_data: Any, msg: str | None = None) -> None:
        """raw parses to JSON equal to expected_data (a JSON string or Python data)."""
        data, expected_data = self._load_json(raw, expected_data)
        self.assertEqual(data, expected_data, msg=msg)

    def assertJSONNotEqual(
        self, raw: str | bytes, expected_data: Any, msg: str | None = None
    ) -> None:
        data, expected_data = self._load_json(raw, expected_data)
        self.assertNotEqual(data, expected_data, msg=msg)

    def assertXMLEqual(self, xml1: str, xml2: str, msg: str | None = None) -> None:
        """The XML documents are semantically equal (declarations and comments ignored)."""
        try:
            equal = compare_xml(xml1, xml2)
        except (ParseError, ValueError) as e:
            self.fail(self._formatMessage(msg, f"First or second argument is not valid XML\n{e}"))
        if not equal:
            standard = f"{safe_repr(xml1, True)} != {safe_repr(xml2, True)}"
            diff = "\n" + "\n".join(difflib.ndiff(xml1.splitlines(), xml2.splitlines()))
            self.fail(self._formatMessage(msg, self._truncateMessage(standard, diff)))

    def assertXMLNotEqual(self, xml1: str, xml2: str, msg: str | None = None) -> None:
        try:
            equal = compare_xml(xml1, xml2)
        except (ParseError, ValueError) as e:
            self.fail(self._formatMessage(msg, f"First or second argument is not valid XML\n{e}"))
        if equal:
            self.fail(
                self._formatMessage(msg, f"{safe_repr(xml1, True)} == {safe_repr(xml2, True)}")
            )

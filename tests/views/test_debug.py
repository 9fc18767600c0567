"""ExceptionReporter, SafeExceptionReporterFilter and the technical 404/500 responses."""

import sys

from reqproj import views as project_views

from nuages.http import Http404, HttpRequest
from nuages.test import RequestFactory, override_settings
from nuages.views.debug import (
    CallableSettingWrapper,
    ExceptionReporter,
    SafeExceptionReporterFilter,
    technical_404_response,
    technical_500_response,
)
from nuages.views.decorators.debug import sensitive_variables

rf = RequestFactory()
SUB = SafeExceptionReporterFilter.cleansed_substitute


def exc_info_of(func, *args):
    try:
        func(*args)
    except Exception:
        return sys.exc_info()
    raise AssertionError("no exception")


def test_cleanse_setting():
    f = SafeExceptionReporterFilter()
    assert f.cleanse_setting("SECRET_KEY", "abc") == SUB
    assert f.cleanse_setting("DATABASE_PASSWORD", "abc") == SUB
    assert f.cleanse_setting("MY_AUTH_HEADER", "abc") == SUB
    assert f.cleanse_setting("HTTP_COOKIE", "session=1") == SUB
    assert f.cleanse_setting("TEST", "value") == "value"
    assert f.cleanse_setting("SETTING", {"login": "u", "password": "p"}) == {
        "login": "u",
        "password": SUB,
    }
    assert f.cleanse_setting("SETTING", [{"token": "t"}, "x"]) == [{"token": SUB}, "x"]
    assert f.cleanse_setting("SETTING", ({"api_key": "k"},)) == ({"api_key": SUB},)
    assert f.cleanse_setting(1, "non-string key") == "non-string key"


def test_callable_setting_not_called():
    def callable_setting():
        raise AssertionError("must not be called")

    cleansed = SafeExceptionReporterFilter().cleanse_setting("FOO", callable_setting)
    assert isinstance(cleansed, CallableSettingWrapper)
    assert repr(cleansed) == repr(callable_setting)


def test_get_safe_settings_and_meta():
    with override_settings(SECRET_KEY="s3cr3t", CUSTOM_SETTING="visible"):
        safe = SafeExceptionReporterFilter().get_safe_settings()
    assert safe["SECRET_KEY"] == SUB
    assert safe["CUSTOM_SETTING"] == "visible"
    request = rf.get("/", HTTP_COOKIE="a=b", HTTP_SECRET_HEADER="hidden", HTTP_OTHER="shown")
    meta = SafeExceptionReporterFilter().get_safe_request_meta(request)
    assert meta["HTTP_COOKIE"] == SUB
    assert meta["HTTP_SECRET_HEADER"] == SUB
    assert meta["HTTP_OTHER"] == "shown"
    assert SafeExceptionReporterFilter().get_safe_request_meta(None) == {}


def test_is_active_only_without_debug():
    f = SafeExceptionReporterFilter()
    with override_settings(DEBUG=True):
        assert f.is_active(None) is False
    with override_settings(DEBUG=False):
        assert f.is_active(None) is True


@sensitive_variables("sauce")
def sensitive_function(password_arg):
    sauce = "".join(["worce", "stershire"])  # noqa: F841  (not literal in the source)
    cooked_eggs = "scrambled"  # noqa: F841
    raise ValueError("sensitive failure")


@sensitive_variables()
def all_sensitive():
    sauce = "".join(["hot", "-sauce"])  # noqa: F841
    raise ValueError("all hidden")


@sensitive_variables("sauce")
def calls_helper():
    return helper()


def helper():
    sauce = "".join(["inner", "-sauce"])  # noqa: F841
    raise ValueError("from helper")


@sensitive_variables("sauce")
async def async_sensitive():
    sauce = "".join(["async", "-sauce"])  # noqa: F841
    raise ValueError("async failure")


def text_report(exc_info, request=None):
    return ExceptionReporter(request, *exc_info, is_email=True).get_traceback_text()


def html_report(exc_info, request=None):
    return ExceptionReporter(request, *exc_info, is_email=True).get_traceback_html()


def test_sensitive_variables_hidden_in_reports():
    with override_settings(DEBUG=False):
        html = html_report(exc_info_of(sensitive_function, "arg-value"))
    assert "worcestershire" not in html
    assert "sauce" in html  # the name stays, the value is hidden
    assert "scrambled" in html
    # The decorator's own frame hides the decorated function's arguments.
    with override_settings(DEBUG=False):
        data = ExceptionReporter(
            None, *exc_info_of(sensitive_function, "arg-value")
        ).get_traceback_data()
    wrapper = next(f for f in data["frames"] if f["function"] == "sensitive_variables_wrapper")
    assert dict(wrapper["vars"])["func_args"] == repr(SUB)

    with override_settings(DEBUG=False):
        html = html_report(exc_info_of(all_sensitive))
    assert "hot-sauce" not in html


def test_text_report_has_no_local_variables():
    with override_settings(DEBUG=True):
        text = text_report(exc_info_of(sensitive_function, "x"))
    assert "scrambled" not in text
    assert 'raise ValueError("sensitive failure")' in text


def test_sensitive_variables_apply_to_called_functions():
    with override_settings(DEBUG=False):
        data = ExceptionReporter(None, *exc_info_of(calls_helper)).get_traceback_data()
    helper_frame = next(f for f in data["frames"] if f["function"] == "helper")
    assert dict(helper_frame["vars"])["sauce"] == repr(SUB)


def test_sensitive_variables_on_coroutines():
    import asyncio

    def run():
        asyncio.run(async_sensitive())

    with override_settings(DEBUG=False):
        data = ExceptionReporter(None, *exc_info_of(run)).get_traceback_data()
    frame = next(f for f in data["frames"] if f["function"] == "async_sensitive")
    assert dict(frame["vars"])["sauce"] == repr(SUB)


def test_sensitive_variables_shown_under_debug():
    with override_settings(DEBUG=True):
        html = html_report(exc_info_of(sensitive_function, "x"))
    assert "worcestershire" in html


def test_sensitive_post_parameters_hidden():
    request = rf.post("/", {"password": "hunter2", "username": "jacob"})
    request.sensitive_post_parameters = ("password",)
    with override_settings(DEBUG=False):
        text = text_report(exc_info_of(sensitive_function, "x"), request)
        html = ExceptionReporter(
            request, *exc_info_of(sensitive_function, "x")
        ).get_traceback_html()
    assert "hunter2" not in text and "hunter2" not in html
    assert "jacob" in text and "jacob" in html
    request.sensitive_post_parameters = "__ALL__"
    with override_settings(DEBUG=False):
        text = text_report(exc_info_of(sensitive_function, "x"), request)
    assert "jacob" not in text


def test_html_report_structure():
    request = rf.get("/test_view/?items=1")
    html = ExceptionReporter(request, *exc_info_of(sensitive_function, "x")).get_traceback_html()
    assert "<h1>ValueError at /test_view/</h1>" in html
    assert '<pre class="exception_value">sensitive failure</pre>' in html
    assert '<th scope="row">Request Method:</th><td>GET</td>' in html
    assert '<th scope="row">Request URL:</th><td>http://testserver/test_view/?items=1</td>' in html
    assert '<th scope="row">Exception Type:</th><td>ValueError</td>' in html
    assert '<th scope="row">Exception Value:</th><td><pre>sensitive failure</pre></td>' in html
    assert "Exception Location:" in html
    assert "<h2>Traceback" in html
    assert "<h2>Request information</h2>" in html
    assert '<h3 id="get-info">GET</h3>' in html
    assert "No POST data" in html
    assert "No FILES data" in html
    assert "No cookie data" in html
    assert '<h3 id="settings-info">Settings</h3>' in html
    # Source context around the failing line.
    assert "raise ValueError(&quot;sensitive failure&quot;)" in html


def test_html_escapes_exception_message():
    def fail():
        raise ValueError("<script>alert(1)</script>")

    html = ExceptionReporter(None, *exc_info_of(fail)).get_traceback_html()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_without_request_or_exception():
    html = ExceptionReporter(None, None, None, None).get_traceback_html()
    assert "<h1>Report</h1>" in html
    assert "No exception message supplied" in html
    assert "Request data not supplied" in html
    text = ExceptionReporter(None, None, None, None).get_traceback_text()
    assert text.startswith("Report\nNo exception message supplied")


def test_exception_chain_frames():
    def inner():
        raise KeyError("inner")

    def outer():
        try:
            inner()
        except KeyError as exc:
            raise ValueError("outer") from exc

    reporter = ExceptionReporter(None, *exc_info_of(outer))
    frames = reporter.get_traceback_frames()
    # The cause's frames come first, then those of the exception it caused.
    assert [f["function"] for f in frames] == ["outer", "inner", "exc_info_of", "outer"]
    assert frames[0]["exc_cause"] is None
    assert isinstance(frames[-1]["exc_cause"], KeyError)
    html = reporter.get_traceback_html()
    assert "was the direct cause of the following exception" in html
    text = reporter.get_traceback_text()
    assert "was the direct cause of the following exception" in text


def test_implicit_context_and_suppressed_context():
    def implicit():
        try:
            raise KeyError("first")
        except KeyError:
            raise ValueError("second")

    def suppressed():
        try:
            raise KeyError("first")
        except KeyError:
            raise ValueError("second") from None

    assert (
        "During handling of the above exception"
        in ExceptionReporter(None, *exc_info_of(implicit)).get_traceback_text()
    )
    assert (
        "During handling"
        not in ExceptionReporter(None, *exc_info_of(suppressed)).get_traceback_text()
    )


def test_frame_contents():
    reporter = ExceptionReporter(None, *exc_info_of(sensitive_function, "x"))
    frame = reporter.get_traceback_frames()[-1]
    assert frame["function"] == "sensitive_function"
    assert frame["context_line"].strip() == 'raise ValueError("sensitive failure")'
    assert frame["filename"] == __file__
    assert frame["type"] == "user"
    assert any("cooked_eggs" in line for line in frame["pre_context"])


def test_source_not_available():
    code = compile("def f():\n    raise ValueError('generated')\n", "<generated-nowhere>", "exec")
    namespace = {}
    exec(code, namespace)
    frame = ExceptionReporter(None, *exc_info_of(namespace["f"])).get_traceback_frames()[-1]
    assert frame["context_line"] == "<source code not available>"


def test_traceback_hide():
    def hidden():
        __traceback_hide__ = True  # noqa: F841
        raise ValueError("x")

    functions = [
        f["function"] for f in ExceptionReporter(None, *exc_info_of(hidden)).get_traceback_frames()
    ]
    assert "hidden" not in functions


def test_large_variable_trimmed():
    def big():
        blob = "x" * 10000  # noqa: F841
        raise ValueError("big")

    data = ExceptionReporter(None, *exc_info_of(big)).get_traceback_data()
    value = dict(data["frames"][-1]["vars"])["blob"]
    assert "<trimmed" in value
    assert len(value) < 5000


def test_unicode_hint():
    def fail():
        "abc\u20acdef".encode("ascii")

    data = ExceptionReporter(None, *exc_info_of(fail)).get_traceback_data()
    assert "\u20ac" in data["unicode_hint"]


def test_template_debug_section():
    error = ValueError("bad tag")
    error.template_debug = {
        "name": "page.html",
        "line": 2,
        "message": "Invalid block tag",
        "source_lines": [(1, "<p>ok</p>"), (2, "{% bogus %}"), (3, "<p>after</p>")],
    }
    html = ExceptionReporter(None, ValueError, error, None).get_traceback_html()
    assert "Error during template rendering" in html
    assert "In template <code>page.html</code>, error at line <strong>2</strong>" in html
    assert '<span class="specific">{% bogus %}</span>' in html
    text = ExceptionReporter(None, ValueError, error, None).get_traceback_text()
    assert "In template page.html, error at line 2" in text
    assert "2 -> : {% bogus %}" in text


def test_user_shown_and_failing_user():
    request = rf.get("/")
    request.user = "jacob"
    html = ExceptionReporter(request, *exc_info_of(sensitive_function, "x")).get_traceback_html()
    assert '<h3 id="user-info">USER</h3>\n<p>jacob</p>' in html
    assert (
        "USER: jacob"
        in ExceptionReporter(request, *exc_info_of(sensitive_function, "x")).get_traceback_text()
    )

    class BrokenUser:
        def __str__(self):
            raise RuntimeError("db down")

    request.user = BrokenUser()
    assert (
        "[unable to retrieve the current user]"
        in ExceptionReporter(request, None, None, None).get_traceback_html()
    )


def test_technical_500_response_content_negotiation():
    exc = exc_info_of(sensitive_function, "x")
    html = technical_500_response(rf.get("/", HTTP_ACCEPT="text/html"), *exc)
    assert html.status_code == 500
    assert html["Content-Type"] == "text/html; charset=utf-8"
    text = technical_500_response(
        rf.get("/", HTTP_ACCEPT="application/json"), *exc, status_code=400
    )
    assert text.status_code == 400
    assert text["Content-Type"] == "text/plain; charset=utf-8"


def test_custom_reporter_and_filter_per_request():
    class CustomReporter(ExceptionReporter):
        def get_traceback_html(self):
            return "custom traceback"

    class CustomFilter(SafeExceptionReporterFilter):
        cleansed_substitute = "XXXXXXXX"

    request = rf.get("/")
    request.exception_reporter_class = CustomReporter
    assert (
        technical_500_response(request, *exc_info_of(sensitive_function, "x")).content
        == b"custom traceback"
    )
    request = rf.get("/")
    request.exception_reporter_filter = CustomFilter()
    with override_settings(SECRET_KEY="hidden"):
        assert (
            ExceptionReporter(request, None, None, None).get_traceback_data()["settings"][
                "SECRET_KEY"
            ]
            == "XXXXXXXX"
        )


def test_technical_404_with_tried_patterns():
    with override_settings(ROOT_URLCONF="reqproj.urls"):
        request = rf.get("/missing/")
        response = technical_404_response(
            request, Http404({"path": "missing/", "tried": [[_Pattern("hello/", "hello")]]})
        )
    body = response.content.decode()
    assert response.status_code == 404
    assert "<code>hello/ [name='hello']</code>" in body
    assert "The current path, <code>missing/</code>, didn’t match any of these." in body


def test_technical_404_empty_urlconf_shows_welcome():
    with override_settings(ROOT_URLCONF="reqproj.urls"):
        response = technical_404_response(rf.get("/"), Http404({"path": "", "tried": []}))
    assert response.status_code == 200
    assert b"The install worked successfully! Congratulations!" in response.content
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_technical_404_plain_message():
    with override_settings(ROOT_URLCONF="reqproj.urls"):
        request = rf.get("/404/")
        response = technical_404_response(request, Http404("Custom message"))
    body = response.content.decode()
    assert '<pre class="exception_value">Custom message</pre>' in body
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Raised by:</th><td>reqproj.views.raise_404</td>" in body


class _Pattern:
    def __init__(self, pattern, name=None):
        self.pattern = pattern
        self.name = name


def test_project_views_importable():
    assert callable(project_views.raise_500)
    assert isinstance(HttpRequest(), HttpRequest)


def test_bare_request_does_not_break_the_report():
    html = ExceptionReporter(
        HttpRequest(), *exc_info_of(sensitive_function, "x")
    ).get_traceback_html()
    assert "ValueError at" in html

"""Technical error pages shown under DEBUG, and the filter that keeps secrets out of reports.

The pages are rendered by plain Python (`nuages.views._debug_pages`), not by a template
engine, so they work even when the template configuration is what is broken.
"""

from __future__ import annotations

import functools
import linecache
import pprint
import re
import sys
import types
import warnings
from collections.abc import Iterator
from typing import Any

from nuages import get_version
from nuages.conf import settings
from nuages.http import Http404, HttpResponse, HttpResponseNotFound
from nuages.urls import resolve
from nuages.utils import timezone
from nuages.utils.datastructures import MultiValueDict
from nuages.utils.module_loading import import_string
from nuages.views import _debug_pages as pages
from nuages.views.decorators.debug import WRAPPER_CODES, sensitive_code

__all__ = [
    "CallableSettingWrapper",
    "ExceptionCycleWarning",
    "ExceptionReporter",
    "SafeExceptionReporterFilter",
    "default_urlconf",
    "get_default_exception_reporter_filter",
    "get_exception_reporter_class",
    "get_exception_reporter_filter",
    "technical_404_response",
    "technical_500_response",
]

_MAX_VAR_LENGTH = 4096


class ExceptionCycleWarning(UserWarning):
    pass


class CallableSettingWrapper:
    """Show a callable setting without calling it (the page must not run arbitrary code)."""

    def __init__(self, callable_setting: Any) -> None:
        self._wrapped = callable_setting

    def __repr__(self) -> str:
        return repr(self._wrapped)


def technical_500_response(
    request: Any, exc_type: Any, exc_value: Any, tb: Any, status_code: int = 500
) -> HttpResponse:
    """The debug page for an exception: HTML if the client accepts it, plain text otherwise."""
    reporter = get_exception_reporter_class(request)(request, exc_type, exc_value, tb)
    if _prefers_html(request):
        return HttpResponse(reporter.get_traceback_html(), status=status_code)
    return HttpResponse(
        reporter.get_traceback_text(), status=status_code, content_type="text/plain; charset=utf-8"
    )


def _prefers_html(request: Any) -> bool:
    if request is None:
        return True
    preferred = getattr(request, "get_preferred_type", None)
    if preferred is not None:
        return preferred(["text/html", "text/plain"]) == "text/html"
    return request.accepts("text/html")


@functools.lru_cache
def get_default_exception_reporter_filter() -> Any:
    """An instance of DEFAULT_EXCEPTION_REPORTER_FILTER (cached)."""
    return import_string(settings.DEFAULT_EXCEPTION_REPORTER_FILTER)()


def get_exception_reporter_filter(request: Any) -> Any:
    """request.exception_reporter_filter if set, else the default filter."""
    default_filter = get_default_exception_reporter_filter()
    return getattr(request, "exception_reporter_filter", default_filter)


def get_exception_reporter_class(request: Any) -> type:
    """request.exception_reporter_class if set, else DEFAULT_EXCEPTION_REPORTER."""
    default_class = import_string(settings.DEFAULT_EXCEPTION_REPORTER)
    return getattr(request, "exception_reporter_class", default_class)


def get_caller(request: Any) -> str:
    """The dotted path of the view handling `request` ("" if none matches)."""
    resolver_match = getattr(request, "resolver_match", None)
    if resolver_match is None:
        try:
            resolver_match = resolve(request.path)
        except Exception:  # Http404, or a broken URLconf: the page must still render
            return ""
    return _func_path(resolver_match)


def _func_path(resolver_match: Any) -> str:
    path = getattr(resolver_match, "_func_path", None)
    if path:
        return path
    func = resolver_match.func
    func = getattr(func, "view_class", func)
    name = getattr(func, "__qualname__", None) or func.__class__.__qualname__
    return f"{func.__module__}.{name}"


class SafeExceptionReporterFilter:
    """Hide sensitive settings, META, cookies, POST parameters and local variables."""

    cleansed_substitute = "********************"
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE", flags=re.IGNORECASE
    )

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        """Hide the value if the key looks sensitive; recurse into dicts, lists and tuples."""
        try:
            is_sensitive = self.hidden_settings.search(key)
        except TypeError:
            is_sensitive = False
        if is_sensitive:
            cleansed = self.cleansed_substitute
        elif isinstance(value, dict):
            cleansed = {k: self.cleanse_setting(k, v) for k, v in value.items()}
        elif isinstance(value, list):
            cleansed = [self.cleanse_setting("", v) for v in value]
        elif isinstance(value, tuple):
            cleansed = tuple(self.cleanse_setting("", v) for v in value)
        else:
            cleansed = value
        if callable(cleansed):
            cleansed = CallableSettingWrapper(cleansed)
        return cleansed

    def get_safe_settings(self) -> dict[str, Any]:
        """All settings, with sensitive values hidden."""
        return {
            k: self.cleanse_setting(k, getattr(settings, k)) for k in dir(settings) if k.isupper()
        }

    def get_safe_request_meta(self, request: Any) -> dict[str, Any]:
        if not hasattr(request, "META"):
            return {}
        return {k: self.cleanse_setting(k, v) for k, v in request.META.items()}

    def get_safe_cookies(self, request: Any) -> dict[str, Any]:
        if not hasattr(request, "COOKIES"):
            return {}
        return {k: self.cleanse_setting(k, v) for k, v in request.COOKIES.items()}

    def is_active(self, request: Any) -> bool:
        """Filtering of variables and POST data applies only outside DEBUG (emailed reports)."""
        return settings.DEBUG is False

    def get_cleansed_multivaluedict(self, request: Any, multivaluedict: Any) -> Any:
        sensitive = getattr(request, "sensitive_post_parameters", [])
        if self.is_active(request) and sensitive:
            multivaluedict = multivaluedict.copy()
            for param in sensitive:
                if param in multivaluedict:
                    multivaluedict[param] = self.cleansed_substitute
        return multivaluedict

    def get_post_parameters(self, request: Any) -> Any:
        """request.POST, with the parameters named by sensitive_post_parameters hidden."""
        if request is None:
            return {}
        sensitive = getattr(request, "sensitive_post_parameters", [])
        if not (self.is_active(request) and sensitive):
            return request.POST
        cleansed = request.POST.copy()
        names = list(cleansed) if sensitive == "__ALL__" else sensitive
        for param in names:
            if param in cleansed:
                cleansed[param] = self.cleansed_substitute
        return cleansed

    def cleanse_special_types(self, request: Any, value: Any) -> Any:
        try:
            # A lazy object may raise while being inspected: report that instead.
            is_multivalue_dict = isinstance(value, MultiValueDict)
        except Exception as exc:
            return f"{exc!r} while evaluating {value!r}"
        if is_multivalue_dict:
            value = self.get_cleansed_multivaluedict(request, value)
        return value

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        """The frame's local variables, hiding those named by @sensitive_variables on the
        frame's function or on any function up its call stack."""
        sensitive = None
        frame = tb_frame
        while frame is not None:
            sensitive = sensitive_code.get(frame.f_code)
            if sensitive is not None:
                break
            frame = frame.f_back

        cleansed = {}
        if self.is_active(request) and sensitive:
            for name, value in tb_frame.f_locals.items():
                if sensitive == "__ALL__" or name in sensitive:
                    cleansed[name] = self.cleansed_substitute
                else:
                    cleansed[name] = self.cleanse_special_types(request, value)
        else:
            for name, value in tb_frame.f_locals.items():
                cleansed[name] = self.cleanse_special_types(request, value)
        if self.is_active(request) and tb_frame.f_code in WRAPPER_CODES:
            # The decorator's own frame holds the arguments of the hidden function.
            cleansed["func_args"] = self.cleansed_substitute
            cleansed["func_kwargs"] = self.cleansed_substitute
        return cleansed.items()


class ExceptionReporter:
    """Gather what a technical 500 page (or an error email) shows about an exception."""

    def __init__(
        self, request: Any, exc_type: Any, exc_value: Any, tb: Any, is_email: bool = False
    ) -> None:
        self.request = request
        self.filter = get_exception_reporter_filter(self.request)
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.tb = tb
        self.is_email = is_email
        # Template errors carry the source around the failing line (set by the template engine).
        self.template_info = getattr(self.exc_value, "template_debug", None)
        self.template_does_not_exist = False
        self.postmortem = None
        if exc_type is not None and exc_type.__name__ == "TemplateDoesNotExist":
            self.template_does_not_exist = True
            self.postmortem = getattr(exc_value, "chain", None) or [exc_value]

    def _get_raw_insecure_uri(self) -> str:
        """The request URI built without validating the Host header (it may be the culprit)."""
        request = self.request
        return f"{request.scheme}://{request._get_raw_host()}{request.get_full_path()}"

    def get_traceback_data(self) -> dict[str, Any]:
        """The values the technical 500 page shows."""
        frames = self.get_traceback_frames()
        for frame in frames:
            if "vars" in frame:
                frame["vars"] = [(k, _format_value(v)) for k, v in frame["vars"]]

        unicode_hint = ""
        if self.exc_type and issubclass(self.exc_type, UnicodeError):
            start = getattr(self.exc_value, "start", None)
            end = getattr(self.exc_value, "end", None)
            if start is not None and end is not None:
                unicode_str = self.exc_value.args[1]
                hint = unicode_str[max(start - 5, 0) : min(end + 5, len(unicode_str))]
                if isinstance(hint, bytes):
                    hint = hint.decode("ascii", errors="replace")
                unicode_hint = hint

        user_str = None
        if self.request is not None:
            try:
                user_str = str(self.request.user)
            except Exception:
                # request.user may need the database, which may be what failed.
                user_str = "[unable to retrieve the current user]"

        c: dict[str, Any] = {
            "is_email": self.is_email,
            "unicode_hint": unicode_hint,
            "frames": frames,
            "request": self.request,
            "request_meta": self.filter.get_safe_request_meta(self.request),
            "request_COOKIES_items": self.filter.get_safe_cookies(self.request).items(),
            "user_str": user_str,
            "filtered_POST_items": list(self.filter.get_post_parameters(self.request).items()),
            "settings": self.filter.get_safe_settings(),
            "sys_executable": sys.executable,
            "sys_version_info": "{}.{}.{}".format(*sys.version_info[0:3]),
            "server_time": timezone.now(),
            "nuages_version_info": get_version(),
            "sys_path": sys.path,
            "template_info": self.template_info,
            "template_does_not_exist": self.template_does_not_exist,
            "postmortem": self.postmortem,
        }
        if self.request is not None:
            c["request_GET_items"] = self.request.GET.items()
            c["request_FILES_items"] = self.request.FILES.items()
            try:
                c["request_insecure_uri"] = self._get_raw_insecure_uri()
            except Exception:  # a hand-built request may lack SERVER_NAME and friends
                c["request_insecure_uri"] = self.request.get_full_path()
            c["raising_view_name"] = get_caller(self.request)
        if self.exc_type:
            c["exception_type"] = self.exc_type.__name__
        if self.exc_value:
            c["exception_value"] = str(self.exc_value)
            if notes := getattr(self.exc_value, "__notes__", None):
                c["exception_notes"] = "\n" + "\n".join(notes)
        if frames:
            c["lastframe"] = frames[-1]
        return c

    def get_traceback_html(self) -> str:
        """The HTML technical 500 page."""
        return pages.traceback_html(self.get_traceback_data())

    def get_traceback_text(self) -> str:
        """The plain-text technical 500 page."""
        return pages.traceback_text(self.get_traceback_data())

    def _get_lines_from_file(
        self,
        filename: str,
        lineno: int,
        context_lines: int,
        loader: Any = None,
        module_name: str | None = None,
    ) -> tuple[int | None, list[str], str | None, list[str]]:
        """(first line number, lines before, the line, lines after) around 0-based lineno."""
        module_globals = {"__loader__": loader, "__name__": module_name} if loader else None
        lines = linecache.getlines(filename, module_globals)
        if not lines or lineno >= len(lines):
            return None, [], None, []
        lines = [line.rstrip("\r\n") for line in lines]
        lower_bound = max(0, lineno - context_lines)
        upper_bound = lineno + context_lines
        return (
            lower_bound,
            lines[lower_bound:lineno],
            lines[lineno],
            lines[lineno + 1 : upper_bound],
        )

    def _get_explicit_or_implicit_cause(self, exc_value: BaseException) -> BaseException | None:
        explicit = getattr(exc_value, "__cause__", None)
        suppress_context = getattr(exc_value, "__suppress_context__", None)
        implicit = getattr(exc_value, "__context__", None)
        return explicit or (None if suppress_context else implicit)

    def get_traceback_frames(self) -> list[dict[str, Any]]:
        """Frames of the exception and of its causes, the earliest cause first."""
        exceptions = []
        exc_value = self.exc_value
        while exc_value:
            exceptions.append(exc_value)
            exc_value = self._get_explicit_or_implicit_cause(exc_value)
            if exc_value in exceptions:
                warnings.warn(
                    f"Cycle in the exception chain detected: exception '{exc_value}' encountered again.",
                    ExceptionCycleWarning,
                    stacklevel=2,
                )
                break
        frames: list[dict[str, Any]] = []
        if not exceptions:
            return frames
        exc_value = exceptions.pop()
        # A single exception uses the traceback given to the reporter.
        tb = self.tb if not exceptions else exc_value.__traceback__
        while True:
            frames.extend(self.get_exception_traceback_frames(exc_value, tb))
            if not exceptions:
                break
            exc_value = exceptions.pop()
            tb = exc_value.__traceback__
        return frames

    def get_exception_traceback_frames(self, exc_value: Any, tb: Any) -> Iterator[dict[str, Any]]:
        exc_cause = self._get_explicit_or_implicit_cause(exc_value)
        exc_cause_explicit = getattr(exc_value, "__cause__", True)
        if tb is None:
            yield {
                "exc_cause": exc_cause,
                "exc_cause_explicit": exc_cause_explicit,
                "tb": None,
                "type": "user",
            }
        while tb is not None:
            frame = tb.tb_frame
            # Libraries mark internal frames with __traceback_hide__.
            if frame.f_locals.get("__traceback_hide__"):
                tb = tb.tb_next
                continue
            filename = frame.f_code.co_filename
            function = frame.f_code.co_name
            lineno = tb.tb_lineno - 1
            loader = frame.f_globals.get("__loader__")
            module_name = frame.f_globals.get("__name__") or ""
            pre_context_lineno, pre_context, context_line, post_context = self._get_lines_from_file(
                filename, lineno, 7, loader, module_name
            )
            if pre_context_lineno is None:
                pre_context_lineno = lineno
                pre_context = []
                context_line = "<source code not available>"
                post_context = []
            colno = _column_marker(tb, context_line)
            yield {
                "exc_cause": exc_cause,
                "exc_cause_explicit": exc_cause_explicit,
                "tb": tb,
                "type": "nuages" if module_name.startswith("nuages.") else "user",
                "filename": filename,
                "function": function,
                "lineno": lineno + 1,
                "vars": self.filter.get_traceback_frame_variables(self.request, frame),
                "id": id(tb),
                "pre_context": pre_context,
                "context_line": context_line,
                "post_context": post_context,
                "pre_context_lineno": pre_context_lineno + 1,
                "colno": colno,
            }
            tb = tb.tb_next


def _column_marker(tb: Any, context_line: str | None) -> str:
    """Carets under the failing expression (Python 3.11+ position info), or ""."""
    try:
        positions = list(tb.tb_frame.f_code.co_positions())
        _, end_line, start_col, end_col = positions[tb.tb_lasti // 2]
    except (AttributeError, IndexError, ValueError):
        return ""
    if start_col is None or end_col is None or not context_line:
        return ""
    if end_line != tb.tb_lineno:
        end_col = len(context_line)
    if start_col == 0 and end_col >= len(context_line.rstrip()):
        return ""  # the whole line: no marker needed
    return " " * start_col + "^" * max(end_col - start_col, 1)


def _format_value(value: Any) -> str:
    try:
        text = pprint.pformat(value)
    except Exception as exc:
        text = f"Error in formatting: {exc.__class__.__name__}: {exc}"
    if len(text) > _MAX_VAR_LENGTH:
        text = f"{text[:_MAX_VAR_LENGTH]}… <trimmed {len(text)} bytes string>"
    return text


def technical_404_response(request: Any, exception: Exception) -> HttpResponse:
    """The debug 404 page: the URL patterns tried, or the message of the Http404 a view raised."""
    try:
        error_url = exception.args[0]["path"]
    except (IndexError, TypeError, KeyError):
        error_url = request.path_info[1:]  # trim the leading slash

    try:
        tried = exception.args[0]["tried"]
    except (IndexError, TypeError, KeyError):
        # The URL resolved: a view raised Http404 itself.
        resolved = True
        resolver_match = getattr(request, "resolver_match", None)
        tried = getattr(resolver_match, "tried", None) if resolver_match else None
    else:
        resolved = False
        if not tried or (
            request.path == "/"
            and len(tried) == 1
            and len(tried[0]) == 1
            and getattr(tried[0][0], "app_name", "")
            == getattr(tried[0][0], "namespace", "")
            == "admin"
        ):
            return default_urlconf(request)

    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    if isinstance(urlconf, types.ModuleType):
        urlconf = urlconf.__name__

    raising_view_name = ""
    try:
        resolver_match = resolve(request.path)
    except Http404:
        pass
    else:
        obj = resolver_match.func
        if hasattr(obj, "view_class"):
            caller = obj.view_class.__qualname__
        elif hasattr(obj, "__name__"):
            caller = obj.__name__
        else:
            caller = obj.__class__.__name__
        module = getattr(obj, "__module__", None)
        raising_view_name = f"{module}.{caller}" if module else caller

    reason = str(exception)
    html = pages.not_found_html(
        request=request,
        urlconf=urlconf,
        request_path=error_url,
        urlpatterns=tried,
        resolved=resolved,
        reason=reason,
        raising_view_name=raising_view_name,
    )
    return HttpResponseNotFound(html)


def default_urlconf(request: Any) -> HttpResponse:
    """The welcome page shown under DEBUG while the URLconf has no patterns."""
    return HttpResponse(pages.welcome_html(get_version()))

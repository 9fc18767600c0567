"""The default CSRF_FAILURE_VIEW: a 403 page saying why the request was refused."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.http import HttpResponseForbidden
from nuages.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from nuages.template import loader
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.utils.html import escape
from nuages.utils.translation import gettext as _

__all__ = ["CSRF_FAILURE_TEMPLATE_NAME", "csrf_failure"]

CSRF_FAILURE_TEMPLATE_NAME = "403_csrf.html"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
</head>
<body>
<div id="summary">
  <h1>{title} <span>(403)</span></h1>
  <p>{main}</p>
{hints}</div>
{details}</body>
</html>
"""


def _context(request: Any, reason: str) -> dict:
    return {
        "title": _("Forbidden"),
        "main": _("CSRF verification failed. Request aborted."),
        "reason": reason,
        "no_referer": reason == REASON_NO_REFERER,
        "no_referer1": _(
            "You are seeing this message because this HTTPS site requires a “Referer header” "
            "to be sent by your web browser, but none was sent. This header is required for "
            "security reasons, to ensure that your browser is not being hijacked by third "
            "parties."
        ),
        "no_referer2": _(
            "If you have configured your browser to disable “Referer” headers, please "
            "re-enable them, at least for this site, or for HTTPS connections, or for "
            "“same-origin” requests."
        ),
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "no_cookie1": _(
            "You are seeing this message because this site requires a CSRF cookie when "
            "submitting forms. This cookie is required for security reasons, to ensure that "
            "your browser is not being hijacked by third parties."
        ),
        "no_cookie2": _(
            "If you have configured your browser to disable cookies, please re-enable them, "
            "at least for this site, or for “same-origin” requests."
        ),
        "DEBUG": settings.DEBUG,
        "more": _("More information is available with DEBUG=True."),
    }


def _fallback_page(c: dict) -> str:
    hints = ""
    if c["no_referer"]:
        hints += f"  <p>{escape(c['no_referer1'])}</p>\n  <p>{escape(c['no_referer2'])}</p>\n"
    if c["no_cookie"]:
        hints += f"  <p>{escape(c['no_cookie1'])}</p>\n  <p>{escape(c['no_cookie2'])}</p>\n"
    if c["DEBUG"]:
        details = (
            '<div id="info">\n'
            "  <h2>Help</h2>\n"
            f"  <p>Reason given for failure:</p>\n  <pre>\n    {escape(c['reason'])}\n  </pre>\n"
            "  <p>In general, this can occur when there is a genuine Cross Site Request Forgery, "
            "or when the CSRF mechanism has not been used correctly. For POST forms, make sure "
            "the view renders its template with the request (render(request, ...)) and that "
            "the form contains <code>{% csrf_token %}</code>.</p>\n"
            "  <p>You are seeing the help section of this page because you have "
            "<code>DEBUG = True</code> in your settings file.</p>\n"
            "</div>\n"
        )
    else:
        details = f'<div id="explanation">\n  <p><small>{escape(c["more"])}</small></p>\n</div>\n'
    return _PAGE.format(
        title=escape(c["title"]), main=escape(c["main"]), hints=hints, details=details
    )


def csrf_failure(
    request: Any, reason: str = "", template_name: str = CSRF_FAILURE_TEMPLATE_NAME
) -> HttpResponseForbidden:
    """The 403 response for a request the CSRF middleware refused.

    Renders `template_name` (403_csrf.html) when a template of that name exists, with the
    context keys reason, no_referer, no_cookie, DEBUG, title, main and more; else a built-in
    page. A custom template_name that does not exist raises TemplateDoesNotExist.
    """
    c = _context(request, reason)
    try:
        template = loader.get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != CSRF_FAILURE_TEMPLATE_NAME:
            raise
        return HttpResponseForbidden(_fallback_page(c))
    return HttpResponseForbidden(template.render(c))

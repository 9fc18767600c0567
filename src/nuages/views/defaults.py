"""Default error views: 400, 403, 404 and 500 pages.

Each renders its template (404.html, ...) when one exists, else a small built-in page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from nuages.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from nuages.template import loader
from nuages.template.exceptions import TemplateDoesNotExist
from nuages.views.decorators.csrf import requires_csrf_token

__all__ = [
    "ERROR_400_TEMPLATE_NAME",
    "ERROR_403_TEMPLATE_NAME",
    "ERROR_404_TEMPLATE_NAME",
    "ERROR_500_TEMPLATE_NAME",
    "ERROR_PAGE_TEMPLATE",
    "bad_request",
    "page_not_found",
    "permission_denied",
    "server_error",
]

ERROR_404_TEMPLATE_NAME = "404.html"
ERROR_403_TEMPLATE_NAME = "403.html"
ERROR_400_TEMPLATE_NAME = "400.html"
ERROR_500_TEMPLATE_NAME = "500.html"
ERROR_PAGE_TEMPLATE = """
<!doctype html>
<html lang="en">
<head>
  <title>%(title)s</title>
</head>
<body>
  <h1>%(title)s</h1><p>%(details)s</p>
</body>
</html>
"""


def _fallback(title: str, details: str = "") -> str:
    return ERROR_PAGE_TEMPLATE % {"title": title, "details": details}


@requires_csrf_token
def page_not_found(
    request: Any, exception: Exception, template_name: str = ERROR_404_TEMPLATE_NAME
) -> Any:
    """The 404 view. Context: `request_path` (quoted) and `exception` (the Http404 message, if
    it is a string, else the exception class name)."""
    exception_repr = exception.__class__.__name__
    try:
        message = exception.args[0]
    except (AttributeError, IndexError):
        pass
    else:
        if isinstance(message, str):
            exception_repr = message
    context = {"request_path": quote(request.path), "exception": exception_repr}
    try:
        template = loader.get_template(template_name)
        body = template.render(context, request)
    except TemplateDoesNotExist:
        if template_name != ERROR_404_TEMPLATE_NAME:
            raise  # a custom template name that does not exist is a configuration error
        body = _fallback("Not Found", "The requested resource was not found on this server.")
    return HttpResponseNotFound(body)


@requires_csrf_token
def server_error(request: Any, template_name: str = ERROR_500_TEMPLATE_NAME) -> Any:
    """The 500 view. Its template gets an empty context: the failure may be anywhere."""
    try:
        template = loader.get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != ERROR_500_TEMPLATE_NAME:
            raise
        return HttpResponseServerError(_fallback("Server Error (500)"))
    return HttpResponseServerError(template.render())


@requires_csrf_token
def bad_request(
    request: Any, exception: Exception, template_name: str = ERROR_400_TEMPLATE_NAME
) -> Any:
    """The 400 view. The exception is not shown: its message may help an attacker."""
    try:
        template = loader.get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != ERROR_400_TEMPLATE_NAME:
            raise
        return HttpResponseBadRequest(_fallback("Bad Request (400)"))
    return HttpResponseBadRequest(template.render())


@requires_csrf_token
def permission_denied(
    request: Any, exception: Exception, template_name: str = ERROR_403_TEMPLATE_NAME
) -> Any:
    """The 403 view. Context: `exception` (the PermissionDenied message)."""
    try:
        template = loader.get_template(template_name)
    except TemplateDoesNotExist:
        if template_name != ERROR_403_TEMPLATE_NAME:
            raise
        return HttpResponseForbidden(_fallback("403 Forbidden"))
    return HttpResponseForbidden(
        template.render(request=request, context={"exception": str(exception)})
    )

"""Per-view CSRF control: csrf_exempt, csrf_protect, requires_csrf_token, ensure_csrf_cookie."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from nuages.middleware.csrf import CsrfViewMiddleware, get_token
from nuages.utils._async import is_async_callable
from nuages.utils.decorators import decorator_from_middleware

__all__ = ["csrf_exempt", "csrf_protect", "ensure_csrf_cookie", "requires_csrf_token"]

csrf_protect = decorator_from_middleware(CsrfViewMiddleware)
csrf_protect.__name__ = "csrf_protect"
csrf_protect.__doc__ = """
Protect one view as CsrfViewMiddleware would (for projects without the middleware).
"""


class _EnsureCsrfToken(CsrfViewMiddleware):
    # Never refuses: only makes the token machinery (cookie, csrf_token) available.
    def _reject(self, request: Any, reason: str) -> None:
        return None


requires_csrf_token = decorator_from_middleware(_EnsureCsrfToken)
requires_csrf_token.__name__ = "requires_csrf_token"
requires_csrf_token.__doc__ = """
Make csrf_token work in the view's templates without enforcing the check (for error views
that may render a form, such as a custom 403 or 404 page).
"""


class _EnsureCsrfCookie(CsrfViewMiddleware):
    def _reject(self, request: Any, reason: str) -> None:
        return None

    def process_view(
        self, request: Any, callback: Callable, callback_args: tuple, callback_kwargs: dict
    ) -> Any:
        retval = super().process_view(request, callback, callback_args, callback_kwargs)
        # Using the token forces the cookie onto the response.
        get_token(request)
        return retval


ensure_csrf_cookie = decorator_from_middleware(_EnsureCsrfCookie)
ensure_csrf_cookie.__name__ = "ensure_csrf_cookie"
ensure_csrf_cookie.__doc__ = """
Send the CSRF cookie with the view's response even if its page does not use {% csrf_token %}
(for pages whose scripts read the cookie to post with an X-CSRFToken header).
"""


def csrf_exempt(view_func: Callable) -> Callable:
    """Mark a view as exempt from CsrfViewMiddleware's check."""
    if is_async_callable(view_func):

        async def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            return await view_func(request, *args, **kwargs)

    else:

        def _view_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            return view_func(request, *args, **kwargs)

    _view_wrapper.csrf_exempt = True
    return wraps(view_func)(_view_wrapper)

"""SessionMiddleware: request.session from the cookie, saved and re-sent after the view.

Under ASGI the hooks run on the event loop: the store is built without I/O and saved with the
backend's async API (real async for the db backends), so no thread is taken per request.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from nuages.conf import settings
from nuages.contrib.sessions.backends.base import UpdateError, import_session_engine
from nuages.contrib.sessions.exceptions import SessionInterrupted
from nuages.utils.cache import patch_vary_headers
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook
from nuages.utils.http import http_date

__all__ = ["SessionMiddleware"]

_INTERRUPTED = (
    "The request's session was deleted before the request completed. The user may have "
    "logged out in a concurrent request, for example."
)


class SessionMiddleware(MiddlewareMixin):
    def __init__(self, get_response: Callable) -> None:
        super().__init__(get_response)
        engine = import_session_engine()
        self.SessionStore = engine.SessionStore

    @nonblocking_hook
    def process_request(self, request: Any) -> None:
        # Lazy: nothing is read from storage until the session is used.
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        request.session = self.SessionStore(session_key)

    def _state(self, request: Any) -> tuple[bool, bool, bool] | None:
        try:
            session = request.session
            return session.accessed, session.modified, session.is_empty()
        except AttributeError:
            return None

    def _delete_cookie(self, response: Any) -> None:
        response.delete_cookie(
            settings.SESSION_COOKIE_NAME,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )
        patch_vary_headers(response, ("Cookie",))

    def _set_cookie(self, request: Any, response: Any, browser_close: bool, age: int) -> None:
        if browser_close:
            max_age = expires = None
        else:
            max_age = age
            expires = http_date(time.time() + max_age)
        response.set_cookie(
            settings.SESSION_COOKIE_NAME,
            request.session.session_key,
            max_age=max_age,
            expires=expires,
            domain=settings.SESSION_COOKIE_DOMAIN,
            path=settings.SESSION_COOKIE_PATH,
            secure=settings.SESSION_COOKIE_SECURE or None,
            httponly=settings.SESSION_COOKIE_HTTPONLY or None,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )

    def process_response(self, request: Any, response: Any) -> Any:
        """Save the session when modified (or always), set or delete the cookie, Vary."""
        state = self._state(request)
        if state is None:
            return response
        accessed, modified, empty = state
        if settings.SESSION_COOKIE_NAME in request.COOKIES and empty:
            self._delete_cookie(response)
            return response
        if accessed:
            patch_vary_headers(response, ("Cookie",))
        if (modified or settings.SESSION_SAVE_EVERY_REQUEST) and not empty:
            session = request.session
            browser_close = session.get_expire_at_browser_close()
            age = 0 if browser_close else session.get_expiry_age()
            # A 500 may come from a broken database: don't try to save then.
            if response.status_code < 500:
                try:
                    session.save()
                except UpdateError:
                    raise SessionInterrupted(_INTERRUPTED) from None
                self._set_cookie(request, response, browser_close, age)
        return response

    async def aprocess_response(self, request: Any, response: Any) -> Any:
        state = self._state(request)
        if state is None:
            return response
        accessed, modified, empty = state
        if settings.SESSION_COOKIE_NAME in request.COOKIES and empty:
            self._delete_cookie(response)
            return response
        if accessed:
            patch_vary_headers(response, ("Cookie",))
        if (modified or settings.SESSION_SAVE_EVERY_REQUEST) and not empty:
            session = request.session
            browser_close = await session.aget_expire_at_browser_close()
            age = 0 if browser_close else await session.aget_expiry_age()
            if response.status_code < 500:
                try:
                    await session.asave()
                except UpdateError:
                    raise SessionInterrupted(_INTERRUPTED) from None
                self._set_cookie(request, response, browser_close, age)
        return response

    async def __acall__(self, request: Any) -> Any:
        self.process_request(request)
        response = await self.get_response(request)
        return await self.aprocess_response(request, response)

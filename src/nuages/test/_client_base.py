"""The machinery under the test client: handlers, response clean-up, the shared client mixin."""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable, Iterable
from functools import partial
from http.cookies import SimpleCookie
from importlib import import_module
from typing import Any
from urllib.parse import urljoin, urlsplit

from nuages.conf import settings
from nuages.core.handlers.asgi import ASGIRequest
from nuages.core.handlers.base import BaseHandler
from nuages.core.handlers.wsgi import WSGIRequest
from nuages.core.signals import got_request_exception, request_finished, request_started
from nuages.db import close_old_connections
from nuages.test._factory import JSON_CONTENT_TYPE_RE, FakePayload
from nuages.test.signals import template_rendered
from nuages.test.utils import ContextList
from nuages.urls import resolve
from nuages.utils._async import sync_to_async
from nuages.utils.functional import SimpleLazyObject
from nuages.utils.module_loading import nuages_path

__all__ = [
    "AsyncClientHandler",
    "ClientHandler",
    "RedirectCycleError",
    "aclosing_iterator_wrapper",
    "closing_iterator_wrapper",
    "conditional_content_removal",
    "store_rendered_templates",
]

_REDIRECT_CODES = (301, 302, 303, 307, 308)
# Browsers give up after 20 redirects (Firefox's network.http.redirection-limit).
_MAX_REDIRECTS = 20


class RedirectCycleError(Exception):
    """follow=True met a redirect loop, or too many redirects."""

    def __init__(self, message: str, last_response: Any) -> None:
        super().__init__(message)
        self.last_response = last_response
        self.redirect_chain = last_response.redirect_chain


def conditional_content_removal(request: Any, response: Any) -> Any:
    """Drop the body where HTTP says there is none (HEAD, 1xx, 204, 304), as servers do."""
    if (
        100 <= response.status_code < 200
        or response.status_code in (204, 304)
        or request.method == "HEAD"
    ):
        if response.streaming:
            response.streaming_content = []
        else:
            response.content = b""
    return response


def closing_iterator_wrapper(iterable: Iterable, close: Callable[[], None]) -> Any:
    """Yield from iterable, then close the response (the request is finished then)."""
    try:
        yield from iterable
    finally:
        close()


async def aclosing_iterator_wrapper(iterable: Any, close: Callable[[], None]) -> Any:
    try:
        async for chunk in iterable:
            yield chunk
    finally:
        close()


def store_rendered_templates(
    store: dict, signal: Any, sender: Any, template: Any, context: Any, **kwargs: Any
) -> None:
    """Record a rendered template and a copy of its context (template_rendered receiver)."""
    store.setdefault("templates", []).append(template)
    store.setdefault("context", ContextList()).append(copy.copy(context))


# The requests in progress, as (data, client): every one records each template rendered and
# each exception raised while it runs, in any thread, as receivers connected for the length of
# the request would. Connected once: connecting receivers on every request costs more than the
# rest of the test client.
_captures: list[tuple[dict, Any]] = []


def _record_template(signal: Any, sender: Any, **kwargs: Any) -> None:
    for data, _client in list(_captures):
        store_rendered_templates(data, signal, sender, **kwargs)


def _record_exception(**kwargs: Any) -> None:
    for _data, client in list(_captures):
        client.store_exc_info(**kwargs)


template_rendered.connect(_record_template, dispatch_uid="nuages.test.client.templates")
got_request_exception.connect(_record_exception, dispatch_uid="nuages.test.client.exceptions")


def _send_keeping_connections(signal: Any, **kwargs: Any) -> None:
    """Send a request signal without closing database connections.

    A test runs inside a transaction on its connection; a server's request signals would close
    that connection, so the test client sends them without close_old_connections, as Django's
    client does (it disconnects the receiver around the send; skipping it leaves the
    receivers as they were and costs less).
    """
    signal._send_except(close_old_connections, **kwargs)


def _finish_response(handler: BaseHandler, request: Any, response: Any) -> None:
    # request_finished is sent when the response is closed, as a server would.
    response._resource_closers.append(
        lambda: _send_keeping_connections(request_finished, sender=type(handler))
    )
    conditional_content_removal(request, response)
    if response.streaming:
        if response.is_async:
            response.streaming_content = aclosing_iterator_wrapper(
                response.streaming_content, response.close
            )
        else:
            response.streaming_content = closing_iterator_wrapper(
                response.streaming_content, response.close
            )


class ClientHandler(BaseHandler):
    """Run a WSGI environ through the sync middleware chain and return the response object."""

    def __init__(self, enforce_csrf_checks: bool = True, *args: Any, **kwargs: Any) -> None:
        self.enforce_csrf_checks = enforce_csrf_checks
        super().__init__(*args, **kwargs)

    def __call__(self, environ: dict[str, Any]) -> Any:
        # Built on first use, and again after MIDDLEWARE changes (the handler resets it).
        if self._middleware_chain is None:
            self.load_middleware()
        _send_keeping_connections(request_started, sender=type(self), environ=environ)
        request = WSGIRequest(environ)
        # The CSRF middleware skips its check on requests marked like this.
        request._dont_enforce_csrf_checks = not self.enforce_csrf_checks
        response = self.get_response(request)
        response.wsgi_request = request
        _finish_response(self, request, response)
        if not response.streaming:
            response.close()
        return response


class AsyncClientHandler(BaseHandler):
    """Run an ASGI scope through the async middleware chain and return the response object."""

    def __init__(self, enforce_csrf_checks: bool = True, *args: Any, **kwargs: Any) -> None:
        self.enforce_csrf_checks = enforce_csrf_checks
        super().__init__(*args, **kwargs)

    async def __call__(self, scope: dict[str, Any]) -> Any:
        if self._middleware_chain is None:
            self.load_middleware(is_async=True)
        body_file = scope.pop("_body_file", None) or FakePayload(b"")
        body_file.seek(0)
        await sync_to_async(_send_keeping_connections)(
            request_started, sender=type(self), scope=scope
        )
        request = ASGIRequest(scope, body_file)
        request._dont_enforce_csrf_checks = not self.enforce_csrf_checks
        response = await self.get_response_async(request)
        response.asgi_request = request
        _finish_response(self, request, response)
        if not response.streaming:
            await sync_to_async(response.close)()
        return response


class _ClientMixin:
    """What Client and AsyncClient share: exception capture, cookies, response decoration."""

    exc_info: Any = None
    raise_request_exception: bool
    cookies: Any

    def store_exc_info(self, **kwargs: Any) -> None:
        """got_request_exception receiver: keep the view's exception to re-raise it."""
        self.exc_info = sys.exc_info()

    def check_exception(self, response: Any) -> None:
        # As in Django, the response keeps the view's exception (None if there was none).
        response.exc_info = self.exc_info
        if self.exc_info:
            _, exc_value, _ = self.exc_info
            self.exc_info = None
            if self.raise_request_exception:
                raise exc_value

    def _connect(self, key: Any) -> tuple[dict, Any, None]:
        """Start recording templates and exceptions for one request (until _disconnect)."""
        data: dict = {}
        capture = (data, self)
        _captures.append(capture)
        return data, capture, None

    @staticmethod
    def _disconnect(capture: Any, unused: Any = None) -> None:
        try:
            _captures.remove(capture)
        except ValueError:
            pass

    @staticmethod
    def _session_engine() -> Any:
        # SESSION_ENGINE by its dotted name (a 'django.contrib.sessions.*' one maps to ours).
        return import_module(nuages_path(settings.SESSION_ENGINE))

    @property
    def session(self) -> Any:
        """The session of the client's cookie (a new, saved one when there is none).

        Changes are kept only after ``session.save()``.
        """
        engine = self._session_engine()
        cookie = self.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie:
            return engine.SessionStore(cookie.value)
        session = engine.SessionStore()
        session.save()
        self.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return session

    async def asession(self) -> Any:
        """The async form of ``session``."""
        engine = self._session_engine()
        cookie = self.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie:
            return engine.SessionStore(cookie.value)
        session = engine.SessionStore()
        await session.asave()
        self.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return session

    # Logging in and out. The auth and sessions modules are imported inside the methods: the
    # test client must import without them (the pytest plugin imports nuages.test before
    # settings are configured) and contrib depends on the core, not the other way round.

    def _stored_session(self) -> Any:
        """The session of the client's cookie, or a new unsaved one (nothing created yet)."""
        engine = self._session_engine()
        cookie = self.cookies.get(settings.SESSION_COOKIE_NAME)
        return engine.SessionStore(cookie.value if cookie else None)

    def _set_session_cookie(self, session: Any) -> None:
        """Put the session key in the cookie jar as SessionMiddleware would send it."""
        name = settings.SESSION_COOKIE_NAME
        self.cookies[name] = session.session_key
        self.cookies[name].update(
            {
                "max-age": None,
                "path": "/",
                "domain": settings.SESSION_COOKIE_DOMAIN,
                "secure": settings.SESSION_COOKIE_SECURE or None,
                "expires": None,
            }
        )

    @staticmethod
    def _auth_request(session: Any) -> Any:
        from nuages.http import HttpRequest

        request = HttpRequest()
        request.session = session
        return request

    @staticmethod
    def _first_backend() -> str:
        from nuages.contrib.auth import _get_backends  # raises when none is configured

        return _get_backends(return_tuples=True)[0][1]

    def login(self, **credentials: Any) -> bool:
        """Log in with ``credentials`` (as ``authenticate()`` takes them): True on success, then
        the client's requests carry the user's session; False when they do not authenticate
        (an inactive user is refused by ModelBackend)."""
        from nuages.contrib.auth import authenticate

        user = authenticate(**credentials)
        if user is None:
            return False
        self._login(user)
        return True

    def force_login(self, user: Any, backend: str | None = None) -> None:
        """Log ``user`` in without checking credentials (no password hashing, so it is fast);
        the backend recorded is ``backend`` or the first of AUTHENTICATION_BACKENDS."""
        if backend is None:
            backend = self._first_backend()
        user.backend = backend
        self._login(user, backend)

    def _login(self, user: Any, backend: str | None = None) -> None:
        from nuages.contrib.auth import login

        request = self._auth_request(self._stored_session())
        login(request, user, backend)
        request.session.save()
        self._set_session_cookie(request.session)

    def logout(self) -> None:
        """Log out: auth's ``logout()`` on the client's session (flushed), then every cookie of
        the client is dropped."""
        from nuages.contrib.auth import get_user, logout

        request = self._auth_request(self._stored_session())
        if request.session.session_key is not None:
            request.user = get_user(request)
        logout(request)
        self.cookies = SimpleCookie()

    async def alogin(self, **credentials: Any) -> bool:
        """The async form of ``login()``."""
        from nuages.contrib.auth import aauthenticate

        user = await aauthenticate(**credentials)
        if user is None:
            return False
        await self._alogin(user)
        return True

    async def aforce_login(self, user: Any, backend: str | None = None) -> None:
        """The async form of ``force_login()``."""
        if backend is None:
            backend = self._first_backend()
        user.backend = backend
        await self._alogin(user, backend)

    async def _alogin(self, user: Any, backend: str | None = None) -> None:
        from nuages.contrib.auth import alogin

        request = self._auth_request(self._stored_session())
        await alogin(request, user, backend)
        await request.session.asave()
        self._set_session_cookie(request.session)

    async def alogout(self) -> None:
        """The async form of ``logout()``."""
        from nuages.contrib.auth import aget_user, alogout

        request = self._auth_request(self._stored_session())
        if request.session.session_key is not None:
            request.user = await aget_user(request)
        await alogout(request)
        self.cookies = SimpleCookie()

    def _decorate(self, response: Any, request: dict, data: dict, path: str, urlconf: Any) -> Any:
        response.client = self
        response.request = request
        response.templates = data.get("templates", [])
        context = data.get("context")
        response.context = context[0] if context and len(context) == 1 else context
        response.json = partial(self._parse_json, response)
        response.resolver_match = SimpleLazyObject(lambda: resolve(path, urlconf=urlconf))
        if response.cookies:
            self.cookies.update(response.cookies)
        return response

    @staticmethod
    def _parse_json(response: Any, **extra: Any) -> Any:
        if not hasattr(response, "_json"):
            content_type = response.get("Content-Type")
            if not JSON_CONTENT_TYPE_RE.match(content_type or ""):
                raise ValueError(f'Content-Type header is "{content_type}", not "application/json"')
            response._json = json.loads(response.content.decode(response.charset), **extra)
        return response._json

    @staticmethod
    def _redirect_target(response: Any, extra: dict[str, Any]) -> tuple[str, Any]:
        """The path to request next, with extra updated for a change of host or scheme."""
        url = urlsplit(response.url)
        if url.scheme:
            extra["wsgi.url_scheme"] = url.scheme
        if url.hostname:
            extra["SERVER_NAME"] = url.hostname
        if url.port:
            extra["SERVER_PORT"] = str(url.port)
        path = url.path
        if not path and url.netloc:
            path = "/"  # an empty path means the root (RFC 3986, 6.2.3)
        if not path.startswith("/"):
            current = response.request.get("PATH_INFO") or response.request.get("path") or "/"
            path = urljoin(current, path)
        return path, url

    @staticmethod
    def _check_cycle(response: Any) -> None:
        chain = response.redirect_chain
        if chain[-1] in chain[:-1]:
            raise RedirectCycleError("Redirect loop detected.", last_response=response)
        if len(chain) > _MAX_REDIRECTS:
            raise RedirectCycleError("Too many redirects.", last_response=response)

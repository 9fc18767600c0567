"""The test client: requests run through the real handler and middleware, no server needed.

Client drives the sync (WSGI) chain, AsyncClient the async (ASGI) chain. Responses carry what
tests inspect: client, request, wsgi_request/asgi_request, templates, context, json(),
resolver_match, and redirect_chain when follow=True.
"""

from __future__ import annotations

from typing import Any

from nuages.http import QueryDict
from nuages.test._client_base import (
    _REDIRECT_CODES,
    AsyncClientHandler,
    ClientHandler,
    RedirectCycleError,
    _ClientMixin,
    closing_iterator_wrapper,
    conditional_content_removal,
    store_rendered_templates,
)
from nuages.test._factory import (
    BOUNDARY,
    CONTENT_TYPE_RE,
    JSON_CONTENT_TYPE_RE,
    MULTIPART_CONTENT,
    AsyncRequestFactory,
    FakePayload,
    RequestFactory,
    encode_file,
    encode_multipart,
)

__all__ = [
    "BOUNDARY",
    "CONTENT_TYPE_RE",
    "JSON_CONTENT_TYPE_RE",
    "MULTIPART_CONTENT",
    "AsyncClient",
    "AsyncClientHandler",
    "AsyncRequestFactory",
    "Client",
    "ClientHandler",
    "FakePayload",
    "RedirectCycleError",
    "RequestFactory",
    "closing_iterator_wrapper",
    "conditional_content_removal",
    "encode_file",
    "encode_multipart",
    "store_rendered_templates",
]


def _factory_kwargs(method: str, data: Any, content_type: str | None) -> dict[str, Any]:
    """The body arguments the factory's `method` takes: none for trace, no content_type for
    get/head."""
    if method == "trace":
        return {}
    if method in ("get", "head"):
        return {"data": data}
    return {"data": data, "content_type": content_type}


class Client(_ClientMixin, RequestFactory):
    """A browser stand-in for tests: requests go through the handler; cookies are kept."""

    def __init__(
        self,
        enforce_csrf_checks: bool = False,
        raise_request_exception: bool = True,
        *,
        headers: dict[str, str] | None = None,
        query_params: Any = None,
        **defaults: Any,
    ) -> None:
        super().__init__(headers=headers, query_params=query_params, **defaults)
        self.handler = ClientHandler(enforce_csrf_checks)
        self.raise_request_exception = raise_request_exception
        self.exc_info = None
        self.extra: dict[str, Any] | None = None

    def request(self, **request: Any) -> Any:
        """Run a request (WSGI keys) through the handler and decorate the response."""
        environ = self._base_environ(**request)
        data, template_uid, exception_uid = self._connect(request)
        try:
            response = self.handler(environ)
        finally:
            self._disconnect(template_uid, exception_uid)
        self.check_exception(response)
        urlconf = getattr(response.wsgi_request, "urlconf", None)
        return self._decorate(response, request, data, request["PATH_INFO"], urlconf)

    def _send(
        self,
        method: str,
        path: str,
        data: Any,
        content_type: str | None,
        follow: bool,
        secure: bool,
        headers: dict | None,
        query_params: Any,
        extra: dict[str, Any],
    ) -> Any:
        """The body of every method shortcut: build and run the request through the factory's
        `method`, then follow redirects if asked (content_type None: the method takes none)."""
        self.extra = extra
        self.headers = headers
        response = getattr(super(), method)(
            path,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **_factory_kwargs(method, data, content_type),
            **extra,
        )
        if follow:
            return self._handle_redirects(
                response, data, content_type, headers, query_params, **extra
            )
        return response

    def get(
        self,
        path: str,
        data: Any = None,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        """GET path; with follow=True, redirects are followed (response.redirect_chain)."""
        return self._send("get", path, data, None, follow, secure, headers, query_params, extra)

    def post(
        self,
        path: str,
        data: Any = None,
        content_type: str = MULTIPART_CONTENT,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._send(
            "post", path, data, content_type, follow, secure, headers, query_params, extra
        )

    def head(
        self,
        path: str,
        data: Any = None,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._send("head", path, data, None, follow, secure, headers, query_params, extra)

    def options(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._send(
            "options", path, data, content_type, follow, secure, headers, query_params, extra
        )

    def put(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._send(
            "put", path, data, content_type, follow, secure, headers, query_params, extra
        )

    def patch(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._send(
            "patch", path, data, content_type, follow, secure, headers, query_params, extra
        )

    def delete(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._send(
            "delete", path, data, content_type, follow, secure, headers, query_params, extra
        )

    def trace(
        self,
        path: str,
        data: Any = "",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return self._send("trace", path, data, None, follow, secure, headers, query_params, extra)

    def _handle_redirects(
        self,
        response: Any,
        data: Any = "",
        content_type: Any = "",
        headers: Any = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        """Follow redirects until a non-redirect response; record each hop in redirect_chain."""
        response.redirect_chain = []
        while response.status_code in _REDIRECT_CODES:
            chain = response.redirect_chain
            chain.append((response.url, response.status_code))
            path, url = self._redirect_target(response, extra)
            method = response.request["REQUEST_METHOD"].lower()
            if response.status_code in (307, 308) and method not in ("get", "head"):
                # 307/308 repeat the request with the same method and body.
                extra["QUERY_STRING"] = url.query
                response = getattr(self, method)(
                    path,
                    data=data,
                    content_type=content_type,
                    follow=False,
                    headers=headers,
                    **extra,
                )
            else:
                extra.pop("QUERY_STRING", None)
                response = self.get(
                    path, data=QueryDict(url.query), follow=False, headers=headers, **extra
                )
            response.redirect_chain = chain
            self._check_cycle(response)
        return response


class AsyncClient(_ClientMixin, AsyncRequestFactory):
    """The test client for the async chain: `response = await client.get(...)`."""

    def __init__(
        self,
        enforce_csrf_checks: bool = False,
        raise_request_exception: bool = True,
        *,
        headers: dict[str, str] | None = None,
        query_params: Any = None,
        **defaults: Any,
    ) -> None:
        super().__init__(headers=headers, query_params=query_params, **defaults)
        self.handler = AsyncClientHandler(enforce_csrf_checks)
        self.raise_request_exception = raise_request_exception
        self.exc_info = None
        self.extra: dict[str, Any] | None = None

    async def request(self, **request: Any) -> Any:
        """Run a request (scope keys) through the async handler and decorate the response."""
        if "_body_file" in request:
            request["_body_file"].seek(0)
        scope = self._base_scope(**request)
        data, template_uid, exception_uid = self._connect(request)
        try:
            response = await self.handler(scope)
        finally:
            self._disconnect(template_uid, exception_uid)
        self.check_exception(response)
        urlconf = getattr(response.asgi_request, "urlconf", None)
        return self._decorate(response, request, data, request["path"], urlconf)

    async def _asend(
        self,
        method: str,
        path: str,
        data: Any,
        content_type: str | None,
        follow: bool,
        secure: bool,
        headers: dict | None,
        query_params: Any,
        extra: dict[str, Any],
    ) -> Any:
        """The async twin of Client._send."""
        self.extra = extra
        self.headers = headers
        response = await getattr(super(), method)(
            path,
            secure=secure,
            headers=headers,
            query_params=query_params,
            **_factory_kwargs(method, data, content_type),
            **extra,
        )
        if follow:
            return await self._ahandle_redirects(response, data, content_type, headers, **extra)
        return response

    async def get(
        self,
        path: str,
        data: Any = None,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "get", path, data, None, follow, secure, headers, query_params, extra
        )

    async def post(
        self,
        path: str,
        data: Any = None,
        content_type: str = MULTIPART_CONTENT,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "post", path, data, content_type, follow, secure, headers, query_params, extra
        )

    async def head(
        self,
        path: str,
        data: Any = None,
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "head", path, data, None, follow, secure, headers, query_params, extra
        )

    async def options(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "options", path, data, content_type, follow, secure, headers, query_params, extra
        )

    async def put(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "put", path, data, content_type, follow, secure, headers, query_params, extra
        )

    async def patch(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "patch", path, data, content_type, follow, secure, headers, query_params, extra
        )

    async def delete(
        self,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "delete", path, data, content_type, follow, secure, headers, query_params, extra
        )

    async def trace(
        self,
        path: str,
        data: Any = "",
        follow: bool = False,
        secure: bool = False,
        *,
        headers: dict | None = None,
        query_params: Any = None,
        **extra: Any,
    ) -> Any:
        return await self._asend(
            "trace", path, data, None, follow, secure, headers, query_params, extra
        )

    async def _ahandle_redirects(
        self,
        response: Any,
        data: Any = "",
        content_type: Any = "",
        headers: Any = None,
        **extra: Any,
    ) -> Any:
        response.redirect_chain = []
        while response.status_code in _REDIRECT_CODES:
            chain = response.redirect_chain
            chain.append((response.url, response.status_code))
            path, url = self._redirect_target(response, extra)
            # The scope names the host in "server"; WSGI-style keys must not become headers.
            for key in ("wsgi.url_scheme", "SERVER_NAME", "SERVER_PORT"):
                extra.pop(key, None)
            secure = (
                url.scheme == "https" if url.scheme else response.request.get("scheme") == "https"
            )
            method = response.request["method"].lower()
            if response.status_code in (307, 308) and method not in ("get", "head"):
                extra["QUERY_STRING"] = url.query
                response = await getattr(self, method)(
                    path,
                    data=data,
                    content_type=content_type,
                    follow=False,
                    secure=secure,
                    headers=headers,
                    **extra,
                )
            else:
                extra.pop("QUERY_STRING", None)
                response = await self.get(
                    path,
                    data=QueryDict(url.query),
                    follow=False,
                    secure=secure,
                    headers=headers,
                    **extra,
                )
            response.redirect_chain = chain
            self._check_cycle(response)
        return response

"""MessageMiddleware: a storage on each request, stored back into the response."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.contrib.messages.storage import default_storage
from nuages.contrib.messages.storage.cookie import CookieStorage
from nuages.utils._async import sync_to_async
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook

__all__ = ["MessageMiddleware"]


class MessageMiddleware(MiddlewareMixin):
    """Attach request._messages; after the view, store what is left for the next request."""

    def __init__(self, get_response: Any) -> None:
        super().__init__(get_response)
        self._threaded_process_response = sync_to_async(self.process_response)

    @nonblocking_hook
    def process_request(self, request: Any) -> None:
        request._messages = default_storage(request)

    def process_response(self, request: Any, response: Any) -> Any:
        # A view may have replaced or removed the storage: only a present one is updated.
        storage = getattr(request, "_messages", None)
        if storage is not None:
            unstored = storage.update(response)
            if unstored and settings.DEBUG:
                raise ValueError("Not all temporary messages could be stored.")
        return response

    async def __acall__(self, request: Any) -> Any:
        self.process_request(request)
        response = await self.get_response(request)
        storage = getattr(request, "_messages", None)
        if storage is None:
            return response
        if not (storage.used or storage.added_new) or isinstance(storage, CookieStorage):
            # Nothing to store, or only a cookie to set: CPU work, done inline.
            return self.process_response(request, response)
        # Other storages may reach the session (and its backend): in a worker thread.
        return await self._threaded_process_response(request, response)

"""MessagesTestMixin: assertMessages() for test cases."""

from __future__ import annotations

from typing import Any

from nuages.contrib.messages.api import get_messages

__all__ = ["MessagesTestMixin"]


class MessagesTestMixin:
    """Mix into a TestCase to compare the messages a response's request carried."""

    def assertMessages(
        self, response: Any, expected_messages: list[Any], *, ordered: bool = True
    ) -> None:
        request = getattr(response, "wsgi_request", None) or getattr(response, "asgi_request", None)
        request_messages = list(get_messages(request)) if request is not None else []
        if ordered:
            self.assertEqual(request_messages, expected_messages)  # type: ignore[attr-defined]
        else:
            self.assertCountEqual(request_messages, expected_messages)  # type: ignore[attr-defined]

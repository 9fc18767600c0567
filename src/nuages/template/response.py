"""SimpleTemplateResponse / TemplateResponse: responses rendered lazily from a template."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from nuages.http import HttpResponse
from nuages.template.loader import get_template, select_template

__all__ = ["ContentNotRenderedError", "SimpleTemplateResponse", "TemplateResponse"]


class ContentNotRenderedError(Exception):
    """The response's content was used before render() baked the template into it."""


class SimpleTemplateResponse(HttpResponse):
    non_picklable_attrs = HttpResponse.non_picklable_attrs | frozenset(
        ["template_name", "context_data", "_post_render_callbacks"]
    )

    def __init__(
        self,
        template: Any,
        context: dict | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: dict | None = None,
    ) -> None:
        # Not `template`/`context`: the test client sets those on responses.
        self.template_name = template
        self.context_data = context
        self.using = using
        self._post_render_callbacks: list[Callable] = []
        self._request: Any = None
        super().__init__("", content_type, status, charset=charset, headers=headers)
        # Setting the empty content above marked the response rendered; it is not yet.
        self._is_rendered = False

    def __getstate__(self) -> dict:
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be pickled."
            )
        return super().__getstate__()

    def resolve_template(self, template: Any) -> Any:
        """A template object from a template, a name, or a list of names."""
        if isinstance(template, (list, tuple)):
            return select_template(template, using=self.using)
        if isinstance(template, str):
            return get_template(template, using=self.using)
        return template

    def resolve_context(self, context: Any) -> Any:
        return context

    @property
    def rendered_content(self) -> str:
        """The template rendered with the context (does not set the content)."""
        template = self.resolve_template(self.template_name)
        context = self.resolve_context(self.context_data)
        return template.render(context, self._request)

    def add_post_render_callback(self, callback: Callable) -> None:
        """Call callback(response) after rendering (at once if already rendered)."""
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def render(self) -> Any:
        """Render into content once; post-render callbacks may return a replacement response."""
        retval = self
        if not self._is_rendered:
            self.content = self.rendered_content
            for post_callback in self._post_render_callbacks:
                newretval = post_callback(retval)
                if newretval is not None:
                    retval = newretval
        return retval

    @property
    def is_rendered(self) -> bool:
        return self._is_rendered

    def __iter__(self) -> Iterator[bytes]:
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be iterated over."
            )
        return super().__iter__()

    @property
    def content(self) -> bytes:
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be accessed."
            )
        return HttpResponse.content.fget(self)

    @content.setter
    def content(self, value: Any) -> None:
        HttpResponse.content.fset(self, value)
        self._is_rendered = True


class TemplateResponse(SimpleTemplateResponse):
    """A SimpleTemplateResponse that renders with the request (context processors run)."""

    non_picklable_attrs = SimpleTemplateResponse.non_picklable_attrs | frozenset(["_request"])

    def __init__(
        self,
        request: Any,
        template: Any,
        context: dict | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: dict | None = None,
    ) -> None:
        super().__init__(template, context, content_type, status, charset, using, headers=headers)
        self._request = request

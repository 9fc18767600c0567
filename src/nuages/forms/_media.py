"""Media: the CSS and JavaScript a widget or form needs, merged in dependency order."""

from __future__ import annotations

import warnings
from itertools import chain, pairwise
from typing import Any

from nuages.templatetags.static import static
from nuages.utils.html import format_html, html_safe
from nuages.utils.safestring import SafeString, mark_safe

__all__ = [
    "MEDIA_TYPES",
    "Media",
    "MediaDefiningClass",
    "MediaOrderConflictWarning",
    "media_property",
]

MEDIA_TYPES = ("css", "js")


class MediaOrderConflictWarning(RuntimeWarning):
    pass


@html_safe
class Media:
    def __init__(self, media: Any = None, css: dict | None = None, js: Any = None) -> None:
        if media is not None:
            css = getattr(media, "css", {})
            js = getattr(media, "js", [])
        self._css_lists = [css or {}]
        self._js_lists = [js or []]

    def __repr__(self) -> str:
        return f"Media(css={self._css!r}, js={self._js!r})"

    def __str__(self) -> str:
        return self.render()

    @property
    def _css(self) -> dict:
        css: dict[str, list] = {}
        for css_list in self._css_lists:
            for medium, paths in css_list.items():
                css.setdefault(medium, []).append(paths)
        return {medium: self.merge(*lists) for medium, lists in css.items()}

    @property
    def _js(self) -> list:
        return self.merge(*self._js_lists)

    def render(self) -> SafeString:
        return mark_safe(
            "\n".join(chain.from_iterable(getattr(self, "render_" + n)() for n in MEDIA_TYPES))
        )

    def render_js(self) -> list[str]:
        return [
            path.__html__()
            if hasattr(path, "__html__")
            else format_html('<script src="{}"></script>', self.absolute_path(path))
            for path in self._js
        ]

    def render_css(self) -> list[str]:
        media = sorted(self._css)
        return [
            path.__html__()
            if hasattr(path, "__html__")
            else format_html(
                '<link href="{}" media="{}" rel="stylesheet">', self.absolute_path(path), medium
            )
            for medium in media
            for path in self._css[medium]
        ]

    def absolute_path(self, path: str) -> str:
        """path as given if absolute (scheme or /), else under STATIC_URL."""
        if path.startswith(("http://", "https://", "/")):
            return path
        return static(path)

    def __getitem__(self, name: str) -> Media:
        if name in MEDIA_TYPES:
            return Media(**{str(name): getattr(self, "_" + name)})
        raise KeyError(f'Unknown media type "{name}"')

    @staticmethod
    def merge(*lists: Any) -> list:
        """Merge lists keeping each one's relative order; warn when two disagree."""
        lists = [list(lst) for lst in lists if lst]
        if not lists:
            return []
        if len(lists) == 1:
            return list(dict.fromkeys(lists[0]))
        # Edges item -> next item within each list; a stable topological sort.
        order: dict[Any, None] = {}
        after: dict[Any, set] = {}
        for lst in lists:
            for item in lst:
                order.setdefault(item, None)
                after.setdefault(item, set())
            for a, b in pairwise(lst):
                if a != b:
                    after[b].add(a)
        result: list = []
        done: set = set()
        pending = list(order)
        while pending:
            for item in pending:
                if after[item] <= done:
                    break
            else:
                item = pending[0]
                blocking = sorted(str(x) for x in after[item] - done)
                warnings.warn(
                    "Detected duplicate Media files in an opposite order: "
                    f"{item!s}, {', '.join(blocking)}",
                    MediaOrderConflictWarning,
                    stacklevel=2,
                )
            result.append(item)
            done.add(item)
            pending.remove(item)
        return result

    def __add__(self, other: Media) -> Media:
        combined = Media()
        combined._css_lists = self._css_lists[:]
        combined._js_lists = self._js_lists[:]
        for item in other._css_lists:
            if item and item not in self._css_lists:
                combined._css_lists.append(item)
        for item in other._js_lists:
            if item and item not in self._js_lists:
                combined._js_lists.append(item)
        return combined


def media_property(cls: type) -> property:
    def _media(self: Any) -> Media:
        sup_cls = super(cls, self)
        try:
            base = sup_cls.media
        except AttributeError:
            base = Media()
        definition = getattr(cls, "Media", None)
        if definition:
            extend = getattr(definition, "extend", True)
            if extend:
                if extend is True:
                    m = base
                else:
                    m = Media()
                    for medium in extend:
                        m += base[medium]
                return m + Media(definition)
            return Media(definition)
        return base

    return property(_media)


class MediaDefiningClass(type):
    """Metaclass giving classes with an inner Media class a merged `media` property."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        if "media" not in attrs:
            new_class.media = media_property(new_class)
        return new_class

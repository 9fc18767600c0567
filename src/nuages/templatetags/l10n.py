"""{% load l10n %}: the localize / unlocalize filters and the {% localize %} block."""

from __future__ import annotations

from typing import Any

from nuages.template.exceptions import TemplateSyntaxError
from nuages.template.library import Library
from nuages.template.nodes import Node, NodeList
from nuages.utils import formats

__all__ = ["LocalizeNode", "localize", "localize_tag", "register", "unlocalize"]

register = Library()


@register.filter(is_safe=False)
def localize(value: Any) -> str:
    """The value as localized text."""
    return str(formats.localize(value, use_l10n=True))


@register.filter(is_safe=False)
def unlocalize(value: Any) -> str:
    """The value as text, without localization."""
    return str(formats.localize(value, use_l10n=False))


class LocalizeNode(Node):
    def __init__(self, nodelist: NodeList, use_l10n: bool) -> None:
        self.nodelist = nodelist
        self.use_l10n = use_l10n

    def __repr__(self) -> str:
        return f"<{self.__class__.__qualname__}>"

    def render(self, context: Any) -> str:
        old_setting = context.use_l10n
        context.use_l10n = self.use_l10n
        try:
            return self.nodelist.render(context)
        finally:
            context.use_l10n = old_setting


@register.tag("localize")
def localize_tag(parser: Any, token: Any) -> LocalizeNode:
    """{% localize [on|off] %}...{% endlocalize %}."""
    use_l10n = None
    bits = list(token.split_contents())
    if len(bits) == 1:
        use_l10n = True
    elif len(bits) > 2 or bits[1] not in ("on", "off"):
        raise TemplateSyntaxError(f"{bits[0]!r} argument should be 'on' or 'off'")
    else:
        use_l10n = bits[1] == "on"
    nodelist = parser.parse(("endlocalize",))
    parser.delete_first_token()
    return LocalizeNode(nodelist, use_l10n)

"""The newsroom's template tags: the section navigation and a reading-time filter."""

from math import ceil

from nuages.template import Library

from ..data import SECTIONS

register = Library()

WORDS_PER_MINUTE = 200


@register.inclusion_tag("news/_nav.html")
def section_nav(current=None):
    """The links to every section, marking the current one."""
    return {"sections": SECTIONS, "current": current}


@register.filter(is_safe=True)
def reading_time(text):
    """'1 min read' for text of up to 200 words, '2 min read' up to 400..."""
    minutes = max(1, ceil(len(str(text).split()) / WORDS_PER_MINUTE))
    return f"{minutes} min read"

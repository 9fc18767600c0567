"""Generic class-based views."""

from nuages.views.generic.base import RedirectView, TemplateView, View

__all__ = ["RedirectView", "TemplateView", "View"]

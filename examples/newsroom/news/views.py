"""The news views: templates under news/templates/news/, data from the data module."""

from nuages.http import Http404
from nuages.shortcuts import render
from nuages.views.generic import TemplateView

from .data import SECTIONS, STORIES, get_section, stories_in


def front(request):
    return render(request, "news/front.html", {"stories": STORIES, "sections": SECTIONS})


def section(request, slug):
    found = get_section(slug)
    if found is None:
        raise Http404(f"No section called {slug!r}")
    return render(request, "news/section.html", {"section": found, "stories": stories_in(slug)})


about = TemplateView.as_view(template_name="news/about.html")

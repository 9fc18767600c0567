"""The news views: plain HttpResponses around a shared page layout."""

from nuages.conf import settings
from nuages.http import Http404, HttpResponse
from nuages.urls import reverse
from nuages.utils.html import escape

from .data import SECTIONS, STORIES, get_section, stories_in


def _page(title: str, body: str) -> HttpResponse:
    nav = " ".join(
        f'<a href="{reverse("news:section", args=[s.slug])}">{escape(s.title)}</a>'
        for s in SECTIONS
    )
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)} · Newsroom</title>
<link rel="stylesheet" href="{settings.STATIC_URL}news/site.css">
</head>
<body>
<header><a class="brand" href="{reverse("news:front")}">Newsroom</a> <nav>{nav}
<a href="{reverse("news:about")}">About</a></nav></header>
<main>
<h1>{escape(title)}</h1>
{body}
</main>
<footer>Served by nuages.</footer>
</body>
</html>
"""
    return HttpResponse(html)


def _story_list(stories) -> str:
    items = "".join(
        f"<li><strong>{escape(s.headline)}</strong><p>{escape(s.summary)}</p></li>" for s in stories
    )
    return f'<ul class="stories">{items}</ul>'


def front(request):
    return _page("Today's news", _story_list(STORIES))


def section(request, slug):
    found = get_section(slug)
    if found is None:
        raise Http404(f"No section called {slug!r}")
    return _page(found.title, f"<p>{escape(found.blurb)}</p>" + _story_list(stories_in(slug)))


def about(request):
    return _page(
        "About the newsroom",
        "<p>An example site for nuages: three kinds of page, a stylesheet, no database.</p>",
    )

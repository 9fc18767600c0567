"""The sitemap index and sitemap section views (XML through templates)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from nuages.contrib.sites.shortcuts import get_current_site
from nuages.core.paginator import EmptyPage, PageNotAnInteger
from nuages.http import Http404
from nuages.template.response import TemplateResponse
from nuages.urls import reverse
from nuages.utils import timezone
from nuages.utils.http import http_date

__all__ = ["SitemapIndexItem", "index", "sitemap", "x_robots_tag"]


@dataclass
class SitemapIndexItem:
    """One ``<sitemap>`` of the index: its URL and, when known, its last modification."""

    location: str
    last_mod: Any = None


def x_robots_tag(func: Callable) -> Callable:
    """Tell search engines not to index the sitemap files themselves."""

    @wraps(func)
    def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
        response = func(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
        return response

    return inner


def _latest(current: datetime.datetime | None, new: datetime.date) -> datetime.datetime:
    """The later of ``current`` and ``new``, as an aware datetime (dates at midnight, UTC)."""
    if not isinstance(new, datetime.datetime):
        new = datetime.datetime.combine(new, datetime.time.min)
    if timezone.is_naive(new):
        new = timezone.make_aware(new, datetime.UTC)
    return new if current is None else max(current, new)


def _last_modified(lastmod: datetime.datetime | None) -> dict[str, str] | None:
    return {"Last-Modified": http_date(lastmod.timestamp())} if lastmod else None


@x_robots_tag
def index(
    request: Any,
    sitemaps: dict[str, Any],
    template_name: str = "sitemap_index.xml",
    content_type: str = "application/xml",
    sitemap_url_name: str = "django.contrib.sitemaps.views.sitemap",
) -> TemplateResponse:
    """The index: one entry per section and per page after the first."""
    site = get_current_site(request)
    entries = []
    latest = None
    every_section_dated = True
    for section, sitemap_obj in sitemaps.items():
        if callable(sitemap_obj):
            sitemap_obj = sitemap_obj()
        protocol = sitemap_obj.protocol or request.scheme
        url = reverse(sitemap_url_name, kwargs={"section": section})
        location = f"{protocol}://{site.domain}{url}"
        section_lastmod = sitemap_obj.get_latest_lastmod()
        if every_section_dated:
            if section_lastmod is None:
                every_section_dated = False
            else:
                latest = _latest(latest, section_lastmod)
        entries.append(SitemapIndexItem(location, section_lastmod))
        for page in range(2, sitemap_obj.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{location}?p={page}", section_lastmod))
    return TemplateResponse(
        request,
        template_name,
        {"sitemaps": entries},
        content_type=content_type,
        headers=_last_modified(latest) if every_section_dated else None,
    )


@x_robots_tag
def sitemap(
    request: Any,
    sitemaps: dict[str, Any],
    section: str | None = None,
    template_name: str = "sitemap.xml",
    content_type: str = "application/xml",
) -> TemplateResponse:
    """One section (or every section without ``section``), page ``?p=`` (1 by default)."""
    site = get_current_site(request)
    if section is not None:
        if section not in sitemaps:
            raise Http404(f"No sitemap available for section: {section!r}")
        maps = [sitemaps[section]]
    else:
        maps = list(sitemaps.values())
    page = request.GET.get("p", 1)
    latest = None
    every_section_dated = True
    urls: list[dict[str, Any]] = []
    for sitemap_obj in maps:
        try:
            if callable(sitemap_obj):
                sitemap_obj = sitemap_obj()
            urls.extend(sitemap_obj.get_urls(page=page, site=site, protocol=request.scheme))
        except EmptyPage:
            raise Http404(f"Page {page} empty")
        except PageNotAnInteger:
            raise Http404(f"No page '{page}'")
        if every_section_dated:
            section_lastmod = getattr(sitemap_obj, "latest_lastmod", None)
            if section_lastmod is None:
                every_section_dated = False
            else:
                latest = _latest(latest, section_lastmod)
    return TemplateResponse(
        request,
        template_name,
        {"urlset": urls},
        content_type=content_type,
        headers=_last_modified(latest) if every_section_dated else None,
    )

"""Feed: a view class whose attributes and methods describe a feed and its items."""

from __future__ import annotations

from typing import Any

from nuages.contrib.sites.shortcuts import get_current_site
from nuages.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from nuages.http import Http404, HttpResponse
from nuages.template import TemplateDoesNotExist, loader
from nuages.utils import feedgenerator
from nuages.utils.encoding import iri_to_uri
from nuages.utils.html import escape
from nuages.utils.http import http_date
from nuages.utils.timezone import get_default_timezone, is_naive, make_aware
from nuages.utils.translation import get_language

__all__ = ["Feed", "add_domain"]

_ABSOLUTE = ("http://", "https://", "mailto:")


def add_domain(domain: str, url: str, secure: bool = False) -> str:
    """``url`` made absolute on ``domain`` (http, or https when secure) unless it already is."""
    protocol = "https" if secure else "http"
    if url.startswith("//"):
        # A scheme-relative URL: only the scheme is missing.
        return f"{protocol}:{url}"
    if not url.startswith(_ABSOLUTE):
        return iri_to_uri(f"{protocol}://{domain}{url}") or ""
    return url


def _takes_argument(attr: Any) -> bool:
    """Whether a feed hook wants the object (``def items(self, obj)``) or not."""
    code = getattr(attr, "__code__", None)
    if code is None:
        code = attr.__call__.__code__
        bound = True
    else:
        bound = hasattr(attr, "__self__")
    return code.co_argcount - (1 if bound else 0) >= 1


class Feed:
    """Subclass and set ``title``, ``link``, ``description``, ``items``... (attribute, method
    without argument or method taking the feed object), then route to an instance."""

    feed_type = feedgenerator.DefaultFeed
    title_template: str | None = None
    description_template: str | None = None
    language: str | None = None

    def __call__(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.")
        feedgen = self.get_feed(obj, request)
        response = HttpResponse(content_type=feedgen.content_type)
        if hasattr(self, "item_pubdate") or hasattr(self, "item_updateddate"):
            # Dates are only known when the feed gives them.
            response.headers["Last-Modified"] = http_date(feedgen.latest_post_date().timestamp())
        feedgen.write(response, "utf-8")
        return response

    def item_title(self, item: Any) -> str:
        # Titles are plain text in the feed: escape the item's markup.
        return escape(str(item))

    def item_description(self, item: Any) -> str:
        return str(item)

    def item_link(self, item: Any) -> str:
        try:
            return item.get_absolute_url()
        except AttributeError:
            raise ImproperlyConfigured(
                f"Give your {item.__class__.__name__} class a get_absolute_url() method, or "
                "define an item_link() method in your Feed class."
            )

    def item_enclosures(self, item: Any) -> list[feedgenerator.Enclosure]:
        url = self._get_dynamic_attr("item_enclosure_url", item)
        if not url:
            return []
        return [
            feedgenerator.Enclosure(
                url=str(url),
                length=str(self._get_dynamic_attr("item_enclosure_length", item)),
                mime_type=str(self._get_dynamic_attr("item_enclosure_mime_type", item)),
            )
        ]

    def _get_dynamic_attr(self, attname: str, obj: Any, default: Any = None) -> Any:
        try:
            attr = getattr(self, attname)
        except AttributeError:
            return default
        if callable(attr):
            return attr(obj) if _takes_argument(attr) else attr()
        return attr

    def feed_extra_kwargs(self, obj: Any) -> dict[str, Any]:
        """Extra keyword arguments for the feed generator's constructor."""
        return {}

    def item_extra_kwargs(self, item: Any) -> dict[str, Any]:
        """Extra keyword arguments for the feed generator's add_item()."""
        return {}

    def get_object(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """The object the feed is about (from the URL's arguments); None by default."""
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The context of title_template and description_template: ``obj`` and ``site``."""
        return {"obj": kwargs.get("item"), "site": kwargs.get("site")}

    def _template(self, name: str | None) -> Any:
        if name is None:
            return None
        try:
            return loader.get_template(name)
        except TemplateDoesNotExist:
            return None

    def get_feed(self, obj: Any, request: Any) -> feedgenerator.SyndicationFeed:
        """The feed generator, filled with the feed's data and items."""
        site = get_current_site(request)
        secure = request.is_secure()

        def absolute(url: str) -> str:
            return add_domain(site.domain, url, secure)

        link = absolute(self._get_dynamic_attr("link", obj))
        stylesheets = self._get_dynamic_attr("stylesheets", obj)
        if stylesheets is not None and not isinstance(stylesheets, (str, feedgenerator.Stylesheet)):
            stylesheets = [
                s if isinstance(s, feedgenerator.Stylesheet) else absolute(s) for s in stylesheets
            ]
        feed = self.feed_type(
            title=self._get_dynamic_attr("title", obj),
            subtitle=self._get_dynamic_attr("subtitle", obj),
            link=link,
            description=self._get_dynamic_attr("description", obj),
            language=self.language or get_language(),
            feed_url=absolute(self._get_dynamic_attr("feed_url", obj) or request.path),
            author_name=self._get_dynamic_attr("author_name", obj),
            author_link=self._get_dynamic_attr("author_link", obj),
            author_email=self._get_dynamic_attr("author_email", obj),
            categories=self._get_dynamic_attr("categories", obj),
            feed_copyright=self._get_dynamic_attr("feed_copyright", obj),
            feed_guid=self._get_dynamic_attr("feed_guid", obj),
            ttl=self._get_dynamic_attr("ttl", obj),
            stylesheets=stylesheets,
            **self.feed_extra_kwargs(obj),
        )
        title_template = self._template(self.title_template)
        description_template = self._template(self.description_template)
        tz = get_default_timezone()
        for item in self._get_dynamic_attr("items", obj) or ():
            context = self.get_context_data(item=item, site=site, obj=obj, request=request)
            if title_template is not None:
                title = title_template.render(context, request)
            else:
                title = self._get_dynamic_attr("item_title", item)
            if description_template is not None:
                description = description_template.render(context, request)
            else:
                description = self._get_dynamic_attr("item_description", item)
            author_name = self._get_dynamic_attr("item_author_name", item)
            if author_name is not None:
                author_email = self._get_dynamic_attr("item_author_email", item)
                author_link = self._get_dynamic_attr("item_author_link", item)
            else:
                author_email = author_link = None
            pubdate = self._get_dynamic_attr("item_pubdate", item)
            if pubdate and is_naive(pubdate):
                pubdate = make_aware(pubdate, tz)
            updateddate = self._get_dynamic_attr("item_updateddate", item)
            if updateddate and is_naive(updateddate):
                updateddate = make_aware(updateddate, tz)
            item_link = absolute(self._get_dynamic_attr("item_link", item))
            feed.add_item(
                title=title,
                link=item_link,
                description=description,
                # The guid is the item's link unless item_guid says otherwise.
                unique_id=self._get_dynamic_attr("item_guid", item, item_link),
                unique_id_is_permalink=self._get_dynamic_attr("item_guid_is_permalink", item),
                enclosures=self._get_dynamic_attr("item_enclosures", item),
                pubdate=pubdate,
                updateddate=updateddate,
                author_name=author_name,
                author_email=author_email,
                author_link=author_link,
                comments=self._get_dynamic_attr("item_comments", item),
                categories=self._get_dynamic_attr("item_categories", item),
                item_copyright=self._get_dynamic_attr("item_copyright", item),
                **self.item_extra_kwargs(item),
            )
        return feed

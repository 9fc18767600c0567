"""Helpers for HTTP caching headers: Cache-Control, Vary, Expires, ETag and conditional GETs,
and the page-cache keys (get_cache_key, learn_cache_key) the cache middleware uses.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from typing import Any

from nuages.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag
from nuages.utils.log import log_response

__all__ = [
    "add_never_cache_headers",
    "cc_delim_re",
    "get_cache_key",
    "get_conditional_response",
    "get_max_age",
    "has_vary_header",
    "learn_cache_key",
    "patch_cache_control",
    "patch_response_headers",
    "patch_vary_headers",
    "set_response_etag",
]

cc_delim_re = re.compile(r"\s*,\s*")

# Headers a 304 keeps from the full response (RFC 9110 section 15.4.5, plus Last-Modified).
_NOT_MODIFIED_KEEP = (
    "Cache-Control",
    "Content-Location",
    "Date",
    "ETag",
    "Expires",
    "Last-Modified",
    "Vary",
)


def _directive(field: str) -> tuple[str, Any]:
    name, sep, value = field.partition("=")
    return name.lower(), (value if sep else True)


def _format_directive(name: str, value: Any) -> str:
    return name if value is True else f"{name}={value}"


def patch_cache_control(response: Any, **kwargs: Any) -> None:
    """Add or update Cache-Control directives; `no_cache="X-Header"` style keys use '_' for '-'.

    A smaller existing max-age wins; public and private replace each other; no-cache may name
    several fields, and a bare no-cache supersedes them.
    """
    cc: dict[str, Any] = defaultdict(set)
    if response.get("Cache-Control"):
        for field in cc_delim_re.split(response.headers["Cache-Control"]):
            name, value = _directive(field)
            if name == "no-cache":
                cc[name].add(value)
            else:
                cc[name] = value

    if "max-age" in cc and "max_age" in kwargs:
        kwargs["max_age"] = min(int(cc["max-age"]), kwargs["max_age"])
    if "private" in cc and "public" in kwargs:
        del cc["private"]
    elif "public" in cc and "private" in kwargs:
        del cc["public"]

    for key, value in kwargs.items():
        name = key.replace("_", "-")
        if name == "no-cache":
            cc[name].add(value)
        else:
            cc[name] = value

    directives = []
    for name, value in cc.items():
        if isinstance(value, set):
            for item in [True] if True in value else value:
                directives.append(_format_directive(name, item))
        else:
            directives.append(_format_directive(name, value))
    response.headers["Cache-Control"] = ", ".join(directives)


def get_max_age(response: Any) -> int | None:
    """The max-age of the response's Cache-Control header as an int, or None."""
    if not response.has_header("Cache-Control"):
        return None
    cc = dict(_directive(field) for field in cc_delim_re.split(response.headers["Cache-Control"]))
    try:
        return int(cc["max-age"])
    except (ValueError, TypeError, KeyError):
        return None


def set_response_etag(response: Any) -> Any:
    """Set a strong ETag from the MD5 of a non-streaming response's content."""
    if not response.streaming and response.content:
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response.headers["ETag"] = quote_etag(digest)
    return response


def _precondition_failed(request: Any) -> Any:
    from nuages.http import HttpResponse  # utils sits below http; Django's path puts this here

    response = HttpResponse(status=412)
    log_response("Precondition Failed: %s", request.path, response=response, request=request)
    return response


def _not_modified(request: Any, response: Any = None) -> Any:
    from nuages.http import HttpResponseNotModified  # utils sits below http

    new_response = HttpResponseNotModified()
    if response:
        for header in _NOT_MODIFIED_KEEP:
            if header in response:
                new_response.headers[header] = response.headers[header]
        # Set-Cookie must reach the client even on a 304.
        new_response.cookies = response.cookies
    return new_response


def get_conditional_response(
    request: Any, etag: str | None = None, last_modified: int | None = None, response: Any = None
) -> Any:
    """Apply the preconditions of RFC 9110 section 13.2.2; return a 304/412 or `response`."""
    if response and not (200 <= response.status_code < 300):
        return response
    meta = request.META
    if_match = parse_etags(meta.get("HTTP_IF_MATCH", ""))
    if_unmodified_since = meta.get("HTTP_IF_UNMODIFIED_SINCE")
    if_unmodified_since = if_unmodified_since and parse_http_date_safe(if_unmodified_since)
    if_none_match = parse_etags(meta.get("HTTP_IF_NONE_MATCH", ""))
    if_modified_since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if_modified_since = if_modified_since and parse_http_date_safe(if_modified_since)

    if if_match and not _if_match_passes(etag, if_match):
        return _precondition_failed(request)
    if (
        not if_match
        and if_unmodified_since
        and not _if_unmodified_since_passes(last_modified, if_unmodified_since)
    ):
        return _precondition_failed(request)
    if if_none_match and not _if_none_match_passes(etag, if_none_match):
        if request.method in ("GET", "HEAD"):
            return _not_modified(request, response)
        return _precondition_failed(request)
    if (
        not if_none_match
        and if_modified_since
        and not _if_modified_since_passes(last_modified, if_modified_since)
        and request.method in ("GET", "HEAD")
    ):
        return _not_modified(request, response)
    # If-Range is not supported.
    return response


def _if_match_passes(target_etag: str | None, etags: list[str]) -> bool:
    # If-Match uses the strong comparison: a weak ETag never matches, except against '*'.
    if not target_etag:
        return False
    if etags == ["*"]:
        return True
    if target_etag.startswith("W/"):
        return False
    return target_etag in etags


def _if_unmodified_since_passes(last_modified: int | None, if_unmodified_since: int) -> bool:
    return bool(last_modified and last_modified <= if_unmodified_since)


def _strip_weak(etag: str) -> str:
    return etag[2:] if etag.startswith("W/") else etag


def _if_none_match_passes(target_etag: str | None, etags: list[str]) -> bool:
    # If-None-Match uses the weak comparison.
    if not target_etag:
        return True
    if etags == ["*"]:
        return False
    target = _strip_weak(target_etag)
    return all(_strip_weak(etag) != target for etag in etags)


def _if_modified_since_passes(last_modified: int | None, if_modified_since: int) -> bool:
    return not last_modified or last_modified > if_modified_since


def patch_response_headers(response: Any, cache_timeout: float | None = None) -> None:
    """Set Expires (unless present) and Cache-Control max-age for `cache_timeout` seconds."""
    if cache_timeout is None:
        from nuages.conf import settings  # utils sits below conf

        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    if cache_timeout < 0:
        cache_timeout = 0  # max-age cannot be negative
    if not response.has_header("Expires"):
        response.headers["Expires"] = http_date(time.time() + cache_timeout)
    patch_cache_control(response, max_age=cache_timeout)


def add_never_cache_headers(response: Any) -> None:
    """Mark the response as never to be cached, by anyone."""
    patch_response_headers(response, cache_timeout=-1)
    patch_cache_control(response, no_cache=True, no_store=True, must_revalidate=True, private=True)


def patch_vary_headers(response: Any, newheaders: Any) -> None:
    """Add headers to Vary, case-insensitively, keeping existing ones; '*' absorbs the rest."""
    if response.has_header("Vary"):
        vary_headers = cc_delim_re.split(response.headers["Vary"])
    else:
        vary_headers = []
    existing = {header.lower() for header in vary_headers}
    vary_headers += [header for header in newheaders if header.lower() not in existing]
    response.headers["Vary"] = "*" if "*" in vary_headers else ", ".join(vary_headers)


def has_vary_header(response: Any, header_query: str) -> bool:
    """Whether Vary lists header_query (case-insensitive)."""
    if not response.has_header("Vary"):
        return False
    vary_headers = cc_delim_re.split(response.headers["Vary"])
    return header_query.lower() in {header.lower() for header in vary_headers}


# --- page-cache keys ----------------------------------------------------------------------
# A page is stored under a key made of the URL and the values of the request headers that the
# response varies on; the list of those headers is itself stored under a key made of the URL
# alone ("learned" from the first response), so later requests can rebuild the page key.


def _i18n_cache_key_suffix(request: Any, cache_key: str) -> str:
    """Append the active language and time zone, which may change the page's content."""
    from nuages.conf import settings  # utils sits below conf
    from nuages.utils.timezone import get_current_timezone_name
    from nuages.utils.translation import get_language

    if settings.USE_I18N:
        cache_key += f".{getattr(request, 'LANGUAGE_CODE', None) or get_language()}"
    if settings.USE_TZ:
        cache_key += f".{get_current_timezone_name()}"
    return cache_key


def _generate_cache_key(request: Any, method: str, headerlist: list[str], key_prefix: str) -> str:
    """The page key: URL, method and the values of the request headers in headerlist."""
    ctx = hashlib.md5(usedforsecurity=False)
    for header in headerlist:
        value = request.META.get(header)
        if value is None:
            # An absent header must not share a key with a present but empty one (RFC 9111,
            # section 4.1): a marker that no header value produces on its own.
            ctx.update(b"-,")
            continue
        ctx.update(value.encode())
    url = hashlib.md5(request.build_absolute_uri().encode("ascii"), usedforsecurity=False)
    cache_key = (
        f"views.decorators.cache.cache_page.{key_prefix}.{method}."
        f"{url.hexdigest()}.{ctx.hexdigest()}"
    )
    return _i18n_cache_key_suffix(request, cache_key)


def _generate_cache_header_key(key_prefix: str, request: Any) -> str:
    """The key of the learned header list of request's URL."""
    url = hashlib.md5(request.build_absolute_uri().encode("ascii"), usedforsecurity=False)
    cache_key = f"views.decorators.cache.cache_header.{key_prefix}.{url.hexdigest()}"
    return _i18n_cache_key_suffix(request, cache_key)


def _default_cache(cache: Any, key_prefix: str | None) -> tuple[Any, str]:
    from nuages.conf import settings  # utils sits below conf and core.cache
    from nuages.core.cache import caches

    if key_prefix is None:
        key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    if cache is None:
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    return cache, key_prefix


def _learned_headers(request: Any, response: Any, key_prefix: str) -> tuple[str, list[str], str]:
    """(header-list key, header list, page key) for a response, as learn_cache_key stores them."""
    cache_key = _generate_cache_header_key(key_prefix, request)
    headerlist: list[str] = []
    if response.has_header("Vary"):
        is_accept_language_redundant = _uses_i18n()
        for header in cc_delim_re.split(response.headers["Vary"]):
            header = header.upper().replace("-", "_")
            if header != "ACCEPT_LANGUAGE" or not is_accept_language_redundant:
                headerlist.append("HTTP_" + header)
        headerlist.sort()
    return (
        cache_key,
        headerlist,
        _generate_cache_key(request, request.method, headerlist, key_prefix),
    )


def _uses_i18n() -> bool:
    # With USE_I18N the language is already in the key: Accept-Language adds nothing.
    from nuages.conf import settings  # utils sits below conf

    return bool(settings.USE_I18N)


def get_cache_key(
    request: Any, key_prefix: str | None = None, method: str = "GET", cache: Any = None
) -> str | None:
    """The page key for request from the learned header list, or None if none was learned."""
    cache, key_prefix = _default_cache(cache, key_prefix)
    cache_key = _generate_cache_header_key(key_prefix, request)
    headerlist = cache.get(cache_key)
    if headerlist is None:
        return None
    return _generate_cache_key(request, method, headerlist, key_prefix)


def learn_cache_key(
    request: Any,
    response: Any,
    cache_timeout: float | None = None,
    key_prefix: str | None = None,
    cache: Any = None,
) -> str:
    """Store the headers response varies on (for cache_timeout) and return the page key."""
    from nuages.conf import settings  # utils sits below conf

    cache, key_prefix = _default_cache(cache, key_prefix)
    if cache_timeout is None:
        cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
    header_key, headerlist, page_key = _learned_headers(request, response, key_prefix)
    cache.set(header_key, headerlist, cache_timeout)
    return page_key

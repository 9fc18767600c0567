"""urlize: turn the URLs and e-mail addresses of plain text into links (public via utils.html).

Each whitespace/quote/bracket-separated word is looked at on its own. Punctuation around a
word (opening brackets, unbalanced closing brackets, trailing `.,:;!`) stays outside the link,
except a `;` that ends an HTML entity. Trimming walks indexes instead of re-slicing the word,
so pathological inputs stay linear.
"""

from __future__ import annotations

import html
import re
import warnings
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from nuages.conf import settings
from nuages.utils._escape import escape
from nuages.utils.deprecation import RemovedAfterNextVersionWarning
from nuages.utils.encoding import punycode
from nuages.utils.functional import keep_lazy_text
from nuages.utils.safestring import SafeData, mark_safe

__all__ = ["MAX_URL_LENGTH", "Urlizer", "smart_urlquote", "urlize", "urlizer"]

# Longer candidates are never linked: it bounds the regex work per word.
MAX_URL_LENGTH = 2048

# RFC 3986 section 2.2 delimiters, left unquoted in paths and fragments.
_GEN_DELIMS = ":/?#[]@"
_SUB_DELIMS = "!$&'()*+,;="
_PATH_SAFE = _SUB_DELIMS + _GEN_DELIMS + "~"

_HTTPS_WARNING = (
    "The default protocol will be changed from HTTP to HTTPS in Django 7.0. "
    "Set the URLIZE_ASSUME_HTTPS transitional setting to True to opt into "
    "using HTTPS as the new default protocol."
)

# An HTML entity reference at the very end of a string: `&name;`, `&#123;`, `&#x1F;`.
_ENTITY_AT_END = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);\Z")


def _requote(segment: str) -> str:
    # Unquote first so that already-quoted input is not quoted twice.
    return quote(unquote(segment), safe=_PATH_SAFE)


def smart_urlquote(url: str) -> str:
    """Quote a URL if it isn't already quoted; IDN host names become punycode."""
    try:
        scheme, netloc, path, query, fragment = urlsplit(url)
    except ValueError:
        return _requote(url)
    try:
        netloc = punycode(netloc)
    except UnicodeError:
        return _requote(url)
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(unquote(k), unquote(v)) for k, v in pairs])
    return urlunsplit((scheme, netloc, _requote(path), query, _requote(fragment)))


def _assume_https() -> bool:
    return bool(settings.configured and getattr(settings, "URLIZE_ASSUME_HTTPS", False))


class Urlizer:
    """Find links in text and wrap them in <a> tags; configure by subclassing."""

    trailing_punctuation_chars = ".,:;!"
    wrapping_punctuation = [("(", ")"), ("[", "]")]

    simple_url_re = re.compile(r"^https?://\[?\w", re.IGNORECASE)
    simple_url_2_re = re.compile(
        r"^www\.|^(?!http)\w[^@]+\.(com|edu|gov|int|mil|net|org)($|/.*)$", re.IGNORECASE
    )
    word_split_re = re.compile(r"""([\s<>"']+)""")

    mailto_template = "mailto:{local}@{domain}"
    url_template = '<a href="{href}"{attrs}>{url}</a>'

    def __call__(
        self,
        text: Any,
        trim_url_limit: int | None = None,
        nofollow: bool = False,
        autoescape: bool = False,
    ) -> str:
        safe_input = isinstance(text, SafeData)
        words = self.word_split_re.split(str(text))
        return "".join(
            [
                self.handle_word(
                    word,
                    safe_input=safe_input,
                    trim_url_limit=trim_url_limit,
                    nofollow=nofollow,
                    autoescape=autoescape,
                )
                for word in words
            ]
        )

    def handle_word(
        self,
        word: str,
        *,
        safe_input: bool,
        trim_url_limit: int | None = None,
        nofollow: bool = False,
        autoescape: bool = False,
    ) -> str:
        if "." in word or "@" in word or ":" in word:
            lead, middle, trail = self.trim_punctuation(word)
            url = self._link_target(middle)
            if url is _NOT_LINKABLE:
                return word
            if url:
                attrs = ' rel="nofollow"' if nofollow and not url.startswith("mailto:") else ""
                shown = self.trim_url(middle, limit=trim_url_limit)
                if autoescape and not safe_input:
                    lead, trail, shown = escape(lead), escape(trail), escape(shown)
                link = self.url_template.format(href=escape(url), attrs=attrs, url=shown)
                return mark_safe(f"{lead}{link}{trail}")
        if safe_input:
            return mark_safe(word)
        if autoescape:
            return escape(word)
        return word

    def _link_target(self, middle: str) -> Any:
        """The href for middle, '' when it is no link, _NOT_LINKABLE for a bad IDN e-mail."""
        if len(middle) <= MAX_URL_LENGTH:
            if self.simple_url_re.match(middle):
                return smart_urlquote(html.unescape(middle))
            if self.simple_url_2_re.match(middle):
                if _assume_https():
                    scheme = "https"
                else:
                    scheme = "http"
                    warnings.warn(_HTTPS_WARNING, RemovedAfterNextVersionWarning, stacklevel=5)
                return smart_urlquote(f"{scheme}://{html.unescape(middle)}")
        if ":" not in middle and self.is_email_simple(middle):
            local, domain = middle.rsplit("@", 1)
            try:
                domain = punycode(domain)
            except UnicodeError:
                return _NOT_LINKABLE
            return self.mailto_template.format(
                local=quote(local, safe=""), domain=quote(domain, safe="")
            )
        return ""

    def trim_url(self, x: str, *, limit: int | None) -> str:
        if limit is None or len(x) <= limit:
            return x
        return f"{x[: max(0, limit - 1)]}…"

    def trim_punctuation(self, word: str) -> tuple[str, str, str]:
        """Split word into (lead, middle, trail) punctuation around a possible link."""
        openings = "".join(opening for opening, _ in self.wrapping_punctuation)
        start = len(word) - len(word.lstrip(openings))
        end = len(word)
        counts = {ch: word.count(ch, start) for pair in self.wrapping_punctuation for ch in pair}
        punctuation = self.trailing_punctuation_chars
        amp = word.rfind("&", start)
        changed = True
        while changed and end > start:
            changed = False
            # Closing brackets are trimmed only while they outnumber the opening ones.
            for opening, closing in self.wrapping_punctuation:
                excess = counts[closing] - counts[opening]
                while excess > 0 and end > start and word[end - 1] == closing:
                    end -= 1
                    excess -= 1
                    counts[closing] -= 1
                    changed = True
            while end > start and word[end - 1] in punctuation:
                if (
                    word[end - 1] == ";"
                    and start <= amp < end - 1
                    and _ends_with_entity(word, amp, end)
                ):
                    break
                end -= 1
                changed = True
        return word[:start], word[start:end], word[end:]

    @staticmethod
    def is_email_simple(value: str) -> bool:
        """True if value looks like an e-mail address (one @, a dot in the domain)."""
        if value.count("@") != 1 or value.startswith("@") or value.endswith("@"):
            return False
        domain = value.rsplit("@", 1)[1]
        return "." in domain and not domain.startswith(".")


class _NotLinkable:
    pass


_NOT_LINKABLE = _NotLinkable()


def _ends_with_entity(word: str, amp: int, end: int) -> bool:
    # Only a short tail can be an entity; longer ones are skipped without scanning them.
    if end - amp > 40:
        return False
    candidate = word[amp:end]
    if not _ENTITY_AT_END.match(candidate):
        return False
    unescaped = html.unescape(candidate)
    return unescaped != candidate and not unescaped.endswith(";")


urlizer = Urlizer()


@keep_lazy_text
def urlize(
    text: Any, trim_url_limit: int | None = None, nofollow: bool = False, autoescape: bool = False
) -> str:
    """Convert URLs and e-mail addresses in text into links (see Urlizer)."""
    return urlizer(text, trim_url_limit=trim_url_limit, nofollow=nofollow, autoescape=autoescape)

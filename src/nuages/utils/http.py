"""HTTP helpers: query strings, dates, base36/base64, ETags, safe redirect checks, headers."""

from __future__ import annotations

import base64
import binascii
import datetime
import re
import unicodedata
from collections.abc import Iterable
from email.utils import formatdate
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from urllib.parse import urlencode as _stdlib_urlencode

from nuages.utils.datastructures import MultiValueDict

__all__ = [
    "MAX_HEADER_LENGTH",
    "MAX_URL_LENGTH",
    "MAX_URL_REDIRECT_LENGTH",
    "base36_to_int",
    "content_disposition_header",
    "escape_leading_slashes",
    "http_date",
    "int_to_base36",
    "is_same_domain",
    "parse_etags",
    "parse_header_parameters",
    "parse_http_date",
    "parse_http_date_safe",
    "quote_etag",
    "url_has_allowed_host_and_scheme",
    "urlencode",
    "urlsafe_base64_decode",
    "urlsafe_base64_encode",
]

# Longest URL url_has_allowed_host_and_scheme() accepts, and longest redirect target.
MAX_URL_LENGTH = 2048
MAX_URL_REDIRECT_LENGTH = 16384
# Longest header value parse_header_parameters() will look at.
MAX_HEADER_LENGTH = 10_000

ETAG_MATCH = re.compile(r'\A((?:W/)?"[^"]*")\Z')

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_D = r"(?P<day>\d{2})"
_D2 = r"(?P<day>[ \d]\d)"
_M = r"(?P<mon>\w{3})"
_Y = r"(?P<year>\d{4})"
_Y2 = r"(?P<year>\d{2})"
_T = r"(?P<hour>\d{2}):(?P<min>\d{2}):(?P<sec>\d{2})"
RFC1123_DATE = re.compile(rf"^\w{{3}}, {_D} {_M} {_Y} {_T} GMT$")
RFC850_DATE = re.compile(rf"^\w{{6,9}}, {_D}-{_M}-{_Y2} {_T} GMT$")
ASCTIME_DATE = re.compile(rf"^\w{{3}} {_M} {_D2} {_T} {_Y}$")

_NONE_IN_QUERY = (
    "Cannot encode None for key '{}' in a query string. Did you mean to pass an empty "
    "string or omit the value?"
)


_unreserved = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


def urlencode(query: Any, doseq: bool = False) -> str:
    """urllib's urlencode, also taking a MultiValueDict, refusing None values.

    With doseq, any non-string iterable value becomes one key=value pair per item.
    """
    if isinstance(query, MultiValueDict):
        pairs: Iterable = query.lists()
    elif hasattr(query, "items"):
        pairs = query.items()
    else:
        pairs = query
    encoded = []
    for key, value in pairs:
        if value is None:
            raise TypeError(_NONE_IN_QUERY.format(key))
        if not doseq or isinstance(value, str | bytes):
            encoded.append((key, value))
            continue
        try:
            items = iter(value)
        except TypeError:
            encoded.append((key, value))
            continue
        values = []
        for item in items:
            if item is None:
                raise TypeError(_NONE_IN_QUERY.format(key))
            values.append(item if isinstance(item, bytes) else str(item))
        encoded.append((key, values))
    # The usual query ({"q": "x"}): str keys and values of unreserved characters only, which
    # quoting leaves unchanged.
    parts = []
    for key, value in encoded:
        if type(key) is not str or type(value) is not str:
            break
        if not (_unreserved(key) and _unreserved(value)):
            break
        parts.append(f"{key}={value}")
    else:
        return "&".join(parts)
    return _stdlib_urlencode(encoded, doseq)


def http_date(epoch_seconds: float | None = None) -> str:
    """An RFC 9110 date (e.g. 'Wed, 21 Oct 2015 07:28:00 GMT'); now when no time is given."""
    return formatdate(epoch_seconds, usegmt=True)


def parse_http_date(date: str) -> int:
    """Seconds since the epoch (UTC) for an RFC 1123, RFC 850 or asctime date.

    Raises ValueError on anything else.
    """
    for regex in (RFC1123_DATE, RFC850_DATE, ASCTIME_DATE):
        match = regex.match(date)
        if match is not None:
            break
    else:
        raise ValueError(f"{date!r} is not in a valid HTTP date format")
    try:
        year = int(match["year"])
        if year < 100:
            # RFC 9110: a two-digit year more than 50 years ahead is in the past century.
            this_year = datetime.datetime.now(tz=datetime.UTC).year
            century = this_year - this_year % 100
            year += century - 100 if year - this_year % 100 > 50 else century
        result = datetime.datetime(
            year,
            _MONTHS.index(match["mon"].lower()) + 1,
            int(match["day"]),
            int(match["hour"]),
            int(match["min"]),
            int(match["sec"]),
            tzinfo=datetime.UTC,
        )
        return int(result.timestamp())
    except Exception as exc:
        raise ValueError(f"{date!r} is not a valid date") from exc


def parse_http_date_safe(date: str) -> int | None:
    """parse_http_date, but None instead of an error."""
    try:
        return parse_http_date(date)
    except Exception:
        return None


def base36_to_int(s: str) -> int:
    """Decode a base36 string (at most 13 characters, so the result fits in 64 bits)."""
    if len(s) > 13:
        raise ValueError("Base36 input too large")
    return int(s, 36)


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def int_to_base36(i: int) -> str:
    """Encode a non-negative integer in base36."""
    if i < 0:
        raise ValueError("Negative base36 conversion input.")
    if i < 36:
        return _BASE36[i]
    digits = []
    while i:
        i, rem = divmod(i, 36)
        digits.append(_BASE36[rem])
    return "".join(reversed(digits))


def urlsafe_base64_encode(s: bytes) -> str:
    """URL-safe base64 of bytes, without trailing '=' padding."""
    return base64.urlsafe_b64encode(s).rstrip(b"\n=").decode("ascii")


def urlsafe_base64_decode(s: str | bytes) -> bytes:
    """Decode urlsafe_base64_encode's output (padding optional); ValueError if invalid."""
    data = s.encode() if isinstance(s, str) else s
    try:
        return base64.urlsafe_b64decode(data.ljust(len(data) + len(data) % 4, b"="))
    except (LookupError, binascii.Error) as exc:
        raise ValueError(exc)


def parse_etags(etag_str: str) -> list[str]:
    """The quoted ETags of an If-None-Match/If-Match value; ['*'] for '*'. Bad ones dropped."""
    if etag_str.strip() == "*":
        return ["*"]
    etags = []
    for candidate in etag_str.split(","):
        match = ETAG_MATCH.match(candidate.strip())
        if match:
            etags.append(match[1])
    return etags


def quote_etag(etag_str: str) -> str:
    """etag_str as a quoted ETag, unless it already is one (weak or strong)."""
    if ETAG_MATCH.match(etag_str):
        return etag_str
    return f'"{etag_str}"'


def is_same_domain(host: str, pattern: str) -> bool:
    """Does host match pattern? A leading '.' matches the domain and all its subdomains."""
    if not pattern:
        return False
    pattern = pattern.lower()
    if pattern[0] == ".":
        return host.endswith(pattern) or host == pattern[1:]
    return host == pattern


def url_has_allowed_host_and_scheme(
    url: str | None, allowed_hosts: Any, require_https: bool = False
) -> bool:
    """True if url is safe to redirect to: relative, or on one of allowed_hosts.

    Empty URLs, other schemes, and https-less URLs when require_https are refused.
    """
    if url is not None:
        url = url.strip()
    if not url:
        return False
    if allowed_hosts is None:
        allowed_hosts = set()
    elif isinstance(allowed_hosts, str):
        allowed_hosts = {allowed_hosts}
    # Browsers read backslashes as slashes: the URL must be safe both ways.
    return _is_safe_url(url, allowed_hosts, require_https) and _is_safe_url(
        url.replace("\\", "/"), allowed_hosts, require_https
    )


def _is_safe_url(url: str, allowed_hosts: Any, require_https: bool) -> bool:
    if len(url) > MAX_URL_LENGTH or url.startswith("///"):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    # "http:///example.com" has a scheme and no host: browsers still leave the site.
    if not parts.netloc and parts.scheme:
        return False
    # A control character first ("\x08//example.com") is dropped by browsers.
    if unicodedata.category(url[0])[0] == "C":
        return False
    scheme = parts.scheme or ("http" if parts.netloc else "")
    valid_schemes = ("https",) if require_https else ("http", "https")
    return (not parts.netloc or parts.netloc in allowed_hosts) and (
        not scheme or scheme in valid_schemes
    )


def escape_leading_slashes(url: str) -> str:
    """Turn a leading '//' into '/%2F' so the path cannot be read as another host."""
    if url.startswith("//"):
        return "/%2F" + url[2:]
    return url


def content_disposition_header(as_attachment: bool, filename: str) -> str | None:
    """A Content-Disposition value: 'attachment'/'inline' with the filename (RFC 6266)."""
    if not filename:
        return "attachment" if as_attachment else None
    disposition = "attachment" if as_attachment else "inline"
    if filename.isascii():
        escaped = filename.replace("\\", "\\\\").replace('"', '\\"')
        return f'{disposition}; filename="{escaped}"'
    return f"{disposition}; filename*=utf-8''{quote(filename)}"


def _split_params(line: str) -> list[str]:
    """Split a header value on ';' outside double-quoted strings."""
    parts = []
    start = 0
    in_quotes = False
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\" and in_quotes:
            escaped = True
        elif char == '"':
            in_quotes = not in_quotes
        elif char == ";" and not in_quotes:
            parts.append(line[start:index].strip())
            start = index + 1
    parts.append(line[start:].strip())
    return parts


def parse_header_parameters(
    line: str, max_length: int | None = MAX_HEADER_LENGTH
) -> tuple[str, dict[str, str]]:
    """('text/html', {'charset': 'utf-8'}) for 'text/html; charset="utf-8"'.

    Keys are lower-cased, quotes removed, RFC 2231 values (name*=utf-8''...) decoded.
    """
    if max_length is not None and line and len(line) > max_length:
        raise ValueError("Unable to parse header parameters (value too long).")
    if ";" not in line:
        return line.strip().lower(), {}
    key, *params = _split_params(line)
    pdict = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep:
            continue
        name = name.strip().lower()
        value = value.strip()
        extended = False
        if name.endswith("*"):
            name = name[:-1]
            extended = value.count("'") == 2
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
        if extended:
            encoding, _lang, value = value.split("'")
            try:
                value = unquote(value, encoding=encoding or "utf-8")
            except LookupError:
                value = unquote(value)
        pdict[name] = value
    return key.lower(), pdict

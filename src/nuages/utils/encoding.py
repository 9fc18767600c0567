"""Text/bytes conversion and IRI/URI quoting, with Django's names and semantics."""

from __future__ import annotations

import codecs
import datetime
import locale
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from nuages.utils.functional import Promise

__all__ = [
    "DEFAULT_LOCALE_ENCODING",
    "DjangoUnicodeDecodeError",
    "escape_uri_path",
    "filepath_to_uri",
    "force_bytes",
    "force_str",
    "get_system_encoding",
    "iri_to_uri",
    "is_protected_type",
    "punycode",
    "repercent_broken_unicode",
    "smart_bytes",
    "smart_str",
    "uri_to_iri",
]


class DjangoUnicodeDecodeError(UnicodeDecodeError):
    """A UnicodeDecodeError that also shows the object that failed to decode."""

    def __str__(self) -> str:
        return f"{super().__str__()}. You passed in {self.object!r} ({type(self.object)})"


_PROTECTED_TYPES = (
    type(None),
    int,
    float,
    Decimal,
    datetime.datetime,
    datetime.date,
    datetime.time,
)


def is_protected_type(obj: Any) -> bool:
    """True for values that force_str(strings_only=True) leaves alone (None, numbers, dates)."""
    return isinstance(obj, _PROTECTED_TYPES)


def smart_str(
    s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"
) -> Any:
    """Like force_str, but lazy translation objects stay lazy."""
    if isinstance(s, Promise):
        return s
    return force_str(s, encoding, strings_only, errors)


def force_str(
    s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"
) -> Any:
    """A str for s: bytes are decoded with encoding, anything else goes through str()."""
    if type(s) is str:
        return s
    if strings_only and is_protected_type(s):
        return s
    try:
        if isinstance(s, bytes):
            return str(s, encoding, errors)
        return str(s)
    except UnicodeDecodeError as exc:
        raise DjangoUnicodeDecodeError(*exc.args) from None


def smart_bytes(
    s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"
) -> Any:
    """Like force_bytes, but lazy translation objects stay lazy."""
    if isinstance(s, Promise):
        return s
    return force_bytes(s, encoding, strings_only, errors)


def force_bytes(
    s: Any, encoding: str = "utf-8", strings_only: bool = False, errors: str = "strict"
) -> Any:
    """Bytes for s; bytes given are assumed UTF-8 and re-encoded if another encoding is asked."""
    if isinstance(s, bytes):
        if encoding == "utf-8":
            return s
        return s.decode("utf-8", errors).encode(encoding, errors)
    if strings_only and is_protected_type(s):
        return s
    if isinstance(s, memoryview):
        return bytes(s)
    return str(s).encode(encoding, errors)


# RFC 3987 section 3.1: characters left as they are when an IRI becomes a URI.
_IRI_SAFE = "/#%[]=:;$&()+,!?*@'~"


def iri_to_uri(iri: Any) -> str | None:
    """Percent-encode an IRI (str or lazy) into a URI; existing %XX escapes are kept."""
    if iri is None:
        return iri
    if isinstance(iri, Promise):
        iri = str(iri)
    return quote(iri, safe=_IRI_SAFE)


# Octets that uri_to_iri decodes: unreserved letters and marks, and every byte >= 0x80 (the
# pieces of multi-byte UTF-8 characters). Reserved and control characters stay escaped.
_HEX = "0123456789ABCDEFabcdef"
_UNRESERVED_ASCII = [0x2D, 0x2E, 0x5F, 0x7E, *range(0x41, 0x5B), *range(0x61, 0x7B)]
_DECODABLE: dict[str, bytes] = {
    **{fmt % code: bytes((code,)) for code in _UNRESERVED_ASCII for fmt in ("%02x", "%02X")},
    **{hi + lo: bytes.fromhex(hi + lo) for hi in _HEX[8:] for lo in _HEX},
}


def uri_to_iri(uri: Any) -> str | None:
    """Decode the percent-escapes of a URI that stand for UTF-8 text (RFC 3987 section 3.2)."""
    if uri is None:
        return uri
    raw = force_bytes(uri)
    pieces = raw.split(b"%")
    out = [pieces[0]]
    for piece in pieces[1:]:
        octet = _DECODABLE.get(piece[:2].decode("latin-1"))
        if octet is not None:
            out.append(octet + piece[2:])
        else:
            out.append(b"%" + piece)
    return repercent_broken_unicode(b"".join(out)).decode()


def repercent_broken_unicode(path: bytes) -> bytes:
    """Percent-encode the bytes of path that are not valid UTF-8."""
    parts = []
    while True:
        try:
            path.decode()
        except UnicodeDecodeError as exc:
            parts.append(path[: exc.start])
            parts.append(quote(path[exc.start : exc.end], safe=_IRI_SAFE).encode())
            path = path[exc.end :]
        else:
            parts.append(path)
            return b"".join(parts)


def escape_uri_path(path: str) -> str:
    """Escape the unsafe characters of a URI path (RFC 3986 section 3.3)."""
    return quote(path, safe="/:@&+$,-_.!~*'()")


def punycode(domain: str) -> str:
    """The IDNA (ASCII) form of a domain name."""
    return domain.encode("idna").decode("ascii")


def filepath_to_uri(path: Any) -> str | None:
    """A file path made into the path part of a URL (backslashes become slashes)."""
    if path is None:
        return path
    return quote(str(path).replace("\\", "/"), safe="/~!*()'")


def get_system_encoding() -> str:
    """The locale's encoding if Python knows it, else 'ascii'."""
    try:
        encoding = locale.getlocale()[1] or "ascii"
        codecs.lookup(encoding)
    except Exception:
        encoding = "ascii"
    return encoding


DEFAULT_LOCALE_ENCODING = get_system_encoding()

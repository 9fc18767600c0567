"""QueryDict: the MultiValueDict of a query string or form body, immutable by default."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, unquote

from nuages.conf import settings
from nuages.core._cached_settings import get_setting
from nuages.core.exceptions import TooManyFieldsSent
from nuages.utils.datastructures import MultiValueDict
from nuages.utils.http import urlencode

__all__ = ["QueryDict", "bytes_to_text"]

_TOO_MANY_FIELDS = (
    "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
)


def bytes_to_text(s: Any, encoding: str) -> Any:
    """Decode bytes with encoding (undecodable bytes replaced); anything else unchanged."""
    if isinstance(s, bytes):
        return str(s, encoding, "replace")
    return s


def _parse_query(data: dict, query: str, encoding: str, max_fields: int | None) -> None:
    """Add the pairs of an x-www-form-urlencoded string to data (a dict of lists).

    Blank values are kept ('a' and 'a=' both give ''), empty pieces ('&&') skipped.
    """
    # Plain dict access: data may be a (still immutable) QueryDict under construction.
    dict_get = dict.get
    dict_set = dict.__setitem__
    if max_fields is not None and query.count("&") + 1 > max_fields:
        raise TooManyFieldsSent(_TOO_MANY_FIELDS)
    for piece in query.split("&"):
        if not piece:
            continue
        key, _, value = piece.partition("=")
        # Fast path: most keys and values need no decoding at all.
        if "+" in key:
            key = key.replace("+", " ")
        if "%" in key:
            key = unquote(key, encoding, "replace")
        if "+" in value:
            value = value.replace("+", " ")
        if "%" in value:
            value = unquote(value, encoding, "replace")
        values = dict_get(data, key)
        if values is None:
            dict_set(data, key, [value])
        else:
            values.append(value)


class QueryDict(MultiValueDict):
    """The parameters of a query string (request.GET) or a form body (request.POST).

    Immutable unless created with mutable=True; copy() always gives a mutable one. Keys and
    values given as bytes are decoded with `encoding` (DEFAULT_CHARSET by default).
    """

    _mutable = True
    _encoding: str | None = None

    def __init__(
        self,
        query_string: str | bytes | None = None,
        mutable: bool = False,
        encoding: str | None = None,
    ) -> None:
        super().__init__()
        self._encoding = encoding or get_setting("DEFAULT_CHARSET")
        if query_string:
            if isinstance(query_string, bytes):
                # Form data should be ASCII; some clients send raw bytes in other charsets.
                try:
                    query_string = query_string.decode(self._encoding)
                except UnicodeDecodeError:
                    query_string = query_string.decode("iso-8859-1")
            _parse_query(
                self, query_string, self._encoding, get_setting("DATA_UPLOAD_MAX_NUMBER_FIELDS")
            )
        self._mutable = mutable

    @classmethod
    def fromkeys(
        cls, iterable: Iterable, value: Any = "", mutable: bool = False, encoding: str | None = None
    ) -> QueryDict:
        """A QueryDict with each key of iterable (repeats allowed) set to value."""
        result = cls("", mutable=True, encoding=encoding)
        for key in iterable:
            result.appendlist(key, value)
        if not mutable:
            result._mutable = False
        return result

    @property
    def encoding(self) -> str:
        if self._encoding is None:
            self._encoding = settings.DEFAULT_CHARSET
        return self._encoding

    @encoding.setter
    def encoding(self, value: str) -> None:
        self._encoding = value

    def _assert_mutable(self) -> None:
        if not self._mutable:
            raise AttributeError("This QueryDict instance is immutable")

    def __setitem__(self, key: Any, value: Any) -> None:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        value = bytes_to_text(value, self.encoding)
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._assert_mutable()
        super().__delitem__(key)

    def __copy__(self) -> QueryDict:
        result = self.__class__("", mutable=True, encoding=self.encoding)
        for key, values in self.lists():
            result.setlist(key, values)
        return result

    def __deepcopy__(self, memo: dict) -> QueryDict:
        result = self.__class__("", mutable=True, encoding=self.encoding)
        memo[id(self)] = result
        for key, values in self.lists():
            result.setlist(copy.deepcopy(key, memo), copy.deepcopy(values, memo))
        return result

    def setlist(self, key: Any, list_: list) -> None:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        list_ = [bytes_to_text(value, self.encoding) for value in list_]
        super().setlist(key, list_)

    def setlistdefault(self, key: Any, default_list: list | None = None) -> list:
        self._assert_mutable()
        return super().setlistdefault(key, default_list)

    def appendlist(self, key: Any, value: Any) -> None:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        value = bytes_to_text(value, self.encoding)
        super().appendlist(key, value)

    def pop(self, key: Any, *args: Any) -> Any:
        self._assert_mutable()
        return super().pop(key, *args)

    def popitem(self) -> tuple:
        self._assert_mutable()
        return super().popitem()

    def clear(self) -> None:
        self._assert_mutable()
        super().clear()

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._assert_mutable()
        key = bytes_to_text(key, self.encoding)
        default = bytes_to_text(default, self.encoding)
        return super().setdefault(key, default)

    def copy(self) -> QueryDict:
        """A mutable deep copy."""
        return copy.deepcopy(self)

    def urlencode(self, safe: str | None = None) -> str:
        """The data as a query string; characters in `safe` are left unescaped.

        >>> q = QueryDict(mutable=True); q['next'] = '/a&b/'
        >>> q.urlencode(safe='/')
        'next=/a%26b/'
        """
        encoding = self.encoding
        output = []
        if safe:
            safe_bytes = safe.encode(encoding)
            for key, values in self.lists():
                quoted_key = quote(key.encode(encoding), safe_bytes)
                output.extend(
                    f"{quoted_key}={quote(str(v).encode(encoding), safe_bytes)}" for v in values
                )
        else:
            for key, values in self.lists():
                encoded_key = key.encode(encoding)
                output.extend(urlencode({encoded_key: str(v).encode(encoding)}) for v in values)
        return "&".join(output)

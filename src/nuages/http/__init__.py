"""Requests and responses: nuages.http mirrors django.http."""

from nuages.http.cookie import SimpleCookie, parse_cookie
from nuages.http.request import (
    HttpHeaders,
    HttpRequest,
    QueryDict,
    RawPostDataException,
    UnreadablePostError,
)
from nuages.http.response import (
    BadHeaderError,
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
    StreamingHttpResponse,
)

__all__ = [
    "BadHeaderError",
    "FileResponse",
    "Http404",
    "HttpHeaders",
    "HttpRequest",
    "HttpResponse",
    "HttpResponseBadRequest",
    "HttpResponseBase",
    "HttpResponseForbidden",
    "HttpResponseGone",
    "HttpResponseNotAllowed",
    "HttpResponseNotFound",
    "HttpResponseNotModified",
    "HttpResponsePermanentRedirect",
    "HttpResponseRedirect",
    "HttpResponseServerError",
    "JsonResponse",
    "QueryDict",
    "RawPostDataException",
    "SimpleCookie",
    "StreamingHttpResponse",
    "UnreadablePostError",
    "parse_cookie",
]

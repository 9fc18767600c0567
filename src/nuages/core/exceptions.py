"""The exception types Django documents, under the same names."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import Any

__all__ = [
    "NON_FIELD_ERRORS",
    "AppRegistryNotReady",
    "BadRequest",
    "DisallowedHost",
    "DisallowedRedirect",
    "EmptyResultSet",
    "FieldDoesNotExist",
    "FieldError",
    "FullResultSet",
    "ImproperlyConfigured",
    "MiddlewareNotUsed",
    "MultipleObjectsReturned",
    "ObjectDoesNotExist",
    "ObjectNotUpdated",
    "PermissionDenied",
    "RequestAborted",
    "RequestDataTooBig",
    "SuspiciousFileOperation",
    "SuspiciousMultipartForm",
    "SuspiciousOperation",
    "SynchronousOnlyOperation",
    "TooManyFieldsSent",
    "TooManyFilesSent",
    "ValidationError",
    "ViewDoesNotExist",
]

NON_FIELD_ERRORS = "__all__"


class FieldDoesNotExist(Exception):
    """The requested model field does not exist."""


class AppRegistryNotReady(Exception):
    """The app registry is used before it is populated."""


class ObjectDoesNotExist(Exception):
    """The requested object does not exist."""

    silent_variable_failure = True


class MultipleObjectsReturned(Exception):
    """A query expected one object and found several."""


class ObjectNotUpdated(Exception):
    """A forced update matched no row."""


class SuspiciousOperation(Exception):
    """The user did something suspicious; answered with a 400."""


class SuspiciousMultipartForm(SuspiciousOperation):
    """Suspect MIME request in a multipart form."""


class SuspiciousFileOperation(SuspiciousOperation):
    """A suspicious filesystem operation was attempted."""


class DisallowedHost(SuspiciousOperation):
    """The Host header is not in ALLOWED_HOSTS."""


class DisallowedRedirect(SuspiciousOperation):
    """A redirect to a scheme that is not allowed."""


class TooManyFieldsSent(SuspiciousOperation):
    """More GET/POST fields than DATA_UPLOAD_MAX_NUMBER_FIELDS."""


class TooManyFilesSent(SuspiciousOperation):
    """More files than DATA_UPLOAD_MAX_NUMBER_FILES."""


class RequestDataTooBig(SuspiciousOperation):
    """The request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE."""


class RequestAborted(Exception):
    """The client went away before the request was read."""


class BadRequest(Exception):
    """The request is malformed and cannot be processed."""


class PermissionDenied(Exception):
    """The user may not perform the requested action."""


class ViewDoesNotExist(Exception):
    """The requested view does not exist."""


class MiddlewareNotUsed(Exception):
    """Raised by a middleware factory that opts out of the chain."""


class ImproperlyConfigured(Exception):
    """nuages is somehow improperly configured."""


class FieldError(Exception):
    """A problem with a model field or lookup."""


class EmptyResultSet(Exception):
    """A database query predicate can never match."""


class FullResultSet(Exception):
    """A database query predicate matches everything."""


class SynchronousOnlyOperation(Exception):
    """A sync-only operation was called from an async context."""


def _interpolate(message: Any, params: Any) -> Any:
    if params:
        return message % params
    return message


class ValidationError(Exception):
    """A value failed validation: one message, a list of them, or a dict per field."""

    def __init__(self, message: Any, code: str | None = None, params: Any = None) -> None:
        super().__init__(message, code, params)
        if isinstance(message, ValidationError):
            if hasattr(message, "error_dict"):
                message = message.error_dict
            elif not hasattr(message, "message"):
                message = message.error_list
            else:
                message, code, params = message.message, message.code, message.params

        if isinstance(message, dict):
            self.error_dict: dict[str, list[ValidationError]] = {}
            for field, messages in message.items():
                if not isinstance(messages, ValidationError):
                    messages = ValidationError(messages)
                self.error_dict[field] = messages.error_list
        elif isinstance(message, list):
            self.error_list: list[ValidationError] = []
            for item in message:
                if not isinstance(item, ValidationError):
                    item = ValidationError(item)
                if hasattr(item, "error_dict"):
                    self.error_list.extend(e for errors in item.error_dict.values() for e in errors)
                else:
                    self.error_list.extend(item.error_list)
        else:
            self.message = message
            self.code = code
            self.params = params
            self.error_list = [self]

    @property
    def message_dict(self) -> dict[str, list[str]]:
        # Raises AttributeError when there is no error_dict, as documented.
        getattr(self, "error_dict")  # noqa: B009
        return dict(self)

    @property
    def messages(self) -> list[str]:
        if hasattr(self, "error_dict"):
            return [m for messages in dict(self).values() for m in messages]
        return list(self)

    def update_error_dict(self, error_dict: dict) -> dict:
        if hasattr(self, "error_dict"):
            for field, error_list in self.error_dict.items():
                error_dict.setdefault(field, []).extend(error_list)
        else:
            error_dict.setdefault(NON_FIELD_ERRORS, []).extend(self.error_list)
        return error_dict

    def __iter__(self) -> Iterator:
        if hasattr(self, "error_dict"):
            for field, errors in self.error_dict.items():
                yield field, list(ValidationError(errors))
        else:
            for error in self.error_list:
                yield str(_interpolate(error.message, error.params))

    def __str__(self) -> str:
        if hasattr(self, "error_dict"):
            return repr(dict(self))
        return repr(list(self))

    def __repr__(self) -> str:
        return f"ValidationError({self})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ValidationError):
            return NotImplemented
        return hash(self) == hash(other)

    def __hash__(self) -> int:
        if hasattr(self, "message"):
            params = self.params
            if isinstance(params, dict):
                params = tuple(sorted(params.items(), key=operator.itemgetter(0)))
            return hash((str(self.message), self.code, _hashable(params)))
        if hasattr(self, "error_dict"):
            return hash(
                tuple(sorted((k, tuple(hash(e) for e in v)) for k, v in self.error_dict.items()))
            )
        return hash(tuple(sorted(hash(e) for e in self.error_list)))


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(_hashable(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value

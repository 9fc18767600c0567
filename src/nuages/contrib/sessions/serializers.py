"""Session serializers (SESSION_SERIALIZER): JSON, compact, as signing produces it."""

from __future__ import annotations

from nuages.core import signing

__all__ = ["JSONSerializer"]


class JSONSerializer(signing.JSONSerializer):
    """Session data to and from compact JSON bytes."""

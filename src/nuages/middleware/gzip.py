"""GZipMiddleware: compress responses for clients that accept gzip."""

from __future__ import annotations

import re
from typing import Any

from nuages.utils._compress import acompress_sequence, compress_sequence, compress_string
from nuages.utils.cache import patch_vary_headers
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook

__all__ = ["GZipMiddleware"]

re_accepts_gzip = re.compile(r"\bgzip\b")


class GZipMiddleware(MiddlewareMixin):
    """Gzip the response when the client accepts it and it is worth it (200 bytes or more).

    The compressed output is padded with a random number of bytes (up to max_random_bytes) to
    mitigate BREACH-style attacks. Strong ETags become weak, since the bytes changed.
    """

    max_random_bytes = 100

    @nonblocking_hook
    def process_response(self, request: Any, response: Any) -> Any:
        # Short responses are not worth compressing.
        if not response.streaming and len(response.content) < 200:
            return response
        # Already encoded (by the view or another middleware).
        if response.has_header("Content-Encoding"):
            return response

        patch_vary_headers(response, ("Accept-Encoding",))

        ae = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if not re_accepts_gzip.search(ae):
            return response

        if response.streaming:
            if response.is_async:
                response.streaming_content = acompress_sequence(
                    response.streaming_content, max_random_bytes=self.max_random_bytes
                )
            else:
                response.streaming_content = compress_sequence(
                    response.streaming_content, max_random_bytes=self.max_random_bytes
                )
            # The compressed size is unknown until the stream ends.
            del response.headers["Content-Length"]
        else:
            compressed_content = compress_string(
                response.content, max_random_bytes=self.max_random_bytes
            )
            # Keep the original if compression did not make it smaller.
            if len(compressed_content) >= len(response.content):
                return response
            response.content = compressed_content
            response.headers["Content-Length"] = str(len(response.content))

        # A strong ETag names exact bytes; the content changed, so only a weak match remains.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response

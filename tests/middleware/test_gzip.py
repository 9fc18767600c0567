"""GZipMiddleware and gzip_page."""

import asyncio
import gzip
import random

import pytest

from nuages.http import FileResponse, HttpResponse, StreamingHttpResponse
from nuages.middleware.gzip import GZipMiddleware
from nuages.test import RequestFactory
from nuages.utils._compress import compress_sequence, compress_string
from nuages.views.decorators.gzip import gzip_page

rf = RequestFactory()

COMPRESSIBLE = b"".join(b"This is a compressible string. " for _ in range(50))
INCOMPRESSIBLE = random.Random(42).randbytes(500)
SEQUENCE = [b"a" * 500, b"b" * 200, b"a" * 300]


def request(accept="gzip, deflate"):
    return rf.get("/", HTTP_ACCEPT_ENCODING=accept)


def run(response, req=None):
    return GZipMiddleware(lambda r: response)(req or request())


def test_compress_response():
    response = run(HttpResponse(COMPRESSIBLE, content_type="text/html"))
    assert gzip.decompress(response.content) == COMPRESSIBLE
    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Length"] == str(len(response.content))
    assert response["Vary"] == "Accept-Encoding"


def test_compress_is_deterministic_apart_from_padding():
    first = compress_string(COMPRESSIBLE)
    assert first == compress_string(COMPRESSIBLE)
    # mtime is zero, so ETags derived from compressed content stay stable.
    assert first[4:8] == b"\x00\x00\x00\x00"


def test_random_padding_varies_length():
    lengths = {len(compress_string(COMPRESSIBLE, max_random_bytes=100)) for _ in range(30)}
    assert len(lengths) > 1
    for _ in range(5):
        assert gzip.decompress(compress_string(COMPRESSIBLE, max_random_bytes=100)) == COMPRESSIBLE


def test_not_compressed_when_short_or_not_accepted_or_encoded():
    short = run(HttpResponse(b"short"))
    assert short.content == b"short" and not short.has_header("Content-Encoding")
    refused = run(HttpResponse(COMPRESSIBLE), request(accept="identity"))
    assert refused.content == COMPRESSIBLE
    assert refused["Vary"] == "Accept-Encoding"
    encoded = HttpResponse(COMPRESSIBLE)
    encoded["Content-Encoding"] = "deflate"
    assert run(encoded).content == COMPRESSIBLE


def test_not_compressed_when_not_smaller():
    response = run(HttpResponse(INCOMPRESSIBLE))
    assert response.content == INCOMPRESSIBLE
    assert not response.has_header("Content-Encoding")


def test_gzip_word_boundary():
    assert not run(HttpResponse(COMPRESSIBLE), request(accept="notgzip")).has_header(
        "Content-Encoding"
    )
    assert run(HttpResponse(COMPRESSIBLE), request(accept="deflate;q=1, gzip;q=0.5")).has_header(
        "Content-Encoding"
    )


def test_streaming_response():
    response = run(StreamingHttpResponse(iter(SEQUENCE)))
    body = b"".join(response.streaming_content)
    assert gzip.decompress(body) == b"".join(SEQUENCE)
    assert response["Content-Encoding"] == "gzip"
    assert not response.has_header("Content-Length")


def test_streaming_async_response():
    async def gen():
        for chunk in SEQUENCE:
            yield chunk

    response = run(StreamingHttpResponse(gen()))

    async def collect():
        return b"".join([chunk async for chunk in response.streaming_content])

    assert gzip.decompress(asyncio.run(collect())) == b"".join(SEQUENCE)
    assert response["Content-Encoding"] == "gzip"


def test_compress_sequence_streams_each_chunk():
    chunks = list(compress_sequence(iter([b"x" * 300, b"y" * 300])))
    # Header, one flushed chunk per item, then the trailer.
    assert len(chunks) == 4
    assert gzip.decompress(b"".join(chunks)) == b"x" * 300 + b"y" * 300


def test_file_response(tmp_path):
    path = tmp_path / "file.txt"
    path.write_bytes(COMPRESSIBLE)
    response = run(FileResponse(open(path, "rb")))
    assert gzip.decompress(b"".join(response.streaming_content)) == COMPRESSIBLE
    response.close()


def test_strong_etag_weakened_weak_kept():
    strong = HttpResponse(COMPRESSIBLE)
    strong["ETag"] = '"eggs"'
    assert run(strong)["ETag"] == 'W/"eggs"'
    weak = HttpResponse(COMPRESSIBLE)
    weak["ETag"] = 'W/"eggs"'
    assert run(weak)["ETag"] == 'W/"eggs"'


def test_existing_vary_extended():
    response = HttpResponse(COMPRESSIBLE)
    response["Vary"] = "Cookie"
    assert run(response)["Vary"] == "Cookie, Accept-Encoding"


@pytest.mark.parametrize("is_async", [False, True])
def test_gzip_page(is_async):
    if is_async:

        @gzip_page
        async def view(request):
            return HttpResponse(COMPRESSIBLE)

        response = asyncio.run(view(request()))
    else:

        @gzip_page
        def view(request):
            return HttpResponse(COMPRESSIBLE)

        response = view(request())
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == COMPRESSIBLE

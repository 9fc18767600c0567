import asyncio
import io
import os
import threading

import pytest

from nuages.core.files.base import ContentFile
from nuages.http import FileResponse, StreamingHttpResponse

ASYNC_MSG = (
    "StreamingHttpResponse must consume asynchronous iterators in order to serve them "
    "synchronously. Use a synchronous iterator instead."
)
SYNC_MSG = (
    "StreamingHttpResponse must consume synchronous iterators in order to serve them "
    "asynchronously. Use an asynchronous iterator instead."
)


async def agen(*chunks):
    for chunk in chunks:
        yield chunk


async def collect(response):
    return [chunk async for chunk in response]


class TestStreaming:
    def test_sync_iteration_once(self):
        response = StreamingHttpResponse(iter(["hello", "café"]))
        assert not response.is_async and response.streaming
        assert list(response) == [b"hello", b"caf\xc3\xa9"]
        assert list(response) == []
        response = StreamingHttpResponse(["abc", b"def", 1])
        assert list(response) == [b"abc", b"def", b"1"]
        assert list(response) == []

    def test_no_content(self):
        response = StreamingHttpResponse(iter(["x"]))
        assert not hasattr(response, "content")
        with pytest.raises(
            AttributeError,
            match="This StreamingHttpResponse instance has no `content` attribute. Use `streaming_content` instead.",
        ):
            response.content
        with pytest.raises(AttributeError):
            response.content = "xyz"
        with pytest.raises(
            AttributeError, match="This StreamingHttpResponse instance has no `text` attribute."
        ):
            response.text

    def test_wrapping_streaming_content(self):
        response = StreamingHttpResponse(iter(["abc", "def"]))
        response.streaming_content = (chunk.upper() for chunk in response.streaming_content)
        assert list(response) == [b"ABC", b"DEF"]

    def test_bytes_gives_headers_only(self):
        response = StreamingHttpResponse(iter(["hello", "world"]))
        assert bytes(response) == b"Content-Type: text/html; charset=utf-8"
        assert response.getvalue() == b"helloworld"

    def test_not_writable(self):
        response = StreamingHttpResponse(iter([]))
        with pytest.raises(OSError, match="This StreamingHttpResponse instance is not writable"):
            response.write("!")
        with pytest.raises(
            OSError, match="This StreamingHttpResponse instance cannot tell its position"
        ):
            response.tell()
        with pytest.raises(OSError, match="not writable"):
            response.writelines(["a"])
        assert not response.writable()

    def test_charset(self):
        response = StreamingHttpResponse(iter(["é"]), content_type="text/plain; charset=latin-1")
        assert list(response) == [b"\xe9"]

    def test_repr(self):
        assert (
            repr(StreamingHttpResponse())
            == '<StreamingHttpResponse status_code=200, "text/html; charset=utf-8">'
        )

    def test_close_closes_iterator(self):
        def generate():
            yield b"a"

        iterator = generate()
        response = StreamingHttpResponse(iterator)
        response.close()
        with pytest.raises(StopIteration):
            next(iterator)

    def test_async_iteration(self):
        response = StreamingHttpResponse(agen(b"hello", "world"))
        assert response.is_async
        assert asyncio.run(collect(response)) == [b"hello", b"world"]

    def test_async_streaming_content(self):
        response = StreamingHttpResponse(agen("a", "é"))

        async def read():
            return [chunk async for chunk in response.streaming_content]

        assert asyncio.run(read()) == [b"a", b"\xc3\xa9"]

    def test_async_iterator_consumed_sync_warns(self):
        response = StreamingHttpResponse(agen(b"hello", "world"))
        with pytest.warns(Warning, match=ASYNC_MSG):
            assert list(response) == [b"hello", b"world"]

    def test_sync_iterator_consumed_async_warns(self):
        response = StreamingHttpResponse(iter(["hello", "world"]))

        async def first():
            return await anext(aiter(response))

        with pytest.warns(Warning, match=SYNC_MSG):
            assert asyncio.run(first()) == b"hello"


class TestFileResponse:
    def test_file_from_disk(self):
        response = FileResponse(open(__file__, "rb"))  # noqa: SIM115
        assert response["Content-Length"] == str(os.path.getsize(__file__))
        assert response["Content-Type"] in ("text/x-python", "text/plain")
        assert response["Content-Disposition"] == 'inline; filename="test_streaming.py"'
        assert b"".join(response) == open(__file__, "rb").read()  # noqa: SIM115
        file = response.file_to_stream
        response.close()
        assert file.closed

    def test_as_attachment(self):
        response = FileResponse(open(__file__, "rb"), as_attachment=True)  # noqa: SIM115
        assert response["Content-Disposition"] == 'attachment; filename="test_streaming.py"'
        response.close()

    def test_buffer(self):
        response = FileResponse(io.BytesIO(b"binary content"))
        assert response["Content-Length"] == "14"
        assert response["Content-Type"] == "application/octet-stream"
        assert not response.has_header("Content-Disposition")
        assert list(response) == [b"binary content"]
        unnamed = FileResponse(io.BytesIO(b"x"), as_attachment=True)
        assert unnamed["Content-Disposition"] == "attachment"

    def test_block_size(self):
        response = FileResponse(io.BytesIO(b"x" * 10000))
        assert [len(c) for c in response] == [4096, 4096, 1808]

    def test_starting_position(self):
        buffer = io.BytesIO(b"binary content")
        buffer.seek(10)
        assert FileResponse(buffer)["Content-Length"] == "4"
        with open(__file__, "rb") as file:
            file.seek(10)
            assert FileResponse(file)["Content-Length"] == str(os.path.getsize(__file__) - 10)

    def test_seekable_without_tell(self):
        class NoTell:
            def __init__(self):
                self.buffer = io.BytesIO(b"0123456789")
                self.buffer.seek(4)

            def read(self, size=-1):
                return self.buffer.read(size)

            def seek(self, offset, whence=0):
                return self.buffer.seek(offset, whence)

        response = FileResponse(NoTell())
        assert response["Content-Length"] == "6"
        assert b"".join(response) == b"456789"

    def test_unseekable_with_getbuffer(self):
        class Unseekable(io.BytesIO):
            def seekable(self):
                return False

        buffer = Unseekable(b"abcdef")
        buffer.read(2)
        assert FileResponse(buffer)["Content-Length"] == "4"

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
    def test_named_pipe_has_no_length(self, tmp_path):
        pipe = tmp_path / "pipe"
        os.mkfifo(pipe)

        def write():
            with open(pipe, "wb") as writer:
                writer.write(b"binary content")

        writer_thread = threading.Thread(target=write)
        writer_thread.start()
        with open(pipe, "rb") as reader:
            response = FileResponse(reader)
            assert list(response) == [b"binary content"]
            assert not response.has_header("Content-Length")
        writer_thread.join()

    @pytest.mark.parametrize(
        ("name", "content_type"),
        [
            ("x.tar.gz", "application/gzip"),
            ("x.tar.br", "application/x-brotli"),
            ("x.tar.bz2", "application/x-bzip"),
            ("x.tar.xz", "application/x-xz"),
            ("x.tar.Z", "application/x-compress"),
            ("x.html", "text/html"),
            ("x.unknownext", "application/octet-stream"),
        ],
    )
    def test_content_type_guessing(self, name, content_type):
        buffer = io.BytesIO(b"x")
        buffer.name = name
        response = FileResponse(buffer)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'inline; filename="{name}"'

    def test_explicit_content_type_and_filename(self):
        response = FileResponse(
            io.BytesIO(b"x"), content_type="video/webm", filename="/foo/bar.txt"
        )
        assert response["Content-Type"] == "video/webm"
        assert response["Content-Disposition"] == 'inline; filename="bar.txt"'
        quoted = FileResponse(io.BytesIO(b"x"), filename='my"file.txt', as_attachment=True)
        assert quoted["Content-Disposition"] == 'attachment; filename="my\\"file.txt"'

    def test_unicode_attachment(self):
        response = FileResponse(
            ContentFile(b"binary content", name="祝您平安.odt"),
            as_attachment=True,
            content_type="application/vnd.oasis.opendocument.text",
        )
        assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
        assert (
            response["Content-Disposition"]
            == "attachment; filename*=utf-8''%E7%A5%9D%E6%82%A8%E5%B9%B3%E5%AE%89.odt"
        )

    def test_iterable_content(self):
        response = FileResponse(iter([b"a", b"b"]))
        assert response.file_to_stream is None
        assert list(response) == [b"a", b"b"]

    def test_repr(self):
        response = FileResponse(io.BytesIO(b"x"), content_type="text/x-python")
        assert repr(response) == '<FileResponse status_code=200, "text/x-python">'

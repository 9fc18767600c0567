import base64
import os

import pytest

from nuages.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from nuages.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from nuages.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    SkipFile,
    StopFutureHandlers,
    StopUpload,
    TemporaryFileUploadHandler,
)
from nuages.http import QueryDict, RawPostDataException
from nuages.http.multipartparser import MultiPartParser, MultiPartParserError
from nuages.utils.datastructures import MultiValueDict

BOUNDARY = "BoUnDaRyStRiNg"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def part(name, value, filename=None, content_type=None, extra_headers=()):
    disposition = f'Content-Disposition: form-data; name="{name}"'
    if filename is not None:
        disposition += f'; filename="{filename}"'
    lines = [f"--{BOUNDARY}".encode(), disposition.encode()]
    if content_type:
        lines.append(f"Content-Type: {content_type}".encode())
    lines.extend(h.encode() for h in extra_headers)
    lines.append(b"")
    lines.append(value if isinstance(value, bytes) else value.encode())
    return b"\r\n".join(lines) + b"\r\n"


def body(*parts):
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post(make_request, payload, content_type=CONTENT_TYPE, **meta):
    return make_request("POST", body=payload, content_type=content_type, **meta)


class TestHappyPath:
    def test_fields_and_files(self, make_request):
        payload = body(
            part("name", "value"),
            part("name", "second"),
            part("unicode", "café ☃"),
            part(
                "file",
                b"file\r\ncontents\x00\xff",
                filename="test.txt",
                content_type="text/plain; charset=latin-1; x=y",
            ),
            part("file", b"other", filename="b.bin"),
        )
        request = post(make_request, payload)
        assert request.POST.getlist("name") == ["value", "second"]
        assert request.POST["unicode"] == "café ☃"
        files = request.FILES.getlist("file")
        assert [f.name for f in files] == ["test.txt", "b.bin"]
        first = files[0]
        assert isinstance(first, InMemoryUploadedFile)
        assert first.read() == b"file\r\ncontents\x00\xff"
        assert first.size == 16
        assert first.content_type == "text/plain"
        assert first.charset == "latin-1"
        assert first.content_type_extra == {"charset": "latin-1", "x": "y"}
        assert first.field_name == "file"
        assert files[1].content_type == ""
        with pytest.raises(AttributeError, match="immutable"):
            request.POST["x"] = "1"

    def test_body_unavailable_after_streamed_parse(self, make_request):
        request = post(make_request, body(part("a", "1")))
        assert request.POST["a"] == "1"
        with pytest.raises(RawPostDataException):
            request.body

    def test_body_first_then_post(self, make_request):
        payload = body(part("a", "1"), part("f", b"x", filename="f.txt"))
        request = post(make_request, payload)
        assert request.body == payload
        assert request.POST["a"] == "1"
        assert request.FILES["f"].read() == b"x"

    def test_large_file_goes_to_disk(self, make_request, override_settings):
        content = os.urandom(3000)
        request = post(make_request, body(part("a", "1"), part("big", content, filename="big.dat")))
        with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1000):
            uploaded = request.FILES["big"]
        assert isinstance(uploaded, TemporaryUploadedFile)
        path = uploaded.temporary_file_path()
        assert os.path.exists(path) and path.endswith(".upload.dat")
        assert uploaded.read() == content and uploaded.size == 3000
        assert request.POST["a"] == "1"
        request.close()
        assert not os.path.exists(path)

    def test_small_chunks(self, make_request):
        class TinyChunks(MemoryFileUploadHandler):
            chunk_size = 4

        request = post(
            make_request, body(part("f", b"0123456789", filename="f.txt"), part("a", "value"))
        )
        request.upload_handlers = [TinyChunks(request)]
        assert request.FILES["f"].read() == b"0123456789"
        assert request.POST["a"] == "value"

    def test_empty_body(self, make_request):
        request = post(make_request, b"")
        assert list(request.POST) == [] and list(request.FILES) == []

    def test_preamble_and_epilogue(self, make_request):
        payload = b"This is a preamble.\r\n" + body(part("a", "1")) + b"epilogue"
        assert post(make_request, payload).POST["a"] == "1"

    def test_request_encoding(self, make_request):
        payload = body(part("a", "é".encode("latin-1")))
        request = post(make_request, payload, content_type=CONTENT_TYPE + "; charset=latin-1")
        assert request.POST["a"] == "é"

    def test_base64_transfer_encoding(self, make_request):
        encoded = base64.b64encode(b"binary \x00\x01 data" * 10).decode()
        wrapped = "\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
        payload = body(
            part(
                "field",
                base64.b64encode("café".encode()).decode(),
                extra_headers=["Content-Transfer-Encoding: base64"],
            ),
            part(
                "file",
                wrapped,
                filename="b.bin",
                extra_headers=["Content-Transfer-Encoding: base64"],
            ),
        )
        request = post(make_request, payload)
        assert request.POST["field"] == "café"
        assert request.FILES["file"].read() == b"binary \x00\x01 data" * 10

    def test_invalid_base64_file(self, make_request):
        payload = body(
            part(
                "file",
                "abcde",
                filename="b.bin",
                extra_headers=["Content-Transfer-Encoding: base64"],
            )
        )
        with pytest.raises(MultiPartParserError, match="Could not decode base64 data."):
            post(make_request, payload).POST


class TestNames:
    @pytest.mark.parametrize(
        ("sent", "stored"),
        [
            ("../../etc/passwd", "passwd"),
            ("C:\\Users\\me\\file.txt", "file.txt"),
            ("..&#x2F;hax0rd.txt", "hax0rd.txt"),
            ("dir/\x00bad\x07name.txt", "badname.txt"),
            ("ünïcödé.txt", "ünïcödé.txt"),
        ],
    )
    def test_sanitized(self, make_request, sent, stored):
        request = post(make_request, body(part("f", b"x", filename=sent)))
        assert request.FILES["f"].name == stored

    @pytest.mark.parametrize("sent", ["..", "/", "dir/..", "\\."])
    def test_nothing_left_skips_the_file(self, make_request, sent):
        request = post(make_request, body(part("f", b"x", filename=sent), part("a", "1")))
        assert "f" not in request.FILES and "f" not in request.POST
        assert request.POST["a"] == "1"

    def test_empty_filename_is_a_field(self, make_request):
        request = post(make_request, body(part("f", b"", filename="")))
        assert list(request.FILES) == [] and request.POST["f"] == ""

    def test_rfc2231_filename(self, make_request):
        disposition = "Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''na%C3%AFve.txt"
        payload = f"--{BOUNDARY}\r\n{disposition}\r\n\r\ndata\r\n--{BOUNDARY}--\r\n".encode()
        assert post(make_request, payload).FILES["f"].name == "naïve.txt"

    def test_long_name_truncated_keeping_extension(self, make_request):
        request = post(make_request, body(part("f", b"x", filename="a" * 300 + ".txt")))
        name = request.FILES["f"].name
        assert len(name) == 255 and name.endswith(".txt")

    def test_parts_without_name_or_disposition_ignored(self, make_request):
        no_name = f"--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n".encode()
        no_disposition = f"--{BOUNDARY}\r\nContent-Type: text/plain\r\n\r\ny\r\n".encode()
        request = post(make_request, body(no_name, no_disposition, part("a", "1")))
        assert dict(request.POST) == {"a": ["1"]} and list(request.FILES) == []


class TestBadInput:
    def test_invalid_content_type(self):
        with pytest.raises(MultiPartParserError, match="Invalid Content-Type: text/plain"):
            MultiPartParser({"CONTENT_TYPE": "text/plain"}, None, [])

    def test_missing_or_bad_boundary(self, make_request):
        with pytest.raises(MultiPartParserError, match="Invalid boundary in multipart: None"):
            post(make_request, b"x", content_type="multipart/form-data").POST
        with pytest.raises(MultiPartParserError, match="Invalid boundary in multipart"):
            MultiPartParser(
                {"CONTENT_TYPE": "multipart/form-data; boundary=" + "a" * 300}, None, []
            )

    def test_non_ascii_content_type(self, make_request):
        request = post(make_request, b"x", content_type="multipart/form-data; boundary = \xe0")
        with pytest.raises(
            MultiPartParserError,
            match="Invalid non-ASCII Content-Type in multipart: multipart/form-data; boundary = à",
        ):
            request.POST
        # The error leaves empty data behind instead of parsing again.
        assert list(request.POST) == [] and list(request.FILES) == []

    def test_negative_content_length(self):
        meta = {"CONTENT_TYPE": CONTENT_TYPE, "CONTENT_LENGTH": "-1"}
        with pytest.raises(MultiPartParserError, match="Invalid content length: -1"):
            MultiPartParser(meta, None, [])

    def test_malformed_part_headers(self, make_request):
        payload = f"--{BOUNDARY}\r\nthis is not a header\r\n\r\nx\r\n--{BOUNDARY}--\r\n".encode()
        with pytest.raises(MultiPartParserError):
            post(make_request, payload).POST

    def test_garbage_without_boundary_gives_nothing(self, make_request):
        request = post(make_request, b"complete garbage with no boundary at all")
        assert list(request.POST) == [] and list(request.FILES) == []

    def test_truncated_keeps_finished_parts(self, make_request):
        payload = body(part("a", "1"), part("f", b"file contents", filename="foo.txt"))
        request = post(make_request, payload[:-30])
        assert request.POST["a"] == "1"
        assert list(request.FILES) == []

    def test_truncated_temp_file_removed(self, make_request, override_settings, tmp_path):
        payload = body(part("f", b"x" * 5000, filename="foo.txt"))[:-100]
        request = post(make_request, payload)
        with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=10, FILE_UPLOAD_TEMP_DIR=str(tmp_path)):
            assert list(request.FILES) == []
        assert list(tmp_path.iterdir()) == []

    def test_too_many_fields(self, make_request, override_settings):
        request = post(make_request, body(part("a", "1"), part("b", "2"), part("c", "3")))
        with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2):
            with pytest.raises(TooManyFieldsSent, match="DATA_UPLOAD_MAX_NUMBER_FIELDS"):
                request.POST

    def test_too_many_files(self, make_request, override_settings, tmp_path):
        request = post(
            make_request, body(*(part("f", b"x" * 50, filename=f"{i}.txt") for i in range(3)))
        )
        with override_settings(
            DATA_UPLOAD_MAX_NUMBER_FILES=2,
            FILE_UPLOAD_MAX_MEMORY_SIZE=10,
            FILE_UPLOAD_TEMP_DIR=str(tmp_path),
        ):
            with pytest.raises(
                TooManyFilesSent,
                match="The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.",
            ):
                request.FILES
        assert list(request.FILES) == []
        # Files already written were closed and removed.
        assert list(tmp_path.iterdir()) == []

    def test_field_data_too_big(self, make_request, override_settings):
        request = post(make_request, body(part("a", "x" * 100)))
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=50):
            with pytest.raises(RequestDataTooBig, match="DATA_UPLOAD_MAX_MEMORY_SIZE"):
                request.POST

    def test_file_data_not_counted_against_memory_limit(self, make_request, override_settings):
        request = post(make_request, body(part("a", "1"), part("f", b"x" * 500, filename="f.txt")))
        with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=50):
            assert request.FILES["f"].size == 500

    def test_limits_disabled(self, make_request, override_settings):
        request = post(make_request, body(*(part(f"k{i}", "v" * 10) for i in range(20))))
        with override_settings(
            DATA_UPLOAD_MAX_NUMBER_FIELDS=None, DATA_UPLOAD_MAX_MEMORY_SIZE=None
        ):
            assert len(request.POST) == 20


class Recorder(FileUploadHandler):
    def __init__(self, request=None, log=None):
        super().__init__(request)
        self.log = log if log is not None else []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.data = b""
        self.log.append(("new_file", self.field_name, self.file_name))

    def receive_data_chunk(self, raw_data, start):
        self.data += raw_data
        return raw_data

    def file_complete(self, file_size):
        self.log.append(("file_complete", file_size))
        return None

    def upload_complete(self):
        self.log.append(("upload_complete",))


class TestHandlers:
    def test_chain_and_callbacks(self, make_request):
        request = post(make_request, body(part("f", b"abc", filename="a.txt")))
        log = []
        recorder = Recorder(request, log)
        request.upload_handlers = [recorder, MemoryFileUploadHandler(request)]
        assert request.FILES["f"].read() == b"abc"
        assert recorder.data == b"abc"
        assert log == [("new_file", "f", "a.txt"), ("file_complete", 3), ("upload_complete",)]

    def test_handlers_cannot_change_after_parse(self, make_request):
        request = post(make_request, body(part("a", "1")))
        request.POST
        with pytest.raises(
            AttributeError,
            match="You cannot alter upload handlers after the upload has been processed.",
        ):
            request.upload_handlers.append(Recorder())

    def test_stop_future_handlers(self, make_request):
        class First(Recorder):
            def new_file(self, *args, **kwargs):
                super().new_file(*args, **kwargs)
                raise StopFutureHandlers()

            def receive_data_chunk(self, raw_data, start):
                return None  # keeps the data from later handlers

            def file_complete(self, file_size):
                return InMemoryUploadedFile(None, "f", "first.txt", "text/plain", file_size, None)

        request = post(make_request, body(part("f", b"abc", filename="a.txt")))
        second = Recorder()
        request.upload_handlers = [First(request), second]
        assert request.FILES["f"].name == "first.txt"
        assert second.log == [("upload_complete",)]

    def test_skip_file(self, make_request):
        class Skipper(Recorder):
            def receive_data_chunk(self, raw_data, start):
                raise SkipFile()

        request = post(make_request, body(part("f", b"abc", filename="a.txt"), part("a", "1")))
        request.upload_handlers = [Skipper(request), MemoryFileUploadHandler(request)]
        assert list(request.FILES) == []
        assert request.POST["a"] == "1"

    @pytest.mark.parametrize("connection_reset", [False, True])
    def test_stop_upload(self, make_request, connection_reset):
        class Stopper(Recorder):
            chunk_size = 8  # read the body in small pieces, so some is left when stopping

            def new_file(self, *args, **kwargs):
                raise StopUpload(connection_reset=connection_reset)

        request = post(
            make_request, body(part("a", "1"), part("f", b"abc", filename="a.txt"), part("b", "2"))
        )
        request.upload_handlers = [Stopper(request)]
        assert request.POST["a"] == "1" and "b" not in request.POST
        assert list(request.FILES) == []
        drained = request._stream.read() == b""
        assert drained is not connection_reset

    def test_stop_upload_messages(self):
        assert str(StopUpload(connection_reset=True)) == "StopUpload: Halt current upload."
        assert str(StopUpload()) == "StopUpload: Consume request data, then halt."

    def test_handle_raw_input_short_circuits(self, make_request):
        class Raw(FileUploadHandler):
            def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
                assert boundary == BOUNDARY and content_length > 0
                return QueryDict("raw=1"), MultiValueDict()

        request = post(make_request, body(part("a", "1")))
        request.upload_handlers = [Raw(request)]
        assert dict(request.POST) == {"raw": ["1"]}

    def test_temporary_handler_interrupted(self, override_settings, tmp_path):
        handler = TemporaryFileUploadHandler()
        with override_settings(FILE_UPLOAD_TEMP_DIR=str(tmp_path)):
            handler.new_file("f", "a.txt", "text/plain", None)
        handler.receive_data_chunk(b"abc", 0)
        assert len(list(tmp_path.iterdir())) == 1
        handler.upload_interrupted()
        assert list(tmp_path.iterdir()) == []
        handler.upload_interrupted()  # twice is harmless

    def test_base_handler_requires_methods(self):
        handler = FileUploadHandler()
        with pytest.raises(NotImplementedError, match="receive_data_chunk"):
            handler.receive_data_chunk(b"", 0)
        with pytest.raises(NotImplementedError, match="file_complete"):
            handler.file_complete(0)


def test_request_close_closes_files(make_request):
    request = post(make_request, body(part("f", b"abc", filename="a.txt")))
    uploaded = request.FILES["f"]
    request.close()
    assert uploaded.closed

import os

import pytest

from nuages.conf import settings
from nuages.core.exceptions import SuspiciousFileOperation
from nuages.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from nuages.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    StopFutureHandlers,
    load_handler,
)
from nuages.core.files.utils import validate_file_name


def test_simple_uploaded_file():
    file = SimpleUploadedFile("hello.txt", b"hello world")
    assert file.name == "hello.txt" and file.size == 11 and file.content_type == "text/plain"
    assert file.read() == b"hello world"
    assert list(file.chunks()) == [b"hello world"]
    assert not file.multiple_chunks()
    assert repr(file) == "<SimpleUploadedFile: hello.txt (text/plain)>"
    assert SimpleUploadedFile("empty.txt", None).size == 0
    from_dict = SimpleUploadedFile.from_dict(
        {"filename": "d.bin", "content": b"x", "content-type": "application/x"}
    )
    assert from_dict.content_type == "application/x" and from_dict.read() == b"x"


def test_in_memory_open_rewinds():
    file = SimpleUploadedFile("a.txt", b"abc")
    file.read()
    assert file.open().read() == b"abc"


def test_names_are_reduced_to_base_name():
    assert UploadedFile(name="/tmp/../etc/passwd").name == "passwd"
    long = UploadedFile(name="a" * 300 + ".tar.gz")
    assert len(long.name) == 255 and long.name.endswith(".gz")
    assert UploadedFile(name=None).name is None
    with pytest.raises(SuspiciousFileOperation, match="Could not derive file name from '..'"):
        UploadedFile(name="..")


def test_temporary_uploaded_file(tmp_path):
    old = settings.FILE_UPLOAD_TEMP_DIR
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    try:
        file = TemporaryUploadedFile("pic.jpg", "image/jpeg", 0, None)
    finally:
        settings.FILE_UPLOAD_TEMP_DIR = old
    path = file.temporary_file_path()
    assert os.path.dirname(path) == str(tmp_path) and path.endswith(".upload.jpg")
    file.write(b"data")
    file.seek(0)
    assert file.read() == b"data"
    file.close()
    assert not os.path.exists(path)
    file.close()  # closing twice is fine


def test_validate_file_name():
    assert validate_file_name("ok.txt") == "ok.txt"
    with pytest.raises(SuspiciousFileOperation, match="File name 'a/b.txt' includes path elements"):
        validate_file_name("a/b.txt")
    assert validate_file_name("a/b.txt", allow_relative_path=True) == "a/b.txt"
    for bad in ("/abs/path.txt", "../up.txt", "a/../../b.txt", "C:\\\\x.txt"):
        with pytest.raises(SuspiciousFileOperation, match="Detected path traversal attempt"):
            validate_file_name(bad, allow_relative_path=True)
    for empty in ("", ".", "..", "dir/"):
        with pytest.raises(SuspiciousFileOperation, match="Could not derive file name"):
            validate_file_name(empty)


def test_memory_handler_activation():
    handler = MemoryFileUploadHandler()
    handler.handle_raw_input(None, {}, settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1, "b")
    handler.new_file("f", "a.txt", "text/plain", None)  # not activated: no StopFutureHandlers
    assert handler.receive_data_chunk(b"x", 0) == b"x"
    assert handler.file_complete(1) is None
    handler.handle_raw_input(None, {}, 10, "b")
    with pytest.raises(StopFutureHandlers):
        handler.new_file("f", "a.txt", "text/plain", None, "utf-8", {"charset": "utf-8"})
    assert handler.receive_data_chunk(b"abc", 0) is None
    uploaded = handler.file_complete(3)
    assert isinstance(uploaded, InMemoryUploadedFile)
    assert uploaded.read() == b"abc" and uploaded.charset == "utf-8" and uploaded.field_name == "f"


def test_load_handler():
    handler = load_handler("nuages.core.files.uploadhandler.MemoryFileUploadHandler", "request")
    assert handler.request == "request"
    with pytest.raises(ImportError):
        load_handler("nuages.core.files.uploadhandler.Missing")

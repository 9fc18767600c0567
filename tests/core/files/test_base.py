import io
import os

import pytest

from nuages.core.files import File
from nuages.core.files.base import ContentFile, endswith_cr, endswith_lf, equals_lf


class TestFile:
    def test_name_size_repr(self, tmp_path):
        path = tmp_path / "data.txt"
        path.write_bytes(b"hello")
        with open(path, "rb") as handle:
            file = File(handle)
            assert file.name == str(path) and str(file) == str(path) and file
            assert file.size == 5 and len(file) == 5
            assert file.mode == "rb"
            assert repr(file) == f"<File: {path}>"
        assert repr(File(None)) == "<File: None>" and not File(None)

    def test_size_from_stream(self):
        buffer = io.BytesIO(b"12345")
        buffer.seek(2)
        file = File(buffer)
        assert file.size == 5 and buffer.tell() == 2

    def test_size_unknown(self):
        class Opaque:
            pass

        with pytest.raises(AttributeError, match="Unable to determine the file's size."):
            File(Opaque()).size

    def test_chunks(self):
        file = File(io.BytesIO(b"x" * 10))
        file.read(3)
        assert list(file.chunks(4)) == [b"xxxx", b"xxxx", b"xx"]
        assert file.multiple_chunks(4) and not file.multiple_chunks()

    @pytest.mark.parametrize(
        ("content", "lines"),
        [
            (b"one\ntwo\r\nthree\rfour", [b"one\n", b"two\r\n", b"three\r", b"four"]),
            ("a\nb", ["a\n", "b"]),
        ],
    )
    def test_iteration_keeps_line_endings(self, content, lines):
        stream = io.BytesIO(content) if isinstance(content, bytes) else io.StringIO(content)
        assert list(File(stream)) == lines

    def test_iteration_across_chunks(self):
        class Small(File):
            DEFAULT_CHUNK_SIZE = 4

        assert list(Small(io.BytesIO(b"abc\r\ndefghij\nk"))) == [b"abc\r\n", b"defghij\n", b"k"]

    def test_context_manager_and_reopen(self, tmp_path):
        path = tmp_path / "f.bin"
        path.write_bytes(b"data")
        file = File(open(path, "rb"))  # noqa: SIM115
        with file as same:
            assert same is file and file.read() == b"data"
        assert file.closed
        assert file.open().read() == b"data"
        file.read()
        assert file.open().read() == b"data"  # open() on an open file rewinds
        file.close()
        gone = File(io.BytesIO(b"x"), name="missing.txt")
        gone.close()
        with pytest.raises(ValueError, match="The file cannot be reopened."):
            gone.open()

    def test_proxy_methods(self, tmp_path):
        path = tmp_path / "w.txt"
        with open(path, "w+") as handle:
            file = File(handle)
            file.write("abc")
            file.flush()
            file.seek(0)
            assert file.read() == "abc" and file.tell() == 3
            assert file.readable() and file.writable() and file.seekable()
            assert isinstance(file.fileno(), int)
        assert not file.readable() and not file.writable() and not file.seekable()


class TestContentFile:
    def test_bytes_and_str(self):
        file = ContentFile(b"content", name="n.txt")
        assert file.read() == b"content" and file.size == 7 and file.name == "n.txt"
        assert str(file) == "Raw content" and bool(ContentFile(b""))
        text = ContentFile("é")
        assert text.read() == "é" and text.size == 1 and text.name is None

    def test_open_close_write(self):
        file = ContentFile(b"abc")
        file.read()
        assert file.open().read() == b"abc"
        file.close()
        assert not file.closed  # nothing to release
        file.seek(0, os.SEEK_END)
        assert file.write(b"de") == 2
        assert file.size == 5


def test_line_helpers():
    assert endswith_cr("a\r") and endswith_cr(b"a\r") and not endswith_cr(b"a")
    assert endswith_lf("a\n") and endswith_lf(b"\n") and not endswith_lf("a")
    assert equals_lf("\n") and equals_lf(b"\n") and not equals_lf("a\n")

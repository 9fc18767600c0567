"""Storage API on FileSystemStorage and InMemoryStorage, the same suite for both."""

from __future__ import annotations

import os
import stat
from datetime import datetime

import pytest

from nuages.conf import settings
from nuages.core.exceptions import SuspiciousFileOperation
from nuages.core.files.base import ContentFile, File
from nuages.core.files.storage import FileSystemStorage, InMemoryStorage, Storage
from nuages.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture(params=["filesystem", "memory"])
def storage(request, tmp_path):
    if request.param == "filesystem":
        return FileSystemStorage(location=tmp_path, base_url="/media/")
    return InMemoryStorage(location=str(tmp_path), base_url="/media/")


def read(storage, name):
    with storage.open(name) as f:
        return f.read()


def test_save_open_exists_size_delete(storage):
    name = storage.save("docs/hello.txt", ContentFile(b"hello world"))
    assert name == "docs/hello.txt"
    assert storage.exists(name) and storage.exists("docs")
    assert read(storage, name) == b"hello world"
    assert storage.size(name) == 11
    storage.delete(name)
    assert not storage.exists(name)
    storage.delete(name)  # missing: no error


def test_save_text_content_and_uploaded_files(storage):
    assert storage.save("t.txt", ContentFile("é text")) == "t.txt"
    assert read(storage, "t.txt") == "é text".encode()
    upload = SimpleUploadedFile("up.bin", b"\x00\x01")
    assert storage.save(None, upload) == "up.bin"  # the name comes from the content
    assert storage.size("up.bin") == 2


def test_name_collisions_get_random_suffix(storage):
    first = storage.save("a/report.tar.gz", ContentFile(b"1"))
    second = storage.save("a/report.tar.gz", ContentFile(b"2"))
    assert first == "a/report.tar.gz"
    assert second != first
    assert second.startswith("a/report_") and second.endswith(".tar.gz")
    assert len(second) == len(first) + 8  # "_" + 7 random characters
    assert read(storage, first) == b"1" and read(storage, second) == b"2"


def test_max_length_truncates_the_root(storage):
    storage.save("longname.txt", ContentFile(b"x"))
    name = storage.save("longname.txt", ContentFile(b"y"), max_length=14)
    assert len(name) <= 14 and name.endswith(".txt") and name != "longname.txt"
    with pytest.raises(SuspiciousFileOperation, match="max_length"):
        storage.save("longname.txt", ContentFile(b"z"), max_length=5)


def test_listdir(storage):
    storage.save("dir/one.txt", ContentFile(b"1"))
    storage.save("dir/two.txt", ContentFile(b"2"))
    storage.save("dir/sub/three.txt", ContentFile(b"3"))
    dirs, files = storage.listdir("dir")
    assert sorted(dirs) == ["sub"] and sorted(files) == ["one.txt", "two.txt"]
    dirs, files = storage.listdir("")
    assert dirs == ["dir"] and files == []


def test_url(storage):
    assert storage.url("a b/é.txt") == "/media/a%20b/%C3%A9.txt"
    assert storage.url("/x.txt") == "/media/x.txt"
    assert storage.url(r"dir\file.txt") == "/media/dir/file.txt"
    assert storage.url(None) == "/media/"


def test_url_defaults_to_media_url_and_needs_one(storage, monkeypatch):
    cls = type(storage)
    monkeypatch.setattr(settings, "MEDIA_URL", "/uploads")
    assert cls().url("f.txt") == "/uploads/f.txt"  # a missing trailing slash is added
    bare = cls(base_url=None)
    bare._base_url = None
    monkeypatch.setattr(settings, "MEDIA_URL", None)
    with pytest.raises(ValueError, match="not accessible via a URL"):
        bare.url("f.txt")


def test_times_are_aware_with_use_tz(storage, monkeypatch):
    storage.save("t.txt", ContentFile(b"1"))
    for getter in (storage.get_accessed_time, storage.get_created_time, storage.get_modified_time):
        value = getter("t.txt")
        assert isinstance(value, datetime) and value.tzinfo is not None
    monkeypatch.setattr(settings, "USE_TZ", False)
    storage.save("naive.txt", ContentFile(b"1"))
    assert storage.get_modified_time("naive.txt").tzinfo is None


@pytest.mark.parametrize(
    "name",
    ["../escape.txt", "a/../../escape.txt", "/etc/passwd", "..\\escape.txt", "C:\\evil.txt", ""],
)
def test_traversal_absolute_and_empty_names_refused(storage, name):
    with pytest.raises(SuspiciousFileOperation):
        storage.save(name, ContentFile(b"x"))


def test_traversal_message(storage):
    with pytest.raises(SuspiciousFileOperation, match="Detected path traversal attempt in"):
        storage.save("a/../../x.txt", ContentFile(b"x"))
    with pytest.raises(SuspiciousFileOperation, match="Detected path traversal attempt in"):
        storage.generate_filename("../x.txt")
    with pytest.raises(SuspiciousFileOperation):
        storage.exists("../outside.txt")


def test_names_normalised(storage):
    assert storage.generate_filename("dir/./sub/my file!.txt") == "dir/sub/my_file.txt"
    assert storage.generate_filename("dir\\sub\\x.txt") == "dir/sub/x.txt"  # backslashes on POSIX
    assert storage.save("dir\\win.txt", ContentFile(b"w")) == "dir/win.txt"
    assert storage.get_valid_name("  hello world?.txt ") == "hello_world.txt"
    with pytest.raises(SuspiciousFileOperation, match="Could not derive file name"):
        storage.generate_filename("dir/..")


def test_open_for_writing_then_reading(storage):
    if isinstance(storage, FileSystemStorage):
        storage.save("w.txt", ContentFile(b""))
    with storage.open("w.txt", "wb") as f:
        f.write(b"written")
    assert read(storage, "w.txt") == b"written"
    with storage.open("w.txt", "r") as f:
        assert f.read() == "written"


def test_base_storage_is_abstract():
    base = Storage()
    for call in (lambda: base.exists("x"), lambda: base.url("x"), lambda: base.path("x")):
        with pytest.raises(NotImplementedError):
            call()


# -- FileSystemStorage only ------------------------------------------------------------------
def test_filesystem_path_and_location(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    assert storage.location == str(tmp_path)
    assert storage.path("a/b.txt") == str(tmp_path / "a" / "b.txt")
    with pytest.raises(SuspiciousFileOperation, match="outside of the base path"):
        storage.path("../x")


def test_filesystem_location_defaults_to_media_root(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MEDIA_ROOT", str(tmp_path / "media"))
    storage = FileSystemStorage()
    assert storage.location == str(tmp_path / "media")
    storage.save("f.txt", ContentFile(b"x"))
    assert (tmp_path / "media" / "f.txt").read_bytes() == b"x"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_filesystem_permissions(tmp_path):
    storage = FileSystemStorage(
        location=tmp_path, file_permissions_mode=0o600, directory_permissions_mode=0o750
    )
    name = storage.save("d1/d2/f.txt", ContentFile(b"x"))
    assert stat.S_IMODE(os.stat(storage.path(name)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "d1").st_mode) == 0o750
    assert stat.S_IMODE(os.stat(tmp_path / "d1" / "d2").st_mode) == 0o750
    default = FileSystemStorage(location=tmp_path / "default")
    name = default.save("f.txt", ContentFile(b"x"))
    assert stat.S_IMODE(os.stat(default.path(name)).st_mode) == settings.FILE_UPLOAD_PERMISSIONS


def test_filesystem_allow_overwrite(tmp_path):
    storage = FileSystemStorage(location=tmp_path, allow_overwrite=True)
    assert storage.save("same.txt", ContentFile(b"first version")) == "same.txt"
    assert storage.save("same.txt", ContentFile(b"2nd")) == "same.txt"
    assert (tmp_path / "same.txt").read_bytes() == b"2nd"
    assert storage.get_available_name("abcdefgh.txt", max_length=8) == "abcd.txt"


def test_filesystem_saves_file_objects_and_directories(tmp_path):
    source = tmp_path / "src.bin"
    source.write_bytes(b"from disk")
    storage = FileSystemStorage(location=tmp_path / "store")
    with open(source, "rb") as handle:
        assert storage.save("copied.bin", File(handle)) == "copied.bin"
    assert storage.size("copied.bin") == 9
    (tmp_path / "store" / "not-a-dir").write_text("x")
    with pytest.raises(FileExistsError):
        storage.save("not-a-dir/f.txt", ContentFile(b"x"))


def test_filesystem_deconstruct_and_equality(tmp_path):
    storage = FileSystemStorage(location=str(tmp_path), base_url="/m/")
    path, args, kwargs = storage.deconstruct()
    assert path == "nuages.core.files.storage.FileSystemStorage"
    assert kwargs == {"location": str(tmp_path), "base_url": "/m/"}
    assert storage == FileSystemStorage(location=str(tmp_path), base_url="/m/")


def test_in_memory_has_no_path():
    with pytest.raises(NotImplementedError, match="absolute paths"):
        InMemoryStorage().path("x")
    storage = InMemoryStorage()
    storage.save("a/b.txt", ContentFile(b"x"))
    assert not storage.exists("a/b.txt/c")
    with pytest.raises(IsADirectoryError):
        storage.size("a")

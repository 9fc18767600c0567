"""FileField and ImageField on a model, saved on SQLite through the storage."""

from __future__ import annotations

import pickle

import pytest

from nuages import forms
from nuages.core.exceptions import SuspiciousFileOperation
from nuages.core.files.base import ContentFile
from nuages.core.files.storage import FileSystemStorage, InMemoryStorage, default_storage
from nuages.core.files.uploadedfile import SimpleUploadedFile
from nuages.db import models
from nuages.db.models.fields.files import FieldFile

memory = InMemoryStorage(base_url="/mem/")


def dated(instance, filename):
    return f"by-title/{instance.title}/{filename}"


def get_memory():
    return memory


class Document(models.Model):
    title = models.CharField(max_length=50, default="t")
    attachment = models.FileField(upload_to="docs/%Y", blank=True)
    other = models.FileField(upload_to=dated, storage=get_memory, max_length=60, blank=True)

    class Meta:
        app_label = "ormtests"


pytestmark = pytest.mark.models.with_args(Document)


@pytest.fixture(autouse=True)
def fresh_memory():
    memory._root.children.clear()


@pytest.fixture
def media(tmp_path, monkeypatch):
    from nuages.conf import settings

    monkeypatch.setattr(settings, "MEDIA_ROOT", str(tmp_path))
    monkeypatch.setattr(settings, "MEDIA_URL", "/media/")
    return tmp_path


def test_assign_upload_then_save(sync_db, media):
    doc = Document(attachment=SimpleUploadedFile("report 1.txt", b"content"))
    assert isinstance(doc.attachment, FieldFile) and not doc.attachment._committed
    doc.save()
    year = __import__("datetime").datetime.now().strftime("%Y")
    assert doc.attachment.name == f"docs/{year}/report_1.txt"
    assert (media / "docs" / year / "report_1.txt").read_bytes() == b"content"
    assert doc.attachment.url == f"/media/docs/{year}/report_1.txt"
    assert doc.attachment.path == str(media / "docs" / year / "report_1.txt")
    assert doc.attachment.size == 7
    fresh = Document.objects.get(pk=doc.pk)
    assert fresh.attachment == f"docs/{year}/report_1.txt"
    with fresh.attachment.open() as f:
        assert f.read() == b"content"


def test_fieldfile_save_and_collision(sync_db, media):
    doc = Document.objects.create()
    doc.attachment.save("a.txt", ContentFile(b"one"))
    assert Document.objects.get(pk=doc.pk).attachment.name == doc.attachment.name
    other = Document.objects.create()
    other.attachment.save("a.txt", ContentFile(b"two"), save=False)
    assert other.attachment.name != doc.attachment.name
    assert other.attachment.name.endswith(".txt")


def test_callable_upload_to_and_storage(sync_db):
    doc = Document(title="alpha")
    doc.other.save("x.txt", ContentFile(b"mem"))
    assert doc.other.name == "by-title/alpha/x.txt"
    assert memory.exists("by-title/alpha/x.txt")
    assert doc.other.url == "/mem/by-title/alpha/x.txt"
    assert Document._meta.get_field("other").storage is memory


def test_delete(sync_db, media):
    doc = Document.objects.create()
    doc.attachment.save("gone.txt", ContentFile(b"x"))
    name = doc.attachment.name
    doc.attachment.delete()
    assert not default_storage.exists(name)
    assert not doc.attachment and doc.attachment.name is None
    assert Document.objects.get(pk=doc.pk).attachment.name == ""
    doc.attachment.delete()  # nothing to delete: no error


def test_empty_field_errors(sync_db):
    doc = Document()
    assert not doc.attachment and doc.attachment.name == ""
    with pytest.raises(ValueError, match="'attachment' attribute has no file associated"):
        doc.attachment.url


def test_upload_to_traversal_refused(sync_db):
    doc = Document(title="..")
    with pytest.raises(SuspiciousFileOperation):
        doc.other.save("x.txt", ContentFile(b"x"))


def test_deconstruct_formfield_and_checks():
    field = Document._meta.get_field("attachment")
    name, path, args, kwargs = field.deconstruct()
    assert path == "nuages.db.models.FileField"
    assert kwargs == {"upload_to": "docs/%Y", "blank": True}
    other = Document._meta.get_field("other").deconstruct()[3]
    assert other["storage"] is get_memory and other["max_length"] == 60
    assert field.get_internal_type() == "FileField"
    formfield = field.formfield()
    assert isinstance(formfield, forms.FileField) and formfield.max_length == 100
    assert not formfield.required
    bad = models.FileField(upload_to="/abs", primary_key=True)
    assert {e.id for e in bad.check()} == {"fields.E201", "fields.E202"}
    with pytest.raises(TypeError, match="must be a subclass/instance of"):
        models.FileField(storage=lambda: object())


def test_explicit_storage_instance_and_pickle(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    field = models.FileField(storage=storage, upload_to="u")
    assert field.deconstruct()[3]["storage"] is storage
    assert field.generate_filename(None, "a b.txt") == "u/a_b.txt"
    doc = Document(attachment="docs/x.txt")
    restored = pickle.loads(pickle.dumps(doc))
    assert restored.attachment.name == "docs/x.txt"
    assert restored.attachment.storage is Document._meta.get_field("attachment").storage


def test_save_form_data():
    field = Document._meta.get_field("attachment")
    doc = Document(attachment="keep.txt")
    field.save_form_data(doc, None)
    assert doc.attachment.name == "keep.txt"
    field.save_form_data(doc, False)
    assert doc.attachment.name == ""


def test_image_field_without_pillow():
    pytest.importorskip("nuages")  # always there; the check depends on Pillow
    try:
        import PIL  # noqa: F401
    except ImportError:
        field = models.ImageField(upload_to="img")
        assert [e.id for e in field.check()] == ["fields.E210"]
    else:
        assert models.ImageField().check() == []

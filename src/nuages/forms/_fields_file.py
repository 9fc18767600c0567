"""FileField and ImageField (Pillow is optional; ImageField needs it)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from nuages.core import validators
from nuages.core.exceptions import ImproperlyConfigured, ValidationError
from nuages.forms._fields_base import Field
from nuages.forms.widgets import FILE_INPUT_CONTRADICTION, ClearableFileInput, FileInput
from nuages.utils.translation import gettext_lazy as _
from nuages.utils.translation import ngettext_lazy

__all__ = ["FileField", "ImageField"]


class FileField(Field):
    widget = ClearableFileInput
    default_error_messages = {
        "invalid": _("No file was submitted. Check the encoding type on the form."),
        "missing": _("No file was submitted."),
        "empty": _("The submitted file is empty."),
        "max_length": ngettext_lazy(
            "Ensure this filename has at most %(max)d character (it has %(length)d).",
            "Ensure this filename has at most %(max)d characters (it has %(length)d).",
            "max",
        ),
        "contradiction": _("Please either submit a file or check the clear checkbox, not both."),
    }

    def __init__(
        self, *, max_length: int | None = None, allow_empty_file: bool = False, **kwargs: Any
    ) -> None:
        self.max_length = max_length
        self.allow_empty_file = allow_empty_file
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        if data in self.empty_values:
            return None
        try:
            file_name = data.name
            file_size = data.size
        except AttributeError:
            # A string where a file was expected: the form lacks enctype="multipart/form-data".
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if self.max_length is not None and len(file_name) > self.max_length:
            params = {"max": self.max_length, "length": len(file_name)}
            raise ValidationError(
                self.error_messages["max_length"], code="max_length", params=params
            )
        if not file_name:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.allow_empty_file and not file_size:
            raise ValidationError(self.error_messages["empty"], code="empty")
        return data

    def clean(self, data: Any, initial: Any = None) -> Any:  # type: ignore[override]
        if data is FILE_INPUT_CONTRADICTION:
            raise ValidationError(self.error_messages["contradiction"], code="contradiction")
        if data is False:
            if not self.required:
                # "Clear" checked on an optional field: the value becomes empty.
                return False
            data = None
        if not data and initial:
            return initial
        return super().clean(data)

    def bound_data(self, data: Any, initial: Any) -> Any:
        if data is None or data is FILE_INPUT_CONTRADICTION:
            return initial
        return data

    def has_changed(self, initial: Any, data: Any) -> bool:
        return not self.disabled and data is not None


class ImageField(FileField):
    default_validators = [validators.validate_image_file_extension]
    default_error_messages = {
        "invalid_image": _(
            "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        try:
            import PIL  # noqa: F401 - optional dependency
        except ImportError as exc:
            raise ImproperlyConfigured(
                "ImageField needs Pillow: install it with `pip install nuages[images]` "
                "(or `pip install Pillow`)."
            ) from exc
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        f = super().to_python(data)
        if f is None:
            return None
        from PIL import Image  # optional dependency, checked in __init__

        if hasattr(data, "temporary_file_path"):
            file: Any = data.temporary_file_path()
        elif hasattr(data, "read"):
            file = BytesIO(data.read())
        else:
            file = BytesIO(data["content"])
        try:
            image = Image.open(file)
            image.verify()
            f.image = image
            f.content_type = Image.MIME.get(image.format)
        except Exception as exc:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc
        if hasattr(f, "seek") and callable(f.seek):
            f.seek(0)
        return f

    def widget_attrs(self, widget: Any) -> dict:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", "image/*")
        return attrs

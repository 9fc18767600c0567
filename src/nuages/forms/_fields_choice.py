"""Choice fields: ChoiceField, TypedChoiceField, the multiple ones, FilePathField."""

from __future__ import annotations

import copy
import os
import re
from typing import Any

from nuages.core.exceptions import ValidationError
from nuages.forms._choices import normalize_choices
from nuages.forms._fields_base import Field
from nuages.forms.widgets import MultipleHiddenInput, Select, SelectMultiple
from nuages.utils.translation import gettext_lazy as _

__all__ = [
    "ChoiceField",
    "FilePathField",
    "MultipleChoiceField",
    "TypedChoiceField",
    "TypedMultipleChoiceField",
]


class ChoiceField(Field):
    widget = Select
    default_error_messages = {
        "invalid_choice": _(
            "Select a valid choice. %(value)s is not one of the available choices."
        ),
    }

    def __init__(self, *, choices: Any = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices

    def __deepcopy__(self, memo: dict) -> ChoiceField:
        result = super().__deepcopy__(memo)
        result._choices = copy.deepcopy(self._choices, memo)
        return result

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        # Setting choices also sets the widget's (they are shown from there).
        self._choices = self.widget.choices = normalize_choices(value)

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        return str(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not self.valid_value(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )

    def valid_value(self, value: Any) -> bool:
        text_value = str(value)
        for k, v in self.choices:
            if isinstance(v, (list, tuple)):
                for k2, _v2 in v:
                    if value == k2 or text_value == str(k2):
                        return True
            elif value == k or text_value == str(k):
                return True
        return False


class TypedChoiceField(ChoiceField):
    def __init__(
        self, *, coerce: Any = lambda val: val, empty_value: Any = "", **kwargs: Any
    ) -> None:
        self.coerce = coerce
        self.empty_value = empty_value
        super().__init__(**kwargs)

    def _coerce(self, value: Any) -> Any:
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        try:
            value = self.coerce(value)
        except (ValueError, TypeError, ValidationError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return value

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return self._coerce(value)


class MultipleChoiceField(ChoiceField):
    hidden_widget = MultipleHiddenInput
    widget = SelectMultiple
    default_error_messages = {
        "invalid_choice": _(
            "Select a valid choice. %(value)s is not one of the available choices."
        ),
        "invalid_list": _("Enter a list of values."),
    }

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return [str(val) for val in value]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for val in value:
            if not self.valid_value(val):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": val},
                )

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial = [] if initial is None else initial
        data = [] if data is None else data
        if len(initial) != len(data):
            return True
        return {str(value) for value in initial} != set(data)


class TypedMultipleChoiceField(MultipleChoiceField):
    def __init__(self, *, coerce: Any = lambda val: val, **kwargs: Any) -> None:
        self.coerce = coerce
        self.empty_value = kwargs.pop("empty_value", [])
        super().__init__(**kwargs)

    def _coerce(self, value: Any) -> Any:
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        new_value = []
        for choice in value:
            try:
                new_value.append(self.coerce(choice))
            except (ValueError, TypeError, ValidationError):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": choice},
                )
        return new_value

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return self._coerce(value)

    def validate(self, value: Any) -> None:
        if value != self.empty_value:
            super().validate(value)
        elif self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class FilePathField(ChoiceField):
    """A choice among the files (and/or folders) under path."""

    def __init__(
        self,
        path: str,
        *,
        match: str | None = None,
        recursive: bool = False,
        allow_files: bool = True,
        allow_folders: bool = False,
        **kwargs: Any,
    ) -> None:
        self.path, self.match, self.recursive = path, match, recursive
        self.allow_files, self.allow_folders = allow_files, allow_folders
        super().__init__(choices=(), **kwargs)
        choices: list = [("", "---------")] if not self.required else []
        match_re = re.compile(self.match) if self.match is not None else None
        if recursive:
            for root, dirs, files in sorted(os.walk(self.path)):
                if self.allow_files:
                    for f in sorted(files):
                        if match_re is None or match_re.search(f):
                            f = os.path.join(root, f)
                            choices.append((f, f.replace(path, "", 1)))
                if self.allow_folders:
                    for f in sorted(dirs):
                        if f == "__pycache__":
                            continue
                        if match_re is None or match_re.search(f):
                            f = os.path.join(root, f)
                            choices.append((f, f.replace(path, "", 1)))
        else:
            try:
                with os.scandir(self.path) as entries:
                    for entry in sorted(entries, key=lambda e: e.name):
                        if entry.name == "__pycache__":
                            continue
                        if (
                            (self.allow_files and entry.is_file())
                            or (self.allow_folders and entry.is_dir())
                        ) and (match_re is None or match_re.search(entry.name)):
                            choices.append((entry.path, entry.name))
            except OSError:
                pass
        self.choices = choices
        self.widget.choices = self.choices

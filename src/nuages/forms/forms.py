"""Form and BaseForm: declared fields, binding, validation and rendering."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from nuages.core.exceptions import NON_FIELD_ERRORS, ValidationError
from nuages.forms._fields_base import Field
from nuages.forms._fields_file import FileField
from nuages.forms._media import Media, MediaDefiningClass
from nuages.forms.renderers import get_default_renderer
from nuages.forms.utils import ErrorDict, ErrorList, RenderableFormMixin
from nuages.utils.datastructures import MultiValueDict
from nuages.utils.functional import cached_property
from nuages.utils.translation import gettext as _g
from nuages.utils.translation import gettext_lazy as _

__all__ = ["BaseForm", "DeclarativeFieldsMetaclass", "Form"]


class DeclarativeFieldsMetaclass(MediaDefiningClass):
    """Collects the Field class attributes into declared_fields / base_fields."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        attrs["declared_fields"] = {
            key: attrs.pop(key) for key, value in list(attrs.items()) if isinstance(value, Field)
        }
        new_class = super().__new__(mcs, name, bases, attrs)
        declared_fields: dict = {}
        for base in reversed(new_class.__mro__):
            if hasattr(base, "declared_fields"):
                declared_fields.update(base.declared_fields)
            # A subclass removes an inherited field by setting it to None.
            for attr, value in base.__dict__.items():
                if value is None and attr in declared_fields:
                    declared_fields.pop(attr)
        new_class.base_fields = declared_fields
        new_class.declared_fields = declared_fields
        return new_class


class BaseForm(RenderableFormMixin):
    """A collection of fields, bound to data or not; Form adds declarative fields."""

    default_renderer: Any = None
    field_order: Any = None
    prefix: str | None = None
    use_required_attribute = True
    bound_field_class: Any = None
    base_fields: dict = {}

    template_name_div = "django/forms/div.html"
    template_name_p = "django/forms/p.html"
    template_name_table = "django/forms/table.html"
    template_name_ul = "django/forms/ul.html"
    template_name_label = "django/forms/label.html"

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: Any = "id_%s",
        prefix: str | None = None,
        initial: dict | None = None,
        error_class: type = ErrorList,
        label_suffix: Any = None,
        empty_permitted: bool = False,
        field_order: Any = None,
        use_required_attribute: bool | None = None,
        renderer: Any = None,
        bound_field_class: Any = None,
    ) -> None:
        self.is_bound = data is not None or files is not None
        self.data = MultiValueDict() if data is None else data
        self.files = MultiValueDict() if files is None else files
        self.auto_id = auto_id
        if prefix is not None:
            self.prefix = prefix
        self.initial = initial or {}
        self.error_class = error_class
        self.label_suffix = label_suffix if label_suffix is not None else _(":")
        self.empty_permitted = empty_permitted
        self._errors: ErrorDict | None = None
        # Each instance gets its own fields: changing them never touches the class.
        base_fields = self.base_fields
        if type(base_fields) is dict:
            # copy.deepcopy(base_fields) without copying the (immutable) name keys.
            memo: dict = {}
            self.fields = {name: copy.deepcopy(field, memo) for name, field in base_fields.items()}
        else:
            self.fields = copy.deepcopy(base_fields)
        self._bound_fields_cache: dict = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError(
                "The empty_permitted and use_required_attribute arguments may not both be True."
            )
        if renderer is None:
            if self.default_renderer is None:
                renderer = get_default_renderer()
            else:
                renderer = self.default_renderer
                if isinstance(self.default_renderer, type):
                    renderer = renderer()
        self.renderer = renderer
        self.bound_field_class = (
            bound_field_class
            or self.bound_field_class
            or getattr(self.renderer, "bound_field_class", None)
        )

    def order_fields(self, field_order: Any) -> None:
        """Put the named fields first, in that order; unknown names are ignored."""
        if field_order is None:
            return
        fields = {}
        for key in field_order:
            try:
                fields[key] = self.fields.pop(key)
            except KeyError:
                pass
        fields.update(self.fields)
        self.fields = fields

    def __repr__(self) -> str:
        if self._errors is None:
            is_valid: Any = "Unknown"
        else:
            is_valid = self.is_bound and not self._errors
        return "<{cls} bound={bound}, valid={valid}, fields=({fields})>".format(
            cls=self.__class__.__name__,
            bound=self.is_bound,
            valid=is_valid,
            fields=";".join(self.fields),
        )

    def _bound_items(self) -> Any:
        for name in self.fields:
            yield name, self[name]

    def __iter__(self) -> Any:
        for name in self.fields:
            yield self[name]

    def __getitem__(self, name: str) -> Any:
        try:
            field = self.fields[name]
        except KeyError:
            raise KeyError(
                "Key '{}' not found in '{}'. Choices are: {}.".format(
                    name, self.__class__.__name__, ", ".join(sorted(self.fields))
                )
            )
        if name not in self._bound_fields_cache:
            self._bound_fields_cache[name] = field.get_bound_field(self, name)
        return self._bound_fields_cache[name]

    @property
    def errors(self) -> ErrorDict:
        """The ErrorDict of this form (runs full_clean() the first time)."""
        if self._errors is None:
            self.full_clean()
        return self._errors  # type: ignore[return-value]

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors

    def add_prefix(self, field_name: str) -> str:
        return f"{self.prefix}-{field_name}" if self.prefix else field_name

    def add_initial_prefix(self, field_name: str) -> str:
        return f"initial-{self.add_prefix(field_name)}"

    def _widget_data_value(self, widget: Any, html_name: str) -> Any:
        return widget.value_from_datadict(self.data, self.files, html_name)

    @property
    def template_name(self) -> str:  # type: ignore[override]
        return self.renderer.form_template_name

    def get_context(self) -> dict:
        fields = []
        hidden_fields = []
        top_errors = self.non_field_errors().copy()
        for name, bf in self._bound_items():
            if bf.is_hidden:
                if bf.errors:
                    top_errors += [
                        _g("(Hidden field %(name)s) %(error)s") % {"name": name, "error": str(e)}
                        for e in bf.errors
                    ]
                hidden_fields.append(bf)
            else:
                fields.append((bf, bf.errors))
        return {
            "form": self,
            "fields": fields,
            "hidden_fields": hidden_fields,
            "errors": top_errors,
        }

    def non_field_errors(self) -> ErrorList:
        return self.errors.get(
            NON_FIELD_ERRORS, self.error_class(error_class="nonfield", renderer=self.renderer)
        )

    def add_error(self, field: str | None, error: Any) -> None:
        """Attach error (a message, a ValidationError, or a dict of them) to field or the form."""
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError(
                    "The argument `field` must be `None` when the `error` "
                    "argument contains errors for multiple fields."
                )
            errors = error.error_dict
        else:
            errors = {field or NON_FIELD_ERRORS: error.error_list}
        for field_name, error_list in errors.items():
            if field_name not in self.errors:
                if field_name != NON_FIELD_ERRORS and field_name not in self.fields:
                    raise ValueError(
                        f"'{self.__class__.__name__}' has no field named '{field_name}'."
                    )
                if field_name == NON_FIELD_ERRORS:
                    self._errors[field_name] = self.error_class(  # type: ignore[index]
                        error_class="nonfield", renderer=self.renderer
                    )
                else:
                    self._errors[field_name] = self.error_class(  # type: ignore[index]
                        renderer=self.renderer, field_id=self[field_name].auto_id
                    )
            self._errors[field_name].extend(error_list)  # type: ignore[index]
            if field_name in self.cleaned_data:
                del self.cleaned_data[field_name]

    def has_error(self, field: str | None, code: str | None = None) -> bool:
        field = field or NON_FIELD_ERRORS
        return field in self.errors and (
            code is None or any(error.code == code for error in self.errors.as_data()[field])
        )

    def full_clean(self) -> None:
        """Clean every field, then the form; fills errors and cleaned_data."""
        self._errors = ErrorDict(renderer=self.renderer)
        if not self.is_bound:
            return
        self.cleaned_data: dict = {}
        # An empty_permitted form left untouched is valid without validation.
        if self.empty_permitted and not self.has_changed():
            return
        self._clean_fields()
        self._clean_form()
        self._post_clean()

    def _clean_fields(self) -> None:
        for name, bf in self._bound_items():
            field = bf.field
            value = bf.initial if field.disabled else bf.data
            try:
                if isinstance(field, FileField):
                    value = field.clean(value, bf.initial)
                else:
                    value = field.clean(value)
                self.cleaned_data[name] = value
                if hasattr(self, f"clean_{name}"):
                    value = getattr(self, f"clean_{name}")()
                    self.cleaned_data[name] = value
            except ValidationError as e:
                self.add_error(name, e)

    def _clean_form(self) -> None:
        try:
            cleaned_data = self.clean()
        except ValidationError as e:
            self.add_error(None, e)
        else:
            if cleaned_data is not None:
                self.cleaned_data = cleaned_data

    def _post_clean(self) -> None:
        """A hook run after clean() (ModelForm validates the instance here)."""

    def clean(self) -> dict:
        """Form-wide validation; errors raised here go to non_field_errors()."""
        return self.cleaned_data

    def has_changed(self) -> bool:
        return bool(self.changed_data)

    @cached_property
    def changed_data(self) -> list[str]:
        return [name for name, bf in self._bound_items() if bf._has_changed()]

    @property
    def media(self) -> Media:
        media = Media()
        for field in self.fields.values():
            media += field.widget.media
        return media

    def is_multipart(self) -> bool:
        return any(field.widget.needs_multipart_form for field in self.fields.values())

    def hidden_fields(self) -> list:
        return [field for field in self if field.is_hidden]

    def visible_fields(self) -> list:
        return [field for field in self if not field.is_hidden]

    def get_initial_for_field(self, field: Field, field_name: str) -> Any:
        """form.initial, then field.initial; callables are called."""
        value = self.initial.get(field_name, field.initial)
        if callable(value):
            value = value()
        if (
            isinstance(value, (datetime.datetime, datetime.time))
            and not field.widget.supports_microseconds
        ):
            value = value.replace(microsecond=0)
        return value


class Form(BaseForm, metaclass=DeclarativeFieldsMetaclass):
    """A collection of Fields, with their validation and display logic."""

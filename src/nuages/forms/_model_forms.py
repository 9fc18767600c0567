"""ModelForm, its metaclass and options, modelform_factory and the model <-> form helpers.

This module reads models only through their public surface (`_meta`, field `formfield()`,
`full_clean()`, `validate_unique()`, `save()`), so it never imports the ORM: the ORM's fields
import the forms layer for `formfield()`, as in Django.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from typing import Any

from nuages.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldError,
    ImproperlyConfigured,
    ValidationError,
)
from nuages.forms.forms import BaseForm, DeclarativeFieldsMetaclass
from nuages.forms.utils import ErrorList

__all__ = [
    "ALL_FIELDS",
    "BaseModelForm",
    "ModelForm",
    "ModelFormMetaclass",
    "ModelFormOptions",
    "apply_limit_choices_to_to_formfield",
    "construct_instance",
    "fields_for_model",
    "model_to_dict",
    "modelform_factory",
]

ALL_FIELDS = "__all__"


def _is_auto_field(field: Any) -> bool:
    return field.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")


def _is_file_field(field: Any) -> bool:
    return field.get_internal_type() in ("FileField", "ImageField")


def _save_form_data(field: Any, instance: Any, data: Any) -> None:
    save = getattr(field, "save_form_data", None)
    if save is not None:
        save(instance, data)
    else:
        setattr(instance, field.name, data)


def construct_instance(form: Any, instance: Any, fields: Any = None, exclude: Any = None) -> Any:
    """Set the cleaned data of `form` on `instance` (not saved) and return it."""
    opts = instance._meta
    cleaned_data = form.cleaned_data
    file_fields = []
    for f in opts.fields:
        if (
            not f.editable
            or _is_auto_field(f)
            or f.name not in cleaned_data
            or (fields is not None and f.name not in fields)
            or (exclude and f.name in exclude)
        ):
            continue
        # A field absent from the submitted data keeps the model default (checkboxes aside,
        # which are never "omitted").
        form_field = form.fields[f.name]
        if (
            f.has_default()
            and form_field.widget.value_omitted_from_data(
                form.data, form.files, form.add_prefix(f.name)
            )
            and cleaned_data.get(f.name) in form_field.empty_values
        ):
            continue
        if _is_file_field(f):
            file_fields.append(f)
        else:
            _save_form_data(f, instance, cleaned_data[f.name])
    # Files last: upload_to may depend on the other fields.
    for f in file_fields:
        _save_form_data(f, instance, cleaned_data[f.name])
    return instance


def model_to_dict(instance: Any, fields: Any = None, exclude: Any = None) -> dict:
    """The editable field values of `instance`, as a dict usable as a form's `initial`."""
    opts = instance._meta
    data = {}
    for f in chain(opts.concrete_fields, opts.private_fields, opts.many_to_many):
        if not getattr(f, "editable", False):
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        data[f.name] = f.value_from_object(instance)
    return data


def apply_limit_choices_to_to_formfield(formfield: Any) -> None:
    """Filter a ModelChoiceField's queryset by its limit_choices_to."""
    if hasattr(formfield, "queryset") and hasattr(formfield, "get_limit_choices_to"):
        limit = formfield.get_limit_choices_to()
        if limit:
            formfield.queryset = formfield.queryset.filter(limit)


def _selected(name: str, option: Any) -> bool:
    return option == ALL_FIELDS or bool(option and name in option)


def fields_for_model(
    model: type,
    fields: Any = None,
    exclude: Any = None,
    widgets: dict | None = None,
    formfield_callback: Callable | None = None,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    field_classes: dict | None = None,
    *,
    apply_limit_choices_to: bool = True,
    form_declared_fields: dict | None = None,
) -> dict:
    """A dict of form fields for the model's editable fields, in declaration order."""
    field_dict: dict[str, Any] = {}
    ignored = []
    opts = model._meta
    private = [f for f in opts.private_fields if hasattr(f, "formfield")]
    for f in sorted(chain(opts.concrete_fields, private, opts.many_to_many)):
        if not getattr(f, "editable", False):
            if fields is not None and f.name in fields and (not exclude or f.name not in exclude):
                raise FieldError(
                    f"'{f.name}' cannot be specified for {model.__name__} model form as it is "
                    "a non-editable field"
                )
            continue
        if fields is not None and f.name not in fields:
            continue
        if exclude and f.name in exclude:
            continue
        if form_declared_fields and f.name in form_declared_fields:
            field_dict[f.name] = form_declared_fields[f.name]
            continue
        kwargs: dict[str, Any] = {}
        if widgets and f.name in widgets:
            kwargs["widget"] = widgets[f.name]
        if _selected(f.name, localized_fields):
            kwargs["localize"] = True
        if labels and f.name in labels:
            kwargs["label"] = labels[f.name]
        if help_texts and f.name in help_texts:
            kwargs["help_text"] = help_texts[f.name]
        if error_messages and f.name in error_messages:
            kwargs["error_messages"] = error_messages[f.name]
        if field_classes and f.name in field_classes:
            kwargs["form_class"] = field_classes[f.name]
        if formfield_callback is None:
            formfield = f.formfield(**kwargs)
        elif not callable(formfield_callback):
            raise TypeError("formfield_callback must be a function or callable")
        else:
            formfield = formfield_callback(f, **kwargs)
        if formfield:
            if apply_limit_choices_to:
                apply_limit_choices_to_to_formfield(formfield)
            field_dict[f.name] = formfield
        else:
            ignored.append(f.name)
    if fields:
        field_dict = {
            f: field_dict.get(f)
            for f in fields
            if (not exclude or f not in exclude) and f not in ignored
        }
    return field_dict


class ModelFormOptions:
    """A ModelForm's Meta, with Django's defaults."""

    def __init__(self, options: Any = None) -> None:
        self.model = getattr(options, "model", None)
        self.fields = getattr(options, "fields", None)
        self.exclude = getattr(options, "exclude", None)
        self.widgets = getattr(options, "widgets", None)
        self.localized_fields = getattr(options, "localized_fields", None)
        self.labels = getattr(options, "labels", None)
        self.help_texts = getattr(options, "help_texts", None)
        self.error_messages = getattr(options, "error_messages", None)
        self.field_classes = getattr(options, "field_classes", None)
        self.formfield_callback = getattr(options, "formfield_callback", None)


class ModelFormMetaclass(DeclarativeFieldsMetaclass):
    """Builds base_fields from Meta.model plus the declared fields."""

    def __new__(mcs, name: str, bases: tuple, attrs: dict) -> type:
        new_class = super().__new__(mcs, name, bases, attrs)
        if bases == (BaseModelForm,):
            return new_class
        opts = new_class._meta = ModelFormOptions(getattr(new_class, "Meta", None))
        for option in ("fields", "exclude", "localized_fields"):
            value = getattr(opts, option)
            if isinstance(value, str) and value != ALL_FIELDS:
                raise TypeError(
                    f"{new_class.__name__}.Meta.{option} cannot be a string. "
                    f"Did you mean to type: ('{value}',)?"
                )
        # A formfield_callback declared on the form class (Django 4.2+) applies too.
        callback = opts.formfield_callback or attrs.get("formfield_callback")
        if callback is None:
            for base in new_class.__mro__[1:]:
                meta = getattr(base, "_meta", None)
                if isinstance(meta, ModelFormOptions) and meta.formfield_callback:
                    callback = meta.formfield_callback
                    break
        opts.formfield_callback = callback
        if opts.model is None:
            new_class.base_fields = new_class.declared_fields
            return new_class
        if opts.fields is None and opts.exclude is None:
            raise ImproperlyConfigured(
                "Creating a ModelForm without either the 'fields' attribute or the 'exclude' "
                f"attribute is prohibited; form {name} needs updating."
            )
        if opts.fields == ALL_FIELDS:
            # Every field, in model order.
            opts.fields = None
        fields = fields_for_model(
            opts.model,
            opts.fields,
            opts.exclude,
            opts.widgets,
            callback,
            opts.localized_fields,
            opts.labels,
            opts.help_texts,
            opts.error_messages,
            opts.field_classes,
            apply_limit_choices_to=False,
            form_declared_fields=new_class.declared_fields,
        )
        missing = sorted(
            k for k, v in fields.items() if not v and k not in new_class.declared_fields
        )
        if missing:
            raise FieldError(
                f"Unknown field(s) ({', '.join(missing)}) specified for {opts.model.__name__}"
            )
        fields.update(new_class.declared_fields)
        new_class.base_fields = fields
        return new_class


class BaseModelForm(BaseForm):
    """A form editing one model instance: model validation on is_valid(), save()."""

    _meta: ModelFormOptions = ModelFormOptions()

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
        instance: Any = None,
        use_required_attribute: bool | None = None,
        renderer: Any = None,
        **kwargs: Any,
    ) -> None:
        opts = self._meta
        if opts.model is None:
            raise ValueError("ModelForm has no model class specified.")
        if instance is None:
            self.instance = opts.model()
            object_data: dict = {}
        else:
            self.instance = instance
            object_data = model_to_dict(instance, opts.fields, opts.exclude)
        if initial is not None:
            object_data.update(initial)
        # Set by clean(): a clean() override that skips super() skips unique checks, as in Django.
        self._validate_unique = False
        super().__init__(
            data=data,
            files=files,
            auto_id=auto_id,
            prefix=prefix,
            initial=object_data,
            error_class=error_class,
            label_suffix=label_suffix,
            empty_permitted=empty_permitted,
            use_required_attribute=use_required_attribute,
            renderer=renderer,
            **kwargs,
        )
        for formfield in self.fields.values():
            apply_limit_choices_to_to_formfield(formfield)

    def _get_validation_exclusions(self) -> set[str]:
        """Model fields the model validation must skip (not on the form, or already failed)."""
        exclude = set()
        opts = self._meta
        for f in self.instance._meta.fields:
            name = f.name
            if (
                name not in self.fields
                or (opts.fields and name not in opts.fields)
                or (opts.exclude and name in opts.exclude)
                or name in self._errors
            ):
                exclude.add(name)
            else:
                # An optional form field left empty for a model field that is not blank:
                # the model would reject it, but the form author chose to allow it.
                form_field = self.fields[name]
                value = self.cleaned_data.get(name)
                if not f.blank and not form_field.required and value in form_field.empty_values:
                    exclude.add(name)
        return exclude

    def clean(self) -> dict:
        self._validate_unique = True
        return self.cleaned_data

    def _update_errors(self, errors: ValidationError) -> None:
        # Meta.error_messages and the form fields' messages override the model's, per code.
        opts = self._meta
        error_dict = getattr(errors, "error_dict", None) or {NON_FIELD_ERRORS: errors.error_list}
        for field, messages in error_dict.items():
            if (
                field == NON_FIELD_ERRORS
                and opts.error_messages
                and NON_FIELD_ERRORS in opts.error_messages
            ):
                overrides = opts.error_messages[NON_FIELD_ERRORS]
            elif field in self.fields:
                overrides = self.fields[field].error_messages
            else:
                continue
            for message in messages:
                if isinstance(message, ValidationError) and message.code in overrides:
                    message.message = overrides[message.code]
        known = {k: v for k, v in error_dict.items() if k == NON_FIELD_ERRORS or k in self.fields}
        stray = [e for k, v in error_dict.items() if k not in known for e in v]
        if stray:
            known.setdefault(NON_FIELD_ERRORS, []).extend(stray)
        self.add_error(None, known)

    def _post_clean(self) -> None:
        opts = self._meta
        exclude = self._get_validation_exclusions()
        try:
            self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)
        except ValidationError as e:
            self._update_errors(e)
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as e:
            self._update_errors(e)
        if self._validate_unique:
            self.validate_unique()

    def validate_unique(self) -> None:
        """Run the model's unique checks; their errors become form errors."""
        exclude = self._get_validation_exclusions()
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as e:
            self._update_errors(e)

    def _save_m2m(self) -> None:
        cleaned_data = self.cleaned_data
        opts = self._meta
        model_opts = self.instance._meta
        for f in chain(model_opts.many_to_many, model_opts.private_fields):
            if not hasattr(f, "save_form_data"):
                continue
            if opts.fields and f.name not in opts.fields:
                continue
            if opts.exclude and f.name in opts.exclude:
                continue
            if f.name in cleaned_data:
                f.save_form_data(self.instance, cleaned_data[f.name])

    def save(self, commit: bool = True) -> Any:
        """Save the instance (commit=True) or return it unsaved, with save_m2m() to call later."""
        if self.errors:
            action = "created" if self.instance._state.adding else "changed"
            raise ValueError(
                f"The {self.instance._meta.object_name} could not be {action} because the data "
                "didn't validate."
            )
        if commit:
            self.instance.save()
            self._save_m2m()
        else:
            self.save_m2m = self._save_m2m
        return self.instance

    save.alters_data = True  # type: ignore[attr-defined]


class ModelForm(BaseModelForm, metaclass=ModelFormMetaclass):
    """Subclass with an inner Meta naming the model and its fields (or exclude)."""


def modelform_factory(
    model: type,
    form: type = ModelForm,
    fields: Any = None,
    exclude: Any = None,
    formfield_callback: Callable | None = None,
    widgets: dict | None = None,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    field_classes: dict | None = None,
) -> type:
    """A ModelForm class for `model` (Meta inherits from form.Meta when it has one)."""
    attrs: dict[str, Any] = {"model": model}
    for key, value in (
        ("fields", fields),
        ("exclude", exclude),
        ("widgets", widgets),
        ("localized_fields", localized_fields),
        ("labels", labels),
        ("help_texts", help_texts),
        ("error_messages", error_messages),
        ("field_classes", field_classes),
    ):
        if value is not None:
            attrs[key] = value
    if formfield_callback is not None:
        attrs["formfield_callback"] = staticmethod(formfield_callback)
    bases = (form.Meta,) if hasattr(form, "Meta") else ()
    meta = type("Meta", bases, attrs)
    if getattr(meta, "fields", None) is None and getattr(meta, "exclude", None) is None:
        raise ImproperlyConfigured(
            "Calling modelform_factory without defining 'fields' or 'exclude' explicitly is "
            "prohibited."
        )
    return type(form)(f"{model.__name__}Form", (form,), {"Meta": meta})

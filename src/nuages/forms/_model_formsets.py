"""Model formsets: BaseModelFormSet and modelformset_factory (inline formsets wait for FKs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nuages.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, ValidationError
from nuages.forms._model_choices import ModelChoiceField
from nuages.forms._model_forms import ModelForm, modelform_factory
from nuages.forms.formsets import BaseFormSet, formset_factory
from nuages.forms.widgets import HiddenInput
from nuages.utils.text import get_text_list
from nuages.utils.translation import gettext as _

__all__ = [
    "BaseInlineFormSet",
    "BaseModelFormSet",
    "inlineformset_factory",
    "modelformset_factory",
]


def _pk_is_not_editable(pk: Any) -> bool:
    return (
        not pk.editable
        or pk.auto_created
        or pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")
        or (pk.remote_field is not None and getattr(pk.remote_field, "parent_link", False))
    )


class BaseModelFormSet(BaseFormSet):
    """A formset editing the objects of a queryset, plus `extra` new ones."""

    model: Any = None
    edit_only = False
    # Fields (of an inline formset's FK) whose value is the same for every form.
    unique_fields: set = set()

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: str = "id_%s",
        prefix: str | None = None,
        queryset: Any = None,
        *,
        initial: list | None = None,
        **kwargs: Any,
    ) -> None:
        self.queryset = queryset
        self.initial_extra = initial
        super().__init__(data=data, files=files, auto_id=auto_id, prefix=prefix, **kwargs)

    def initial_form_count(self) -> int:
        if not self.is_bound:
            return len(self.get_queryset())
        return super().initial_form_count()

    def _existing_object(self, pk: Any) -> Any:
        if not hasattr(self, "_object_dict"):
            self._object_dict = {o.pk: o for o in self.get_queryset()}
        return self._object_dict.get(pk)

    def _get_to_python(self, field: Any) -> Callable:
        return field.to_python

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        pk_required = i < self.initial_form_count()
        if pk_required:
            if self.is_bound:
                pk_name = self.model._meta.pk.name
                pk_value = self.data.get(f"{self.add_prefix(i)}-{pk_name}")
                if pk_value is not None:
                    try:
                        pk = self._get_to_python(self.model._meta.pk)(pk_value)
                    except (ValidationError, ValueError, TypeError):
                        pass
                    else:
                        kwargs["instance"] = self._existing_object(pk)
            else:
                kwargs["instance"] = self.get_queryset()[i]
        elif self.initial_extra:
            try:
                kwargs["initial"] = self.initial_extra[i - self.initial_form_count()]
            except IndexError:
                pass
        form = super()._construct_form(i, **kwargs)
        if pk_required:
            form.fields[self.model._meta.pk.name].required = True
        return form

    def get_queryset(self) -> Any:
        if not hasattr(self, "_queryset"):
            qs = self.queryset
            if qs is None:
                qs = self.model._default_manager.get_queryset()
            # Forms are matched to objects by position: the order must be stable.
            if not qs.ordered:
                qs = qs.order_by(self.model._meta.pk.name)
            self._queryset = qs
        return self._queryset

    def save_new(self, form: Any, commit: bool = True) -> Any:
        return form.save(commit=commit)

    def save_existing(self, form: Any, obj: Any, commit: bool = True) -> Any:
        return form.save(commit=commit)

    def delete_existing(self, obj: Any, commit: bool = True) -> None:
        if commit:
            obj.delete()

    def save(self, commit: bool = True) -> list:
        """Save the changed and new objects, delete the deleted ones; returns the saved ones."""
        if not commit:
            self.saved_forms: list = []

            def save_m2m() -> None:
                for form in self.saved_forms:
                    form.save_m2m()

            self.save_m2m = save_m2m
        if self.edit_only:
            return self.save_existing_objects(commit)
        return self.save_existing_objects(commit) + self.save_new_objects(commit)

    save.alters_data = True  # type: ignore[attr-defined]

    def clean(self) -> None:
        self.validate_unique()

    def validate_unique(self) -> None:
        """Unique fields (and unique_together) must not repeat across the forms."""
        forms_to_delete = self.deleted_forms
        valid_forms = [f for f in self.forms if f.is_valid() and f not in forms_to_delete]
        checks: list[tuple[str, ...]] = []
        for form in valid_forms:
            exclude = form._get_validation_exclusions()
            opts = form.instance._meta
            for check in [(f.name,) for f in opts.fields if f.unique] + [
                tuple(t) for t in opts.unique_together
            ]:
                if not exclude.intersection(check) and check not in checks:
                    checks.append(check)
        errors = []
        for check in checks:
            seen = set()
            for form in valid_forms:
                row = tuple(
                    _hashable(field if field in self.unique_fields else form.cleaned_data[field])
                    for field in check
                    if field in form.cleaned_data
                )
                if row and None not in row:
                    if row in seen:
                        errors.append(self.get_unique_error_message(check))
                        form._errors[NON_FIELD_ERRORS] = self.error_class(
                            [self.get_form_error()], renderer=self.renderer
                        )
                        # Drop the duplicated data so save() cannot store it.
                        for field in check:
                            form.cleaned_data.pop(field, None)
                    seen.add(row)
        if errors:
            raise ValidationError(errors)

    def get_unique_error_message(self, unique_check: tuple) -> str:
        if len(unique_check) == 1:
            return _("Please correct the duplicate data for %(field)s.") % {
                "field": unique_check[0]
            }
        return _("Please correct the duplicate data for %(field)s, which must be unique.") % {
            "field": get_text_list(unique_check, _("and"))
        }

    def get_form_error(self) -> str:
        return _("Please correct the duplicate values below.")

    def save_existing_objects(self, commit: bool = True) -> list:
        self.changed_objects: list = []
        self.deleted_objects: list = []
        if not self.initial_forms:
            return []
        saved = []
        forms_to_delete = self.deleted_forms
        for form in self.initial_forms:
            obj = form.instance
            # A tampered pk left the form without an existing object: never create one here.
            if obj.pk is None:
                continue
            if form in forms_to_delete:
                self.deleted_objects.append(obj)
                self.delete_existing(obj, commit=commit)
            elif form.has_changed():
                self.changed_objects.append((obj, form.changed_data))
                saved.append(self.save_existing(form, obj, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved

    def save_new_objects(self, commit: bool = True) -> list:
        self.new_objects: list = []
        for form in self.extra_forms:
            if not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            self.new_objects.append(self.save_new(form, commit=commit))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects

    def add_fields(self, form: Any, index: int | None) -> None:
        """Add the hidden primary key field (a ModelChoiceField over the queryset)."""
        pk = self._pk_field = self.model._meta.pk
        if _pk_is_not_editable(pk) or pk.name not in form.fields:
            if form.is_bound:
                pk_value = None if form.instance._state.adding else form.instance.pk
            else:
                try:
                    pk_value = self.get_queryset()[index].pk if index is not None else None
                except IndexError:
                    pk_value = None
            qs = self.model._default_manager.get_queryset()
            if form.instance._state.db:
                qs = qs.using(form.instance._state.db)
            widgets = getattr(form._meta, "widgets", None) or {}
            widget = widgets.get(pk.name, HiddenInput)
            form.fields[pk.name] = ModelChoiceField(
                qs, initial=pk_value, required=False, widget=widget
            )
        super().add_fields(form, index)


def _hashable(value: Any) -> Any:
    if hasattr(value, "_get_pk_val"):
        return value._get_pk_val()
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def modelformset_factory(
    model: type,
    form: type = ModelForm,
    formfield_callback: Callable | None = None,
    formset: type = BaseModelFormSet,
    extra: int = 1,
    can_delete: bool = False,
    can_order: bool = False,
    max_num: int | None = None,
    fields: Any = None,
    exclude: Any = None,
    widgets: dict | None = None,
    validate_max: bool = False,
    localized_fields: Any = None,
    labels: dict | None = None,
    help_texts: dict | None = None,
    error_messages: dict | None = None,
    min_num: int | None = None,
    validate_min: bool = False,
    field_classes: dict | None = None,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
    edit_only: bool = False,
) -> type:
    """A FormSet class editing objects of `model`."""
    meta = getattr(form, "Meta", None)
    if getattr(meta, "fields", fields) is None and getattr(meta, "exclude", exclude) is None:
        raise ImproperlyConfigured(
            "Calling modelformset_factory without defining 'fields' or 'exclude' explicitly is "
            "prohibited."
        )
    form = modelform_factory(
        model,
        form=form,
        fields=fields,
        exclude=exclude,
        formfield_callback=formfield_callback,
        widgets=widgets,
        localized_fields=localized_fields,
        labels=labels,
        help_texts=help_texts,
        error_messages=error_messages,
        field_classes=field_classes,
    )
    formset_class = formset_factory(
        form,
        formset,
        extra=extra,
        min_num=min_num,
        max_num=max_num,
        can_order=can_order,
        can_delete=can_delete,
        validate_min=validate_min,
        validate_max=validate_max,
        absolute_max=absolute_max,
        can_delete_extra=can_delete_extra,
        renderer=renderer,
    )
    formset_class.model = model
    formset_class.edit_only = edit_only
    return formset_class


_NO_FK = (
    "Inline formsets need ForeignKey, which the nuages ORM does not have yet; "
    "use modelformset_factory() with a filtered queryset meanwhile."
)


class BaseInlineFormSet(BaseModelFormSet):
    """The objects related to a parent instance by a ForeignKey (waits for ForeignKey)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(_NO_FK)


def inlineformset_factory(parent_model: type, model: type, *args: Any, **kwargs: Any) -> type:
    """A formset for the objects of `model` related to `parent_model` (waits for ForeignKey)."""
    raise NotImplementedError(_NO_FK)

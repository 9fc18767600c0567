"""ModelChoiceField and ModelMultipleChoiceField: choices drawn from a queryset.

They only use the public QuerySet API (`all`, `get`, `filter`, `none`, `iterator`, `count`,
`exists`), so they work with any model; ForeignKey/ManyToManyField will return them from
`formfield()` once relations exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nuages.core.exceptions import ValidationError
from nuages.forms._choices import BaseChoiceIterator
from nuages.forms._fields_base import Field
from nuages.forms._fields_choice import ChoiceField
from nuages.forms.widgets import MultipleHiddenInput, RadioSelect, SelectMultiple
from nuages.utils.translation import gettext_lazy as _

__all__ = [
    "ModelChoiceField",
    "ModelChoiceIterator",
    "ModelChoiceIteratorValue",
    "ModelMultipleChoiceField",
]

# What a lookup with a bad value may raise: never let it become a 500.
_LOOKUP_ERRORS = (ValueError, TypeError, OverflowError, ValidationError)


class ModelChoiceIteratorValue:
    """A choice's value (the pk or `to_field_name`) that also carries the model instance."""

    def __init__(self, value: Any, instance: Any) -> None:
        self.value = value
        self.instance = instance

    def __str__(self) -> str:
        return str(self.value)

    def __hash__(self) -> int:
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ModelChoiceIteratorValue):
            other = other.value
        return self.value == other

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.value!r}>"


class ModelChoiceIterator(BaseChoiceIterator):
    """Yields (value, label) pairs from the field's queryset, evaluated on each iteration."""

    def __init__(self, field: ModelChoiceField) -> None:
        self.field = field
        self.queryset = field.queryset

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # A fresh query per iteration (never the queryset's result cache): choices are current.
        queryset = self.queryset
        if not getattr(queryset, "_prefetch_related_lookups", ()) and hasattr(queryset, "iterator"):
            queryset = queryset.iterator()
        for obj in queryset:
            yield self.choice(obj)

    def __len__(self) -> int:
        # count() runs a COUNT query; the empty label is one more choice.
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or self.queryset.exists()

    def choice(self, obj: Any) -> tuple[ModelChoiceIteratorValue, Any]:
        return (
            ModelChoiceIteratorValue(self.field.prepare_value(obj), obj),
            self.field.label_from_instance(obj),
        )


class ModelChoiceField(ChoiceField):
    """A choice among the objects of a queryset; cleans to a model instance."""

    default_error_messages = {
        "invalid_choice": _(
            "Select a valid choice. That choice is not one of the available choices."
        ),
    }
    iterator = ModelChoiceIterator

    def __init__(
        self,
        queryset: Any,
        *,
        empty_label: Any = "---------",
        required: bool = True,
        widget: Any = None,
        label: Any = None,
        initial: Any = None,
        help_text: Any = "",
        to_field_name: str | None = None,
        limit_choices_to: Any = None,
        blank: bool = False,
        **kwargs: Any,
    ) -> None:
        # ChoiceField.__init__ would set static choices: go to Field directly.
        Field.__init__(
            self,
            required=required,
            widget=widget,
            label=label,
            initial=initial,
            help_text=help_text,
            **kwargs,
        )
        if (required and initial is not None) or (
            isinstance(self.widget, RadioSelect) and not blank
        ):
            self.empty_label = None
        else:
            self.empty_label = empty_label
        self.queryset = queryset
        self.limit_choices_to = limit_choices_to
        self.to_field_name = to_field_name

    def get_limit_choices_to(self) -> Any:
        if callable(self.limit_choices_to):
            return self.limit_choices_to()
        return self.limit_choices_to

    def __deepcopy__(self, memo: dict) -> ModelChoiceField:
        result = Field.__deepcopy__(self, memo)
        if self._queryset is not None:
            result.queryset = self._queryset.all()
        return result

    @property
    def queryset(self) -> Any:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: Any) -> None:
        self._queryset = None if queryset is None else queryset.all()
        self.widget.choices = self.choices

    def label_from_instance(self, obj: Any) -> str:
        """How an object is shown in the choices; override to customise."""
        return str(obj)

    @property
    def choices(self) -> Any:  # type: ignore[override]
        if "_choices" in self.__dict__:
            return self._choices
        # A fresh iterator each time: the queryset is evaluated when rendered, not now.
        return self.iterator(self)

    @choices.setter
    def choices(self, value: Any) -> None:
        ChoiceField.choices.fset(self, value)  # type: ignore[attr-defined]

    def prepare_value(self, value: Any) -> Any:
        if hasattr(value, "_meta"):
            if self.to_field_name:
                return value.serializable_value(self.to_field_name)
            return value.pk
        return super().prepare_value(value)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        try:
            return self.queryset.get(**{key: value})
        except (*_LOOKUP_ERRORS, self.queryset.model.DoesNotExist):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def validate(self, value: Any) -> None:
        Field.validate(self, value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial_value = initial if initial is not None else ""
        data_value = data if data is not None else ""
        return str(self.prepare_value(initial_value)) != str(data_value)


class ModelMultipleChoiceField(ModelChoiceField):
    """Several objects of a queryset; cleans to a queryset of the chosen ones."""

    widget = SelectMultiple
    hidden_widget = MultipleHiddenInput
    default_error_messages = {
        "invalid_list": _("Enter a list of values."),
        "invalid_choice": _(
            "Select a valid choice. %(value)s is not one of the available choices."
        ),
        "invalid_pk_value": _("“%(pk)s” is not a valid value."),
    }

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, empty_label=None, **kwargs)

    def to_python(self, value: Any) -> list:
        if not value:
            return []
        return list(self._check_values(value))

    def clean(self, value: Any) -> Any:
        value = self.prepare_value(value)
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not self.required and not value:
            return self.queryset.none()
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        qs = self._check_values(value)
        # Validators see the raw values, as in Django.
        self.run_validators(value)
        return qs

    def _check_values(self, value: Any) -> Any:
        """The queryset of the chosen objects; every value must be valid and exist."""
        key = self.to_field_name or "pk"
        try:
            values = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        for pk in values:
            try:
                # Evaluated here so a value of the wrong type is caught now.
                self.queryset.filter(**{key: pk}).exists()
            except _LOOKUP_ERRORS:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        qs = self.queryset.filter(**{f"{key}__in": values})
        found = {str(getattr(obj, key)) for obj in qs}
        for val in values:
            if str(val) not in found:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": val},
                )
        return qs

    def prepare_value(self, value: Any) -> Any:
        if (
            hasattr(value, "__iter__")
            and not isinstance(value, str | bytes)
            and not hasattr(value, "_meta")
        ):
            return [super(ModelMultipleChoiceField, self).prepare_value(v) for v in value]
        return super().prepare_value(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial = [] if initial is None else initial
        data = [] if data is None else data
        if len(initial) != len(data):
            return True
        initial_set = {str(v) for v in self.prepare_value(initial)}
        data_set = {str(v) for v in data}
        return data_set != initial_set

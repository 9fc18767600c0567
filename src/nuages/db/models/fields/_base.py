"""Field: the base class every model field derives from."""

from __future__ import annotations

import copy
import enum
from collections.abc import Callable, Mapping
from functools import partialmethod, total_ordering
from typing import Any

from nuages import forms
from nuages.core import exceptions
from nuages.db.models._registry import RegisterLookupMixin
from nuages.db.models.query_utils import DeferredAttribute
from nuages.utils.text import capfirst

__all__ = ["NOT_PROVIDED", "Field"]


_INTERNAL_TYPES: dict[type, str] = {}
_INTERNAL_ALIASES = {"EmailField": "CharField", "URLField": "CharField"}


class NOT_PROVIDED:
    pass


BLANK_CHOICE_DASH = [("", "---------")]

DEFAULT_ERROR_MESSAGES = {
    "invalid_choice": "Value %(value)r is not a valid choice.",
    "null": "This field cannot be null.",
    "blank": "This field cannot be blank.",
    "unique": "%(model_name)s with this %(field_label)s already exists.",
}


def _normalize_choices(choices: Any) -> Any:
    if choices is None:
        return None
    if isinstance(choices, enum.EnumType) and hasattr(choices, "choices"):
        return list(choices.choices)
    if callable(choices):
        return _normalize_choices(choices())
    if isinstance(choices, Mapping):
        choices = choices.items()
    result = []
    for value, label in choices:
        if isinstance(label, Mapping) or (
            isinstance(label, list | tuple) and label and isinstance(label[0], list | tuple)
        ):
            result.append((value, _normalize_choices(label)))
        else:
            result.append((value, label))
    return result


@total_ordering
class Field(RegisterLookupMixin):
    """A column of a model: Python value <-> database value, validation, metadata."""

    empty_strings_allowed = True
    empty_values = (None, "", [], (), {})
    creation_counter = 0
    auto_creation_counter = -1
    default_validators: list = []
    default_error_messages: dict = {}
    system_check_deprecated_details = None
    descriptor_class = DeferredAttribute
    is_relation = False
    many_to_many = many_to_one = one_to_many = one_to_one = None
    related_model = None
    remote_field = None
    concrete = True
    generated = False
    hidden = False
    description = "Field"

    def __init__(
        self,
        verbose_name: str | None = None,
        name: str | None = None,
        primary_key: bool = False,
        max_length: int | None = None,
        unique: bool = False,
        blank: bool = False,
        null: bool = False,
        db_index: bool = False,
        rel: Any = None,
        default: Any = NOT_PROVIDED,
        editable: bool = True,
        serialize: bool = True,
        unique_for_date: str | None = None,
        unique_for_month: str | None = None,
        unique_for_year: str | None = None,
        choices: Any = None,
        help_text: str = "",
        db_column: str | None = None,
        db_tablespace: str | None = None,
        auto_created: bool = False,
        validators: Any = (),
        error_messages: dict | None = None,
        db_comment: str | None = None,
        db_default: Any = NOT_PROVIDED,
    ) -> None:
        self.name = name
        self.verbose_name = verbose_name
        self._verbose_name = verbose_name
        self.primary_key = primary_key
        self.max_length = max_length
        self._unique = unique
        self.blank, self.null = blank, null
        self.remote_field = rel
        self.default = default
        self.db_default = db_default
        self.editable = editable
        self.serialize = serialize
        self.unique_for_date = unique_for_date
        self.unique_for_month = unique_for_month
        self.unique_for_year = unique_for_year
        self._raw_choices = choices
        self.choices = _normalize_choices(choices)
        self.help_text = help_text
        self.db_index = db_index
        self.db_column = db_column
        self.db_comment = db_comment
        self.db_tablespace = db_tablespace
        self.auto_created = auto_created
        if auto_created:
            self.creation_counter = Field.auto_creation_counter
            Field.auto_creation_counter -= 1
        else:
            self.creation_counter = Field.creation_counter
            Field.creation_counter += 1
        self._validators = list(validators)
        messages: dict = {}
        for klass in reversed(type(self).__mro__):
            messages.update(getattr(klass, "default_error_messages", {}))
        messages.update(DEFAULT_ERROR_MESSAGES | messages)
        messages.update(error_messages or {})
        self._error_messages = error_messages
        self.error_messages = messages
        self.model: Any = None
        self.attname: str | None = None
        self.column: str | None = None
        self._converters: dict = {}

    # -- identity ---------------------------------------------------------------------------
    def __str__(self) -> str:
        if self.model is None:
            return super().__str__()
        return f"{self.model._meta.label}.{self.name}"

    def __repr__(self) -> str:
        path = f"{type(self).__module__}.{type(self).__qualname__}"
        name = getattr(self, "name", None)
        return f"<{path}: {name}>" if name is not None else f"<{path}>"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Field):
            return self.creation_counter == other.creation_counter and self.model == other.model
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Field):
            if self.creation_counter != other.creation_counter:
                return self.creation_counter < other.creation_counter
            return str(self) < str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.creation_counter)

    def __deepcopy__(self, memodict: dict) -> Field:
        obj = copy.copy(self)
        obj._converters = {}
        memodict[id(self)] = obj
        return obj

    # -- class wiring -----------------------------------------------------------------------
    def get_attname(self) -> str:
        return self.name  # type: ignore[return-value]

    def get_attname_column(self) -> tuple[str, str]:
        attname = self.get_attname()
        return attname, self.db_column or attname

    def set_attributes_from_name(self, name: str) -> None:
        self.name = self.name or name
        self.attname, self.column = self.get_attname_column()
        self.concrete = self.column is not None
        if self.verbose_name is None and self.name:
            self.verbose_name = self.name.replace("_", " ")

    def contribute_to_class(self, cls: type, name: str, private_only: bool = False) -> None:
        self.set_attributes_from_name(name)
        self.model = cls
        cls._meta.add_field(self, private=private_only)  # type: ignore[attr-defined]
        if self.column and self.attname not in cls.__dict__:
            setattr(cls, self.attname, self.descriptor_class(self))
        if self.choices is not None and f"get_{self.name}_display" not in cls.__dict__:
            setattr(
                cls, f"get_{self.name}_display", partialmethod(cls._get_FIELD_display, field=self)
            )  # type: ignore[attr-defined]

    def check(self, **kwargs: Any) -> list:
        return []

    # -- metadata ---------------------------------------------------------------------------
    @property
    def unique(self) -> bool:
        return self._unique or self.primary_key

    @property
    def validators(self) -> list:
        return [*self.default_validators, *self._validators]

    @property
    def flatchoices(self) -> list:
        if self.choices is None:
            return []
        flat = []
        for value, label in self.choices:
            if isinstance(label, list | tuple):
                flat.extend(label)
            else:
                flat.append((value, label))
        return flat

    def get_internal_type(self) -> str:
        """The nearest built-in field class's name, as Django (EmailField -> "CharField")."""
        cls = type(self)
        name = _INTERNAL_TYPES.get(cls)
        if name is None:
            name = cls.__name__
            for klass in cls.__mro__:
                if klass.__module__.startswith(__package__) and not klass.__name__.startswith("_"):
                    name = _INTERNAL_ALIASES.get(klass.__name__, klass.__name__)
                    break
            _INTERNAL_TYPES[cls] = name
        return name

    def has_default(self) -> bool:
        return self.default is not NOT_PROVIDED

    def has_db_default(self) -> bool:
        return self.db_default is not NOT_PROVIDED

    def get_default(self) -> Any:
        return self._get_default()

    @property
    def _get_default(self) -> Callable[[], Any]:
        if self.has_default():
            if callable(self.default):
                return self.default
            return lambda: self.default
        if self.has_db_default():
            return lambda: self.db_default
        if not self.empty_strings_allowed or self.null:
            return _return_none
        return str

    def get_choices(
        self, include_blank: bool = True, blank_choice: list = BLANK_CHOICE_DASH
    ) -> list:
        choices = list(self.choices or [])
        if include_blank and not any(v in ("", None) for v, _ in self.flatchoices):
            choices = blank_choice + choices
        return choices

    def value_from_object(self, obj: Any) -> Any:
        return getattr(obj, self.attname)  # type: ignore[arg-type]

    def value_to_string(self, obj: Any) -> str:
        return str(self.value_from_object(obj))

    def deconstruct(self) -> tuple[str | None, str, list, dict]:
        defaults = {
            "verbose_name": None,
            "primary_key": False,
            "max_length": None,
            "unique": False,
            "blank": False,
            "null": False,
            "db_index": False,
            "default": NOT_PROVIDED,
            "editable": True,
            "choices": None,
            "help_text": "",
            "db_column": None,
            "db_comment": None,
            "db_tablespace": None,
            "validators": [],
            "error_messages": None,
            "db_default": NOT_PROVIDED,
            "unique_for_date": None,
            "unique_for_month": None,
            "unique_for_year": None,
        }
        attrs = {
            "verbose_name": self._verbose_name,
            "primary_key": self.primary_key,
            "max_length": self.max_length,
            "unique": self._unique,
            "blank": self.blank,
            "null": self.null,
            "db_index": self.db_index,
            "default": self.default,
            "editable": self.editable,
            "choices": self._raw_choices,
            "help_text": self.help_text,
            "db_column": self.db_column,
            "db_comment": self.db_comment,
            "db_tablespace": self.db_tablespace,
            "validators": self._validators,
            "error_messages": self._error_messages,
            "db_default": self.db_default,
            "unique_for_date": self.unique_for_date,
            "unique_for_month": self.unique_for_month,
            "unique_for_year": self.unique_for_year,
        }
        kwargs = {k: v for k, v in attrs.items() if v is not defaults[k] and v != defaults[k]}
        module = type(self).__module__
        if module.startswith("nuages.db.models.fields"):
            module = "nuages.db.models"
        return self.name, f"{module}.{type(self).__qualname__}", [], kwargs

    def clone(self) -> Field:
        _name, _path, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)

    # -- database types ---------------------------------------------------------------------
    def db_type_parameters(self, connection: Any) -> dict:
        data = dict(self.__dict__)
        data.setdefault("max_length", None)
        return data

    def db_type(self, connection: Any) -> str | None:
        data_types = getattr(connection, "data_types", None) or {}
        template = data_types.get(self.get_internal_type())
        if template is None:
            return None
        if callable(template):
            return template(self.db_type_parameters(connection))
        return template % self.db_type_parameters(connection)

    def rel_db_type(self, connection: Any) -> str | None:
        return self.db_type(connection)

    def db_parameters(self, connection: Any) -> dict:
        data_checks = getattr(connection, "data_type_check_constraints", None) or {}
        check = data_checks.get(self.get_internal_type())
        if check is not None:
            check = check % self.db_type_parameters(connection)
        return {"type": self.db_type(connection), "check": check}

    def db_type_suffix(self, connection: Any) -> str | None:
        return (getattr(connection, "data_types_suffix", None) or {}).get(self.get_internal_type())

    def get_db_converters(self, connection: Any) -> list:
        if hasattr(self, "from_db_value"):
            return [self.from_db_value]
        return []

    @property
    def db_returning(self) -> bool:
        return self.has_db_default()

    # -- value conversion -------------------------------------------------------------------
    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if hasattr(value, "_proxy____cast"):
            value = value._proxy____cast()
        return value

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        if hasattr(value, "as_sql") or hasattr(value, "resolve_expression"):
            return value
        return self.get_db_prep_value(value, connection=connection, prepared=False)

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        return getattr(model_instance, self.attname)  # type: ignore[arg-type]

    def _invalid(self, value: Any, kind: str) -> ValueError:
        return ValueError(f"Field '{self.name}' expected {kind} but got {value!r}.")

    def _prep_via_to_python(self, value: Any, kind: str) -> Any:
        """The get_prep_value of fields whose database value is what to_python() returns."""
        if value is None or hasattr(value, "resolve_expression"):
            return value
        try:
            return self.to_python(value)
        except exceptions.ValidationError as e:
            raise self._invalid(value, kind) from e

    # -- validation -------------------------------------------------------------------------
    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        errors = []
        for validator in self.validators:
            try:
                validator(value)
            except exceptions.ValidationError as e:
                if hasattr(e, "code") and e.code in self.error_messages:
                    e.message = self.error_messages[e.code]
                errors.extend(e.error_list)
        if errors:
            raise exceptions.ValidationError(errors)

    def validate(self, value: Any, model_instance: Any) -> None:
        if not self.editable:
            return
        if (
            self.choices is not None
            and value not in self.empty_values
            and not any(value == v for v, _ in self.flatchoices)
        ):
            raise exceptions.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        if value is None and not self.null:
            raise exceptions.ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise exceptions.ValidationError(self.error_messages["blank"], code="blank")

    def clean(self, value: Any, model_instance: Any) -> Any:
        value = self.to_python(value)
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    def formfield(
        self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any
    ) -> Any:
        """The form field a ModelForm uses for this field (Django's documented mapping)."""
        defaults: dict[str, Any] = {
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        if self.has_default():
            if callable(self.default):
                defaults["initial"] = self.default
                defaults["show_hidden_initial"] = True
            else:
                defaults["initial"] = self.get_default()
        if self.choices is not None:
            include_blank = self.blank or not (self.has_default() or "initial" in kwargs)
            defaults["choices"] = self.get_choices(include_blank=include_blank)
            defaults["coerce"] = self.to_python
            if self.null:
                defaults["empty_value"] = None
            form_class = choices_form_class or forms.TypedChoiceField
            # Options that only make sense for the non-choice form field are dropped.
            kwargs = {k: v for k, v in kwargs.items() if k in _CHOICE_FORMFIELD_KWARGS}
        defaults.update(kwargs)
        return (form_class or forms.CharField)(**defaults)


_CHOICE_FORMFIELD_KWARGS = frozenset(
    (
        "coerce",
        "empty_value",
        "choices",
        "required",
        "widget",
        "label",
        "initial",
        "help_text",
        "error_messages",
        "show_hidden_initial",
        "disabled",
    )
)


def _return_none() -> None:
    return None

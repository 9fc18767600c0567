"""Formsets: several copies of a form on one page, with a management form."""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import ValidationError
from nuages.forms._fields_base import BooleanField, IntegerField
from nuages.forms.forms import Form
from nuages.forms.renderers import get_default_renderer
from nuages.forms.utils import ErrorList, RenderableFormMixin
from nuages.forms.widgets import CheckboxInput, HiddenInput, NumberInput
from nuages.utils.functional import cached_property
from nuages.utils.translation import gettext_lazy as _
from nuages.utils.translation import ngettext_lazy

__all__ = ["BaseFormSet", "ManagementForm", "all_valid", "formset_factory"]

TOTAL_FORM_COUNT = "TOTAL_FORMS"
INITIAL_FORM_COUNT = "INITIAL_FORMS"
MIN_NUM_FORM_COUNT = "MIN_NUM_FORMS"
MAX_NUM_FORM_COUNT = "MAX_NUM_FORMS"
ORDERING_FIELD_NAME = "ORDER"
DELETION_FIELD_NAME = "DELETE"

# Default maximum number of forms in a formset, to prevent memory exhaustion.
DEFAULT_MIN_NUM = 0
DEFAULT_MAX_NUM = 1000


class ManagementForm(Form):
    """Tracks how many forms the formset displays (TOTAL_FORMS, INITIAL_FORMS...)."""

    TOTAL_FORMS = IntegerField(widget=HiddenInput)
    INITIAL_FORMS = IntegerField(widget=HiddenInput)
    # MIN_NUM_FORMS and MAX_NUM_FORMS are output for client-side code; never read back.
    MIN_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)
    MAX_NUM_FORMS = IntegerField(required=False, widget=HiddenInput)

    def clean(self) -> dict:
        cleaned_data = super().clean()
        # When the management form is invalid, count no forms at all.
        cleaned_data.setdefault(TOTAL_FORM_COUNT, 0)
        cleaned_data.setdefault(INITIAL_FORM_COUNT, 0)
        return cleaned_data


class BaseFormSet(RenderableFormMixin):
    deletion_widget = CheckboxInput
    ordering_widget = NumberInput
    default_error_messages = {
        "missing_management_form": _(
            "ManagementForm data is missing or has been tampered with. Missing fields: "
            "%(field_names)s. You may need to file a bug report if the issue persists."
        ),
        "too_many_forms": ngettext_lazy(
            "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"
        ),
        "too_few_forms": ngettext_lazy(
            "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"
        ),
    }
    template_name_div = "django/forms/formsets/div.html"
    template_name_p = "django/forms/formsets/p.html"
    template_name_table = "django/forms/formsets/table.html"
    template_name_ul = "django/forms/formsets/ul.html"

    form: Any = None
    extra = 1
    can_order = False
    can_delete = False
    can_delete_extra = True
    min_num = DEFAULT_MIN_NUM
    max_num = DEFAULT_MAX_NUM
    absolute_max = 2 * DEFAULT_MAX_NUM
    validate_min = False
    validate_max = False
    renderer: Any = None

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        auto_id: str = "id_%s",
        prefix: str | None = None,
        initial: Any = None,
        error_class: type = ErrorList,
        form_kwargs: dict | None = None,
        error_messages: dict | None = None,
    ) -> None:
        self.is_bound = data is not None or files is not None
        self.prefix = prefix or self.get_default_prefix()
        self.auto_id = auto_id
        self.data = data or {}
        self.files = files or {}
        self.initial = initial
        self.form_kwargs = form_kwargs or {}
        self.error_class = error_class
        self._errors: list | None = None
        self._non_form_errors: ErrorList | None = None
        self.form_renderer = self.renderer
        self.renderer = self.renderer or get_default_renderer()
        messages: dict = {}
        for cls in reversed(type(self).__mro__):
            messages.update(getattr(cls, "default_error_messages", {}))
        if error_messages is not None:
            messages.update(error_messages)
        self.error_messages = messages

    def __iter__(self) -> Any:
        return iter(self.forms)

    def __getitem__(self, index: int) -> Any:
        return self.forms[index]

    def __len__(self) -> int:
        return len(self.forms)

    def __bool__(self) -> bool:
        """A formset is true even with no forms (unlike an empty list)."""
        return True

    def __repr__(self) -> str:
        if self._errors is None:
            is_valid: Any = "Unknown"
        else:
            is_valid = self.is_bound and not self._non_form_errors and not any(self._errors)
        return (
            f"<{self.__class__.__qualname__}: bound={self.is_bound} valid={is_valid} "
            f"total_forms={self.total_form_count()}>"
        )

    @cached_property
    def management_form(self) -> ManagementForm:
        if self.is_bound:
            form = ManagementForm(
                self.data, auto_id=self.auto_id, prefix=self.prefix, renderer=self.renderer
            )
            form.full_clean()
        else:
            form = ManagementForm(
                auto_id=self.auto_id,
                prefix=self.prefix,
                initial={
                    TOTAL_FORM_COUNT: self.total_form_count(),
                    INITIAL_FORM_COUNT: self.initial_form_count(),
                    MIN_NUM_FORM_COUNT: self.min_num,
                    MAX_NUM_FORM_COUNT: self.max_num,
                },
                renderer=self.renderer,
            )
        return form

    def total_form_count(self) -> int:
        if self.is_bound:
            # Never trust more than absolute_max forms from the client.
            return min(self.management_form.cleaned_data[TOTAL_FORM_COUNT], self.absolute_max)
        initial_forms = self.initial_form_count()
        total_forms = max(initial_forms, self.min_num) + self.extra
        if initial_forms > self.max_num >= 0:
            total_forms = initial_forms
        elif total_forms > self.max_num >= 0:
            total_forms = self.max_num
        return total_forms

    def initial_form_count(self) -> int:
        if self.is_bound:
            return max(
                0, min(self.management_form.cleaned_data[INITIAL_FORM_COUNT], self.absolute_max)
            )
        return len(self.initial) if self.initial else 0

    @cached_property
    def forms(self) -> list:
        return [
            self._construct_form(i, **self.get_form_kwargs(i))
            for i in range(max(0, self.total_form_count()))
        ]

    def get_form_kwargs(self, index: int | None) -> dict:
        return self.form_kwargs.copy()

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        defaults: dict = {
            "auto_id": self.auto_id,
            "prefix": self.add_prefix(i),
            "error_class": self.error_class,
            # Extra forms may be left empty; required attributes would block that.
            "use_required_attribute": False,
            "renderer": self.form_renderer,
        }
        if self.is_bound:
            defaults["data"] = self.data
            defaults["files"] = self.files
        if self.initial and "initial" not in kwargs:
            try:
                defaults["initial"] = self.initial[i]
            except IndexError:
                pass
        if i >= self.initial_form_count() and i >= self.min_num:
            defaults["empty_permitted"] = True
        defaults.update(kwargs)
        form = self.form(**defaults)
        self.add_fields(form, i)
        return form

    @property
    def initial_forms(self) -> list:
        return self.forms[: self.initial_form_count()]

    @property
    def extra_forms(self) -> list:
        return self.forms[self.initial_form_count() :]

    @property
    def empty_form(self) -> Any:
        form_kwargs = {
            **self.get_form_kwargs(None),
            "auto_id": self.auto_id,
            "prefix": self.add_prefix("__prefix__"),
            "empty_permitted": True,
            "use_required_attribute": False,
            "renderer": self.form_renderer,
        }
        form = self.form(**form_kwargs)
        self.add_fields(form, None)
        return form

    @property
    def cleaned_data(self) -> list:
        if not self.is_valid():
            raise AttributeError(
                f"'{self.__class__.__name__}' object has no attribute 'cleaned_data'"
            )
        return [form.cleaned_data for form in self.forms]

    @property
    def deleted_forms(self) -> list:
        if not self.is_valid() or not self.can_delete:
            return []
        if not hasattr(self, "_deleted_form_indexes"):
            self._deleted_form_indexes = []
            for i, form in enumerate(self.forms):
                if i >= self.initial_form_count() and not form.has_changed():
                    continue
                if self._should_delete_form(form):
                    self._deleted_form_indexes.append(i)
        return [self.forms[i] for i in self._deleted_form_indexes]

    @property
    def ordered_forms(self) -> list:
        if not self.is_valid() or not self.can_order:
            raise AttributeError(
                f"'{self.__class__.__name__}' object has no attribute 'ordered_forms'"
            )
        if not hasattr(self, "_ordering"):
            self._ordering = []
            for i, form in enumerate(self.forms):
                if i >= self.initial_form_count() and not form.has_changed():
                    continue
                if self.can_delete and self._should_delete_form(form):
                    continue
                self._ordering.append((i, form.cleaned_data[ORDERING_FIELD_NAME]))

            # Forms without an order go last, in their original order.
            def compare_ordering_key(k: tuple) -> tuple:
                if k[1] is None:
                    return (1, 0)
                return (0, k[1])

            self._ordering.sort(key=compare_ordering_key)
        return [self.forms[i[0]] for i in self._ordering]

    @classmethod
    def get_default_prefix(cls) -> str:
        return "form"

    @classmethod
    def get_deletion_widget(cls) -> type:
        return cls.deletion_widget

    @classmethod
    def get_ordering_widget(cls) -> type:
        return cls.ordering_widget

    def non_form_errors(self) -> ErrorList:
        """Errors of the formset as a whole (management form, min/max, clean())."""
        if self._non_form_errors is None:
            self.full_clean()
        return self._non_form_errors  # type: ignore[return-value]

    @property
    def errors(self) -> list:
        if self._errors is None:
            self.full_clean()
        return self._errors  # type: ignore[return-value]

    def total_error_count(self) -> int:
        return len(self.non_form_errors()) + sum(len(form_errors) for form_errors in self.errors)

    def _should_delete_form(self, form: Any) -> bool:
        return form.cleaned_data.get(DELETION_FIELD_NAME, False)

    def is_valid(self) -> bool:
        if not self.is_bound:
            return False
        self.errors  # noqa: B018 - triggers full_clean()
        forms_valid = all(
            form.is_valid()
            for form in self.forms
            if not (self.can_delete and self._should_delete_form(form))
        )
        return forms_valid and not self.non_form_errors()

    def full_clean(self) -> None:
        self._errors = []
        self._non_form_errors = self.error_class(error_class="nonform", renderer=self.renderer)
        empty_forms_count = 0
        if not self.is_bound:
            return
        if not self.management_form.is_valid():
            error = ValidationError(
                self.error_messages["missing_management_form"],
                params={
                    "field_names": ", ".join(
                        self.management_form.add_prefix(field_name)
                        for field_name in self.management_form.errors
                    ),
                },
                code="missing_management_form",
            )
            self._non_form_errors.append(error)
        for i, form in enumerate(self.forms):
            if not form.has_changed() and i >= self.initial_form_count():
                empty_forms_count += 1
            form_errors = form.errors
            if self.can_delete and self._should_delete_form(form):
                continue
            self._errors.append(form_errors)
        try:
            if (
                self.validate_max
                and self.total_form_count() - len(self.deleted_forms) > self.max_num
            ) or self.management_form.cleaned_data[TOTAL_FORM_COUNT] > self.absolute_max:
                raise ValidationError(
                    self.error_messages["too_many_forms"] % {"num": self.max_num},
                    code="too_many_forms",
                )
            if (
                self.validate_min
                and self.total_form_count() - len(self.deleted_forms) - empty_forms_count
                < self.min_num
            ):
                raise ValidationError(
                    self.error_messages["too_few_forms"] % {"num": self.min_num},
                    code="too_few_forms",
                )
            self.clean()
        except ValidationError as e:
            self._non_form_errors = self.error_class(
                e.error_list, error_class="nonform", renderer=self.renderer
            )

    def clean(self) -> None:
        """Formset-wide validation; errors raised here go to non_form_errors()."""

    def has_changed(self) -> bool:
        return any(form.has_changed() for form in self)

    def add_fields(self, form: Any, index: int | None) -> None:
        """Add the ORDER and DELETE fields when the formset asks for them."""
        initial_form_count = self.initial_form_count()
        if self.can_order:
            if index is not None and index < initial_form_count:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label=_("Order"),
                    initial=index + 1,
                    required=False,
                    widget=self.get_ordering_widget(),
                )
            else:
                form.fields[ORDERING_FIELD_NAME] = IntegerField(
                    label=_("Order"), required=False, widget=self.get_ordering_widget()
                )
        if self.can_delete and (
            self.can_delete_extra or (index is not None and index < initial_form_count)
        ):
            form.fields[DELETION_FIELD_NAME] = BooleanField(
                label=_("Delete"), required=False, widget=self.get_deletion_widget()
            )

    def add_prefix(self, index: Any) -> str:
        return f"{self.prefix}-{index}"

    def is_multipart(self) -> bool:
        if self.forms:
            return self.forms[0].is_multipart()
        return self.empty_form.is_multipart()

    @property
    def media(self) -> Any:
        if self.forms:
            return self.forms[0].media
        return self.empty_form.media

    @property
    def template_name(self) -> str:  # type: ignore[override]
        return self.renderer.formset_template_name

    def get_context(self) -> dict:
        return {"formset": self}


def formset_factory(
    form: type,
    formset: type = BaseFormSet,
    extra: int = 1,
    can_order: bool = False,
    can_delete: bool = False,
    max_num: int | None = None,
    validate_max: bool = False,
    min_num: int | None = None,
    validate_min: bool = False,
    absolute_max: int | None = None,
    can_delete_extra: bool = True,
    renderer: Any = None,
) -> type:
    """A FormSet class for the given form class."""
    if min_num is None:
        min_num = DEFAULT_MIN_NUM
    if max_num is None:
        max_num = DEFAULT_MAX_NUM
    # absolute_max caps what the client may claim; default: max_num + DEFAULT_MAX_NUM.
    if absolute_max is None:
        absolute_max = max_num + DEFAULT_MAX_NUM
    if max_num > absolute_max:
        raise ValueError("'absolute_max' must be greater or equal to 'max_num'.")
    attrs = {
        "form": form,
        "extra": extra,
        "can_order": can_order,
        "can_delete": can_delete,
        "can_delete_extra": can_delete_extra,
        "min_num": min_num,
        "max_num": max_num,
        "absolute_max": absolute_max,
        "validate_min": validate_min,
        "validate_max": validate_max,
        "renderer": renderer,
    }
    form_name = form.__name__
    if form_name.endswith("Form"):
        formset_name = form_name + "Set"
    else:
        formset_name = form_name + "FormSet"
    return type(formset_name, (formset,), attrs)


def all_valid(formsets: Any) -> bool:
    """True if every formset is valid (validates them all, without short-circuit)."""
    return all([formset.is_valid() for formset in formsets])

"""Choice widgets: Select, SelectMultiple, RadioSelect, CheckboxSelectMultiple."""

from __future__ import annotations

import copy
from typing import Any

from nuages.forms._choices import normalize_choices
from nuages.forms._copy import shallow_copy
from nuages.forms._widgets_base import Widget
from nuages.utils.translation import gettext_lazy as _

__all__ = [
    "CheckboxSelectMultiple",
    "ChoiceWidget",
    "NullBooleanSelect",
    "RadioSelect",
    "Select",
    "SelectMultiple",
]


class ChoiceWidget(Widget):
    allow_multiple_selected = False
    input_type: str | None = None
    template_name = ""
    option_template_name = ""
    add_id_index = True
    checked_attribute = {"checked": True}
    option_inherits_attrs = True

    def __init__(self, attrs: dict | None = None, choices: Any = ()) -> None:
        super().__init__(attrs)
        self.choices = choices

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        self._choices = normalize_choices(value)

    def __deepcopy__(self, memo: dict) -> ChoiceWidget:
        obj = shallow_copy(self)
        obj.attrs = self.attrs.copy()
        obj._choices = copy.copy(self._choices)
        memo[id(self)] = obj
        return obj

    def subwidgets(self, name: str, value: Any, attrs: dict | None = None) -> Any:
        """One dict per option, for templates that lay options out by hand."""
        value = self.format_value(value)
        yield from self.options(name, value, attrs)

    def options(self, name: str, value: Any, attrs: dict | None = None) -> Any:
        for _group, options, _index in self.optgroups(name, value, attrs):
            yield from options

    def optgroups(self, name: str, value: Any, attrs: dict | None = None) -> list:
        """(group name or None, options, index) for each choice or group."""
        groups = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            subgroup: list = []
            if isinstance(option_label, (list, tuple)):
                group_name = option_value
                subindex: int | None = 0
                choices = option_label
            else:
                group_name = None
                subindex = None
                choices = [(option_value, option_label)]
            groups.append((group_name, subgroup, index))
            for subvalue, sublabel in choices:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    subvalue
                ) in value
                has_selected |= selected
                subgroup.append(
                    self.create_option(
                        name, subvalue, sublabel, selected, index, subindex=subindex, attrs=attrs
                    )
                )
                if subindex is not None:
                    subindex += 1
        return groups

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: Any,
        subindex: int | None = None,
        attrs: dict | None = None,
    ) -> dict:
        index = str(index) if subindex is None else f"{index}_{subindex}"
        option_attrs = self.build_attrs(self.attrs, attrs) if self.option_inherits_attrs else {}
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index)
        return {
            "name": name,
            "value": value,
            "label": label,
            "selected": selected,
            "index": index,
            "attrs": option_attrs,
            "type": self.input_type,
            "template_name": self.option_template_name,
            "wrap_label": True,
        }

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = self.optgroups(name, context["widget"]["value"], attrs)
        return context

    def id_for_label(self, id_: str, index: str = "0") -> str:
        if id_ and self.add_id_index:
            id_ = f"{id_}_{index}"
        return id_

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = data.get
        if self.allow_multiple_selected:
            try:
                getter = data.getlist
            except AttributeError:
                pass
        return getter(name)

    def format_value(self, value: Any) -> list[str]:
        if value is None and self.allow_multiple_selected:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) if v is not None else "" for v in value]

    @staticmethod
    def _choice_has_empty_value(choice: Any) -> bool:
        value, _label = choice
        return value is None or value == ""


class Select(ChoiceWidget):
    input_type = "select"
    template_name = "django/forms/widgets/select.html"
    option_template_name = "django/forms/widgets/select_option.html"
    add_id_index = False
    checked_attribute = {"selected": True}
    option_inherits_attrs = False

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    def use_required_attribute(self, initial: Any) -> bool:
        """A required <select> needs an empty first option to be valid HTML."""
        use_required = super().use_required_attribute(initial)
        if self.allow_multiple_selected:
            return use_required
        first_choice = next(iter(self.choices), None)
        return (
            use_required and first_choice is not None and self._choice_has_empty_value(first_choice)
        )


class NullBooleanSelect(Select):
    """Unknown / Yes / No."""

    def __init__(self, attrs: dict | None = None) -> None:
        choices = (("unknown", _("Unknown")), ("true", _("Yes")), ("false", _("No")))
        super().__init__(attrs, choices)

    def format_value(self, value: Any) -> Any:  # type: ignore[override]
        mapping = {
            True: "true",
            False: "false",
            "true": "true",
            "false": "false",
            "2": "true",
            "3": "false",
        }
        try:
            return mapping[value]
        except (KeyError, TypeError):
            return "unknown"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = data.get(name)
        mapping = {
            True: True,
            "True": True,
            "False": False,
            False: False,
            "true": True,
            "false": False,
            "2": True,
            "3": False,
        }
        try:
            return mapping.get(value)
        except TypeError:
            return None


class SelectMultiple(Select):
    allow_multiple_selected = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        try:
            getter = data.getlist
        except AttributeError:
            getter = data.get
        return getter(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # An empty selection sends nothing: never "omitted".
        return False


class RadioSelect(ChoiceWidget):
    input_type = "radio"
    template_name = "django/forms/widgets/radio.html"
    option_template_name = "django/forms/widgets/radio_option.html"
    use_fieldset = True

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        """No label target for the group (the legend names it); one per option."""
        if index is None:
            return ""
        return super().id_for_label(id_, index)


class CheckboxSelectMultiple(RadioSelect):
    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox_select.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"

    def use_required_attribute(self, initial: Any) -> bool:
        # "required" on each checkbox would force checking every one.
        return False

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

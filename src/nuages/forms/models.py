"""ModelForm, model formsets and model choice fields (Django's django.forms.models).

This layer reads models only through their public surface (`_meta`, field `formfield()`,
`full_clean()`, `validate_unique()`, `save()`, the default manager), so it never imports the
ORM: the ORM's fields import the forms layer for `formfield()`, as in Django.
"""

from nuages.forms._model_choices import (
    ModelChoiceField,
    ModelChoiceIterator,
    ModelChoiceIteratorValue,
    ModelMultipleChoiceField,
)
from nuages.forms._model_forms import (
    ALL_FIELDS,
    BaseModelForm,
    ModelForm,
    ModelFormMetaclass,
    ModelFormOptions,
    apply_limit_choices_to_to_formfield,
    construct_instance,
    fields_for_model,
    model_to_dict,
    modelform_factory,
)
from nuages.forms._model_formsets import (
    BaseInlineFormSet,
    BaseModelFormSet,
    inlineformset_factory,
    modelformset_factory,
)

__all__ = [
    "ALL_FIELDS",
    "BaseInlineFormSet",
    "BaseModelForm",
    "BaseModelFormSet",
    "ModelChoiceField",
    "ModelChoiceIterator",
    "ModelChoiceIteratorValue",
    "ModelForm",
    "ModelFormMetaclass",
    "ModelFormOptions",
    "ModelMultipleChoiceField",
    "apply_limit_choices_to_to_formfield",
    "construct_instance",
    "fields_for_model",
    "inlineformset_factory",
    "model_to_dict",
    "modelform_factory",
    "modelformset_factory",
]

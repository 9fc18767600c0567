"""Form fields (public module; the classes live in private modules by family)."""

from nuages.forms._fields_base import (
    BooleanField,
    CharField,
    DecimalField,
    Field,
    FloatField,
    IntegerField,
    NullBooleanField,
)
from nuages.forms._fields_choice import (
    ChoiceField,
    FilePathField,
    MultipleChoiceField,
    TypedChoiceField,
    TypedMultipleChoiceField,
)
from nuages.forms._fields_file import FileField, ImageField
from nuages.forms._fields_multi import ComboField, MultiValueField, SplitDateTimeField
from nuages.forms._fields_temporal import (
    BaseTemporalField,
    DateField,
    DateTimeField,
    DurationField,
    TimeField,
)
from nuages.forms._fields_text import (
    EmailField,
    GenericIPAddressField,
    InvalidJSONInput,
    JSONField,
    JSONString,
    RegexField,
    SlugField,
    URLField,
    UUIDField,
)

__all__ = [
    "BaseTemporalField",
    "BooleanField",
    "CharField",
    "ChoiceField",
    "ComboField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "DurationField",
    "EmailField",
    "Field",
    "FileField",
    "FilePathField",
    "FloatField",
    "GenericIPAddressField",
    "ImageField",
    "IntegerField",
    "InvalidJSONInput",
    "JSONField",
    "JSONString",
    "MultiValueField",
    "MultipleChoiceField",
    "NullBooleanField",
    "RegexField",
    "SlugField",
    "SplitDateTimeField",
    "TimeField",
    "TypedChoiceField",
    "TypedMultipleChoiceField",
    "URLField",
    "UUIDField",
]

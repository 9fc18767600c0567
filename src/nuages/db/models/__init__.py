"""Models: Model, fields, managers, QuerySets, Q and F, lookups, signals."""

from nuages.core.exceptions import ObjectDoesNotExist
from nuages.db.models import signals
from nuages.db.models.base import DEFERRED, Model
from nuages.db.models.constants import LOOKUP_SEP
from nuages.db.models.constraints import (
    BaseConstraint,
    CheckConstraint,
    Deferrable,
    UniqueConstraint,
)
from nuages.db.models.enums import Choices, IntegerChoices, TextChoices
from nuages.db.models.expressions import F, OrderBy, Value
from nuages.db.models.fields import (
    BLANK_CHOICE_DASH,
    NOT_PROVIDED,
    AutoField,
    BigAutoField,
    BigIntegerField,
    BinaryField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    DurationField,
    EmailField,
    Field,
    FloatField,
    GenericIPAddressField,
    IntegerField,
    JSONField,
    PositiveBigIntegerField,
    PositiveIntegerField,
    PositiveSmallIntegerField,
    SlugField,
    SmallAutoField,
    SmallIntegerField,
    TextField,
    TimeField,
    URLField,
    UUIDField,
)
from nuages.db.models.indexes import Index
from nuages.db.models.lookups import Lookup, Transform
from nuages.db.models.manager import BaseManager, Manager
from nuages.db.models.query import QuerySet, RawQuerySet
from nuages.db.models.query_utils import Q

__all__ = [
    "BLANK_CHOICE_DASH",
    "DEFERRED",
    "LOOKUP_SEP",
    "NOT_PROVIDED",
    "AutoField",
    "BaseConstraint",
    "BaseManager",
    "BigAutoField",
    "BigIntegerField",
    "BinaryField",
    "BooleanField",
    "CharField",
    "CheckConstraint",
    "Choices",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "Deferrable",
    "DurationField",
    "EmailField",
    "F",
    "Field",
    "FloatField",
    "GenericIPAddressField",
    "Index",
    "IntegerChoices",
    "IntegerField",
    "JSONField",
    "Lookup",
    "Manager",
    "Model",
    "ObjectDoesNotExist",
    "OrderBy",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "Q",
    "QuerySet",
    "RawQuerySet",
    "SlugField",
    "SmallAutoField",
    "SmallIntegerField",
    "TextChoices",
    "TextField",
    "TimeField",
    "Transform",
    "URLField",
    "UUIDField",
    "UniqueConstraint",
    "Value",
    "signals",
]

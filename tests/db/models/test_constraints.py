"""Index, CheckConstraint, UniqueConstraint: DDL on every backend, deconstruct, full_clean."""

import pytest
from testapp.models import Booking

from nuages.core.exceptions import NON_FIELD_ERRORS, ValidationError
from nuages.db import IntegrityError, connection, models, transaction


def _constraint_names(conn):
    with conn.schema_editor() as editor:
        return set(editor._get_constraints(Booking._meta.db_table))


def test_meta_indexes_and_constraints_are_created(conn):
    names = _constraint_names(conn)
    assert "booking_room_idx" in names
    if conn.vendor != "mysql":
        assert {"booking_active_idx", "booking_unique_active_room"} <= names
    if conn.vendor != "sqlite":  # SQLite names inline table constraints sqlite_autoindex_*
        assert {"booking_unique_code", "booking_end_after_start", "booking_start_positive"} <= names


def test_check_constraint_enforced_by_database(conn):
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(room="a", start=5, end=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(room="a", start=-1, end=1)
    Booking.objects.create(room="a", start=1, end=5)


def test_unique_constraint_enforced_by_database(conn):
    Booking.objects.create(room="a", code="X", start=1, end=2)
    Booking.objects.create(room="b", code=None, start=1, end=2)
    Booking.objects.create(room="c", code=None, start=1, end=2)  # NULLs are distinct
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(room="d", code="X", start=1, end=2)


def test_conditional_unique_constraint(conn):
    Booking.objects.create(room="r", start=1, end=2, active=False)
    Booking.objects.create(room="r", start=1, end=2, active=False)
    Booking.objects.create(room="r", start=1, end=2, active=True)
    if conn.vendor != "mysql":  # no partial indexes: validated in Python only
        with pytest.raises(IntegrityError), transaction.atomic():
            Booking.objects.create(room="r", start=1, end=2, active=True)


def test_full_clean_validates_constraints(db):
    db.run(
        lambda: Booking.objects.create(room="a", code="X", start=1, end=2),
        lambda: Booking.objects.acreate(room="a", code="X", start=1, end=2),
    )
    if db.is_async:
        return  # full_clean is sync (as Django's)
    with pytest.raises(ValidationError) as info:
        Booking(room="b", code="X", start=3, end=1).full_clean()
    errors = info.value.message_dict
    assert errors["code"] == ["Booking with this Code already exists."]
    assert errors[NON_FIELD_ERRORS] == ["Constraint “booking_end_after_start” is violated."]
    with pytest.raises(ValidationError) as info:
        Booking(room="b", start=-1, end=1).full_clean()
    assert info.value.message_dict[NON_FIELD_ERRORS] == ["Start must be positive."]
    assert info.value.error_dict[NON_FIELD_ERRORS][0].code == "negative"
    # excluded fields skip the constraints that use them
    Booking(room="b", code="X", start=3, end=1).full_clean(exclude=["code", "end"])
    # the saved row does not clash with itself
    Booking.objects.get(code="X").full_clean()


def test_full_clean_conditional_unique(conn):
    Booking.objects.create(room="r", start=1, end=2, active=True)
    Booking(room="r", start=1, end=2, active=False).full_clean()
    with pytest.raises(ValidationError) as info:
        Booking(room="r", start=1, end=2, active=True).full_clean()
    assert info.value.messages == ["Constraint “booking_unique_active_room” is violated."]


def test_null_in_check_passes(conn):
    c = models.CheckConstraint(condition=models.Q(code__startswith="B"), name="c")
    c.validate(Booking, Booking(room="a", code=None))
    with pytest.raises(ValidationError):
        c.validate(Booking, Booking(room="a", code="A"))


def test_deconstruct_and_equality():
    idx = models.Index(fields=["room"], name="i", condition=models.Q(active=True))
    path, args, kwargs = idx.deconstruct()
    assert path == "nuages.db.models.Index"
    assert kwargs == {"fields": ["room"], "name": "i", "condition": models.Q(active=True)}
    assert models.Index(*args, **kwargs) == idx
    u = models.UniqueConstraint(
        fields=["room"],
        name="u",
        deferrable=models.Deferrable.DEFERRED,
        nulls_distinct=False,
        violation_error_message="m",
    )
    path, args, kwargs = u.deconstruct()
    assert path == "nuages.db.models.UniqueConstraint"
    assert kwargs == {
        "name": "u",
        "fields": ("room",),
        "deferrable": models.Deferrable.DEFERRED,
        "nulls_distinct": False,
        "violation_error_message": "m",
    }
    assert models.UniqueConstraint(**kwargs) == u
    c = models.CheckConstraint(check=models.Q(start__gte=0), name="c")
    assert c.deconstruct()[2] == {"name": "c", "condition": models.Q(start__gte=0)}


def test_argument_errors():
    with pytest.raises(ValueError, match="must be named"):
        models.UniqueConstraint(fields=["a"])
    with pytest.raises(ValueError, match="cannot be deferred"):
        models.UniqueConstraint(
            fields=["a"], name="u", condition=models.Q(a=1), deferrable=models.Deferrable.DEFERRED
        )
    with pytest.raises(ValueError, match="At least one field"):
        models.Index(name="i")
    with pytest.raises(ValueError, match="longer than 30"):
        models.Index(fields=["a"], name="x" * 31)
    with pytest.raises(TypeError, match="condition"):
        models.CheckConstraint(name="c")


def test_generated_index_name():
    idx = models.Index(fields=["room", "-start"])
    idx.set_name_with_model(Booking)
    assert idx.name.endswith("_idx") and len(idx.name) <= 30


def test_add_and_remove_index_and_constraint(conn):
    index = models.Index(fields=["end"], name="booking_end_idx")
    with conn.schema_editor() as editor:
        editor.add_index(Booking, index)
    assert "booking_end_idx" in _constraint_names(conn)
    with conn.schema_editor() as editor:
        editor.remove_index(Booking, index)
    assert "booking_end_idx" not in _constraint_names(conn)
    check = models.CheckConstraint(condition=models.Q(end__lt=1000), name="booking_end_small")
    deferred = models.UniqueConstraint(
        fields=["room", "end"], name="booking_room_end_uniq", deferrable=models.Deferrable.DEFERRED
    )
    if conn.vendor == "sqlite":  # the editor rebuilds the table from Meta.constraints
        return
    try:
        with conn.schema_editor() as editor:
            editor.add_constraint(Booking, check)
            editor.add_constraint(Booking, deferred)
        assert {"booking_end_small", "booking_room_end_uniq"} <= _constraint_names(conn)
        with pytest.raises(IntegrityError), transaction.atomic():
            Booking.objects.create(room="a", start=1, end=5000)
    finally:
        with conn.schema_editor() as editor:
            editor.remove_constraint(Booking, check)
            editor.remove_constraint(Booking, deferred)
    names = _constraint_names(conn)
    assert not {"booking_end_small", "booking_room_end_uniq"} & names
    assert connection.vendor == conn.vendor

"""Each operation forwards and backwards on every backend, with rows present before and after."""

from __future__ import annotations

from typing import Any

import pytest

from nuages.db import DatabaseError, migrations, models
from nuages.db.migrations.migration import Migration
from nuages.db.migrations.state import ProjectState

APP = "mig"


def run(conn: Any, state: ProjectState, *operations: Any, backwards: bool = False) -> ProjectState:
    migration = Migration("0001_test", APP)
    migration.operations = list(operations)
    with conn.schema_editor() as editor:
        if backwards:
            return migration.unapply(state, editor)
        return migration.apply(state.clone(), editor)


def rows(conn: Any, sql: str, params: Any = None) -> list:
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(r) for r in cursor.fetchall()]


def columns(conn: Any, table: str) -> list[str]:
    with conn.cursor() as cursor:
        return [c.name for c in conn.introspection.get_table_description(cursor, table)]


def tables(conn: Any) -> set[str]:
    return set(conn.introspection.table_names())


def q(conn: Any, name: str) -> str:
    return conn.ops.quote_name(name)


def create_pony(conn: Any) -> ProjectState:
    state = ProjectState()
    state = run(
        conn,
        state,
        migrations.CreateModel(
            "Pony",
            [
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=50)),
                ("weight", models.IntegerField(null=True)),
            ],
        ),
    )
    with conn.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(conn, 'mig_pony')} ({q(conn, 'name')}, {q(conn, 'weight')}) "
            "VALUES (%s, %s), (%s, %s)",
            ["a", 1, "b", None],
        )
    return state


def data(conn: Any, *cols: str) -> list:
    select = ", ".join(q(conn, c) for c in cols)
    return rows(conn, f"SELECT {select} FROM {q(conn, 'mig_pony')} ORDER BY {q(conn, 'id')}")


def test_create_and_delete_model(conn: Any) -> None:
    state = create_pony(conn)
    assert "mig_pony" in tables(conn)
    op = migrations.DeleteModel("Pony")
    new = run(conn, state, op)
    assert "mig_pony" not in tables(conn)
    assert ("mig", "pony") not in new.models
    run(conn, state, op, backwards=True)
    assert "mig_pony" in tables(conn)


def test_add_field_with_default_and_back(conn: Any) -> None:
    state = create_pony(conn)
    op = migrations.AddField("Pony", "height", models.IntegerField(default=7))
    new = run(conn, state, op)
    assert data(conn, "name", "height") == [("a", 7), ("b", 7)]
    assert new.models["mig", "pony"].fields["height"].default == 7
    run(conn, state, op, backwards=True)
    assert "height" not in columns(conn, "mig_pony")
    assert data(conn, "name", "weight") == [("a", 1), ("b", None)]


def test_add_nullable_unique_and_indexed_fields(conn: Any) -> None:
    state = create_pony(conn)
    new = run(
        conn,
        state,
        migrations.AddField(
            "Pony", "nick", models.CharField(max_length=10, null=True, unique=True)
        ),
        migrations.AddField("Pony", "rank", models.IntegerField(default=0, db_index=True)),
    )
    assert data(conn, "name", "nick", "rank") == [("a", None, 0), ("b", None, 0)]
    with conn.schema_editor() as editor:
        uniques = editor._constraint_names(new.apps.get_model(APP, "Pony"), ["nick"], unique=True)
        indexed = editor._constraint_names(new.apps.get_model(APP, "Pony"), ["rank"], index=True)
    assert len(uniques) == 1 and len(indexed) == 1


def test_remove_field_and_back(conn: Any) -> None:
    state = create_pony(conn)
    op = migrations.RemoveField("Pony", "weight")
    run(conn, state, op)
    assert "weight" not in columns(conn, "mig_pony")
    assert data(conn, "name") == [("a",), ("b",)]
    run(conn, state, op, backwards=True)
    assert data(conn, "name", "weight") == [("a", None), ("b", None)]


def test_alter_field_type_null_and_back(conn: Any) -> None:
    state = create_pony(conn)
    op = migrations.AlterField("Pony", "weight", models.BigIntegerField(default=3))
    run(conn, state, op)
    assert data(conn, "name", "weight") == [("a", 1), ("b", 3)]
    with pytest.raises(DatabaseError):
        with conn.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {q(conn, 'mig_pony')} ({q(conn, 'name')}, {q(conn, 'weight')}) VALUES (%s, %s)",
                ["c", None],
            )
    run(conn, state, op, backwards=True)
    assert data(conn, "name", "weight") == [("a", 1), ("b", 3)]


def test_alter_field_unique_and_index(conn: Any) -> None:
    state = create_pony(conn)
    unique = migrations.AlterField("Pony", "name", models.CharField(max_length=80, unique=True))
    new = run(conn, state, unique)
    with pytest.raises(DatabaseError):
        with conn.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {q(conn, 'mig_pony')} ({q(conn, 'name')}) VALUES (%s)", ["a"]
            )
    indexed = migrations.AlterField("Pony", "name", models.CharField(max_length=80, db_index=True))
    run(conn, new, indexed)
    run(conn, new, indexed, backwards=True)
    run(conn, state, unique, backwards=True)
    with conn.cursor() as cursor:
        cursor.execute(f"INSERT INTO {q(conn, 'mig_pony')} ({q(conn, 'name')}) VALUES (%s)", ["a"])
    assert len(data(conn, "name")) == 3


def test_rename_field_and_back(conn: Any) -> None:
    state = create_pony(conn)
    op = migrations.RenameField("Pony", "weight", "mass")
    run(conn, state, op)
    assert "mass" in columns(conn, "mig_pony") and "weight" not in columns(conn, "mig_pony")
    assert data(conn, "mass") == [(1,), (None,)]
    run(conn, state, op, backwards=True)
    assert data(conn, "weight") == [(1,), (None,)]


def test_rename_model_and_table(conn: Any) -> None:
    state = create_pony(conn)
    op = migrations.RenameModel("Pony", "Horse")
    new = run(conn, state, op)
    assert "mig_horse" in tables(conn) and "mig_pony" not in tables(conn)
    assert new.apps.get_model(APP, "Horse")._meta.db_table == "mig_horse"
    run(conn, state, op, backwards=True)
    table_op = migrations.AlterModelTable("Pony", "mig_stable")
    new = run(conn, state, table_op)
    assert rows(conn, f"SELECT count(*) FROM {q(conn, 'mig_stable')}") == [(2,)]
    run(conn, state, table_op, backwards=True)
    assert data(conn, "name") == [("a",), ("b",)]


def test_unique_together_and_back(conn: Any) -> None:
    state = create_pony(conn)
    op = migrations.AlterUniqueTogether("Pony", {("name", "weight")})
    run(conn, state, op)
    with pytest.raises(DatabaseError):
        with conn.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {q(conn, 'mig_pony')} ({q(conn, 'name')}, {q(conn, 'weight')}) VALUES (%s, %s)",
                ["a", 1],
            )
    run(conn, state, op, backwards=True)
    with conn.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(conn, 'mig_pony')} ({q(conn, 'name')}, {q(conn, 'weight')}) VALUES (%s, %s)",
            ["a", 1],
        )
    assert len(data(conn, "name")) == 3


def test_options_managers_and_comment(conn: Any) -> None:
    state = create_pony(conn)
    new = run(
        conn,
        state,
        migrations.AlterModelOptions("Pony", {"ordering": ["name"], "verbose_name": "pony!"}),
        migrations.AlterModelTableComment("Pony", "Ponies"),
    )
    assert new.apps.get_model(APP, "Pony")._meta.ordering == ["name"]
    assert new.models["mig", "pony"].options["db_table_comment"] == "Ponies"


def test_run_sql_and_run_python(conn: Any) -> None:
    state = create_pony(conn)
    table = q(conn, "mig_pony")

    def forwards(apps: Any, schema_editor: Any) -> None:
        Pony = apps.get_model(APP, "Pony")
        Pony.objects.using(schema_editor.connection.alias).filter(name="a").update(weight=10)

    def backwards(apps: Any, schema_editor: Any) -> None:
        Pony = apps.get_model(APP, "Pony")
        Pony.objects.using(schema_editor.connection.alias).filter(name="a").update(weight=1)

    ops = [
        migrations.RunSQL(
            [(f"INSERT INTO {table} ({q(conn, 'name')}) VALUES (%s)", ["c"])],
            reverse_sql=[(f"DELETE FROM {table} WHERE {q(conn, 'name')} = %s", ["c"])],
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]
    run(conn, state, *ops)
    assert data(conn, "name", "weight") == [("a", 10), ("b", None), ("c", None)]
    run(conn, state, *ops, backwards=True)
    assert data(conn, "name", "weight") == [("a", 1), ("b", None)]


def test_separate_database_and_state(conn: Any) -> None:
    state = create_pony(conn)
    op = migrations.SeparateDatabaseAndState(
        state_operations=[migrations.RemoveField("Pony", "weight")]
    )
    new = run(conn, state, op)
    assert "weight" not in new.models["mig", "pony"].fields
    assert "weight" in columns(conn, "mig_pony")


def test_failure_half_way_rolls_back_and_names_operation(conn: Any) -> None:
    state = create_pony(conn)
    ops = [
        migrations.AddField("Pony", "height", models.IntegerField(default=1)),
        migrations.RunSQL("SELECT * FROM mig_does_not_exist", reverse_sql=migrations.RunSQL.noop),
    ]
    with pytest.raises(DatabaseError) as excinfo:
        run(conn, state, *ops)
    assert "mig.0001_test: Raw SQL operation" in "".join(getattr(excinfo.value, "__notes__", []))
    if conn.features.can_rollback_ddl:
        assert "height" not in columns(conn, "mig_pony")
    assert data(conn, "name") == [("a",), ("b",)]

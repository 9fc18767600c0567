"""Historical models are rendered lazily and incrementally: clones share the classes rendered so
far, a mutation drops only the class it touches, and RunPython sees the right models both ways."""

from __future__ import annotations

from typing import Any

from tests.db.migrations.test_operations import APP, create_pony, data, run

from nuages.db import migrations, models
from nuages.db.migrations.state import ModelState, ProjectState


def make_state(count: int = 3) -> ProjectState:
    state = ProjectState()
    for i in range(count):
        state.add_model(
            ModelState(
                APP,
                f"Thing{i}",
                [
                    ("id", models.AutoField(primary_key=True)),
                    ("name", models.CharField(max_length=9)),
                ],
            )
        )
    return state


def test_models_render_on_demand_and_clones_share_them() -> None:
    state = make_state()
    apps = state.apps
    assert not apps.all_models.get(APP)
    thing0 = apps.get_model(APP, "Thing0")
    assert set(apps.all_models[APP]) == {"thing0"}
    assert apps.get_model(f"{APP}.thing0") is thing0
    clone = state.clone()
    assert clone.apps.get_model(APP, "Thing0") is thing0
    assert len(clone.apps.get_models()) == 3
    assert set(apps.all_models[APP]) == {"thing0"}


def test_mutation_rerenders_only_the_touched_model() -> None:
    state = make_state()
    thing0 = state.apps.get_model(APP, "Thing0")
    thing1 = state.apps.get_model(APP, "Thing1")
    new_state = state.clone()
    migrations.AddField("Thing1", "size", models.IntegerField(null=True)).state_forwards(
        APP, new_state
    )
    assert new_state.apps.get_model(APP, "Thing0") is thing0
    new_thing1 = new_state.apps.get_model(APP, "Thing1")
    assert new_thing1 is not thing1
    assert [f.name for f in new_thing1._meta.local_fields] == ["id", "name", "size"]
    # The original state is untouched.
    assert state.apps.get_model(APP, "Thing1") is thing1
    assert [f.name for f in thing1._meta.local_fields] == ["id", "name"]


def test_removed_and_renamed_models_leave_the_registry() -> None:
    state = make_state()
    state.apps.get_models()
    migrations.DeleteModel("Thing0").state_forwards(APP, state)
    migrations.RenameModel("Thing1", "Other").state_forwards(APP, state)
    names = sorted(m._meta.object_name for m in state.apps.get_models())
    assert names == ["Other", "Thing2"]
    assert not state.apps.is_installed("nope")
    assert state.apps.is_installed(APP)


def test_run_python_sees_historical_models_backwards(conn: Any) -> None:
    """Unapplying [AddField, RunPython]: the reverse code runs on the model with the field."""
    state = create_pony(conn)
    seen: list[list[str]] = []

    def backwards(apps: Any, schema_editor: Any) -> None:
        Pony = apps.get_model(APP, "Pony")
        seen.append([f.name for f in Pony._meta.local_fields])
        Pony.objects.using(schema_editor.connection.alias).update(colour="x", weight=5)

    ops = [
        migrations.AddField("Pony", "colour", models.CharField(max_length=9, default="red")),
        migrations.RunPython(migrations.RunPython.noop, backwards),
        migrations.RemoveField("Pony", "weight"),
    ]
    after = run(conn, state, *ops)
    assert [f.name for f in after.apps.get_model(APP, "Pony")._meta.local_fields] == [
        "id",
        "name",
        "colour",
    ]
    run(conn, state, *ops, backwards=True)
    assert seen == [["id", "name", "weight", "colour"]]
    assert data(conn, "name", "weight") == [("a", 5), ("b", 5)]

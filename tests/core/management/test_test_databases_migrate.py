"""``manage.py test`` builds the test database by running the apps' migrations (a RunPython data
migration's row is there), or from the models with ``"TEST": {"MIGRATE": False}`` (no row)."""

from __future__ import annotations

from typing import Any

SETTINGS = """
import os

SECRET_KEY = "x"
INSTALLED_APPS = ["shop"]
USE_TZ = True
DEFAULT_AUTO_FIELD = "nuages.db.models.AutoField"
TEST = {} if os.environ.get("SHOP_MIGRATE", "1") == "1" else {"MIGRATE": False}
DATABASES = {
    "default": {
        "ENGINE": "nuages.db.backends.sqlite3",
        "NAME": os.path.join(os.path.dirname(__file__), "db.sqlite3"),
        "TEST": TEST,
    }
}
"""

MODELS = """
from nuages.db import models


class Item(models.Model):
    name = models.CharField(max_length=20)
    size = models.IntegerField(default=0)
"""

INITIAL = """
from nuages.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Item",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=20)),
            ],
        ),
    ]
"""

SEED = """
from nuages.db import migrations, models


def seed(apps, schema_editor):
    Item = apps.get_model("shop", "Item")
    # The historical model: no "size" field yet (0003 adds it).
    assert [f.name for f in Item._meta.local_fields] == ["id", "name"]
    Item.objects.using(schema_editor.connection.alias).create(name="seeded")


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
"""

ADD_SIZE = """
from nuages.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_seed")]
    operations = [migrations.AddField("Item", "size", models.IntegerField(default=0))]
"""

TESTS = """
import os

from nuages.db import connection
from nuages.test import TestCase

from shop.models import Item


class TestDatabase(TestCase):
    def test_rows_and_history(self):
        names = list(Item.objects.values_list("name", flat=True))
        tables = connection.introspection.table_names()
        if os.environ.get("SHOP_MIGRATE", "1") == "1":
            self.assertEqual(names, ["seeded"])
            self.assertIn("django_migrations", tables)
            with connection.cursor() as cursor:
                cursor.execute("SELECT name FROM django_migrations WHERE app = 'shop' ORDER BY name")
                applied = [row[0] for row in cursor.fetchall()]
            self.assertEqual(applied, ["0001_initial", "0002_seed", "0003_item_size"])
        else:
            self.assertEqual(names, [])
            self.assertIn("shop_item", tables)
        Item.objects.create(name="new", size=3)
        self.assertEqual(Item.objects.get(name="new").size, 3)
        print("SHOP-TEST-RAN")
"""


def write_project(cli: Any) -> None:
    cli.write("proj_settings.py", SETTINGS)
    cli.write("shop/__init__.py", "")
    cli.write("shop/models.py", MODELS)
    cli.write("shop/migrations/__init__.py", "")
    cli.write("shop/migrations/0001_initial.py", INITIAL)
    cli.write("shop/migrations/0002_seed.py", SEED)
    cli.write("shop/migrations/0003_item_size.py", ADD_SIZE)
    cli.write("shop/tests.py", TESTS)


def test_test_database_is_built_by_migrating(cli: Any) -> None:
    write_project(cli)
    result = cli.run("test", "shop", "-v", "2", settings="proj_settings", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SHOP-TEST-RAN" in result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Ran 1 test" in output


def test_test_database_from_models_when_migrate_is_false(cli: Any) -> None:
    write_project(cli)
    # A data migration that would fail proves it did not run.
    cli.write("shop/migrations/0002_seed.py", SEED.replace("create(", "create(boom=1, "))
    result = cli.run(
        "test", "shop", "-v", "2", settings="proj_settings", env={"SHOP_MIGRATE": "0"}, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SHOP-TEST-RAN" in result.stdout + result.stderr

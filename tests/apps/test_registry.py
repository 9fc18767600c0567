"""The app registry: populate, AppConfig discovery, labels, ready()."""

import sys

import pytest

from nuages.apps import AppConfig, Apps, apps
from nuages.core.exceptions import AppRegistryNotReady, ImproperlyConfigured


@pytest.fixture
def app_pkgs(tmp_path, monkeypatch):
    def make(name, apps_py=None):
        pkg = tmp_path / name
        pkg.mkdir()
        (pkg / "__init__.py").write_text("")
        if apps_py is not None:
            (pkg / "apps.py").write_text(apps_py)
        return pkg

    monkeypatch.syspath_prepend(str(tmp_path))
    yield make
    for mod in [m for m in sys.modules if m.startswith(("blog", "shop", "twin", "labelled"))]:
        del sys.modules[mod]


def test_global_registry_is_ready():
    assert apps.ready and apps.apps_ready and apps.models_ready


def test_plain_module_gets_default_config(app_pkgs):
    app_pkgs("blog")
    registry = Apps(["blog"])
    config = registry.get_app_config("blog")
    assert type(config) is AppConfig
    assert config.label == "blog" and config.verbose_name == "Blog"
    assert config.path.endswith("blog")
    assert registry.is_installed("blog")


def test_single_appconfig_subclass_is_used_and_ready_runs(app_pkgs):
    app_pkgs(
        "shop",
        "from nuages.apps import AppConfig\n"
        "READY = []\n"
        "class ShopConfig(AppConfig):\n"
        "    name = 'shop'\n"
        "    label = 'store'\n"
        "    verbose_name = 'The shop'\n"
        "    default_auto_field = 'nuages.db.models.BigAutoField'\n"
        "    def ready(self):\n"
        "        READY.append(self.label)\n",
    )
    registry = Apps(["shop"])
    config = registry.get_app_config("store")
    assert config.verbose_name == "The shop"
    assert config.default_auto_field == "nuages.db.models.BigAutoField"
    assert sys.modules["shop.apps"].READY == ["store"]
    with pytest.raises(
        LookupError, match="No installed app with label 'shop'. Did you mean 'store'?"
    ):
        registry.get_app_config("shop")


def test_dotted_appconfig_path(app_pkgs):
    app_pkgs(
        "labelled",
        "from nuages.apps import AppConfig\n"
        "class A(AppConfig):\n    name = 'labelled'\n    default = False\n"
        "class B(AppConfig):\n    name = 'labelled'\n    label = 'bee'\n    default = False\n",
    )
    registry = Apps(["labelled.apps.B"])
    assert registry.get_app_config("bee").name == "labelled"


def test_duplicate_labels_are_refused(app_pkgs):
    app_pkgs("twin")
    with pytest.raises(
        ImproperlyConfigured, match="Application labels aren't unique, duplicates: twin"
    ):
        Apps(["twin", "twin"])


def test_missing_class_in_module_lists_choices(app_pkgs):
    app_pkgs(
        "blog",
        "from nuages.apps import AppConfig\nclass BlogConfig(AppConfig):\n    name = 'blog'\n",
    )
    with pytest.raises(
        ImportError, match="does not contain a 'Nope' class. Choices are: 'BlogConfig'"
    ):
        Apps(["blog.apps.Nope"])


def test_unready_registry_raises():
    registry = Apps(installed_apps=())
    registry.ready = registry.apps_ready = False
    fresh = Apps.__new__(Apps)
    fresh.apps_ready = fresh.models_ready = False
    with pytest.raises(AppRegistryNotReady):
        fresh.check_apps_ready()
    with pytest.raises(AppRegistryNotReady):
        fresh.check_models_ready()


def test_lazy_model_operation_waits_for_registration():
    registry = Apps(installed_apps=())
    seen = []
    registry.lazy_model_operation(seen.append, ("shop", "item"))
    assert seen == []

    class FakeMeta:
        app_label = "shop"
        model_name = "item"
        auto_created = False
        swapped = None

    class Item:
        _meta = FakeMeta

    registry.register_model("shop", Item)
    assert seen == [Item]
    assert registry.get_registered_model("shop", "Item") is Item

"""CheckMessage and the check registry."""

import pytest

from nuages.core import checks
from nuages.core.checks.registry import CheckRegistry


def test_levels_and_subclasses():
    assert (checks.DEBUG, checks.INFO, checks.WARNING, checks.ERROR, checks.CRITICAL) == (
        10,
        20,
        30,
        40,
        50,
    )
    assert checks.Warning("w").level == checks.WARNING
    assert checks.Critical("c").is_serious()
    assert not checks.Warning("w").is_serious()
    assert checks.Warning("w").is_serious(checks.WARNING)


def test_message_str_repr_and_equality():
    message = checks.Error("Broken.", hint="Fix it.", obj="thing", id="app.E001")
    assert str(message) == "thing: (app.E001) Broken.\n\tHINT: Fix it."
    assert str(checks.Info("Just so.")) == "?: Just so."
    assert message == checks.Error("Broken.", hint="Fix it.", obj="thing", id="app.E001")
    assert message != checks.Warning("Broken.", hint="Fix it.", obj="thing", id="app.E001")
    assert repr(message).startswith("<Error: level=40, msg='Broken.'")
    with pytest.raises(TypeError, match="The first argument should be level."):
        checks.CheckMessage("40", "x")


def test_message_for_model_uses_label():
    class Meta:
        label = "shop.Item"

    class Item:
        _meta = Meta

    assert str(checks.Warning("w", obj=Item, id="x.W1")) == "shop.Item: (x.W1) w"


def test_silenced(settings_override):
    settings_override(SILENCED_SYSTEM_CHECKS=["app.W001"])
    assert checks.Warning("w", id="app.W001").is_silenced()
    assert not checks.Warning("w", id="app.W002").is_silenced()


def test_register_forms_and_tags():
    registry = CheckRegistry()

    @registry.register
    def plain(app_configs, **kwargs):
        return [checks.Info("plain")]

    @registry.register("tagged", "other")
    def tagged(app_configs, **kwargs):
        return [checks.Warning("tagged")]

    def deploy_only(app_configs, **kwargs):
        return [checks.Error("deploy")]

    registry.register(deploy_only, "tagged", deploy=True)
    assert tagged.tags == ("tagged", "other")
    assert sorted(m.msg for m in registry.run_checks()) == ["plain", "tagged"]
    assert [m.msg for m in registry.run_checks(tags=["other"])] == ["tagged"]
    deploy_msgs = sorted(
        m.msg for m in registry.run_checks(tags=["tagged"], include_deployment_checks=True)
    )
    assert deploy_msgs == ["deploy", "tagged"]
    assert registry.tag_exists("other")
    assert not registry.tag_exists("nope")
    assert registry.tags_available(True) == {"tagged", "other"}


def test_check_must_return_a_list():
    registry = CheckRegistry()
    registry.register(lambda app_configs, **kwargs: None)
    with pytest.raises(TypeError, match="did not return a list"):
        registry.run_checks()
    with pytest.raises(TypeError, match="Check must be callable."):
        registry.register("tag")(42)


def test_builtin_tags():
    assert checks.Tags.security == "security"
    assert checks.tag_exists(checks.Tags.security, include_deployment_checks=True)
    assert checks.tag_exists(checks.Tags.caches)

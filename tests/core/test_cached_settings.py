"""get_setting() reads what settings.<NAME> reads, however the setting was changed."""

import pytest

from nuages.conf import settings
from nuages.core._cached_settings import get_setting
from nuages.test.utils import override_settings


def test_follows_override_settings():
    assert get_setting("DEFAULT_CHARSET") == settings.DEFAULT_CHARSET == "utf-8"
    with override_settings(DEFAULT_CHARSET="latin-1"):
        assert get_setting("DEFAULT_CHARSET") == "latin-1"
    assert get_setting("DEFAULT_CHARSET") == "utf-8"


def test_follows_direct_assignment_and_deletion():
    with override_settings():
        settings.X_FRAME_OPTIONS = "SAMEORIGIN"
        assert get_setting("X_FRAME_OPTIONS", "DENY") == "SAMEORIGIN"
        settings.X_FRAME_OPTIONS = "DENY"
        assert get_setting("X_FRAME_OPTIONS") == "DENY"
        del settings.X_FRAME_OPTIONS
        assert get_setting("X_FRAME_OPTIONS", "fallback") == "fallback"
        with pytest.raises(AttributeError):
            get_setting("X_FRAME_OPTIONS")
    assert get_setting("X_FRAME_OPTIONS") == "DENY"

"""Testing tools: test cases, the test client, request factories and settings overrides."""

from nuages.test.utils import ignore_warnings, modify_settings, override_settings, tag

__all__ = ["ignore_warnings", "modify_settings", "override_settings", "tag"]

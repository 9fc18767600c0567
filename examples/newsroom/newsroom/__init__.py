"""The newsroom example project."""

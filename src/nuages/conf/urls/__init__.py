"""URL helpers that depend on settings (see nuages.conf.urls.static)."""

__all__: list[str] = []

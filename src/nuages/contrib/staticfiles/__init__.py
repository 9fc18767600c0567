"""Static files: find them in apps and STATICFILES_DIRS, serve them in development."""

__all__: list[str] = []

"""runserver (serving static files), findstatic, collectstatic."""

__all__: list[str] = []

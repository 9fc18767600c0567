"""Management commands of the staticfiles app."""

__all__: list[str] = []

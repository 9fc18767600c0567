"""Security checks; most run only with `check --deploy`."""

__all__: list[str] = []

"""nuages' built-in management commands, one module each."""

__all__: list[str] = []

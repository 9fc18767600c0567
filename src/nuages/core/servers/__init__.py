"""The development server behind `manage.py runserver`."""

__all__: list[str] = []

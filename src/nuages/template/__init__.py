"""The Django template language, compiled to Python."""

"""Template backends: nuages's own engine (DjangoTemplates) and Jinja2."""

"""The backend used when DATABASES is empty: every use raises ImproperlyConfigured."""

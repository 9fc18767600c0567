"""Request handlers: the middleware chain (base), the ASGI and WSGI entry points."""

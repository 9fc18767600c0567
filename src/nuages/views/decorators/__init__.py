"""View decorators, one module per concern (http, cache, vary, gzip, clickjacking, ...)."""

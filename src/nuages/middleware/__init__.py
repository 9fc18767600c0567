"""Built-in middleware: security, common, clickjacking, gzip, http (conditional GET), ..."""

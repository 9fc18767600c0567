"""MySQL/MariaDB backend: PyMySQL for sync code, asyncmy for async code."""

"""PostgreSQL backend on psycopg 3 (sync and async connections, optional psycopg_pool)."""

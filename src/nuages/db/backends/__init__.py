"""Database backends: base/, sqlite3/, postgresql/, mysql/."""

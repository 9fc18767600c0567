"""The sites framework: one database row per site a project serves."""

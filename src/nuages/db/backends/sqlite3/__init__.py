"""SQLite backend (stdlib sqlite3; async through one worker thread per connection)."""

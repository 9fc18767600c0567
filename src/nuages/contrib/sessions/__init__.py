"""Sessions: per-visitor data kept on the server (or in a signed cookie) behind a cookie."""

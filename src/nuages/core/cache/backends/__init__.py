"""Cache backends: locmem, filebased, db, redis, memcached, dummy."""

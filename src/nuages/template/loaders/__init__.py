"""Template loaders: filesystem, app_directories, cached, locmem."""

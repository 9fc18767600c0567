"""E-mail backends: smtp, console, filebased, locmem, dummy."""

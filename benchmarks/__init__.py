"""Side-by-side benchmarks of nuages against Django (and Jinja2 / raw drivers)."""

"""Test-wide settings: configured once, before anything reads them."""

import nuages
from nuages.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="nuages-tests-not-secret",
        ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1", "[::1]"],
        INSTALLED_APPS=[],
        USE_TZ=True,
        TIME_ZONE="UTC",
    )
    nuages.setup(set_prefix=False)

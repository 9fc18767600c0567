"""WSGI entry point: gunicorn newsroom.wsgi"""

import os

from nuages.core.wsgi import get_wsgi_application

os.environ.setdefault("NUAGES_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

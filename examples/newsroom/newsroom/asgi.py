"""ASGI entry point: uvicorn newsroom.asgi:application"""

import os

from nuages.core.asgi import get_asgi_application

os.environ.setdefault("NUAGES_SETTINGS_MODULE", "newsroom.settings")

application = get_asgi_application()

"""Settings of the newsroom example: a small news site served by `make demo`."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# A development key: this example is never deployed.
SECRET_KEY = "newsroom-example-only-0b8f3c1d9e2a7f6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "nuages.contrib.staticfiles",
    "news",
]

MIDDLEWARE = [
    "nuages.middleware.security.SecurityMiddleware",
    "nuages.middleware.common.CommonMiddleware",
    "nuages.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
ASGI_APPLICATION = "newsroom.asgi.application"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "nuages.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
    },
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

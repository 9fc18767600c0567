"""Django serving /json and /plaintext with the same middleware as the nuages site."""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-not-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    INSTALLED_APPS=[],
)

from django.core.asgi import get_asgi_application  # noqa: E402
from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


async def json_view(request):
    return JsonResponse({"message": "Hello, World!"})


async def plaintext_view(request):
    return HttpResponse(b"Hello, World!", content_type="text/plain")


urlpatterns = [path("json", json_view), path("plaintext", plaintext_view)]

application = get_asgi_application()

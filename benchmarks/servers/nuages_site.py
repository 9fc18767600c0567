"""nuages serving /json and /plaintext with the default middleware of a new project."""

from nuages.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-not-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "nuages.middleware.security.SecurityMiddleware",
        "nuages.middleware.common.CommonMiddleware",
        "nuages.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    INSTALLED_APPS=[],
)

from nuages.core.asgi import get_asgi_application  # noqa: E402
from nuages.http import HttpResponse, JsonResponse  # noqa: E402
from nuages.urls import path  # noqa: E402


async def json_view(request):
    return JsonResponse({"message": "Hello, World!"})


async def plaintext_view(request):
    return HttpResponse(b"Hello, World!", content_type="text/plain")


urlpatterns = [path("json", json_view), path("plaintext", plaintext_view)]

application = get_asgi_application()

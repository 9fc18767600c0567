from nuages.http import HttpResponse
from reqproj.urls import urlpatterns  # noqa: F401


def handler404(request, exception):
    raise RuntimeError("the 404 handler itself fails")


def handler500(request):
    return HttpResponse("fallback 500", status=500)

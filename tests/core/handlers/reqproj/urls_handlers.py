"""The reqproj URLconf plus custom error handlers (no template layer involved)."""

from nuages.http import HttpResponse
from reqproj.urls import urlpatterns  # noqa: F401


def handler400(request, exception):
    return HttpResponse(f"custom 400: {type(exception).__name__}", status=400)


def handler403(request, exception):
    return HttpResponse(f"custom 403: {exception}", status=403)


def handler404(request, exception):
    return HttpResponse(f"custom 404: {exception}", status=404)


def handler500(request):
    return HttpResponse("custom 500", status=500)

from nuages.http import HttpResponse
from nuages.urls import path, re_path
from nuages.views.decorators.common import no_append_slash


def view(request):
    return HttpResponse("ok")


@no_append_slash
def sensitive_fbv(request):
    return HttpResponse("sensitive")


urlpatterns = [
    path("noslash", view),
    path("slash/", view),
    path("needsquoting#/", view),
    path("sensitive_fbv/", sensitive_fbv),
    re_path(r"^(?:.*)/security/$", view),
]


def handler403(request, exception):
    return HttpResponse("forbidden", status=403)


def handler404(request, exception):
    return HttpResponse("not found", status=404)

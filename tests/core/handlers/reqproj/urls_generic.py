from nuages.http import HttpResponse
from nuages.urls import path
from nuages.views import View


class Simple(View):
    def get(self, request):
        return HttpResponse("This is a simple view")


class Async(View):
    async def get(self, request):
        return HttpResponse("async")


urlpatterns = [path("simple/", Simple.as_view()), path("async/", Async.as_view())]

from nuages.http import HttpResponse
from nuages.urls import path

urlpatterns = [path("alt/", lambda request: HttpResponse("alternative urlconf"))]

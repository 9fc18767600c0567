"""The newsroom URLconf: everything lives in the news app."""

from nuages.urls import include, path

urlpatterns = [
    path("", include("news.urls")),
]

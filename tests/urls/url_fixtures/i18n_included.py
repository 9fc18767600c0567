from nuages.urls import LocalePrefixPattern, URLResolver, path
from url_fixtures import views

urlpatterns = [
    URLResolver(LocalePrefixPattern(), [path("page/", views.empty_view, name="page")]),
]

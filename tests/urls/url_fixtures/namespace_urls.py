from nuages.urls import include, path, re_path
from url_fixtures import views

plain = [
    path("", views.empty_view, name="index"),
    path("<int:pk>/", views.other_view, name="detail"),
]

deep = [
    path("leaf/<slug:slug>/", views.empty_view, name="leaf"),
    path("inner/", include((plain, "innerapp"), namespace="inner-ns")),
]

urlpatterns = [
    path("test1/", include("url_fixtures.app_urls", namespace="test-ns1")),
    path("test2/", include("url_fixtures.app_urls", namespace="test-ns2")),
    path("default/", include("url_fixtures.app_urls")),
    path("other1/", include((plain, "otherapp"), namespace="other-ns1")),
    path("other2/", include((plain, "otherapp"), namespace="other-ns2")),
    path("num/<int:outer>/", include((plain, "numapp"), namespace="num-ns")),
    re_path(r"^re/(?P<outer>[0-9]+)/", include((plain, "reapp"), namespace="re-ns")),
    path(
        "plain/<slug:section>/",
        include([path("deep/", include((deep, "deepapp"), namespace="deep-ns"))]),
    ),
    path("dup1/", include((plain, "dupapp"), namespace="dup")),
    path("dup2/", include((plain, "dupapp"), namespace="dup")),
    path("kw/", include((plain, "kwapp"), namespace="kw-ns"), {"flag": True}),
    path("normal/", views.empty_view, name="normal"),
]

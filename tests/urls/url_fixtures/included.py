from nuages.urls import path, re_path
from url_fixtures import views

urlpatterns = [
    path("", views.empty_view, name="inner-nothing"),
    re_path(r"^extra/(?P<extra>\w+)/$", views.empty_view, name="inner-extra"),
    path("<int:inner>/", views.other_view, name="inner-int"),
]

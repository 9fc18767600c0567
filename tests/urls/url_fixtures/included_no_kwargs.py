from nuages.urls import re_path
from url_fixtures import views

urlpatterns = [
    re_path(r"^inner-no-kwargs/([0-9]+)/$", views.empty_view, name="inner-no-kwargs"),
]

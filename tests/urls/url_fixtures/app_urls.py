from nuages.urls import path
from url_fixtures import views

app_name = "testapp"

urlpatterns = [
    path("", views.empty_view, name="index"),
    path("<int:pk>/", views.other_view, name="detail"),
]

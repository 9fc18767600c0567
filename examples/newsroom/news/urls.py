from nuages.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.front, name="front"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("about/", views.about, name="about"),
]

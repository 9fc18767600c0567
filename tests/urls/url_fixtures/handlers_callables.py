from url_fixtures import views

urlpatterns = []

handler400 = views.empty_view
handler403 = views.empty_view
handler404 = views.empty_view
handler500 = views.empty_view

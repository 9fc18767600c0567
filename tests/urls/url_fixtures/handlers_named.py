urlpatterns = []

handler400 = "url_fixtures.views.empty_view"
handler403 = "url_fixtures.views.empty_view"
handler404 = "url_fixtures.views.empty_view"
handler500 = "url_fixtures.views.empty_view"

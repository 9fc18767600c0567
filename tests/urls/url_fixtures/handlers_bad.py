urlpatterns = []

handler400 = "url_fixtures.views.good_4xx"
handler403 = "url_fixtures.views.does_not_exist"
handler404 = "url_fixtures.views.bad_handler"
handler500 = "url_fixtures.views.good_500"

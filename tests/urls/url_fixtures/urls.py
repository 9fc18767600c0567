from nuages.urls import include, path, re_path
from url_fixtures import views

other_patterns = [
    path("non_path_include/", views.empty_view, name="non_path_include"),
]

urlpatterns = [
    path("", views.empty_view, name="home"),
    path("about/", views.empty_view, name="about"),
    path("articles/<int:year>/", views.empty_view, name="articles-year"),
    path("articles/<int:year>/<int:month>/", views.empty_view, name="articles-month"),
    path("articles/<int:year>/<slug:slug>/", views.other_view, name="article"),
    path("uuid/<uuid:id>/", views.empty_view, name="uuid"),
    path("files/<path:path>", views.empty_view, name="files"),
    path("str/<name>/", views.empty_view, name="str"),
    path("defaults/<int:arg1>/", views.kwargs_view, {"arg2": 1}, name="defaults"),
    path("defaults2/<int:arg1>/", views.kwargs_view, {"arg2": 2}, name="defaults"),
    path("partial/", views.partial_view, name="partial"),
    path("partial_nested/", views.nested_partial, name="partial_nested"),
    path("cbv/", views.ClassBasedView.as_view(), name="cbv"),
    path("instance/", views.view_class_instance, name="instance"),
    path("unnamed/", views.other_view),
    re_path(r"^places/([0-9]+)/$", views.empty_view, name="places"),
    re_path(r"^places?/$", views.empty_view, name="places?"),
    re_path(r"^(?:places/)?$", views.empty_view, name="places2?"),
    re_path(r"^people/(?P<name>\w+)/$", views.empty_view, name="people"),
    re_path(r"^people/(?:name/(\w+)/)?$", views.empty_view, name="people2a"),
    re_path(r"^people/(?P<name>\w+)-(?P=name)/$", views.empty_view, name="people_backref"),
    re_path(
        r"^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?$", views.kwargs_view, name="named_optional"
    ),
    re_path(r"^nested/capture/((\w+)/)?$", views.empty_view, name="nested-capture"),
    re_path(r"^price/\$([0-9]+)/$", views.empty_view, name="price"),
    re_path(r"^special_chars/(?P<chars>.+)/$", views.empty_view, name="special"),
    re_path(
        r"^windows_path/(?P<drive_name>[A-Z]):\\(?P<path>.+)/$", views.empty_view, name="windows"
    ),
    re_path(r"^repeats/a{2,4}/$", views.empty_view, name="repeats"),
    re_path(r"^test/1/?", views.empty_view, name="test"),
    re_path(r"^(?:foo|bar)(\w+)/$", views.empty_view, name="disjunction"),
    re_path(
        r"^lookahead\+/(?=a-city)(?P<city>[^/]+)/$", views.empty_view, name="lookahead-positive"
    ),
    re_path(r"^no_kwargs/([0-9]+)/([0-9]+)/$", views.empty_view, name="no-kwargs"),
    re_path(r"^mixed/(?P<named>[0-9]+)/([0-9]+)/$", views.empty_view, name="mixed"),
    path("included/", include("url_fixtures.included")),
    path("conv/<int:num>/", include("url_fixtures.included")),
    re_path(r"^outer/(?P<outer>[0-9]+)/", include("url_fixtures.included")),
    re_path(r"^outer-no-kwargs/([0-9]+)/", include("url_fixtures.included_no_kwargs")),
    path("with-defaults/", include("url_fixtures.included"), {"extra": "x"}),
    path("includes/", include(other_patterns)),
    re_path(r"(.+)/security/$", views.empty_view, name="security"),
]

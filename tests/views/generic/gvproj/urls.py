from gvproj.models import Author, Book
from nuages import forms
from nuages.urls import path
from nuages.views import generic


class ContactForm(forms.Form):
    name = forms.CharField()


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField()


urlpatterns = [
    path("authors/", generic.ListView.as_view(model=Author)),
    path("authors/paged/", generic.ListView.as_view(model=Author, paginate_by=2)),
    path(
        "authors/paged/<int:page>/",
        generic.ListView.as_view(model=Author, paginate_by=2, paginate_orphans=1),
    ),
    path("authors/strict/", generic.ListView.as_view(model=Author, allow_empty=False)),
    path(
        "authors/ordered/",
        generic.ListView.as_view(model=Author, ordering="-name", context_object_name="people"),
    ),
    path("authors/<pk>/", generic.DetailView.as_view(model=Author)),
    path("authors/by-slug/<slug>/", generic.DetailView.as_view(model=Author)),
    path(
        "authors/both/<pk>/<slug>/",
        generic.DetailView.as_view(model=Author, query_pk_and_slug=True),
    ),
    path(
        "contact/",
        generic.FormView.as_view(
            form_class=ContactForm, template_name="gvtests/contact.html", success_url="/thanks/"
        ),
    ),
    path("create/", generic.CreateView.as_view(model=Author, fields=["name", "slug"])),
    path(
        "create/to/",
        generic.CreateView.as_view(
            model=Author, fields=["name", "slug"], success_url="/done/{slug}/"
        ),
    ),
    path("update/<pk>/", generic.UpdateView.as_view(model=Author, fields="__all__")),
    path("delete/<pk>/", generic.DeleteView.as_view(model=Author, success_url="/gone/")),
    path(
        "delete-confirm/<pk>/",
        generic.DeleteView.as_view(model=Author, success_url="/gone/", form_class=ConfirmForm),
    ),
    path("books/", generic.ArchiveIndexView.as_view(model=Book, date_field="pubdate")),
    path(
        "books/<int:year>/",
        generic.YearArchiveView.as_view(model=Book, date_field="pubdate", make_object_list=True),
    ),
    path(
        "books/<int:year>/<str:month>/",
        generic.MonthArchiveView.as_view(model=Book, date_field="pubdate"),
    ),
    path(
        "books/<int:year>/week/<int:week>/",
        generic.WeekArchiveView.as_view(model=Book, date_field="pubdate"),
    ),
    path(
        "books/<int:year>/<str:month>/<int:day>/",
        generic.DayArchiveView.as_view(model=Book, date_field="pubdate", allow_empty=True),
    ),
    path(
        "books/today/",
        generic.TodayArchiveView.as_view(model=Book, date_field="pubdate", allow_empty=True),
    ),
    path(
        "books/<int:year>/<str:month>/<int:day>/<pk>/",
        generic.DateDetailView.as_view(model=Book, date_field="pubdate"),
    ),
    path(
        "created/<int:year>/<str:month>/<int:day>/",
        generic.DayArchiveView.as_view(model=Book, date_field="created"),
    ),
]

"""Generic class-based views."""

from nuages.views.generic.base import RedirectView, TemplateView, View
from nuages.views.generic.dates import (
    ArchiveIndexView,
    DateDetailView,
    DayArchiveView,
    MonthArchiveView,
    TodayArchiveView,
    WeekArchiveView,
    YearArchiveView,
)
from nuages.views.generic.detail import DetailView
from nuages.views.generic.edit import CreateView, DeleteView, FormView, UpdateView
from nuages.views.generic.list import ListView

__all__ = [
    "ArchiveIndexView",
    "CreateView",
    "DateDetailView",
    "DayArchiveView",
    "DeleteView",
    "DetailView",
    "FormView",
    "ListView",
    "MonthArchiveView",
    "RedirectView",
    "TemplateView",
    "TodayArchiveView",
    "UpdateView",
    "View",
    "WeekArchiveView",
    "YearArchiveView",
]

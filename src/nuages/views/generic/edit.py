"""Editing views: FormView, CreateView, UpdateView, DeleteView and their mixins."""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.forms import Form
from nuages.forms import models as model_forms
from nuages.http import HttpResponseRedirect
from nuages.views.generic.base import ContextMixin, TemplateResponseMixin, View
from nuages.views.generic.detail import (
    BaseDetailView,
    SingleObjectMixin,
    SingleObjectTemplateResponseMixin,
)

__all__ = [
    "BaseCreateView",
    "BaseDeleteView",
    "BaseFormView",
    "BaseUpdateView",
    "CreateView",
    "DeleteView",
    "DeletionMixin",
    "FormMixin",
    "FormView",
    "ModelFormMixin",
    "ProcessFormView",
    "UpdateView",
]


class FormMixin(ContextMixin):
    """Build, validate and handle a form."""

    initial: dict = {}
    form_class: Any = None
    success_url: Any = None
    prefix: str | None = None

    def get_initial(self) -> dict:
        return self.initial.copy()

    def get_prefix(self) -> str | None:
        return self.prefix

    def get_form_class(self) -> Any:
        return self.form_class

    def get_form(self, form_class: Any = None) -> Any:
        if form_class is None:
            form_class = self.get_form_class()
        return form_class(**self.get_form_kwargs())

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if self.request.method in ("POST", "PUT"):
            kwargs.update({"data": self.request.POST, "files": self.request.FILES})
        return kwargs

    def get_success_url(self) -> str:
        if not self.success_url:
            raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")
        return str(self.success_url)

    def form_valid(self, form: Any) -> Any:
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> Any:
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()
        return super().get_context_data(**kwargs)


class ModelFormMixin(FormMixin, SingleObjectMixin):
    """A ModelForm for `self.object` (built from model/fields when no form_class)."""

    fields: Any = None

    def get_form_class(self) -> Any:
        if self.fields is not None and self.form_class:
            raise ImproperlyConfigured(
                "Specifying both 'fields' and 'form_class' is not permitted."
            )
        if self.form_class:
            return self.form_class
        if self.model is not None:
            model = self.model
        elif getattr(self, "object", None) is not None:
            model = type(self.object)
        else:
            model = self.get_queryset().model
        if self.fields is None:
            raise ImproperlyConfigured(
                f"Using ModelFormMixin (base class of {type(self).__name__}) without the "
                "'fields' attribute is prohibited."
            )
        return model_forms.modelform_factory(model, fields=self.fields)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if hasattr(self, "object"):
            kwargs["instance"] = self.object
        return kwargs

    def get_success_url(self) -> str:
        if self.success_url:
            # "{field}" placeholders are filled from the saved object (Django 2.0+ format).
            return str(self.success_url).format(**self.object.__dict__)
        try:
            return self.object.get_absolute_url()
        except AttributeError:
            raise ImproperlyConfigured(
                "No URL to redirect to.  Either provide a url or define a get_absolute_url "
                "method on the Model."
            ) from None

    def form_valid(self, form: Any) -> Any:
        self.object = form.save()
        return super().form_valid(form)


class ProcessFormView(View):
    """GET renders the form; POST validates it."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.render_to_response(self.get_context_data())

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def put(self, *args: Any, **kwargs: Any) -> Any:
        return self.post(*args, **kwargs)


class BaseFormView(FormMixin, ProcessFormView):
    pass


class FormView(TemplateResponseMixin, BaseFormView):
    """Show a form; on valid POST, redirect to success_url."""


class BaseCreateView(ModelFormMixin, ProcessFormView):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = None
        return super().post(request, *args, **kwargs)


class CreateView(SingleObjectTemplateResponseMixin, BaseCreateView):
    """Create an object with a ModelForm (template `<app>/<model>_form.html`)."""

    template_name_suffix = "_form"


class BaseUpdateView(ModelFormMixin, ProcessFormView):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)


class UpdateView(SingleObjectTemplateResponseMixin, BaseUpdateView):
    """Edit an object with a ModelForm (template `<app>/<model>_form.html`)."""

    template_name_suffix = "_form"


class DeletionMixin:
    """delete(): delete self.object and redirect to success_url."""

    success_url: Any = None

    def delete(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()  # type: ignore[attr-defined]
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.delete(request, *args, **kwargs)

    def get_success_url(self) -> str:
        if self.success_url:
            return str(self.success_url).format(**self.object.__dict__)
        raise ImproperlyConfigured("No URL to redirect to. Provide a success_url.")


class BaseDeleteView(DeletionMixin, FormMixin, BaseDetailView):
    """POST validates `form_class` (a plain Form by default), then deletes (Django 4.0+)."""

    form_class = Form

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form: Any) -> Any:
        success_url = self.get_success_url()
        self.object.delete()
        return HttpResponseRedirect(success_url)

    def get_success_url(self) -> str:
        return DeletionMixin.get_success_url(self)


class DeleteView(SingleObjectTemplateResponseMixin, BaseDeleteView):
    """Confirm on GET (`<app>/<model>_confirm_delete.html`), delete on POST."""

    template_name_suffix = "_confirm_delete"

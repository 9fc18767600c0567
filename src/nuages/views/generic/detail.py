"""DetailView and SingleObjectMixin: one object, looked up by pk or slug from the URL."""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.http import Http404
from nuages.views.generic.base import ContextMixin, TemplateResponseMixin, View

__all__ = [
    "BaseDetailView",
    "DetailView",
    "SingleObjectMixin",
    "SingleObjectTemplateResponseMixin",
]

# What a lookup with a malformed URL value may raise (a 404, never a 500).
_BAD_LOOKUP = (ValueError, TypeError, OverflowError)


class SingleObjectMixin(ContextMixin):
    """Find the object the view works on (`self.object`)."""

    model: Any = None
    queryset: Any = None
    slug_field = "slug"
    context_object_name: str | None = None
    slug_url_kwarg = "slug"
    pk_url_kwarg = "pk"
    query_pk_and_slug = False

    def get_object(self, queryset: Any = None) -> Any:
        """The object from the pk and/or slug URL arguments; Http404 when there is none."""
        if queryset is None:
            queryset = self.get_queryset()
        pk = self.kwargs.get(self.pk_url_kwarg)
        slug = self.kwargs.get(self.slug_url_kwarg)
        if pk is None and slug is None:
            raise AttributeError(
                f"Generic detail view {type(self).__name__} must be called with either an "
                "object pk or a slug in the URLconf."
            )
        try:
            if pk is not None:
                queryset = queryset.filter(pk=pk)
            if slug is not None and (pk is None or self.query_pk_and_slug):
                queryset = queryset.filter(**{self.get_slug_field(): slug})
            return queryset.get()
        except (queryset.model.DoesNotExist, *_BAD_LOOKUP):
            # A malformed pk ("abc", out of range) is a missing object too, never a 500.
            raise Http404(
                f"No {queryset.model._meta.verbose_name} found matching the query"
            ) from None

    def get_queryset(self) -> Any:
        if self.queryset is None:
            if self.model:
                return self.model._default_manager.all()
            raise ImproperlyConfigured(
                f"{type(self).__name__} is missing a QuerySet. Define "
                f"{type(self).__name__}.model, {type(self).__name__}.queryset, or override "
                f"{type(self).__name__}.get_queryset()."
            )
        return self.queryset.all()

    def get_slug_field(self) -> str:
        return self.slug_field

    def get_context_object_name(self, obj: Any) -> str | None:
        if self.context_object_name:
            return self.context_object_name
        if hasattr(obj, "_meta"):
            return obj._meta.model_name
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = {}
        obj = getattr(self, "object", None)
        if obj:
            context["object"] = obj
            name = self.get_context_object_name(obj)
            if name:
                context[name] = obj
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseDetailView(SingleObjectMixin, View):
    """Fetch the object and render it (the response comes from a mixin)."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


class SingleObjectTemplateResponseMixin(TemplateResponseMixin):
    template_name_field: str | None = None
    template_name_suffix = "_detail"

    def get_template_names(self) -> list[str]:
        """template_name, then the object's template_name_field, then <app>/<model>_detail.html."""
        try:
            names = super().get_template_names()
        except ImproperlyConfigured:
            names = []
            obj = getattr(self, "object", None)
            if obj is not None and self.template_name_field:
                name = getattr(obj, self.template_name_field, None)
                if name:
                    names.insert(0, name)
            model = getattr(obj, "_meta", None) and type(obj)
            if model is None and getattr(self, "model", None) is not None:
                model = self.model
            if model is not None:
                opts = model._meta
                names.append(f"{opts.app_label}/{opts.model_name}{self.template_name_suffix}.html")
            elif not names:
                raise
        return names


class DetailView(SingleObjectTemplateResponseMixin, BaseDetailView):
    """Render one object: `object` and `<model_name>` in the context."""

"""ListView and MultipleObjectMixin: a list of objects, optionally paginated."""

from __future__ import annotations

from typing import Any

from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.paginator import InvalidPage, Paginator
from nuages.http import Http404
from nuages.views.generic.base import ContextMixin, TemplateResponseMixin, View

__all__ = [
    "BaseListView",
    "ListView",
    "MultipleObjectMixin",
    "MultipleObjectTemplateResponseMixin",
]


class MultipleObjectMixin(ContextMixin):
    """A list of objects (`object_list`), with pagination."""

    allow_empty = True
    queryset: Any = None
    model: Any = None
    paginate_by: int | None = None
    paginate_orphans = 0
    context_object_name: str | None = None
    paginator_class = Paginator
    page_kwarg = "page"
    ordering: Any = None

    def get_queryset(self) -> Any:
        if self.queryset is not None:
            queryset = self.queryset
            if hasattr(queryset, "_clone") or hasattr(queryset, "all"):
                queryset = queryset.all()
        elif self.model is not None:
            queryset = self.model._default_manager.all()
        else:
            raise ImproperlyConfigured(
                f"{type(self).__name__} is missing a QuerySet. Define "
                f"{type(self).__name__}.model, {type(self).__name__}.queryset, or override "
                f"{type(self).__name__}.get_queryset()."
            )
        ordering = self.get_ordering()
        if ordering:
            if isinstance(ordering, str):
                ordering = (ordering,)
            queryset = queryset.order_by(*ordering)
        return queryset

    def get_ordering(self) -> Any:
        return self.ordering

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple:
        """(paginator, page, object_list, is_paginated); Http404 for a page that is not there."""
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page_kwarg = self.page_kwarg
        page = self.kwargs.get(page_kwarg) or self.request.GET.get(page_kwarg) or 1
        try:
            page_number = int(page)
        except (TypeError, ValueError):
            if page == "last":
                page_number = paginator.num_pages
            else:
                raise Http404("Page is not “last”, nor can it be converted to an int.") from None
        try:
            page = paginator.page(page_number)
            return (paginator, page, page.object_list, page.has_other_pages())
        except InvalidPage as e:
            raise Http404(f"Invalid page ({page_number}): {e}") from None

    def get_paginate_by(self, queryset: Any) -> int | None:
        return self.paginate_by

    def get_paginator(
        self,
        queryset: Any,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
        **kwargs: Any,
    ) -> Paginator:
        return self.paginator_class(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            **kwargs,
        )

    def get_paginate_orphans(self) -> int:
        return self.paginate_orphans

    def get_allow_empty(self) -> bool:
        return self.allow_empty

    def get_context_object_name(self, object_list: Any) -> str | None:
        if self.context_object_name:
            return self.context_object_name
        model = getattr(object_list, "model", None)
        if model is not None and hasattr(model, "_meta"):
            return f"{model._meta.model_name}_list"
        return None

    def get_context_data(self, *, object_list: Any = None, **kwargs: Any) -> dict[str, Any]:
        queryset = object_list if object_list is not None else self.object_list
        page_size = self.get_paginate_by(queryset)
        name = self.get_context_object_name(queryset)
        if page_size:
            paginator, page, queryset, is_paginated = self.paginate_queryset(queryset, page_size)
            context = {
                "paginator": paginator,
                "page_obj": page,
                "is_paginated": is_paginated,
                "object_list": queryset,
            }
        else:
            context = {
                "paginator": None,
                "page_obj": None,
                "is_paginated": False,
                "object_list": queryset,
            }
        if name is not None:
            context[name] = queryset
        context.update(kwargs)
        return super().get_context_data(**context)


class BaseListView(MultipleObjectMixin, View):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.object_list = self.get_queryset()
        allow_empty = self.get_allow_empty()
        if not allow_empty:
            # Ask the database cheaply whether the list (or its first page) is empty.
            if self.get_paginate_by(self.object_list) is not None and hasattr(
                self.object_list, "exists"
            ):
                is_empty = not self.object_list.exists()
            else:
                is_empty = not self.object_list
            if is_empty:
                raise Http404(f"Empty list and “{type(self).__name__}.allow_empty” is False.")
        context = self.get_context_data()
        return self.render_to_response(context)


class MultipleObjectTemplateResponseMixin(TemplateResponseMixin):
    template_name_suffix = "_list"

    def get_template_names(self) -> list[str]:
        """template_name, then <app>/<model>_list.html."""
        try:
            names = super().get_template_names()
        except ImproperlyConfigured:
            model = getattr(self.object_list, "model", None)
            if model is None:
                raise ImproperlyConfigured(
                    "MultipleObjectTemplateResponseMixin requires either a definition of "
                    "'template_name' or an implementation of 'get_template_names()'"
                ) from None
            opts = model._meta
            names = [f"{opts.app_label}/{opts.model_name}{self.template_name_suffix}.html"]
        return names


class ListView(MultipleObjectTemplateResponseMixin, BaseListView):
    """Render a list of objects (`object_list`, `<model>_list`, pagination context)."""

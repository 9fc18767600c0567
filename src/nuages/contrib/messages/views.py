"""SuccessMessageMixin: a success message after a form view's form_valid()."""

from __future__ import annotations

from typing import Any

from nuages.contrib.messages import api

__all__ = ["SuccessMessageMixin"]


class SuccessMessageMixin:
    """Add `success_message` (formatted with the form's cleaned_data) when the form is valid."""

    success_message = ""
    request: Any

    def form_valid(self, form: Any) -> Any:
        response = super().form_valid(form)  # type: ignore[misc]
        success_message = self.get_success_message(form.cleaned_data)
        if success_message:
            api.success(self.request, success_message)
        return response

    def get_success_message(self, cleaned_data: dict[str, Any]) -> str:
        return self.success_message % cleaned_data

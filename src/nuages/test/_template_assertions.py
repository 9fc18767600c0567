"""assertTemplateUsed / assertTemplateNotUsed used as context managers."""

from __future__ import annotations

import copy
import unittest
from typing import Any

from nuages.test.signals import template_rendered

__all__ = ["AssertTemplateNotUsedContext", "AssertTemplateUsedContext"]


class AssertTemplateUsedContext:
    """Record the templates rendered inside the block, then assert on them."""

    def __init__(
        self, test_case: Any, template_name: str, msg_prefix: str = "", count: int | None = None
    ) -> None:
        self.test_case: unittest.TestCase = test_case
        self.template_name = template_name
        self.msg_prefix = msg_prefix
        self.count = count
        self.rendered_templates: list[Any] = []
        self.context: list[Any] = []

    @property
    def rendered_template_names(self) -> list[str]:
        return [t.name for t in self.rendered_templates if t.name is not None]

    def on_template_render(
        self, sender: Any, signal: Any, template: Any, context: Any, **kwargs: Any
    ) -> None:
        self.rendered_templates.append(template)
        self.context.append(copy.copy(context))

    def test(self) -> None:
        self.test_case._assert_template_used(
            self.template_name, self.rendered_template_names, self.msg_prefix, self.count
        )

    def __enter__(self) -> AssertTemplateUsedContext:
        template_rendered.connect(self.on_template_render)
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        template_rendered.disconnect(self.on_template_render)
        if exc_type is not None:
            return
        self.test()


class AssertTemplateNotUsedContext(AssertTemplateUsedContext):
    def test(self) -> None:
        self.test_case.assertFalse(
            self.template_name in self.rendered_template_names,
            f"{self.msg_prefix}Template '{self.template_name}' was used unexpectedly in "
            "rendering the response",
        )

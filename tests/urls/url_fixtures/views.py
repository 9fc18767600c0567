import functools


def empty_view(request, *args, **kwargs):
    return None


def other_view(request, *args, **kwargs):
    return None


def kwargs_view(request, arg1=1, arg2=2):
    return None


class ViewClass:
    """A callable instance used as a view."""

    def __call__(self, request, *args, **kwargs):
        return None


view_class_instance = ViewClass()


class ClassBasedView:
    """Shaped like nuages.views.View: as_view() returns a function carrying view_class."""

    @classmethod
    def as_view(cls):
        def view(request, *args, **kwargs):
            return None

        view.view_class = cls
        return view

    def __init__(self):
        pass


partial_view = functools.partial(empty_view, template_name="template.html")
nested_partial = functools.partial(partial_view, template_name="nested_partial.html")

not_a_view = 42


def bad_handler(request):
    """Wrong arity for handler404."""
    return None


def good_500(request):
    return None


def good_4xx(request, exception):
    return None

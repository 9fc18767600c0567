"""Model signals: pre_init, post_init, pre_save, post_save, pre_delete, post_delete, class_prepared."""

from nuages.dispatch import Signal

__all__ = [
    "class_prepared",
    "post_delete",
    "post_init",
    "post_migrate",
    "post_save",
    "pre_delete",
    "pre_init",
    "pre_migrate",
    "pre_save",
]

class_prepared = Signal()
pre_init = Signal(use_caching=True)
post_init = Signal(use_caching=True)
pre_save = Signal(use_caching=True)
post_save = Signal(use_caching=True)
pre_delete = Signal(use_caching=True)
post_delete = Signal(use_caching=True)
pre_migrate = Signal()
post_migrate = Signal()

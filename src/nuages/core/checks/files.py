"""File upload settings checks."""

from __future__ import annotations

import os
from typing import Any

from nuages.conf import settings
from nuages.core.checks.messages import Error
from nuages.core.checks.registry import Tags, register

__all__ = ["check_setting_file_upload_temp_dir"]


@register(Tags.files)
def check_setting_file_upload_temp_dir(app_configs: Any, **kwargs: Any) -> list:
    temp_dir = settings.FILE_UPLOAD_TEMP_DIR
    if temp_dir and not os.path.isdir(temp_dir):
        return [
            Error(
                f"The FILE_UPLOAD_TEMP_DIR setting refers to the nonexistent directory '{temp_dir}'.",
                id="files.E001",
            )
        ]
    return []

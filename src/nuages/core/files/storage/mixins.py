"""Settings-backed defaults shared by the filesystem and in-memory storages."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from nuages.conf import settings

__all__ = ["StorageSettingsMixin"]


class StorageSettingsMixin:
    """location, base_url and permission modes: the constructor's value, else the setting.

    Read on each access, so override_settings(MEDIA_ROOT=...) is seen by existing storages.
    """

    _location: Any
    _base_url: Any
    _file_permissions_mode: Any
    _directory_permissions_mode: Any

    @staticmethod
    def _value_or_setting(value: Any, setting: Any) -> Any:
        return setting if value is None else value

    @property
    def base_location(self) -> str:
        return self._value_or_setting(self._location, settings.MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> str | None:
        url = self._value_or_setting(self._base_url, settings.MEDIA_URL)
        if url is not None and not url.endswith("/"):
            url += "/"
        return url

    @property
    def file_permissions_mode(self) -> int | None:
        return self._value_or_setting(self._file_permissions_mode, settings.FILE_UPLOAD_PERMISSIONS)

    @property
    def directory_permissions_mode(self) -> int | None:
        return self._value_or_setting(
            self._directory_permissions_mode, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS
        )

    @staticmethod
    def _datetime_from_timestamp(ts: float) -> datetime:
        """Aware (UTC) with USE_TZ, naive local time without, as Django returns them."""
        if settings.USE_TZ:
            return datetime.fromtimestamp(ts, tz=UTC)
        return datetime.fromtimestamp(ts)

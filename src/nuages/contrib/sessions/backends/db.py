"""Sessions stored in the database (the Session model), with real async through the ORM."""

from __future__ import annotations

import logging
from typing import Any

from nuages.contrib.sessions.backends.base import CreateError, SessionBase, UpdateError
from nuages.core.exceptions import ObjectNotUpdated, SuspiciousOperation
from nuages.db import DatabaseError, IntegrityError, router, transaction
from nuages.utils import timezone

__all__ = ["SessionStore"]


class SessionStore(SessionBase):
    """Implement database session store."""

    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)

    @classmethod
    def get_model_class(cls) -> type:
        # Avoids importing the model (and so the app registry) when the module is imported.
        from nuages.contrib.sessions.models import Session

        return Session

    @property
    def model(self) -> type:
        return self.get_model_class()

    def _live(self) -> Any:
        return self.model.objects.filter(
            session_key=self.session_key, expire_date__gt=timezone.now()
        )

    def _log_suspicious(self, exc: SuspiciousOperation) -> None:
        logger = logging.getLogger(f"nuages.security.{exc.__class__.__name__}")
        logger.warning(str(exc))

    def _get_session_from_db(self) -> Any:
        try:
            return self._live().get()
        except (self.model.DoesNotExist, SuspiciousOperation) as exc:
            if isinstance(exc, SuspiciousOperation):
                self._log_suspicious(exc)
            self._session_key = None
            return None

    async def _aget_session_from_db(self) -> Any:
        try:
            return await self._live().aget()
        except (self.model.DoesNotExist, SuspiciousOperation) as exc:
            if isinstance(exc, SuspiciousOperation):
                self._log_suspicious(exc)
            self._session_key = None
            return None

    def load(self) -> dict:
        s = self._get_session_from_db()
        return self.decode(s.session_data) if s else {}

    async def aload(self) -> dict:
        s = await self._aget_session_from_db()
        return self.decode(s.session_data) if s else {}

    def exists(self, session_key: str) -> bool:
        return self.model.objects.filter(session_key=session_key).exists()

    async def aexists(self, session_key: str) -> bool:
        return await self.model.objects.filter(session_key=session_key).aexists()

    def create(self) -> None:
        while True:
            self._session_key = self._get_new_session_key()
            try:
                # Save immediately so the key is taken; CreateError if another request won.
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    async def acreate(self) -> None:
        while True:
            self._session_key = await self._aget_new_session_key()
            try:
                await self.asave(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def create_model_instance(self, data: dict) -> Any:
        """The model instance to save for `data` (override to fill extra columns)."""
        return self.model(
            session_key=self._get_or_create_session_key(),
            session_data=self.encode(data),
            expire_date=self.get_expiry_date(),
        )

    async def acreate_model_instance(self, data: dict) -> Any:
        return self.model(
            session_key=await self._aget_or_create_session_key(),
            session_data=self.encode(data),
            expire_date=await self.aget_expiry_date(),
        )

    def save(self, must_create: bool = False) -> None:
        """Insert (must_create) or update the row; CreateError/UpdateError on a lost race."""
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        try:
            with transaction.atomic(using=using):
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except (DatabaseError, ObjectNotUpdated):
            if not must_create:
                raise UpdateError from None
            raise

    async def asave(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return await self.acreate()
        data = await self._aget_session(no_load=must_create)
        obj = await self.acreate_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        try:
            async with transaction.atomic(using=using):
                await obj.asave(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except (DatabaseError, ObjectNotUpdated):
            if not must_create:
                raise UpdateError from None
            raise

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self.model.objects.filter(session_key=session_key).delete()

    async def adelete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        await self.model.objects.filter(session_key=session_key).adelete()

    @classmethod
    def clear_expired(cls) -> None:
        cls.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()

    @classmethod
    async def aclear_expired(cls) -> None:
        await cls.get_model_class().objects.filter(expire_date__lt=timezone.now()).adelete()

"""The SMTP backend: smtplib with STARTTLS or implicit TLS, login, and batched sending."""

from __future__ import annotations

import email.policy
import smtplib
import ssl
import threading
from collections.abc import Sequence
from typing import Any

from nuages.conf import settings
from nuages.core.mail.backends.base import BaseEmailBackend
from nuages.core.mail.message import _envelope_address
from nuages.core.mail.utils import DNS_NAME
from nuages.utils.functional import cached_property

__all__ = ["EmailBackend"]


class EmailBackend(BaseEmailBackend):
    """Send messages through an SMTP server (EMAIL_HOST, EMAIL_PORT and friends by default)."""

    def __init__(
        self,
        host: str | None = None,
        port: int | None = None,
        username: str | None = None,
        password: str | None = None,
        use_tls: bool | None = None,
        fail_silently: bool = False,
        use_ssl: bool | None = None,
        timeout: float | None = None,
        ssl_keyfile: str | None = None,
        ssl_certfile: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently)
        self.host = host or settings.EMAIL_HOST
        self.port = port or settings.EMAIL_PORT
        self.username = settings.EMAIL_HOST_USER if username is None else username
        self.password = settings.EMAIL_HOST_PASSWORD if password is None else password
        self.use_tls = settings.EMAIL_USE_TLS if use_tls is None else use_tls
        self.use_ssl = settings.EMAIL_USE_SSL if use_ssl is None else use_ssl
        self.timeout = settings.EMAIL_TIMEOUT if timeout is None else timeout
        self.ssl_keyfile = settings.EMAIL_SSL_KEYFILE if ssl_keyfile is None else ssl_keyfile
        self.ssl_certfile = settings.EMAIL_SSL_CERTFILE if ssl_certfile is None else ssl_certfile
        if self.use_ssl and self.use_tls:
            raise ValueError(
                "EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set "
                "one of those settings to True."
            )
        self.connection: smtplib.SMTP | None = None
        self._lock = threading.RLock()

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP

    @cached_property
    def ssl_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(protocol=ssl.PROTOCOL_TLS_CLIENT)
        context.load_default_certs()
        if self.ssl_certfile or self.ssl_keyfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return context

    def open(self) -> bool | None:
        """Connect (and log in); True if a new connection was opened, None if it failed silently."""
        if self.connection:
            return False
        params: dict[str, Any] = {"local_hostname": DNS_NAME.get_fqdn()}
        if self.timeout is not None:
            params["timeout"] = self.timeout
        if self.use_ssl:
            params["context"] = self.ssl_context
        try:
            connection = self.connection_class(self.host, self.port, **params)
        except OSError:
            if not self.fail_silently:
                raise
            return None
        try:
            # Nothing goes over a connection whose STARTTLS failed: it is dropped, not reused.
            if not self.use_ssl and self.use_tls:
                connection.starttls(context=self.ssl_context)
            if self.username and self.password:
                connection.login(self.username, self.password)
        except (OSError, smtplib.SMTPException):
            try:
                connection.close()
            except OSError:
                pass
            if not self.fail_silently:
                raise
            return None
        self.connection = connection
        return True

    def close(self) -> None:
        if self.connection is None:
            return
        try:
            try:
                self.connection.quit()
            except (ssl.SSLError, smtplib.SMTPServerDisconnected):
                # The server went away: close our side only.
                self.connection.close()
            except smtplib.SMTPException:
                if self.fail_silently:
                    return
                raise
        finally:
            self.connection = None

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        if not email_messages:
            return 0
        with self._lock:
            new_conn_created = self.open()
            if not self.connection or new_conn_created is None:
                return 0
            num_sent = 0
            try:
                for message in email_messages:
                    if self._send(message):
                        num_sent += 1
            finally:
                if new_conn_created:
                    self.close()
        return num_sent

    def _send(self, email_message: Any) -> bool:
        recipients = email_message.recipients()
        if not recipients:
            return False
        # A malformed message (header injection, bad address) is an error even when silent.
        from_email = _envelope_address(email_message.from_email)
        to = [_envelope_address(addr) for addr in recipients]
        message = email_message.message()
        needs_utf8 = not all(addr.isascii() for addr in (from_email, *to))
        policy = email.policy.SMTPUTF8 if needs_utf8 else email.policy.SMTP
        options = ["SMTPUTF8"] if needs_utf8 else []
        try:
            self.connection.sendmail(  # type: ignore[union-attr]
                from_email, to, message.as_bytes(policy=policy), mail_options=options
            )
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True

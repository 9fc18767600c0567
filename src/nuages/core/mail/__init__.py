"""Sending e-mail: send_mail() and friends, EmailMessage, and the connection backends."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from email.utils import formataddr
from typing import Any

from nuages.conf import settings
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.mail._connection import get_connection
from nuages.core.mail.message import (
    DEFAULT_ATTACHMENT_MIME_TYPE,
    BadHeaderError,
    EmailAlternative,
    EmailAttachment,
    EmailMessage,
    EmailMultiAlternatives,
    forbid_multi_line_headers,
    make_msgid,
    sanitize_address,
)
from nuages.core.mail.utils import DNS_NAME, CachedDnsName

__all__ = [
    "DEFAULT_ATTACHMENT_MIME_TYPE",
    "DNS_NAME",
    "BadHeaderError",
    "CachedDnsName",
    "EmailAlternative",
    "EmailAttachment",
    "EmailMessage",
    "EmailMultiAlternatives",
    "forbid_multi_line_headers",
    "get_connection",
    "mail_admins",
    "mail_managers",
    "make_msgid",
    "sanitize_address",
    "send_mail",
    "send_mass_mail",
]

outbox: list[EmailMessage]  # Set by the locmem backend and the test environment.


def send_mail(
    subject: Any,
    message: Any,
    from_email: Any,
    recipient_list: Sequence[Any],
    *,
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: Any = None,
    html_message: Any = None,
) -> int:
    """Send one message to recipient_list (all in To:); return the number sent (0 or 1)."""
    connection = connection or get_connection(
        username=auth_user, password=auth_password, fail_silently=fail_silently
    )
    mail = EmailMultiAlternatives(
        subject, message, from_email, recipient_list, connection=connection
    )
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    return mail.send()


def send_mass_mail(
    datatuple: Iterable[tuple[Any, Any, Any, Sequence[Any]]],
    *,
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: Any = None,
) -> int:
    """Send each (subject, message, from_email, recipient_list) over one connection."""
    connection = connection or get_connection(
        username=auth_user, password=auth_password, fail_silently=fail_silently
    )
    messages = [
        EmailMessage(subject, message, sender, recipient, connection=connection)
        for subject, message, sender, recipient in datatuple
    ]
    return connection.send_messages(messages)


def _setting_addresses(name: str) -> list[str]:
    """ADMINS/MANAGERS as address strings: Django 6.0's form, or the older (name, email) pairs."""
    value = getattr(settings, name)
    addresses = []
    for entry in value:
        if isinstance(entry, str):
            addresses.append(entry)
        elif isinstance(entry, (list, tuple)) and len(entry) == 2:
            warnings.warn(
                f"Using (name, address) pairs in the {name} setting is deprecated. "
                "Use a list of email address strings instead.",
                DeprecationWarning,
                stacklevel=3,
            )
            addresses.append(formataddr((str(entry[0]), str(entry[1]))))
        else:
            raise ImproperlyConfigured(
                f"The {name} setting must be a list of email address strings."
            )
    return addresses


def _mail_to(setting: str, subject: Any, message: Any, **kwargs: Any) -> None:
    fail_silently = kwargs.pop("fail_silently", False)
    html_message = kwargs.pop("html_message", None)
    connection = kwargs.pop("connection", None)
    recipients = _setting_addresses(setting)
    if not recipients:
        return
    mail = EmailMultiAlternatives(
        f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        message,
        settings.SERVER_EMAIL,
        recipients,
        connection=connection,
    )
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    mail.send(fail_silently=fail_silently)


def mail_admins(
    subject: Any,
    message: Any,
    *,
    fail_silently: bool = False,
    connection: Any = None,
    html_message: Any = None,
) -> None:
    """Send a message to the ADMINS, from SERVER_EMAIL, with EMAIL_SUBJECT_PREFIX."""
    _mail_to(
        "ADMINS",
        subject,
        message,
        fail_silently=fail_silently,
        connection=connection,
        html_message=html_message,
    )


def mail_managers(
    subject: Any,
    message: Any,
    *,
    fail_silently: bool = False,
    connection: Any = None,
    html_message: Any = None,
) -> None:
    """Send a message to the MANAGERS, from SERVER_EMAIL, with EMAIL_SUBJECT_PREFIX."""
    _mail_to(
        "MANAGERS",
        subject,
        message,
        fail_silently=fail_silently,
        connection=connection,
        html_message=html_message,
    )

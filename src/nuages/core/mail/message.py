"""EmailMessage and EmailMultiAlternatives, built on Python's modern email API (email.policy)."""

from __future__ import annotations

import email.message
import email.policy
import email.utils
import mimetypes
from collections import namedtuple
from collections.abc import Iterable, Sequence
from email.header import Header
from email.headerregistry import Address
from email.message import Message, MIMEPart
from pathlib import Path
from typing import Any

from nuages.conf import settings
from nuages.core.mail._connection import get_connection
from nuages.core.mail.utils import DNS_NAME
from nuages.utils.encoding import punycode

__all__ = [
    "DEFAULT_ATTACHMENT_MIME_TYPE",
    "BadHeaderError",
    "EmailAlternative",
    "EmailAttachment",
    "EmailMessage",
    "EmailMultiAlternatives",
    "forbid_multi_line_headers",
    "make_msgid",
    "sanitize_address",
]

DEFAULT_ATTACHMENT_MIME_TYPE = "application/octet-stream"

ADDRESS_HEADERS = frozenset(
    {"from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender"}
    | {"resent-to", "resent-cc", "resent-bcc"}
)

EmailAttachment = namedtuple("EmailAttachment", ["filename", "content", "mimetype"])
EmailAlternative = namedtuple("EmailAlternative", ["content", "mimetype"])


class BadHeaderError(ValueError):
    """A header value holds a newline (header injection). A ValueError, as Django 6.0 raises."""


def _check_header(name: str, value: str) -> str:
    if "\n" in value or "\r" in value:
        raise BadHeaderError(
            f"Header values can't contain newlines (got {value!r} for header {name!r})"
        )
    return value


def make_msgid(idstring: str | None = None, domain: Any = None) -> str:
    """A unique Message-ID value, using this host's name unless a domain is given."""
    return email.utils.make_msgid(idstring, domain=str(domain if domain is not None else DNS_NAME))


def _split_address(addr: Any) -> tuple[str, str, str]:
    """(display name, local part, domain) of an address string or (name, address) pair."""
    if isinstance(addr, tuple):
        name, spec = (str(part) for part in addr)
    else:
        addr = str(addr)
        _check_header("address", addr)
        name, spec = email.utils.parseaddr(addr, strict=True) if _HAS_STRICT else _parse(addr)
    _check_header("address", name)
    _check_header("address", spec)
    local, at, domain = spec.rpartition("@")
    if not at or not local or not domain or any(c in spec for c in " ,<>\"'"):
        raise ValueError(f"Invalid address {addr!r}")
    try:
        domain = punycode(domain)
    except UnicodeError:
        raise ValueError(f"Invalid address {addr!r}: the domain is not valid IDNA") from None
    return name, local, domain


def _parse(addr: str) -> tuple[str, str]:
    pairs = email.utils.getaddresses([addr])
    if len(pairs) != 1:
        raise ValueError(f"Invalid address {addr!r}")
    return pairs[0]


try:
    email.utils.parseaddr("a@b", strict=True)  # type: ignore[call-arg]
    _HAS_STRICT = True
except TypeError:  # Python < 3.11.10 / 3.12.5: no strict parsing.
    _HAS_STRICT = False


def _header_address(addr: Any) -> Address:
    name, local, domain = _split_address(addr)
    return Address(display_name=name, username=local, domain=domain)


def _envelope_address(addr: Any) -> str:
    """The bare address for the SMTP envelope (IDNA domain)."""
    _name, local, domain = _split_address(addr)
    return f"{local}@{domain}"


def sanitize_address(addr: Any, encoding: str) -> str:
    """An address formatted for a legacy header: encoded display name, IDNA domain."""
    name, local, domain = _split_address(addr)
    if name and not name.isascii():
        name = Header(name, encoding).encode()
    if not local.isascii():
        local = Header(local, encoding).encode()
    return email.utils.formataddr((name, f"{local}@{domain}"))


def forbid_multi_line_headers(name: str, val: Any, encoding: str) -> tuple[str, str]:
    """Refuse a header value holding a newline; encode a non-ASCII value (legacy helper)."""
    encoding = encoding or settings.DEFAULT_CHARSET
    val = _check_header(name, str(val))
    if val.isascii():
        return name, val
    if name.lower() in ADDRESS_HEADERS:
        addresses = email.utils.getaddresses([val])
        return name, ", ".join(sanitize_address(addr, encoding) for addr in addresses)
    return name, Header(val, encoding).encode()


def _split_mimetype(mimetype: str) -> tuple[str, str]:
    maintype, _, subtype = mimetype.partition("/")
    return maintype.lower(), (subtype or "octet-stream").lower()


class EmailMessage:
    """An e-mail message: subject, body, sender, recipients, attachments and headers."""

    content_subtype = "plain"
    mixed_subtype = "mixed"
    encoding: str | None = None

    def __init__(
        self,
        subject: Any = "",
        body: Any = "",
        from_email: Any = None,
        to: Sequence[Any] | None = None,
        *,
        bcc: Sequence[Any] | None = None,
        connection: Any = None,
        attachments: Iterable[Any] | None = None,
        headers: dict[str, Any] | None = None,
        cc: Sequence[Any] | None = None,
        reply_to: Sequence[Any] | None = None,
    ) -> None:
        self.to = self._address_list("to", to)
        self.cc = self._address_list("cc", cc)
        self.bcc = self._address_list("bcc", bcc)
        self.reply_to = self._address_list("reply_to", reply_to)
        self.from_email = from_email or settings.DEFAULT_FROM_EMAIL
        self.subject = subject
        self.body = body or ""
        self.attachments: list[Any] = []
        for attachment in attachments or ():
            if isinstance(attachment, Message):
                self.attach(attachment)
            else:
                self.attach(*attachment)
        self.extra_headers = dict(headers or {})
        self.connection = connection

    @staticmethod
    def _address_list(name: str, value: Sequence[Any] | None) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, str):
            raise TypeError(f'"{name}" argument must be a list or tuple')
        return list(value)

    def get_connection(self, fail_silently: bool = False) -> Any:
        if not self.connection:
            self.connection = get_connection(fail_silently=fail_silently)
        return self.connection

    def message(self, *, policy: email.policy.Policy = email.policy.default) -> Any:
        """The message as an email.message.EmailMessage (headers validated, bodies encoded)."""
        msg = email.message.EmailMessage(policy=policy)
        if self.attachments:
            msg["MIME-Version"] = "1.0"
            msg["Content-Type"] = f"multipart/{self.mixed_subtype}"
            msg.set_payload([])
            if self._has_body():
                body = MIMEPart(policy=policy)
                self._fill_body(body)
                msg.attach(body)
            for attachment in self.attachments:
                msg.attach(self._attachment_part(attachment, policy))
        else:
            self._fill_body(msg)
            if "MIME-Version" not in msg:
                msg["MIME-Version"] = "1.0"
        self._add_headers(msg)
        return msg

    def _has_body(self) -> bool:
        return bool(self.body)

    def _charset(self) -> str:
        return self.encoding or settings.DEFAULT_CHARSET

    def _fill_body(self, part: MIMEPart) -> None:
        part.set_content(str(self.body), subtype=self.content_subtype, charset=self._charset())

    def _add_headers(self, msg: email.message.EmailMessage) -> None:
        extra = {name.lower(): (name, value) for name, value in self.extra_headers.items()}
        msg["Subject"] = _check_header("Subject", str(self.subject))
        msg["From"] = self._address_header("From", extra.pop("from", (None, self.from_email))[1])
        for name, addresses in (("To", self.to), ("Cc", self.cc), ("Reply-To", self.reply_to)):
            if name.lower() in extra:
                msg[name] = self._address_header(name, extra.pop(name.lower())[1])
            elif addresses:
                msg[name] = tuple(_header_address(addr) for addr in addresses)
        if "date" not in extra:
            msg["Date"] = email.utils.formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        if "message-id" not in extra:
            msg["Message-ID"] = make_msgid(domain=DNS_NAME)
        for name, value in extra.values():
            value = _check_header(name, str(value))
            if name.lower() in ADDRESS_HEADERS:
                value = self._address_header(name, value)
            if name in msg:
                del msg[name]
            msg[name] = value

    @staticmethod
    def _address_header(name: str, value: Any) -> Any:
        if isinstance(value, (list, tuple)) and not (
            len(value) == 2 and all(isinstance(v, str) for v in value) and "@" not in value[0]
        ):
            return tuple(_header_address(addr) for addr in value)
        value = _check_header(name, str(value))
        return tuple(_header_address(pair) for pair in email.utils.getaddresses([value]))

    def _attachment_part(self, attachment: Any, policy: email.policy.Policy) -> Message:
        if isinstance(attachment, Message):
            return attachment
        filename, content, mimetype = attachment
        part = MIMEPart(policy=policy)
        maintype, subtype = _split_mimetype(mimetype)
        disposition = "attachment" if filename else None
        filename = str(filename) if filename else None
        if maintype == "message" and subtype == "rfc822":
            if isinstance(content, EmailMessage):
                content = content.message(policy=policy)
            elif not isinstance(content, Message):
                content = email.message_from_bytes(
                    content if isinstance(content, bytes) else str(content).encode(),
                    policy=policy,
                )
            part.set_content(content, disposition=disposition, filename=filename)
        elif maintype == "text" and isinstance(content, str):
            part.set_content(
                content,
                subtype=subtype,
                charset=self._charset(),
                disposition=disposition,
                filename=filename,
            )
        else:
            if isinstance(content, str):
                content = content.encode(self._charset())
            part.set_content(
                bytes(content), maintype, subtype, disposition=disposition, filename=filename
            )
        return part

    def recipients(self) -> list[Any]:
        """Every envelope recipient (to, cc and bcc), empty entries dropped."""
        return [addr for addr in (*self.to, *self.cc, *self.bcc) if addr]

    def send(self, fail_silently: bool = False) -> int:
        """Send the message through its connection; return 1 if sent, 0 otherwise."""
        if not self.recipients():
            return 0
        return self.get_connection(fail_silently).send_messages([self])

    def attach(
        self, filename: Any = None, content: Any = None, mimetype: str | None = None
    ) -> None:
        """Attach a file's content, or a ready MIME part (email.message.MIMEPart) as is."""
        if isinstance(filename, Message):
            if content is not None or mimetype is not None:
                raise ValueError(
                    "content and mimetype must not be given when a MIME part is provided."
                )
            self.attachments.append(filename)
            return
        if content is None:
            raise ValueError("content must be provided.")
        mimetype = (
            mimetype
            or (filename and mimetypes.guess_type(str(filename))[0])
            or DEFAULT_ATTACHMENT_MIME_TYPE
        )
        maintype, _subtype = _split_mimetype(mimetype)
        if maintype == "text" and isinstance(content, bytes):
            try:
                content = content.decode()
            except UnicodeDecodeError:
                # Not text after all: attach the bytes as an opaque file.
                mimetype = DEFAULT_ATTACHMENT_MIME_TYPE
        self.attachments.append(EmailAttachment(filename, content, mimetype))

    def attach_file(self, path: str | Path, mimetype: str | None = None) -> None:
        """Attach the file at path, its MIME type guessed from the name unless given."""
        path = Path(path)
        self.attach(path.name, path.read_bytes(), mimetype)


class EmailMultiAlternatives(EmailMessage):
    """A message with alternative renderings of its body (typically text/html)."""

    alternative_subtype = "alternative"

    def __init__(
        self,
        subject: Any = "",
        body: Any = "",
        from_email: Any = None,
        to: Sequence[Any] | None = None,
        *,
        bcc: Sequence[Any] | None = None,
        connection: Any = None,
        attachments: Iterable[Any] | None = None,
        headers: dict[str, Any] | None = None,
        alternatives: Iterable[Any] | None = None,
        cc: Sequence[Any] | None = None,
        reply_to: Sequence[Any] | None = None,
    ) -> None:
        super().__init__(
            subject,
            body,
            from_email,
            to,
            bcc=bcc,
            connection=connection,
            attachments=attachments,
            headers=headers,
            cc=cc,
            reply_to=reply_to,
        )
        self.alternatives = [EmailAlternative(*alt) for alt in alternatives or ()]

    def attach_alternative(self, content: Any, mimetype: str) -> None:
        """Add an alternative rendering of the body (e.g. HTML with mimetype "text/html")."""
        if content is None or mimetype is None:
            raise ValueError("Both content and mimetype must be provided.")
        self.alternatives.append(EmailAlternative(content, mimetype))

    def body_contains(self, text: str) -> bool:
        """True if text is in the body and in every text/* alternative."""
        if text not in str(self.body):
            return False
        return all(
            text in str(content)
            for content, mimetype in self.alternatives
            if _split_mimetype(mimetype)[0] == "text"
        )

    def _has_body(self) -> bool:
        return bool(self.body) or bool(self.alternatives)

    def _fill_body(self, part: MIMEPart) -> None:
        if not self.alternatives:
            super()._fill_body(part)
            return
        if self.body:
            super()._fill_body(part)
            part.make_alternative()
        else:
            part["Content-Type"] = f"multipart/{self.alternative_subtype}"
            part.set_payload([])
        if self.alternative_subtype != "alternative":
            part.replace_header("Content-Type", f"multipart/{self.alternative_subtype}")
        charset = self._charset()
        for content, mimetype in self.alternatives:
            alt = MIMEPart(policy=part.policy)
            maintype, subtype = _split_mimetype(mimetype)
            if maintype == "text":
                if isinstance(content, bytes):
                    content = content.decode(charset)
                alt.set_content(str(content), subtype=subtype, charset=charset)
            else:
                if isinstance(content, str):
                    content = content.encode(charset)
                alt.set_content(bytes(content), maintype, subtype)
            part.attach(alt)

"""EmailMessage / EmailMultiAlternatives: the message() they build, headers and structure."""

import email
import email.policy
from email.message import MIMEPart

import pytest

from nuages.core import mail
from nuages.core.mail import (
    BadHeaderError,
    EmailAttachment,
    EmailMessage,
    EmailMultiAlternatives,
    forbid_multi_line_headers,
    make_msgid,
    sanitize_address,
)
from nuages.test import override_settings
from nuages.utils.functional import lazy


def parse(msg):
    """Round-trip through bytes, as a receiver would see the message."""
    return email.message_from_bytes(msg.message().as_bytes(), policy=email.policy.default)


def test_plain_message_headers():
    m = EmailMessage(
        "Subject",
        "Content",
        "from@example.com",
        ["to@example.com", "other@example.com"],
        cc=["cc@example.com"],
        bcc=["bcc@example.com"],
        reply_to=["reply@example.com"],
        headers={"X-Custom": "yes"},
    )
    msg = parse(m)
    assert msg["Subject"] == "Subject"
    assert msg["From"] == "from@example.com"
    assert msg["To"] == "to@example.com, other@example.com"
    assert msg["Cc"] == "cc@example.com"
    assert msg["Reply-To"] == "reply@example.com"
    assert msg["Bcc"] is None  # bcc never appears in the headers
    assert msg["X-Custom"] == "yes"
    assert msg["MIME-Version"] == "1.0"
    assert msg["Date"] and msg["Message-ID"]
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert msg.get_content() == "Content\n"
    assert m.recipients() == [
        "to@example.com",
        "other@example.com",
        "cc@example.com",
        "bcc@example.com",
    ]


def test_defaults_and_argument_checks():
    m = EmailMessage()
    assert m.from_email == "webmaster@localhost"
    assert m.to == [] and m.recipients() == []
    assert m.send() == 0  # nothing to send to
    with pytest.raises(TypeError, match='"to" argument must be a list or tuple'):
        EmailMessage("s", "b", "f@example.com", "to@example.com")
    with pytest.raises(TypeError, match='"cc"'):
        EmailMessage("s", "b", "f@example.com", cc="cc@example.com")
    with pytest.raises(TypeError):
        EmailMessage("s", "b", "f@example.com", ["t@example.com"], ["bcc@example.com"])


def test_extra_headers_override():
    m = EmailMessage(
        "s",
        "b",
        "from@example.com",
        ["to@example.com"],
        headers={
            "From": "Other <other@example.com>",
            "To": "shown@example.com",
            "Message-ID": "<custom@id>",
            "Date": "Fri, 09 Nov 2001 01:08:47 -0000",
        },
    )
    msg = parse(m)
    assert msg["From"] == "Other <other@example.com>"
    assert msg["To"] == "shown@example.com"
    assert msg["Message-ID"] == "<custom@id>"
    assert msg["Date"] == "Fri, 09 Nov 2001 01:08:47 -0000"
    assert len(msg.get_all("To")) == 1
    assert m.recipients() == ["to@example.com"]  # the envelope is unchanged


def test_non_ascii_subject_and_addresses():
    m = EmailMessage(
        "Gżegżółka ✓",
        "Żółw",
        "Firstname Sürname <from@example.com>",
        ["to@exämple.com", ("Ünicode, Name", "x@example.com")],
    )
    raw = m.message().as_bytes()
    assert b"xn--exmple-cua.com" in raw  # IDNA domain in the header
    assert raw.split(b"\n\n")[0].isascii()  # headers are encoded; the body may be 8bit
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "Gżegżółka ✓"
    assert msg["From"].addresses[0].display_name == "Firstname Sürname"
    assert msg["To"].addresses[1].display_name == "Ünicode, Name"
    assert msg.get_content() == "Żółw\n"


def test_lazy_strings():
    lazy_str = lazy(lambda s: s, str)
    m = EmailMessage(
        lazy_str("Lazy subject"),
        lazy_str("Lazy body"),
        "f@example.com",
        [lazy_str("to@example.com")],
    )
    msg = parse(m)
    assert msg["Subject"] == "Lazy subject"
    assert msg["To"] == "to@example.com"
    assert msg.get_content() == "Lazy body\n"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"subject": "Subject\nInjection: test"},
        {"subject": "Subject\rBcc: victim@example.com"},
        {"from_email": "from@example.com\nBcc: victim@example.com"},
        {"to": ["to@example.com\nBcc: victim@example.com"]},
        {"cc": ["cc@example.com\r\nX-Injected: 1"]},
        {"reply_to": ["r@example.com\nX: y"]},
        {"headers": {"X-Custom": "value\nBcc: victim@example.com"}},
    ],
)
def test_header_injection_refused(kwargs):
    base = {"subject": "s", "body": "b", "from_email": "f@example.com", "to": ["t@example.com"]}
    base.update(kwargs)
    m = EmailMessage(**base)
    with pytest.raises(BadHeaderError):
        m.message()
    with pytest.raises(ValueError):  # Django 6.0 documents ValueError
        m.message()


def test_invalid_addresses_refused():
    for bad in ["to@", "@example.com", "no-at-sign", "a@b@", "two@example.com, more@example.com"]:
        with pytest.raises(ValueError):
            EmailMessage("s", "b", "f@example.com", [bad]).message()


def test_encoding_and_long_lines():
    m = EmailMessage("s", "Café " * 5, "f@example.com", ["t@example.com"])
    m.encoding = "iso-8859-1"
    msg = parse(m)
    assert msg.get_content_charset() == "iso-8859-1"
    assert msg.get_content().startswith("Café")

    long = "x" * 1500  # far past the RFC 5322 998-character line limit
    m = EmailMessage("s", long, "f@example.com", ["t@example.com"])
    raw = m.message().as_bytes()
    assert max(len(line) for line in raw.split(b"\n")) <= 998
    assert parse(m).get_content().rstrip("\n") == long


def test_content_subtype_html():
    m = EmailMessage("s", "<p>hi</p>", "f@example.com", ["t@example.com"])
    m.content_subtype = "html"
    assert parse(m).get_content_type() == "text/html"


def test_alternatives():
    m = EmailMultiAlternatives("s", "text body", "f@example.com", ["t@example.com"])
    m.attach_alternative("<p>html body</p>", "text/html")
    msg = parse(m)
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert parts[1].get_content() == "<p>html body</p>\n"
    assert m.alternatives[0].mimetype == "text/html"
    assert m.alternatives[0].content == "<p>html body</p>"
    with pytest.raises(ValueError):
        m.attach_alternative(None, "text/html")
    m2 = EmailMultiAlternatives(
        "s", "", "f@example.com", ["t@example.com"], alternatives=[("<b>x</b>", "text/html")]
    )
    msg2 = parse(m2)
    assert [p.get_content_type() for p in msg2.iter_parts()] == ["text/html"]


def test_body_contains():
    m = EmailMultiAlternatives("s", "I am content", "f@example.com", ["t@example.com"])
    m.attach_alternative("<p>I am content</p>", "text/html")
    m.attach_alternative(b"\x00\x01", "application/octet-stream")
    assert m.body_contains("I am content")
    assert not m.body_contains("<p>")
    m.attach_alternative("<p>other</p>", "text/html")
    assert not m.body_contains("I am content")


def test_attachments_text_binary_and_namedtuple():
    m = EmailMessage("s", "body", "f@example.com", ["t@example.com"])
    m.attach("notes.txt", "Some text ✓")
    m.attach("image.png", b"\x89PNG\r\n\x1a\n\x00")
    m.attach("data.txt", b"\xff\xfe not utf-8", "text/plain")
    m.attach("noext", b"x")
    assert m.attachments[0] == EmailAttachment("notes.txt", "Some text ✓", "text/plain")
    assert m.attachments[0].filename == "notes.txt"
    assert m.attachments[1].mimetype == "image/png"
    assert m.attachments[2].mimetype == "application/octet-stream"  # undecodable text
    assert m.attachments[3].mimetype == "application/octet-stream"
    msg = parse(m)
    assert msg.get_content_type() == "multipart/mixed"
    parts = list(msg.iter_parts())
    assert parts[0].get_content() == "body\n"
    assert parts[1].get_filename() == "notes.txt"
    assert parts[1].get_content() == "Some text ✓\n"  # the email package ends text with a newline
    assert parts[2].get_content() == b"\x89PNG\r\n\x1a\n\x00"
    assert parts[2].get_content_disposition() == "attachment"
    with pytest.raises(ValueError):
        m.attach("x.txt")


def test_attachments_constructor_and_mixed_subtype():
    att = MIMEPart()
    att.set_content(b"raw", "application", "x-custom", disposition="inline", filename="r.bin")
    m = EmailMessage(
        "s",
        "body",
        "f@example.com",
        ["t@example.com"],
        attachments=[EmailAttachment("a.csv", "a,b\n", "text/csv"), ("b.txt", "b", None), att],
    )
    m.mixed_subtype = "related"
    msg = parse(m)
    assert msg.get_content_type() == "multipart/related"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == [
        "text/plain",
        "text/csv",
        "text/plain",
        "application/x-custom",
    ]
    assert parts[3].get_content_disposition() == "inline"
    with pytest.raises(ValueError):
        m.attach(att, "content")


def test_attachment_only_and_non_ascii_filename():
    m = EmailMessage("s", "", "f@example.com", ["t@example.com"])
    m.attach("résumé.pdf", b"%PDF-1.4", "application/pdf")
    msg = parse(m)
    parts = list(msg.iter_parts())
    assert len(parts) == 1  # no empty body part
    assert parts[0].get_filename() == "résumé.pdf"


def test_attach_email_message(tmp_path):
    inner = EmailMessage("Inner", "inner body", "i@example.com", ["t@example.com"])
    m = EmailMessage("Outer", "outer", "f@example.com", ["t@example.com"])
    m.attach("forward.eml", inner, "message/rfc822")
    msg = parse(m)
    part = list(msg.iter_parts())[1]
    assert part.get_content_type() == "message/rfc822"
    assert part.get_content()["Subject"] == "Inner"


def test_attach_file(tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(b"a,b\n1,2\n")
    m = EmailMultiAlternatives("s", "body", "f@example.com", ["t@example.com"])
    m.attach_alternative("<p>body</p>", "text/html")
    m.attach_file(path)
    m.attach_file(str(path), mimetype="application/octet-stream")
    assert m.attachments[0] == EmailAttachment("report.csv", "a,b\n1,2\n", "text/csv")
    msg = parse(m)
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == [
        "multipart/alternative",
        "text/csv",
        "application/octet-stream",
    ]


def test_make_msgid_and_helpers():
    assert make_msgid(domain="example.com").endswith("@example.com>")
    assert make_msgid("abc", domain="example.com").startswith("<")
    assert sanitize_address("Jörg <j@exämple.com>", "utf-8").endswith("<j@xn--exmple-cua.com>")
    assert sanitize_address(("Name", "a@example.com"), "utf-8") == "Name <a@example.com>"
    assert forbid_multi_line_headers("Subject", "plain", "utf-8") == ("Subject", "plain")
    assert forbid_multi_line_headers("Subject", "Héllo", "utf-8")[1].startswith("=?utf-8?")
    with pytest.raises(BadHeaderError):
        forbid_multi_line_headers("Subject", "a\nb", "utf-8")


@override_settings(EMAIL_USE_LOCALTIME=True)
def test_localtime_date_header():
    assert parse(EmailMessage("s", "b", "f@example.com", ["t@example.com"]))["Date"]


def test_public_names():
    for name in mail.__all__:
        assert hasattr(mail, name)

"""The e-mail backends, send_mail() and friends, and mail_admins/mail_managers."""

import email
import email.policy
import io
import smtplib

import pytest

from nuages.core import mail
from nuages.core.exceptions import ImproperlyConfigured
from nuages.core.mail import (
    EmailMessage,
    get_connection,
    mail_admins,
    mail_managers,
    send_mail,
    send_mass_mail,
)
from nuages.core.mail.backends import console, dummy, filebased, locmem, smtp
from nuages.core.mail.backends.base import BaseEmailBackend
from nuages.test import SimpleTestCase, override_settings

LOCMEM = "nuages.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def outbox():
    with override_settings(EMAIL_BACKEND=LOCMEM):
        mail.outbox = []
        yield mail.outbox


def test_get_connection():
    assert isinstance(get_connection(LOCMEM), locmem.EmailBackend)
    conn = get_connection("nuages.core.mail.backends.dummy.EmailBackend", fail_silently=True)
    assert isinstance(conn, dummy.EmailBackend) and conn.fail_silently
    with override_settings(EMAIL_BACKEND="nuages.core.mail.backends.console.EmailBackend"):
        assert isinstance(get_connection(), console.EmailBackend)
    with pytest.raises(ImportError):
        get_connection("nuages.core.mail.backends.nope.EmailBackend")


def test_base_backend():
    backend = BaseEmailBackend()
    with pytest.raises(NotImplementedError):
        backend.send_messages([])
    with backend as b:
        assert b is backend


def test_send_mail_locmem(outbox):
    assert send_mail("Subject", "Body", "from@example.com", ["to@example.com"]) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Subject" and sent.to == ["to@example.com"]
    assert sent.from_email == "from@example.com"
    send_mail("S", "text", None, ["to@example.com"], html_message="<p>html</p>")
    assert mail.outbox[1].from_email == "webmaster@localhost"
    assert mail.outbox[1].alternatives == [("<p>html</p>", "text/html")]


def test_send_mail_keyword_only():
    with pytest.raises(TypeError):
        send_mail("s", "m", "f@example.com", ["t@example.com"], True)


def test_locmem_refuses_header_injection(outbox):
    with pytest.raises(ValueError):
        send_mail("Subject\nBcc: evil@example.com", "b", "f@example.com", ["t@example.com"])
    assert mail.outbox == []


def test_send_mass_mail(outbox):
    data = [
        ("One", "m1", "f@example.com", ["a@example.com"]),
        ("Two", "m2", "f@example.com", ["b@example.com", "c@example.com"]),
    ]
    assert send_mass_mail(data) == 2
    assert [m.subject for m in mail.outbox] == ["One", "Two"]


def test_dummy_backend():
    conn = dummy.EmailBackend()
    msgs = [EmailMessage("s", "b", "f@example.com", ["t@example.com"])] * 3
    assert conn.send_messages(msgs) == 3


def test_console_backend():
    stream = io.StringIO()
    conn = console.EmailBackend(stream=stream)
    m = EmailMessage("Console ✓", "Hello ✓", "f@example.com", ["t@example.com"], connection=conn)
    assert m.send() == 1
    out = stream.getvalue()
    assert "Subject: Console =?utf-8?" in out and "Hello ✓" in out
    assert out.endswith("-" * 79 + "\n")
    assert conn.send_messages([]) == 0


def test_console_backend_stdout(capsys):
    console.EmailBackend().send_messages([EmailMessage("s", "stdout body", to=["t@example.com"])])
    assert "stdout body" in capsys.readouterr().out


def test_filebased_backend(tmp_path):
    target = tmp_path / "mails"
    with override_settings(EMAIL_FILE_PATH=str(target)):
        conn = get_connection("nuages.core.mail.backends.filebased.EmailBackend")
    m1 = EmailMessage("First", "b1", "f@example.com", ["t@example.com"])
    m2 = EmailMessage("Second", "b2", "f@example.com", ["t@example.com"])
    assert conn.send_messages([m1, m2]) == 2
    files = list(target.iterdir())
    assert len(files) == 1
    content = files[0].read_bytes()
    assert b"Subject: First" in content and b"Subject: Second" in content
    # A connection kept open writes every batch to one file.
    conn2 = filebased.EmailBackend(file_path=tmp_path / "other")
    with conn2:
        conn2.send_messages([m1])
        conn2.send_messages([m2])
    assert len(list((tmp_path / "other").iterdir())) == 1
    parsed = email.message_from_bytes(
        next((tmp_path / "other").iterdir()).read_bytes().split(b"-" * 79)[0],
        policy=email.policy.default,
    )
    assert parsed["Subject"] == "First"


def test_filebased_backend_misconfigured(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ImproperlyConfigured):
        filebased.EmailBackend(file_path=tmp_path / "file")
    with override_settings(EMAIL_FILE_PATH=None), pytest.raises(ImproperlyConfigured):
        filebased.EmailBackend()


@override_settings(
    ADMINS=["admin@example.com", "Second Admin <admin2@example.com>"],
    MANAGERS=["manager@example.com"],
    SERVER_EMAIL="server@example.com",
    EMAIL_SUBJECT_PREFIX="[Site] ",
)
def test_mail_admins_and_managers(outbox):
    mail_admins("Broken", "Details", html_message="<p>Details</p>")
    mail_managers("Report", "Numbers")
    admins, managers = mail.outbox
    assert admins.subject == "[Site] Broken"
    assert admins.from_email == "server@example.com"
    assert admins.to == ["admin@example.com", "Second Admin <admin2@example.com>"]
    assert admins.alternatives == [("<p>Details</p>", "text/html")]
    assert managers.to == ["manager@example.com"]
    assert managers.subject == "[Site] Report"


def test_mail_admins_tuple_form_and_errors(outbox):
    with override_settings(ADMINS=[("Ann", "ann@example.com")]):
        with pytest.warns(DeprecationWarning):
            mail_admins("s", "m")
        assert mail.outbox[0].to == ["Ann <ann@example.com>"]
    with override_settings(ADMINS=[]):
        mail_admins("s", "m")
        assert len(mail.outbox) == 1  # nobody to tell
    with override_settings(MANAGERS=[42]), pytest.raises(ImproperlyConfigured):
        mail_managers("s", "m")


class TestEnvironmentOutbox(SimpleTestCase):
    """The test environment switches to the locmem backend and empties mail.outbox."""

    def test_outbox(self):
        assert mail.outbox == []
        send_mail("Hi", "there", "f@example.com", ["t@example.com"])
        assert len(mail.outbox) == 1

    def test_outbox_is_fresh(self):
        assert mail.outbox == []


# SMTP, against a local server started by the test.


def smtp_backend(server, **kwargs):
    return smtp.EmailBackend(host="127.0.0.1", port=server.port, timeout=5, **kwargs)


def test_smtp_send(smtp_server):
    conn = smtp_backend(smtp_server)
    m = EmailMessage(
        "SMTP ✓",
        "Hello",
        "Sender <from@example.com>",
        ["to@exämple.com"],
        cc=["cc@example.com"],
        bcc=["bcc@example.com"],
        connection=conn,
    )
    assert m.send() == 1
    (received,) = smtp_server.received
    assert received.mail_from == "from@example.com"
    assert received.rcpt_to == ["to@xn--exmple-cua.com", "cc@example.com", "bcc@example.com"]
    parsed = email.message_from_bytes(received.data, policy=email.policy.default)
    assert parsed["Subject"] == "SMTP ✓"
    assert parsed["Bcc"] is None
    assert conn.connection is None  # closed after the batch
    assert smtp_server.quits == 1


def test_smtp_open_connection_reused(smtp_server):
    with smtp_backend(smtp_server) as conn:
        assert conn.open() is False  # already open
        n = conn.send_messages([EmailMessage("a", "b", "f@example.com", ["t@example.com"])] * 2)
        assert n == 2
        assert conn.connection is not None
    assert conn.connection is None
    assert smtp_server.quits == 1
    assert len(smtp_server.received) == 2


def test_smtp_auth(smtp_auth_server):
    conn = smtp_backend(smtp_auth_server, username="alice", password="s3cret")
    assert send_mail("s", "b", "f@example.com", ["t@example.com"], connection=conn) == 1
    assert smtp_auth_server.logins == ["alice"]
    assert len(smtp_auth_server.received) == 1


def test_smtp_auth_via_send_mail_arguments(smtp_auth_server):
    with override_settings(
        EMAIL_BACKEND="nuages.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp_auth_server.port,
    ):
        sent = send_mail(
            "s",
            "b",
            "f@example.com",
            ["t@example.com"],
            auth_user="alice",
            auth_password="s3cret",
        )
    assert sent == 1 and smtp_auth_server.logins == ["alice"]


def test_smtp_bad_auth(smtp_auth_server):
    conn = smtp_backend(smtp_auth_server, username="alice", password="wrong")
    m = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
    with pytest.raises(smtplib.SMTPAuthenticationError):
        conn.send_messages([m])
    assert conn.connection is None
    silent = smtp_backend(smtp_auth_server, username="alice", password="wrong", fail_silently=True)
    assert silent.send_messages([m]) == 0


def test_smtp_refused_recipient(smtp_server):
    smtp_server.refused.add("nobody@example.com")
    m = EmailMessage("s", "b", "f@example.com", ["nobody@example.com"])
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        smtp_backend(smtp_server).send_messages([m])
    assert smtp_backend(smtp_server, fail_silently=True).send_messages([m]) == 0


def test_smtp_unreachable_server_fail_silently():
    conn = smtp.EmailBackend(host="127.0.0.1", port=1, timeout=2)
    m = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
    with pytest.raises(OSError):
        conn.send_messages([m])
    conn = smtp.EmailBackend(host="127.0.0.1", port=1, timeout=2, fail_silently=True)
    assert conn.send_messages([m]) == 0
    assert (
        send_mail("s", "b", "f@example.com", ["t@example.com"], fail_silently=True, connection=conn)
        == 0
    )


def test_smtp_starttls_failure_drops_connection(smtp_server):
    # The test server does not offer STARTTLS: nothing may be sent in clear text.
    conn = smtp_backend(smtp_server, use_tls=True, fail_silently=True)
    m = EmailMessage("s", "b", "f@example.com", ["t@example.com"])
    assert conn.send_messages([m]) == 0
    assert conn.connection is None
    assert smtp_server.received == []
    with pytest.raises(smtplib.SMTPNotSupportedError):
        smtp_backend(smtp_server, use_tls=True).send_messages([m])


def test_smtp_header_injection_refused_even_silently(smtp_server):
    m = EmailMessage("s\nBcc: x@example.com", "b", "f@example.com", ["t@example.com"])
    with pytest.raises(ValueError):
        smtp_backend(smtp_server, fail_silently=True).send_messages([m])
    assert smtp_server.received == []


def test_smtp_non_ascii_local_part_uses_smtputf8(smtp_server):
    m = EmailMessage("s", "b", "f@example.com", ["jörg@example.com"])
    assert smtp_backend(smtp_server).send_messages([m]) == 1
    assert smtp_server.received[0].rcpt_to == ["jörg@example.com"]
    assert "SMTPUTF8" in smtp_server.received[0].mail_options


def test_smtp_settings():
    with override_settings(
        EMAIL_HOST="mail.example.com",
        EMAIL_PORT=2525,
        EMAIL_HOST_USER="u",
        EMAIL_HOST_PASSWORD="p",
        EMAIL_USE_SSL=True,
        EMAIL_TIMEOUT=7,
    ):
        conn = smtp.EmailBackend()
    assert (conn.host, conn.port, conn.username, conn.password) == (
        "mail.example.com",
        2525,
        "u",
        "p",
    )
    assert conn.use_ssl and conn.timeout == 7
    assert conn.connection_class is smtplib.SMTP_SSL
    with pytest.raises(ValueError, match="mutually exclusive"):
        smtp.EmailBackend(use_tls=True, use_ssl=True)
    assert smtp.EmailBackend().send_messages([]) == 0

"""A tiny SMTP server on 127.0.0.1 for the SMTP backend tests (threaded, stdlib only)."""

from __future__ import annotations

import base64
import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class Received:
    mail_from: str
    rcpt_to: list[str]
    data: bytes
    mail_options: list[str] = field(default_factory=list)


class _Handler(socketserver.StreamRequestHandler):
    server: SMTPServer

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        srv = self.server
        self.reply("220 localhost nuages test SMTP")
        mail_from, rcpts, options, authed = "", [], [], False
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250-SMTPUTF8\r\n250-8BITMIME\r\n")
                self.reply("250 AUTH PLAIN LOGIN" if srv.credentials else "250 HELP")
            elif verb == "HELO":
                self.reply("250 localhost")
            elif verb == "AUTH":
                mech, _, initial = arg.partition(" ")
                if mech.upper() == "PLAIN":
                    if not initial:
                        self.reply("334 ")
                        initial = self.rfile.readline().decode().strip()
                    parts = base64.b64decode(initial).split(b"\0")
                    user, password = parts[1].decode(), parts[2].decode()
                else:  # LOGIN
                    self.reply("334 VXNlcm5hbWU6")
                    user = base64.b64decode(self.rfile.readline().strip()).decode()
                    self.reply("334 UGFzc3dvcmQ6")
                    password = base64.b64decode(self.rfile.readline().strip()).decode()
                if srv.credentials == (user, password):
                    authed = True
                    srv.logins.append(user)
                    self.reply("235 Authentication successful")
                else:
                    self.reply("535 Authentication failed")
            elif verb == "MAIL":
                if srv.credentials and not authed:
                    self.reply("530 Authentication required")
                    continue
                addr, *opts = arg[5:].split()
                mail_from, rcpts, options = addr.strip("<>"), [], opts
                self.reply("250 OK")
            elif verb == "RCPT":
                addr = arg[3:].strip().strip("<>")
                if addr in srv.refused:
                    self.reply("550 No such user")
                else:
                    rcpts.append(addr)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b""):
                        break
                    chunks.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                srv.received.append(Received(mail_from, rcpts, b"".join(chunks), options))
                self.reply("250 OK queued")
            elif verb == "RSET":
                mail_from, rcpts = "", []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                srv.quits += 1
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, credentials: tuple[str, str] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.credentials = credentials
        self.received: list[Received] = []
        self.logins: list[str] = []
        self.refused: set[str] = set()
        self.quits = 0
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> SMTPServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


import pytest  # noqa: E402


@pytest.fixture
def smtp_server():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_auth_server():
    server = SMTPServer(credentials=("alice", "s3cret")).start()
    yield server
    server.stop()

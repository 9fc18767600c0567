"""runserver: serve the project on uvicorn for development, reloading on code changes."""

from __future__ import annotations

import logging
import os
import re
import socket
import sys
from datetime import datetime
from typing import Any

import nuages
from nuages.conf import settings
from nuages.core.management.base import BaseCommand, CommandError, CommandParser
from nuages.core.servers import basehttp
from nuages.utils import autoreload

__all__ = ["Command"]

# [addr:]port, where addr is an IPv4 address, a bracketed IPv6 address or a host name.
_ADDRPORT = re.compile(
    r"""^(?:(?P<addr>
        (?P<ipv4>\d{1,3}(?:\.\d{1,3}){3})
        | (?P<ipv6>\[[a-fA-F0-9:]+\])
        | (?P<fqdn>[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)
    ):)?(?P<port>\d+)$""",
    re.X,
)

# The request log's default formatter shows asctime; runserver wants Django's date style.
_SERVER_DATEFMT = "%d/%b/%Y %H:%M:%S"


class Command(BaseCommand):
    help = "Starts a lightweight web server for development."
    # Checks run inside the served process (so that a reload re-runs them).
    requires_system_checks: list[str] = []
    stealth_options = ("shutdown_message",)
    suppressed_base_arguments = {"--verbosity", "--traceback"}

    default_addr = "127.0.0.1"
    default_addr_ipv6 = "::1"
    default_port = "8000"
    protocol = "http"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", help="Optional port number, or ipaddr:port")
        parser.add_argument(
            "--ipv6",
            "-6",
            action="store_true",
            dest="use_ipv6",
            help="Tells nuages to use an IPv6 address.",
        )
        parser.add_argument(
            "--nothreading",
            action="store_false",
            dest="use_threading",
            help="Accepted for compatibility: ASGI serving always runs sync views in threads.",
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Tells nuages to NOT use the auto-reloader.",
        )
        parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")

    def execute(self, *args: Any, **options: Any) -> Any:
        if options["no_color"]:
            # Child processes and the request log honour the same choice.
            os.environ["NUAGES_COLORS"] = "nocolor"
        return super().execute(*args, **options)

    def get_handler(self, *args: Any, **options: Any) -> Any:
        """The ASGI application to serve."""
        return basehttp.get_internal_asgi_application()

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not settings.ALLOWED_HOSTS:
            raise CommandError("You must set settings.ALLOWED_HOSTS if DEBUG is False.")
        self.use_ipv6 = options["use_ipv6"]
        if self.use_ipv6 and not socket.has_ipv6:
            raise CommandError("Your Python does not support IPv6.")
        self._raw_ipv6 = False
        self.addr, self.port = self._parse_addrport(options["addrport"])
        self.run(**options)

    def _parse_addrport(self, addrport: str | None) -> tuple[str, str]:
        if not addrport:
            return (
                self.default_addr_ipv6 if self.use_ipv6 else self.default_addr
            ), self.default_port
        match = _ADDRPORT.match(addrport)
        if match is None:
            raise CommandError(f'"{addrport}" is not a valid port number or address:port pair.')
        addr, _ipv4, ipv6, fqdn, port = match.groups()
        if not port.isdigit():
            raise CommandError(f'"{port}" is not a valid port number.')
        if addr:
            if ipv6:
                addr = addr[1:-1]
                self.use_ipv6 = self._raw_ipv6 = True
            elif self.use_ipv6 and not fqdn:
                raise CommandError(f'"{addr}" is not a valid IPv6 address.')
        if not addr:
            addr = self.default_addr_ipv6 if self.use_ipv6 else self.default_addr
            self._raw_ipv6 = self.use_ipv6
        return addr, port

    def run(self, **options: Any) -> None:
        if options["use_reloader"]:
            autoreload.run_with_reloader(self.inner_run, **options)
        else:
            self.inner_run(**options)

    def on_bind(self, server_port: int) -> None:
        """Print the banner once the socket is bound."""
        quit_command = "CTRL-BREAK" if sys.platform == "win32" else "CONTROL-C"
        host = (
            f"[{self.addr}]" if self._raw_ipv6 else ("0.0.0.0" if self.addr == "0" else self.addr)
        )
        now = datetime.now().strftime("%B %d, %Y - %X")
        self.stdout.write(now)
        self.stdout.write(
            f"nuages version {nuages.get_version()}, using settings {settings.SETTINGS_MODULE!r}\n"
            f"Starting development server at {self.protocol}://{host}:{server_port}/\n"
            f"Quit the server with {quit_command}.\n"
        )
        self.stdout.write(
            self.style.WARNING(
                "WARNING: This is a development server. Do not use it in a production setting. "
                "Use a production ASGI or WSGI server instead."
            )
        )
        self.stdout.flush()

    def inner_run(self, *args: Any, **options: Any) -> None:
        """Check, print the banner and serve (in the reloaded child when reloading)."""
        if not options["skip_checks"]:
            self.stdout.write("Performing system checks...\n\n")
            self.check(display_num_errors=True)
        self.check_migrations()
        addr = "0.0.0.0" if self.addr == "0" else self.addr
        handler = self.get_handler(*args, **options)
        # Loading the application configures logging again: adjust the format after it.
        _use_server_date_format()
        try:
            sock = basehttp.bind_socket(addr, int(self.port), ipv6=self.use_ipv6)
        except OSError as e:
            message = basehttp.BIND_ERRORS.get(e.errno, str(e))
            self.stderr.write(f"Error: {message}")
            self.stderr.flush()
            # The reloader must not restart a server that cannot bind: leave at once.
            os._exit(1)
        self.on_bind(sock.getsockname()[1])
        try:
            basehttp.run(
                addr,
                int(self.port),
                handler,
                ipv6=self.use_ipv6,
                threading=options["use_threading"],
                sock=sock,
            )
        except KeyboardInterrupt:
            if shutdown_message := options.get("shutdown_message"):
                self.stdout.write(shutdown_message)
            sys.exit(0)


def _use_server_date_format() -> None:
    for handler in logging.getLogger("nuages.server").handlers:
        formatter = handler.formatter
        if formatter is not None and formatter.datefmt is None and "asctime" in formatter._fmt:
            formatter.datefmt = _SERVER_DATEFMT

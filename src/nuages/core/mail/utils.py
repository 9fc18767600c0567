"""The host name used in Message-ID headers and the SMTP greeting, looked up once."""

from __future__ import annotations

import socket

from nuages.utils.encoding import punycode

__all__ = ["DNS_NAME", "CachedDnsName"]


class CachedDnsName:
    """The fully-qualified domain name of this machine, resolved lazily and cached."""

    _fqdn: str | None = None

    def __str__(self) -> str:
        return self.get_fqdn()

    def get_fqdn(self) -> str:
        if self._fqdn is None:
            self._fqdn = punycode(socket.getfqdn())
        return self._fqdn


DNS_NAME = CachedDnsName()

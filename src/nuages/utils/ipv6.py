"""IPv6 address validation and normalization, on the stdlib ipaddress module."""

from __future__ import annotations

import ipaddress
from typing import Any

from nuages.core.exceptions import ValidationError
from nuages.utils.translation import gettext_lazy as _

__all__ = ["MAX_IPV6_ADDRESS_LENGTH", "clean_ipv6_address", "is_valid_ipv6_address"]

# "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" is the longest canonical form.
MAX_IPV6_ADDRESS_LENGTH = 39

_INVALID = _("This is not a valid IPv6 address.")


def _ipv6_address_from_str(
    ip_str: Any, max_length: int = MAX_IPV6_ADDRESS_LENGTH
) -> ipaddress.IPv6Address:
    if len(ip_str) > max_length:
        raise ValueError(f"Unable to convert {ip_str} to an IPv6 address (value too long).")
    # Going through int drops any %scope suffix.
    return ipaddress.IPv6Address(int(ipaddress.IPv6Address(ip_str)))


def clean_ipv6_address(
    ip_str: Any,
    unpack_ipv4: bool = False,
    error_message: Any = _INVALID,
    max_length: int = MAX_IPV6_ADDRESS_LENGTH,
) -> str:
    """The compressed, lower-case form of an IPv6 address; ValidationError if it isn't one.

    An IPv4-mapped address becomes '::ffff:a.b.c.d', or just 'a.b.c.d' with unpack_ipv4.
    """
    try:
        addr = _ipv6_address_from_str(ip_str, max_length)
    except ValueError:
        raise ValidationError(error_message, code="invalid", params={"protocol": _("IPv6")})
    if addr.ipv4_mapped:
        return str(addr.ipv4_mapped) if unpack_ipv4 else f"::ffff:{addr.ipv4_mapped}"
    return str(addr)


def is_valid_ipv6_address(ip_addr: Any) -> bool:
    """True if ip_addr (a str or an IPv6Address) is a valid IPv6 address."""
    if isinstance(ip_addr, ipaddress.IPv6Address):
        return True
    try:
        _ipv6_address_from_str(ip_addr)
    except (TypeError, ValueError):
        return False
    return True

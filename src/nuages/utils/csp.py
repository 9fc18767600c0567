"""Content Security Policy helpers: the CSP constants, the lazy per-request nonce, the header.

A policy is a dict of directive -> values, as in SECURE_CSP:
{"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE], "upgrade-insecure-requests": True}
"""

from __future__ import annotations

import secrets
from enum import StrEnum
from typing import Any

from nuages.utils.functional import SimpleLazyObject, empty

__all__ = ["CSP", "LazyNonce", "build_policy"]


class CSP(StrEnum):
    """Header names and the quoted keyword values of CSP directives (no hand-written quotes)."""

    HEADER_ENFORCE = "Content-Security-Policy"
    HEADER_REPORT_ONLY = "Content-Security-Policy-Report-Only"

    NONE = "'none'"
    REPORT_SAMPLE = "'report-sample'"
    SELF = "'self'"
    STRICT_DYNAMIC = "'strict-dynamic'"
    UNSAFE_EVAL = "'unsafe-eval'"
    UNSAFE_HASHES = "'unsafe-hashes'"
    UNSAFE_INLINE = "'unsafe-inline'"
    WASM_UNSAFE_EVAL = "'wasm-unsafe-eval'"

    # Replaced by 'nonce-<value>' when the request's nonce was used, else dropped.
    NONCE = "<CSP_NONCE_SENTINEL>"


def _new_nonce() -> str:
    return secrets.token_urlsafe(16)


class LazyNonce(SimpleLazyObject):
    """A per-request nonce made on first use (str()); false until then.

    Only a page that used the nonce (`<script nonce="{{ csp_nonce }}">`) gets 'nonce-...' in
    its header, so responses without inline scripts stay cacheable.
    """

    def __init__(self) -> None:
        super().__init__(_new_nonce)

    def __bool__(self) -> bool:
        return self._wrapped is not empty


def build_policy(config: dict, nonce: Any = None) -> str:
    """The header value for a policy dict.

    A value of True renders the bare directive; None or False drops it; a str is one value;
    a set is sorted (stable headers); CSP.NONCE becomes 'nonce-<nonce>' when a nonce is given
    (and was used), and is removed otherwise (a directive left empty is dropped).
    """
    policy = []
    for directive, values in config.items():
        if values is None or values is False:
            continue
        if values is True:
            policy.append(directive)
            continue
        if isinstance(values, set):
            values = sorted(values)
        elif not isinstance(values, (list, tuple)):
            values = [values]
        if CSP.NONCE in values:
            if nonce:
                values = [f"'nonce-{nonce}'" if v == CSP.NONCE else v for v in values]
            else:
                values = [v for v in values if v != CSP.NONCE]
        if not values:
            continue
        policy.append(f"{directive} {' '.join(str(v) for v in values)}".rstrip())
    return "; ".join(policy)

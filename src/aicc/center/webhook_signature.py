"""Webhook signatures: how the center signs a delivery, and how a receiver checks one.

Every webhook request carries ``X-AICC-Signature: t=<unix seconds>,v1=<hex>``, where the hex is
HMAC-SHA256, keyed with the subscription's secret (the whole ``whsec_...`` string, as UTF-8),
over ``f"{t}.".encode() + body`` (the raw request body, byte for byte), as Stripe signs. A
receiver recomputes it, compares in constant time, and refuses a timestamp older (or newer)
than a few minutes, so that a captured request cannot be replayed later. `verify` does all three
with the standard library only: a receiver may copy this module as it is.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-AICC-Signature"
TOLERANCE = 300  # seconds a receiver accepts between the signature's time and its clock


class SignatureError(ValueError):
    """The request is not signed with the secret, or its signature is too old."""


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The header's value for ``body`` sent at ``timestamp`` (unix seconds)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(
    secret: str,
    header: str | None,
    body: bytes,
    *,
    tolerance: int = TOLERANCE,
    now: float | None = None,
) -> int:
    """Check a request's ``X-AICC-Signature`` header against its raw ``body``; returns the
    signature's timestamp. SignatureError when the header is missing or malformed, no ``v1``
    matches, or the timestamp is more than ``tolerance`` seconds from ``now``."""
    if not header:
        raise SignatureError(f"no {HEADER} header")
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError as exc:
                raise SignatureError(f"{HEADER}: t={value!r} is not a unix time") from exc
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise SignatureError(f"{HEADER}: expected t=<unix seconds>,v1=<hex>")
    age = (time.time() if now is None else now) - timestamp
    if abs(age) > tolerance:
        raise SignatureError(
            f"{HEADER}: signed {int(age)} s from now, over the {tolerance} s tolerance "
            "(a replayed request, or a clock that is off)"
        )
    expected = sign(secret, body, timestamp).partition(",v1=")[2]
    if not any(hmac.compare_digest(expected, c) for c in candidates):
        raise SignatureError(f"{HEADER}: the signature does not match the body and secret")
    return timestamp

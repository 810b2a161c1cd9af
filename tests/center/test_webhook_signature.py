"""The webhook signature a receiver checks (`aicc.center.webhook_signature`): HMAC-SHA256 over
the timestamp and the body, refused when tampered with, signed with another secret, or old."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from aicc.center.webhook_signature import SignatureError, sign, verify

SECRET = "whsec_abc"
BODY = b'{"delivery":"ndl_1","events":[]}'
T = 1_796_000_000


def test_the_signature_is_hmac_sha256_of_the_timestamp_a_dot_and_the_body() -> None:
    expected = hmac.new(SECRET.encode(), f"{T}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, BODY, T) == f"t={T},v1={expected}"
    assert verify(SECRET, sign(SECRET, BODY, T), BODY, now=T + 10) == T


@pytest.mark.parametrize(
    ("header", "body", "now", "message"),
    [
        (None, BODY, T, "no X-AICC-Signature header"),
        ("v1=00", BODY, T, "X-AICC-Signature: expected t=<unix seconds>,v1=<hex>"),
        ("t=soon,v1=00", BODY, T, "X-AICC-Signature: t='soon' is not a unix time"),
        (sign(SECRET, BODY, T), BODY + b" ", T, "the signature does not match the body and secret"),
        (sign("whsec_other", BODY, T), BODY, T, "the signature does not match the body and secret"),
        (sign(SECRET, BODY, T), BODY, T + 301, "signed 301 s from now, over the 300 s tolerance"),
        (sign(SECRET, BODY, T), BODY, T - 400, "signed -400 s from now, over the 300 s tolerance"),
    ],
)
def test_a_bad_or_old_signature_is_refused(
    header: str | None, body: bytes, now: int, message: str
) -> None:
    with pytest.raises(SignatureError, match=message.replace("(", r"\(").replace(")", r"\)")):
        verify(SECRET, header, body, now=now)


def test_a_header_with_several_signatures_passes_when_one_matches() -> None:
    # as when a secret is rolled over: the old and the new signature side by side
    good = sign(SECRET, BODY, T)
    assert verify(SECRET, f"t={T},v1={'0' * 64},{good.split(',')[1]}", BODY, now=T) == T

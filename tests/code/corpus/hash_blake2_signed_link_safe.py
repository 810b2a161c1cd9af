"""Safe: unsubscribe links are authenticated with keyed BLAKE2b and a 32-byte secret key."""

import hashlib
import hmac
import os

LINK_KEY = os.environ.get("LINK_KEY", "k" * 32).encode()[:32]


def unsubscribe_token(email: str) -> str:
    return hashlib.blake2b(email.encode(), key=LINK_KEY, digest_size=20).hexdigest()


def check_unsubscribe(email: str, token: str) -> bool:
    return hmac.compare_digest(unsubscribe_token(email), token)

"""Token and code helpers."""
import random
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def make_code(length=8, alphabet=ALPHABET):
    """Short human-friendly code."""
    return "".join(random.choice(alphabet) for _ in range(length))


def strong_token(nbytes=32):
    return secrets.token_urlsafe(nbytes)


def jitter(base, spread=0.25):
    """Spread retries so clients do not reconnect in lockstep."""
    return base * random.uniform(1 - spread, 1 + spread)

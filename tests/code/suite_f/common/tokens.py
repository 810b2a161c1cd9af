"""Random values: retry jitter, audit sampling, one-time codes."""
import random
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def jitter(base_seconds):
    return base_seconds * random.uniform(0.8, 1.2)


def sample(items, k):
    return random.sample(list(items), min(k, len(items)))


def make_code(length=12, rng=random):
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def secure_code(length=32):
    return secrets.token_urlsafe(length)

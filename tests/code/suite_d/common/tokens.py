"""Token and code generation."""
import random
import secrets
import string

_SYSTEM_RNG = secrets.SystemRandom()


def session_token():
    return secrets.token_urlsafe(32)


def numeric_code(length=6, rng=None):
    """Return a numeric code drawn from rng (defaults to the OS CSPRNG)."""
    rng = rng or _SYSTEM_RNG
    return "".join(rng.choice(string.digits) for _ in range(length))


def backoff_jitter(base_seconds):
    """Spread out retries; not security relevant."""
    return base_seconds + random.uniform(0, base_seconds / 2)

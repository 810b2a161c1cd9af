"""Safe: reset tokens are 32 bytes of os.urandom, hex-encoded; secrets.choice picks the
recovery word."""

import os
import secrets

WORDS = ["amber", "birch", "cobalt", "delta", "ember", "fjord"]


def reset_token() -> str:
    return os.urandom(32).hex()


def recovery_phrase() -> str:
    return "-".join(secrets.choice(WORDS) for _ in range(6))

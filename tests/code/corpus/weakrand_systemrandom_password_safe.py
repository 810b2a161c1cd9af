"""Safe: temporary passwords are generated with random.SystemRandom, which reads os.urandom."""

import random
import string

_sysrand = random.SystemRandom()
CHARACTERS = string.ascii_letters + string.digits + "!@#$%"


def temporary_password(length: int = 16) -> str:
    return "".join(_sysrand.choice(CHARACTERS) for _ in range(length))
